// `npm run bench:meili-batches [-- --batches 60 --memory default,256Mb,2Gb]`
// Why the embedded Meilisearch servers get MEILI_MAX_INDEXING_MEMORY (src/embedded/meilisearch.ts):
// for each setting, a bare Meilisearch of its own on an empty folder, the gig index's settings, and
// one-document batches one after another, as the fresh tier receives new gigs. Prints how long
// each batch took from the request to its task succeeding.
import { parseArgs } from 'node:util';
import { indexDefinitions } from '../src/search/indexes.js';
import { gigDocument, startBareMeilisearch } from './meili-bare.js';
import { stats, table } from './report.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '60' },
    memory: { type: 'string', default: 'default,256Mb,2Gb' },
  },
});
async function run(memory: string, batches: number): Promise<number[]> {
  const bare = await startBareMeilisearch(memory);
  try {
    const { meili } = bare;
    const index = meili.index('gigs_fresh');
    await meili.createIndex('gigs_fresh', { primaryKey: 'id' }).waitTask();
    await index.updateSettings(indexDefinitions.gigsFresh.settings()).waitTask({ timeout: 60_000 });
    const took: number[] = [];
    for (let i = 0; i < batches; i++) {
      const sent = performance.now();
      await index.updateDocuments([gigDocument(i)]).waitTask({ interval: 5, timeout: 60_000 });
      took.push(performance.now() - sent);
    }
    return took;
  } finally {
    await bare.stop();
  }
}

const batches = Number(values.batches);
const rows: string[][] = [];
for (const memory of values.memory.split(',')) {
  console.log(`MEILI_MAX_INDEXING_MEMORY=${memory}: ${batches} one-document batches …`);
  const s = stats(await run(memory, batches));
  rows.push([memory, String(s.count), s.p50.toFixed(1), s.p99.toFixed(1), s.max.toFixed(1)]);
}
console.log(
  `\n${table(['MEILI_MAX_INDEXING_MEMORY', 'batches', 'p50 ms', 'p99 ms', 'max ms'], rows)}\n\nEach: the request sent → its task succeeded (polled every 5 ms), on a fresh server and index.`,
);
