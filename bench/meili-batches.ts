// `npm run bench:meili-batches [-- --batches 60 --memory default,256Mb,2Gb]`
// Why the embedded Meilisearch servers get MEILI_MAX_INDEXING_MEMORY (src/embedded/meilisearch.ts):
// for each setting, a bare Meilisearch of its own on an empty folder, the gig index's settings, and
// one-document batches one after another, as the fresh tier receives new gigs. Prints how long
// each batch took from the request to its task succeeding.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { findMeilisearchBinary, waitUntilHealthy } from '../src/embedded/meilisearch.js';
import { indexDefinitions } from '../src/search/indexes.js';
import { freePort } from '../tests/support/ports.js';
import { stats, table } from './report.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '60' },
    memory: { type: 'string', default: 'default,256Mb,2Gb' },
  },
});
const KEY = 'bench-meili-batches-key-0123456789';

/** A gig document of the shape the fresh tier indexes (src/modules/gigs/gigs.documents.ts). */
const gigDocument = (i: number) => ({
  id: `bench-${i}`,
  title: `梁山县果园摘苹果，招${(i % 9) + 1}名工人`,
  description: '在果园采摘苹果，按天结算，提供午饭，工作时间8小时，欢迎年龄大的朋友。',
  skillNames: ['采摘'],
  address: '山东省济宁市梁山县拳铺镇',
  employerName: '梁山县果业合作社',
  skills: ['harvest_picking'],
  regionCodes: ['37', '3708', '370832'],
  status: 'OPEN',
  startsAt: Date.now() + 86_400_000 + i,
  postedAt: Date.now(),
  hourlyFen: 2500 + i,
  payUnit: 'DAY',
  olderFriendly: i % 2 === 0,
  publicWelfare: false,
  instant: i % 3 === 0,
  employerId: 'bench-employer',
  postXid: 1000 + i,
  _geo: { lat: 35.79 + i / 10_000, lng: 116.09 },
});

async function run(memory: string, batches: number): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lingong-meili-batches-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEILI_MASTER_KEY: KEY,
    MEILI_HTTP_ADDR: `127.0.0.1:${port}`,
    MEILI_NO_ANALYTICS: 'true',
    MEILI_LOG_LEVEL: 'WARN',
  };
  delete env.MEILI_MAX_INDEXING_MEMORY;
  if (memory !== 'default') env.MEILI_MAX_INDEXING_MEMORY = memory;
  const server: ChildProcess = spawn(
    findMeilisearchBinary(process.env.MEILI_BIN),
    ['--db-path', join(dir, 'data.ms')],
    {
      env,
      stdio: 'ignore',
    },
  );
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(url, server, 30_000);
    const meili = new Meilisearch({ host: url, apiKey: KEY });
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
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
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
