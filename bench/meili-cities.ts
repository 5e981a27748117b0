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
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { EnqueuedTaskPromise } from 'meilisearch';
import { indexDefinitions } from '../src/search/indexes.js';
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

/** CPU seconds a process has used (utime + stime, /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Layout = 'one index' | 'index per city';

async function run(layout: Layout) {
  const bare = await startBareMeilisearch(values.memory);
  try {
    const { meili } = bare;
    const uidOf = (i: number) => (layout === 'one index' ? 'gigs' : `gigs_city_${cityCode(cityOf(i))}`);
    const uids =
      layout === 'one index'
        ? ['gigs']
        : Array.from({ length: CITIES }, (_, c) => `gigs_city_${cityCode(c)}`);
    for (const uid of uids) {
      await meili.createIndex(uid, { primaryKey: 'id' }).waitTask();
      await meili.index(uid).updateSettings(indexDefinitions.gigs.settings()).waitTask({ timeout: 120_000 });
    }
    const loadStarted = performance.now();
    for (let from = 0; from < GIGS; from += LOAD_BATCH) {
      const byIndex = new Map<string, ReturnType<typeof documentOf>[]>();
      for (let i = from; i < Math.min(GIGS, from + LOAD_BATCH); i++) {
        const uid = uidOf(i);
        const list = byIndex.get(uid) ?? [];
        list.push(documentOf(i));
        byIndex.set(uid, list);
      }
      const tasks = [...byIndex].map(([uid, docs]) => meili.index(uid).addDocuments(docs));
      for (const task of tasks) await task.waitTask({ timeout: 600_000, interval: 100 });
    }
    const loadS = (performance.now() - loadStarted) / 1000;

    const random = createRandom(29);
    const took: number[] = [];
    const tasksPerRound: number[] = [];
    const cpuBefore = cpuMs(bare.pid);
    for (let round = 0; round < ROUNDS; round++) {
      const byIndex = new Map<string, ReturnType<typeof documentOf>[]>();
      for (let k = 0; k < BATCH; k++) {
        const i = Math.floor(random.next() * GIGS);
        const list = byIndex.get(uidOf(i)) ?? [];
        list.push(documentOf(i, 1 + (round % 3)));
        byIndex.set(uidOf(i), list);
      }
      const sent = performance.now();
      const tasks: EnqueuedTaskPromise[] = [...byIndex].map(([uid, docs]) =>
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
