// `npm run bench:province [-- --workers 1000000 --gigs 300000 --counties 136 --load-seconds 180]`
// A province-sized market (1M registered workers in 136 counties, 300k live gigs, ~400 stations,
// weeks of history) measured against a county-sized one (10k workers, 10k gigs, one county) built
// the same way in the same run, each in its own data folder with its own PostgreSQL, Meilisearch
// and API process. Both are measured by the same drivers, alternating: post → first offer, the
// matching statement (timed, and its plan), listing search through the API against Meilisearch,
// each sweep job's function once, the statistics fold of the same new day, the API's RSS and the
// servers' disk; then the province's peak hour for a few minutes (bench/province-load.ts).
// Prints a table (figure, county, province, ratio, goal, PASS/FAIL) and writes the raw JSON.
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { writeMarketHistory } from '../src/demo/market-history.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { projectRoot } from '../src/paths.js';
import { marketDay } from '../src/time.js';
import { codeVersion, memoryOf, shutdownOnSignals } from './harness.js';
import type { LoadJob, LoadResult } from './load-client.js';
import { buildMarket, CELL_KM, JWT_SECRET, type Phases, running, type Size } from './province-build.js';
import { peakHour } from './province-load.js';
import {
  diskOf,
  type Market,
  matchingStatement,
  postAndFirstOffer,
  searchJob,
  sweeps,
  timedFold,
} from './province-measure.js';
import { HOME_COUNTY } from './province-regions.js';
import { stats } from './report.js';
import { scenarios } from './scenarios.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '1000000' },
    gigs: { type: 'string', default: '300000' },
    counties: { type: 'string', default: '136' },
    'county-workers': { type: 'string', default: '10000' },
    'county-gigs': { type: 'string', default: '10000' },
    'history-days': { type: 'string', default: '14' },
    posts: { type: 'string', default: '30' },
    searches: { type: 'string', default: '300' },
    'load-seconds': { type: 'string', default: '180' },
    /** Measure the markets an earlier run built (same sizes), without building them again. */
    reuse: { type: 'boolean', default: false },
  },
});
const began = performance.now();
const log = pino({ level: 'warn' });
const phases: Phases = [];
const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await run();
  phases.push([name, (performance.now() - started) / 1000]);
  console.log(`${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};
const workers = Number(values.workers);
const countyWorkers = Number(values['county-workers']);
const historyDays = Number(values['history-days']);
// History in proportion to the market: 100 gigs a day for 10k workers (about 175 hires).
const perDay = (w: number) => Math.max(20, Math.round((w / 10_000) * 100));
const sizes: Size[] = [
  {
    name: 'county',
    counties: 1,
    workers: countyWorkers,
    gigs: Number(values['county-gigs']),
    historyDays,
    historyGigsPerDay: perDay(countyWorkers),
    stationsPerCounty: 3,
    employersPerCounty: 20,
  },
  {
    name: 'province',
    counties: Number(values.counties),
    workers,
    gigs: Number(values.gigs),
    historyDays,
    historyGigsPerDay: perDay(workers),
    stationsPerCounty: 3,
    employersPerCounty: 20,
  },
];

// Ctrl-C (or a failure) stops every server and process started so far, newest first.
const { shutdown } = shutdownOnSignals('the APIs, PostgreSQL and Meilisearch', async () => {
  for (const stop of running.reverse()) await stop().catch(() => {});
});
const built = [];
try {
  for (const size of sizes) built.push(await buildMarket(size, log, phases, values.reuse));
} catch (error) {
  await shutdown();
  throw error;
}
const [county, province] = built as [(typeof built)[0], (typeof built)[0]];
const markets: [Market, Market] = [county.market, province.market];
const client = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
});
const runSearch = (job: LoadJob) =>
  new Promise<LoadResult>((resolve) => {
    client.once('message', (result) => resolve(result as LoadResult));
    client.send(job);
  });
const raw: Record<string, unknown> = {
  version: codeVersion(),
  sizes,
  facts: { county: county.facts, province: province.facts },
};
type Row = {
  figure: string;
  county: number;
  province: number;
  goal: string;
  pass: boolean | null;
  unit: string;
};
const rows: Row[] = [];
const ratioRow = (figure: string, unit: string, c: number, p: number, limit = 1.5) =>
  rows.push({ figure, unit, county: c, province: p, goal: `≤ ${limit}× county`, pass: p <= limit * c });
const infoRow = (figure: string, unit: string, c: number, p: number) =>
  rows.push({ figure, unit, county: c, province: p, goal: '—', pass: null });

try {
  // Catch-up first, untimed as a per-request figure: the whole history's deltas folded, what is due swept.
  await phase('first fold of the history, and first sweeps', async () => {
    for (const m of markets) {
      const fold = await timedFold(m);
      const swept = await sweeps(m);
      raw[`${m.name}.firstFold`] = fold;
      raw[`${m.name}.firstSweeps`] = swept;
    }
  });

  const posted: Record<string, { gigId: string; ms: number }[]> = { county: [], province: [] };
  await phase('post → first offer, alternating', async () => {
    const posts = Number(values.posts);
    for (let i = 0; i < posts; i++) {
      for (const m of markets) posted[m.name]?.push(await postAndFirstOffer(m, i, 1000 + i));
    }
  });
  const firstOffer = markets.map((m) => stats((posted[m.name] ?? []).map((p) => p.ms)));
  ratioRow('post → first offer p99', 'ms', firstOffer[0]?.p99 ?? 0, firstOffer[1]?.p99 ?? 0);
  ratioRow('post → first offer p50', 'ms', firstOffer[0]?.p50 ?? 0, firstOffer[1]?.p50 ?? 0);
  raw.firstOffer = { county: posted.county, province: posted.province };

  const matching = await phase('matching statement, timed and explained', async () => {
    const out = [];
    for (const m of markets)
      out.push(await matchingStatement(m, posted[m.name]?.[0]?.gigId ?? '', 30, CELL_KM));
    return out;
  });
  const matchStats = matching.map((m) => stats(m.times));
  ratioRow('matching statement p99', 'ms', matchStats[0]?.p99 ?? 0, matchStats[1]?.p99 ?? 0);
  ratioRow('matching statement p50', 'ms', matchStats[0]?.p50 ?? 0, matchStats[1]?.p50 ?? 0);
  raw.matching = matching.map((m, i) => ({ ...m, market: markets[i]?.name, stats: matchStats[i] }));

  // Listing search: the same queries in both markets, around the county both share.
  const searchRows = await phase('listing search, API and Meilisearch, alternating', async () => {
    const towns = county.towns.filter((t) => t.countyCode === HOME_COUNTY);
    const tree = await createReferenceRepository(county.market.db).regionTree();
    const n = Number(values.searches);
    const out: Record<string, Record<string, number[]>> = {};
    for (const scenario of scenarios(towns, tree)) {
      const searches = { warmup: scenario.draw(50, 7), measured: scenario.draw(n, 11) };
      for (const m of markets) {
        for (const engine of ['meili', 'api'] as const) {
          const key = `${scenario.key} ${scenario.name}`;
          out[key] ??= {};
          (out[key] as Record<string, number[]>)[`${m.name} ${engine}`] = await searchJob(
            m,
            engine,
            searches,
            runSearch,
          );
        }
      }
    }
    return out;
  });
  for (const [scenario, byRun] of Object.entries(searchRows)) {
    const p99 = (key: string) => stats(byRun[key] ?? []).p99;
    ratioRow(`search ${scenario}: API p99`, 'ms', p99('county api'), p99('province api'));
    infoRow(`search ${scenario}: Meilisearch p99`, 'ms', p99('county meili'), p99('province meili'));
    const limit = 1.5 * p99('province meili') + 3;
    rows.push({
      figure: `search ${scenario}: API p99 against 1.5 × Meili p99 + 3 ms (province)`,
      unit: 'ms',
      county: p99('county api'),
      province: p99('province api'),
      goal: `province ≤ ${limit.toFixed(1)}`,
      pass: p99('province api') <= limit,
    });
  }
  raw.search = searchRows;

  const sweepRuns = await phase('sweeps, 5 rounds alternating', async () => {
    const out: Record<string, Record<string, number[]>> = {};
    for (let round = 0; round < 5; round++) {
      for (const m of markets) {
        for (const [name, { ms }] of Object.entries(await sweeps(m))) {
          const byMarket = out[name] ?? {};
          byMarket[m.name] = [...(byMarket[m.name] ?? []), ms];
          out[name] = byMarket;
        }
      }
    }
    return out;
  });
  for (const [name, byMarket] of Object.entries(sweepRuns)) {
    ratioRow(
      `${name}, median of 5`,
      'ms',
      stats(byMarket.county ?? []).p50,
      stats(byMarket.province ?? []).p50,
    );
  }
  raw.sweeps = sweepRuns;

  // The fold of the same work: one more day of market, 100 gigs, written before the earliest day in both.
  const folds = await phase('fold of one new day (100 gigs) in each', async () => {
    const out = [];
    for (const m of markets) {
      const earliest = await m.db.execute<{ v: string }>(sql`select min(starts_at)::text as v from gigs`);
      const fromDay = marketDay(new Date(Date.parse(String(earliest[0]?.v)) - 86_400_000));
      const employerIds = (
        await m.db.execute<{ id: string }>(
          sql`select id from employers where region_code = ${HOME_COUNTY} limit 20`,
        )
      ).map((r) => r.id);
      const workerIds = (
        await m.db.execute<{ id: string }>(
          sql`select id from workers where home_region_code = ${HOME_COUNTY} limit 2000`,
        )
      ).map((r) => r.id);
      await m.db.transaction((tx) =>
        writeMarketHistory(
          { fromDay, days: 1, gigsPerDay: 100, employerIds, workerIds, now: new Date(), seed: 0.29 },
          tx,
        ),
      );
      out.push(await timedFold(m));
    }
    return out;
  });
  ratioRow(
    `statistics fold of one new day (${folds[0]?.waiting} / ${folds[1]?.waiting} deltas)`,
    'ms',
    folds[0]?.ms ?? 0,
    folds[1]?.ms ?? 0,
  );
  raw.folds = folds;

  const rss = markets.map((m) => memoryOf(m.apiPid).rss / 2 ** 20);
  infoRow('API RSS', 'MiB', rss[0] ?? 0, rss[1] ?? 0);
  const disks = markets.map((m) => diskOf(m.dataDir));
  infoRow('PostgreSQL disk', 'MiB', (disks[0]?.postgres ?? 0) / 2 ** 20, (disks[1]?.postgres ?? 0) / 2 ** 20);
  infoRow(
    'Meilisearch disk (both tiers + workers)',
    'MiB',
    (disks[0]?.meilisearch ?? 0) / 2 ** 20,
    (disks[1]?.meilisearch ?? 0) / 2 ** 20,
  );
  raw.rss = rss;
  raw.disks = disks;

  // The peak hour on the province, with the per-request figures taken again meanwhile.
  const underLoad: number[] = [];
  const load = await phase('province peak hour', () =>
    peakHour(province.market, province.towns, Number(values['load-seconds']), JWT_SECRET, async () => {
      const towns = county.towns.filter((t) => t.countyCode === HOME_COUNTY);
      const tree = await createReferenceRepository(county.market.db).regionTree();
      const [scenarioA] = scenarios(towns, tree);
      const searches = { warmup: [], measured: scenarioA?.draw(Number(values.searches), 13) ?? [] };
      // A degraded answer (Meilisearch timed out, PostgreSQL answered) fails the job: recorded, not thrown.
      try {
        underLoad.push(...(await searchJob(province.market, 'api', searches, runSearch)));
      } catch (error) {
        raw.loadSearchError = String(error).slice(0, 500);
      }
    }),
  );
  const loadOffer = stats(load.firstOfferMs);
  ratioRow(
    'under the peak hour: post → first offer p99 (county: quiet)',
    'ms',
    firstOffer[0]?.p99 ?? 0,
    loadOffer.p99,
  );
  const quietA = Object.entries(searchRows).find(([k]) => k.startsWith('A'))?.[1]?.['county api'] ?? [];
  ratioRow(
    'under the peak hour: search A API p99 (county: quiet)',
    'ms',
    stats(quietA).p99,
    stats(underLoad).p99,
  );
  raw.load = { ...load, firstOffer: loadOffer, search: stats(underLoad) };
  const rssAfter = memoryOf(province.market.apiPid).rss / 2 ** 20;
  infoRow('API RSS after the peak hour', 'MiB', rss[0] ?? 0, rssAfter);
} finally {
  client.disconnect();
  await shutdown();
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log(`\nbench:province, ${raw.version}: county ${JSON.stringify(county.facts)}`);
console.log(`province ${JSON.stringify(province.facts)}`);
console.log(`peak hour: ${JSON.stringify(raw.load)}\n`);
console.log('| figure | unit | county | province | ratio | goal | result |\n|---|---|---|---|---|---|---|');
for (const r of rows) {
  const ratio = r.county > 0 ? `${(r.province / r.county).toFixed(2)}×` : '—';
  console.log(
    `| ${r.figure} | ${r.unit} | ${fmt(r.county)} | ${fmt(r.province)} | ${ratio} | ${r.goal} | ${r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL'} |`,
  );
}
console.log('\nPhases:');
for (const [name, seconds] of phases) console.log(`  ${name}: ${seconds.toFixed(1)} s`);
const total = (performance.now() - began) / 1000;
console.log(`  total: ${total.toFixed(0)} s (${(total / 60).toFixed(1)} min)`);
for (const m of raw.matching as { market: string; plan: string; indexes: string[]; seqScans: string[] }[]) {
  console.log(
    `\nMatching statement plan, ${m.market} (indexes: ${m.indexes.join(', ')}; seq scans: ${m.seqScans.join(', ') || 'none'}):\n${m.plan}`,
  );
}
const out = join(projectRoot, '.data', 'bench-province', 'result.json');
await writeFile(out, JSON.stringify({ rows, phases, total, ...raw }, null, 2));
console.log(`\nraw figures: ${out}`);
process.exit(0);
