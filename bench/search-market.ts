// One market of `npm run bench:search`: the API (in this process) on its own data folder, filled to
// the market's size by the generator, its gig searches timed through the API, straight to
// Meilisearch and through a bare Node front, alternating in rounds; then, if asked, the course
// searches and the delay from postGig to searchable. bench/search.ts runs one per market and prints.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { buildApp } from '../src/build.js';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { createSearch } from '../src/search/client.js';
import { freshTierNeeded, readTierState } from '../src/search/tiers.js';
import { startBareFront } from './bare-front.js';
import { courseScenarios, ensureCourses } from './courses.js';
import { type GenerateResult, generateGigs } from './generate-gigs.js';
import { loadTowns } from './gig-generator.js';
import type { LoadJob, LoadResult } from './load-client.js';
import { postToSearchable } from './post-to-searchable.js';
import { median, type Run, type Stats, stats, THROUGH } from './report.js';
import { scenarios } from './scenarios.js';

type App = Awaited<ReturnType<typeof buildApp>>;

export type MarketOptions = {
  /** The market's name in the report (3k, 100k). */
  name: string;
  gigs: number;
  /** 0: no course rows in this market. */
  courses: number;
  clients: number[];
  requests: number;
  requestsSingle: number;
  warmup: number;
  /** Each row's measured searches are split into this many slices, the engines taking turns by slice. */
  rounds: number;
  posts: number;
  /** Where to write a V8 CPU profile of this process for each API job (the API runs here), if anywhere. */
  apiCpuProf?: string;
  reset: boolean;
};

export type MarketResult = {
  name: string;
  runs: Run[];
  generated?: GenerateResult;
  courses?: { documents: number; inserted: number };
  posts?: {
    post: Stats;
    searchable: Stats;
    batchMedianMs: number;
    slowestStep: string;
    slowestStepMs: number;
  };
  facts: {
    gigs: number;
    live: number;
    documents: number;
    freshDocuments: number;
    /** Of the gig rows, how many found the fresh tier holding nothing above the watermark (one request a search). */
    bulkAloneRows: { of: number; alone: number };
    meili: string;
    postgres: string;
  };
};

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  ((await db.execute<{ v: string | number }>(query)) as unknown as { v: string | number }[])[0]?.v;

/** One forked load-client process, reused for every run; its answers come back in order. */
export function loadClient() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const run = (job: LoadJob) =>
    new Promise<LoadResult>((resolve, reject) => {
      const died = (code: number | null) => reject(new Error(`load client exited (${code}) mid-run`));
      child.once('exit', died);
      child.once('message', (result) => {
        child.off('exit', died);
        resolve(result as LoadResult);
      });
      child.send(job);
    });
  return { run, close: () => child.connected && child.disconnect() };
}
export type LoadClient = ReturnType<typeof loadClient>;

/** `items` cut into `n` slices of (nearly) equal length, in order. */
const slices = <T>(items: T[], n: number): T[][] =>
  Array.from({ length: n }, (_, i) =>
    items.slice(Math.floor((i * items.length) / n), Math.floor(((i + 1) * items.length) / n)),
  );

type Row = { latencies: number[]; hits: number[]; wallMs: number; cpuMicros: number; searches: number };

/**
 * One scenario at one concurrency through every engine, alternating: the measured searches cut into
 * `rounds` slices, and each slice sent through each engine in turn (each slice with its own short
 * warm-up: a job opens new connections). On a shared machine a burst of someone else's work then
 * falls on every engine's rows alike rather than on one row. Returns each engine's concatenation.
 */
async function alternate<E extends LoadJob['engine']>(options: {
  client: LoadClient;
  engines: readonly E[];
  rounds: number;
  warmup: LoadJob['warmup'];
  measured: LoadJob['measured'];
  job: (engine: E) => Omit<LoadJob, 'warmup' | 'measured'>;
  /** Runs each job; the API's may be profiled (apiProfiler). */
  around?: (engine: E, run: () => Promise<LoadResult>) => Promise<LoadResult>;
}): Promise<Map<E, Row>> {
  const rows = new Map<E, Row>(
    options.engines.map((e) => [e, { latencies: [], hits: [], wallMs: 0, cpuMicros: 0, searches: 0 }]),
  );
  const warmups = slices(options.warmup, options.rounds);
  for (const [round, measured] of slices(options.measured, options.rounds).entries()) {
    for (const engine of options.engines) {
      const warmup = warmups[round] ?? [];
      const job = options.job(engine);
      const cpuBefore = process.cpuUsage();
      const run = () => options.client.run({ ...job, warmup, measured });
      const result = await (options.around ? options.around(engine, run) : run());
      const cpu = process.cpuUsage(cpuBefore);
      if (!result.ok) throw new Error(`${engine}, round ${round + 1}: ${result.error}`);
      const row = rows.get(engine);
      if (!row) continue;
      row.latencies.push(...result.latencies);
      row.hits.push(...result.hits);
      row.wallMs += result.wallMs;
      row.cpuMicros += cpu.user + cpu.system;
      row.searches += warmup.length + measured.length;
    }
  }
  return rows;
}

/**
 * With a folder, a V8 CPU profile of this process (where the API runs) for every API job, sampled
 * every 100 µs, written as <label>.cpuprofile: the API's own work, without the generator's, the
 * other engines' rows or the idle API's. `npx tsx bench/profile-summary.ts <folder>/*.cpuprofile`.
 */
async function apiProfiler(dir: string | undefined) {
  if (!dir) return undefined;
  await mkdir(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  let n = 0;
  return async (label: string, run: () => Promise<LoadResult>) => {
    await session.post('Profiler.start');
    try {
      return await run();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      n += 1;
      await writeFile(
        join(dir, `${String(n).padStart(3, '0')} ${label}.cpuprofile`),
        JSON.stringify(profile),
      );
    }
  };
}

export async function measureMarket(options: {
  app: App;
  config: Config;
  client: LoadClient;
  market: MarketOptions;
}): Promise<MarketResult> {
  const { app, config, client, market } = options;
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const meili = {
    url: app.backing.meiliUrl,
    apiKey: app.backing.meiliKey,
    prefix: config.meili.indexPrefix,
    fresh: { url: app.backing.meiliFreshUrl, apiKey: app.backing.meiliKey },
  };
  const search = createSearch({ ...meili, timeoutMs: 60_000 });
  const front = await startBareFront(meili);
  const profile = await apiProfiler(market.apiCpuProf && join(market.apiCpuProf, market.name));
  try {
    const liveGigs = async () =>
      Number(
        await one(app.db, sql`select count(*) as v from gigs where status = 'OPEN' and starts_at > now()`),
      );
    const indexed = async () => (await search.index('gigs').getStats()).numberOfDocuments;

    // The bulk index gets the last run's posts in its own time (src/search/tiers.ts): send them now,
    // or a market that has every gig would look short of them and be generated and reindexed again.
    await app.outbox.drain(120_000);
    let generated: GenerateResult | undefined;
    const live = await liveGigs();
    if (market.reset || live < market.gigs || (await indexed()) < live) {
      console.log(`[${market.name}] ${live} open gigs ahead, ${market.gigs} wanted: generating …`);
      generated = await generateGigs({ db: app.db, search, count: market.gigs, reset: market.reset });
    }

    // The timers that came due while the API was down (instant gigs of earlier runs' posts, matched
    // again) run at start, in one burst: they are run here first, so no row times that catch-up.
    let caughtUp = 0;
    for (let round = 0; round < 100; round++) {
      const { dispatched } = await app.services.hiring.sweep();
      caughtUp += dispatched;
      if (dispatched === 0) break;
    }
    await app.services.hiring.drain();
    await app.outbox.drain(60_000);
    console.log(`[${market.name}] overdue offer timers run before measuring: ${caughtUp}`);

    const towns = await loadTowns(app.db);
    const tree = await createReferenceRepository(app.db).regionTree();
    const runs: Run[] = [];
    const record = (scenario: string, clients: number, engine: keyof typeof THROUGH, row: Row) => {
      const run: Run = {
        scenario,
        clients,
        engine: THROUGH[engine],
        latency: stats(row.latencies),
        perSecond: row.latencies.length / (row.wallMs / 1000),
        medianHits: median(row.hits),
        apiCpuMs: row.cpuMicros / 1000 / row.searches,
      };
      runs.push(run);
      console.log(
        `[${market.name}] ${run.scenario} × ${clients} via ${run.engine}: p50 ${run.latency.p50.toFixed(2)} ms, p99 ${run.latency.p99.toFixed(2)} ms, ${run.perSecond.toFixed(0)} req/s, API process CPU ${run.apiCpuMs.toFixed(2)} ms a search`,
      );
    };
    const countFor = (clients: number) => (clients === 1 ? market.requestsSingle : market.requests);

    const bulkAloneRows = { of: 0, alone: 0 };
    for (const scenario of scenarios(towns, tree)) {
      for (const clients of market.clients) {
        const count = countFor(clients);
        // Every engine gets the very same searches, in the same order.
        const warmup = scenario.draw(market.warmup, 7 * clients);
        const measured = scenario.draw(count, 11 * clients);
        const tiers = await readTierState(app.db);
        front.setTiers(tiers);
        bulkAloneRows.of += 1;
        if (!freshTierNeeded(tiers)) bulkAloneRows.alone += 1;
        // The measured searches go once straight to Meilisearch first, uncounted, so that no
        // engine meets them colder than another.
        const base = { apiUrl, meili, tiers, concurrency: clients };
        const primed = await client.run({ ...base, engine: 'meili', warmup: [], measured });
        if (!primed.ok) throw new Error(`${scenario.name}, ${clients} clients, priming: ${primed.error}`);
        const rows = await alternate({
          client,
          engines: ['meili', 'front', 'api'] as const,
          rounds: market.rounds,
          warmup,
          measured,
          job: (engine) => ({ ...base, engine, apiUrl: engine === 'front' ? front.url : apiUrl }),
          around: (engine, run) =>
            profile && engine === 'api' ? profile(`${scenario.key} x${clients}`, run) : run(),
        });
        for (const [engine, row] of rows) record(`${scenario.key} ${scenario.name}`, clients, engine, row);
        const viaMeili = rows.get('meili')?.hits ?? [];
        for (const engine of ['front', 'api'] as const) {
          const differing = (rows.get(engine)?.hits ?? []).filter((n, i) => n !== viaMeili[i]).length;
          if (differing > 0)
            console.log(
              `  ${differing} of ${count} totalCounts differ between ${THROUGH[engine]} and Meilisearch`,
            );
        }
      }
    }

    // Courses: a few thousand in PostgreSQL and the `courses` index, then the two course searches
    // through the API and straight to Meilisearch (the request the API builds).
    let courses: MarketResult['courses'];
    if (market.courses > 0) {
      const made = await ensureCourses({
        db: app.db,
        search,
        towns,
        wanted: market.courses,
        now: app.clock.now(),
      });
      courses = { documents: made.documents, inserted: made.inserted };
      console.log(
        `[${market.name}] courses: ${made.inserted} inserted, ${made.documents} in the index (${made.seconds.toFixed(1)} s)`,
      );
      for (const scenario of courseScenarios(towns, tree)) {
        for (const clients of market.clients) {
          const warmup = scenario.draw(market.warmup, 7 * clients);
          const measured = scenario.draw(countFor(clients), 11 * clients);
          const base = { kind: 'courses' as const, apiUrl, meili, tiers: null, concurrency: clients };
          const primed = await client.run({ ...base, engine: 'meili', warmup: [], measured });
          if (!primed.ok) throw new Error(`${scenario.name}, ${clients} clients, priming: ${primed.error}`);
          const rows = await alternate({
            client,
            engines: ['meili', 'api'] as const,
            rounds: market.rounds,
            warmup,
            measured,
            job: (engine) => ({ ...base, engine }),
          });
          for (const [engine, row] of rows) record(`${scenario.key} ${scenario.name}`, clients, engine, row);
        }
      }
    }

    let posts: MarketResult['posts'];
    if (market.posts > 0) {
      console.log(`[${market.name}] posting ${market.posts} gigs through postGig, one after another …`);
      const posted = await postToSearchable({
        apiUrl,
        db: app.db,
        // A new gig is searchable once the fresh tier has it (src/search/tiers.ts).
        meili: search.server('gigsFresh'),
        indexUid: search.uid('gigsFresh'),
        count: market.posts,
      });
      posts = {
        post: stats(posted.postMs),
        searchable: stats(posted.searchableMs),
        batchMedianMs: posted.batches.medianMs,
        slowestStep: posted.batches.slowestStep,
        slowestStepMs: posted.batches.slowestStepMedianMs,
      };
    }

    const facts = {
      meili: (await search.client.getVersion()).pkgVersion,
      postgres: String(await one(app.db, sql`select current_setting('server_version') as v`)),
      gigs: Number(await one(app.db, sql`select count(*) as v from gigs`)),
      live: await liveGigs(),
      documents: await indexed(),
      freshDocuments: (await search.index('gigsFresh').getStats()).numberOfDocuments,
      bulkAloneRows,
    };
    return { name: market.name, runs, generated, courses, posts, facts };
  } finally {
    await front.close();
    await search.close();
  }
}
