// `npm run bench:meili-cities [-- --gigs 100000 --cities 16 --batch 100 --rounds 30 --memory 2Gb]`
// What SEARCH_GIG_INDEX=city costs Meilisearch's one queue (src/search/cities.ts): the bulk gig
// tier as one index of `--gigs` documents, against the same documents in one index per city (16:
// Shandong's prefecture-level cities), each on a bare Meilisearch of its own with the bulk
// server's indexing memory (2 GiB here: a quarter of the RAM, at most 2 GiB). After the load, each
// round is one bulk dispatcher batch: `--batch` gigs changed (their `filled` and status, as hires
// and fills change them), spread over the cities at random; one index gets one task, the cities
// one task per city the batch touches, sent together as the dispatcher sends them, and the round
// is timed from the first request to the last task succeeded (what the dispatcher waits for
// before its watermark rises). The province's peak hour sends one such batch every
// SEARCH_BULK_INTERVAL_MS (10 s) with about 50–100 gigs in it (docs/scale.md). Prints each layout's
// round p50/p99, its tasks per round, and Meilisearch's CPU per round (utime + stime from /proc).
import { parseArgs } from 'node:util';
import type { EnqueuedTaskPromise } from 'meilisearch';
import { groupBy } from '../src/collections.js';
import { indexDefinitions } from '../src/search/indexes.js';
import { treeTicks } from './cpu-share.js';
import { createRandom } from './gig-generator.js';
import { gigDocument, startBareMeilisearch } from './meili-bare.js';
import { stats, table } from './report.js';

const { values } = parseArgs({
  options: {
    gigs: { type: 'string', default: '100000' },
    cities: { type: 'string', default: '16' },
    batch: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '30' },
    memory: { type: 'string', default: '2Gb' },
  },
});
const GIGS = Number(values.gigs);
const CITIES = Number(values.cities);
const BATCH = Number(values.batch);
const ROUNDS = Number(values.rounds);
const LOAD_BATCH = 10_000;

const cityOf = (i: number) => i % CITIES;
const cityCode = (c: number) => String(3701 + c);
/** Each city a box of its own, about 100 km apart, the gigs spread over it. */
const placeOf = (i: number) => ({
  lat: 34.5 + Math.floor(cityOf(i) / 4) * 0.9 + ((i * 7) % 1000) / 1500,
  lng: 115.5 + (cityOf(i) % 4) * 1.1 + ((i * 13) % 1000) / 1200,
});
const documentOf = (i: number, filled = 0) => ({
  ...gigDocument(i, placeOf(i), cityCode(cityOf(i))),
  headcount: 3,
  filled,
  status: filled >= 3 ? 'FILLED' : 'OPEN',
});

/** CPU ms Meilisearch has used (utime + stime, ticks of 10 ms), from cpu-share.ts's reading of /proc. */
const cpuMs = (pid: number) => [...treeTicks(pid).values()].reduce((sum, ticks) => sum + ticks, 0) * 10;

type Layout = 'one index' | 'index per city';

async function run(layout: Layout) {
  const bare = await startBareMeilisearch(values.memory);
  try {
    const { meili } = bare;
    const uidOf = (i: number) => (layout === 'one index' ? 'gigs' : `gigs_city_${cityCode(cityOf(i))}`);
    // Gig i is in city i % CITIES: the first CITIES gigs name every index once.
    const uids = [...new Set(Array.from({ length: CITIES }, (_, i) => uidOf(i)))];
    for (const uid of uids) {
      await meili.createIndex(uid, { primaryKey: 'id' }).waitTask();
      await meili.index(uid).updateSettings(indexDefinitions.gigs.settings()).waitTask({ timeout: 120_000 });
    }
    const loadStarted = performance.now();
    for (let from = 0; from < GIGS; from += LOAD_BATCH) {
      const gigs = Array.from({ length: Math.min(GIGS, from + LOAD_BATCH) - from }, (_, k) => from + k);
      const tasks = [...groupBy(gigs, uidOf)].map(([uid, ids]) =>
        meili.index(uid).addDocuments(ids.map((i) => documentOf(i))),
      );
      for (const task of tasks) await task.waitTask({ timeout: 600_000, interval: 100 });
    }
    const loadS = (performance.now() - loadStarted) / 1000;

    const random = createRandom(29);
    const took: number[] = [];
    const tasksPerRound: number[] = [];
    const cpuBefore = cpuMs(bare.pid);
    for (let round = 0; round < ROUNDS; round++) {
      const changed = Array.from({ length: BATCH }, () => Math.floor(random.next() * GIGS));
      const batches = [...groupBy(changed, uidOf)].map(
        ([uid, ids]) => [uid, ids.map((i) => documentOf(i, 1 + (round % 3)))] as const,
      );
      const sent = performance.now();
      const tasks: EnqueuedTaskPromise[] = batches.map(([uid, docs]) =>
        meili.index(uid).addDocuments(docs, { primaryKey: 'id' }),
      );
      await Promise.all(tasks.map((task) => task.waitTask({ timeout: 120_000, interval: 10 })));
      took.push(performance.now() - sent);
      tasksPerRound.push(tasks.length);
    }
    const cpuPerRound = (cpuMs(bare.pid) - cpuBefore) / ROUNDS;
    return { took: stats(took), tasks: stats(tasksPerRound).p50, cpuPerRound, loadS };
  } finally {
    await bare.stop();
  }
}

const rows: string[][] = [];
for (const layout of ['one index', 'index per city'] as const) {
  console.log(`${layout}: ${GIGS} gigs loaded, then ${ROUNDS} rounds of ${BATCH} changed gigs …`);
  const r = await run(layout);
  rows.push([
    layout,
    layout === 'one index' ? '1' : String(CITIES),
    r.loadS.toFixed(0),
    String(ROUNDS),
    String(r.tasks),
    r.took.p50.toFixed(1),
    r.took.p99.toFixed(1),
    r.took.max.toFixed(1),
    r.cpuPerRound.toFixed(0),
  ]);
}
console.log(
  `\n${table(
    [
      'layout',
      'indexes',
      'load s',
      'rounds',
      'tasks per round (median)',
      'round p50 ms',
      'round p99 ms',
      'max ms',
      'Meilisearch CPU ms per round',
    ],
    rows,
  )}\n\nA round: ${BATCH} of ${GIGS} gigs changed, over ${CITIES} cities; from the first request to the last task succeeded (polled every 10 ms). Meilisearch ${values.memory} of indexing memory.`,
);
