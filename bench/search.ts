// `npm run bench:search [-- --gigs 100000 --courses 3000 --requests 2000 --requests-single 500 --warmup 200 --posts 100 --reset]`
// Starts Lingong as `npm start` does (embedded servers on .data/bench, or DATABASE_URL / MEILI_URL),
// fills it to --gigs, then times the gigs query through the API against the same search sent
// straight to Meilisearch and through a bare Node front (bench/bare-front.ts), and the delay from
// postGig to searchable; then the same for the courses query (bench/courses.ts). Prints a README-ready report.
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/build.js';
import type { Database } from '../src/db/client.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { createSearch } from '../src/search/client.js';
import { readWatermark } from '../src/search/tiers.js';
import { startBareFront } from './bare-front.js';
import { loadBenchConfig } from './bench-config.js';
import { courseScenarios, ensureCourses } from './courses.js';
import { type GenerateResult, generateGigs } from './generate-gigs.js';
import { loadTowns } from './gig-generator.js';
import type { LoadJob, LoadResult } from './load-client.js';
import { postToSearchable } from './post-to-searchable.js';
import {
  frontTable,
  goalTable,
  latencyTable,
  median,
  postTable,
  type Run,
  stats,
  THROUGH,
} from './report.js';
import { scenarios } from './scenarios.js';

const { values } = parseArgs({
  options: {
    gigs: { type: 'string', default: '100000' },
    courses: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '2000' },
    'requests-single': { type: 'string', default: '500' },
    warmup: { type: 'string', default: '200' },
    posts: { type: 'string', default: '100' },
    reset: { type: 'boolean', default: false },
  },
});
const CONCURRENCY = [1, 32];

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  ((await db.execute<{ v: string | number }>(query)) as unknown as { v: string | number }[])[0]?.v;

/** One forked load-client process, reused for every run; its answers come back in order. */
function loadClient() {
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

const config = loadBenchConfig();
console.log(`Starting Lingong (${config.database.url ? 'DATABASE_URL' : `embedded, ${config.dataDir}`}) …`);
const app = await buildApp({ config });
const client = loadClient();
process.once('SIGINT', () => {
  client.close();
  void app.close().finally(() => process.exit(130));
});

let closeFront: (() => Promise<void>) | undefined;
try {
  const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const meili = {
    url: app.backing.meiliUrl,
    apiKey: app.backing.meiliKey,
    prefix: config.meili.indexPrefix,
    fresh: { url: app.backing.meiliFreshUrl, apiKey: app.backing.meiliKey },
  };
  const search = createSearch({ ...meili, timeoutMs: 60_000 });
  const front = await startBareFront(meili);
  closeFront = front.close;
  const wanted = Number(values.gigs);
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
  if (values.reset || live < wanted || (await indexed()) < live) {
    console.log(`${live} open gigs ahead, ${wanted} wanted: generating …`);
    generated = await generateGigs({ db: app.db, search, count: wanted, reset: values.reset });
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
  console.log(`Overdue offer timers run before measuring: ${caughtUp}`);

  const towns = await loadTowns(app.db);
  const tree = await createReferenceRepository(app.db).regionTree();
  const runs: Run[] = [];
  /** One row of the report: a scenario's searches through one engine, and the API process's CPU meanwhile. */
  const record = (
    scenario: string,
    clients: number,
    engine: keyof typeof THROUGH,
    result: { latencies: number[]; wallMs: number; hits: number[] },
    cpu: NodeJS.CpuUsage,
    searches: number,
  ) => {
    const run: Run = {
      scenario,
      clients,
      engine: THROUGH[engine],
      latency: stats(result.latencies),
      perSecond: result.latencies.length / (result.wallMs / 1000),
      medianHits: median(result.hits),
      apiCpuMs: (cpu.user + cpu.system) / 1000 / searches,
    };
    runs.push(run);
    console.log(
      `${run.scenario} × ${clients} via ${run.engine}: p50 ${run.latency.p50.toFixed(2)} ms, p99 ${run.latency.p99.toFixed(2)} ms, ${run.perSecond.toFixed(0)} req/s, API process CPU ${run.apiCpuMs.toFixed(2)} ms a search`,
    );
  };
  for (const scenario of scenarios(towns, tree)) {
    for (const clients of CONCURRENCY) {
      const count = Number(clients === 1 ? values['requests-single'] : values.requests);
      // Both engines get the very same searches, in the same order.
      const warmup = scenario.draw(Number(values.warmup), 7 * clients);
      const measured = scenario.draw(count, 11 * clients);
      const hitsBy = new Map<string, number[]>();
      // The measured searches go once straight to Meilisearch first, uncounted: whichever row ran
      // first would otherwise meet them cold while the later ones repeat them warm (in one run the
      // bare front, which sends the same requests after the Meilisearch row, beat it at p50).
      const primed = await client.run({
        engine: 'meili',
        apiUrl,
        meili,
        watermark: await readWatermark(app.db),
        concurrency: clients,
        warmup: [],
        measured,
      });
      if (!primed.ok) throw new Error(`${scenario.name}, ${clients} clients, priming: ${primed.error}`);
      for (const engine of ['meili', 'front', 'api'] as const) {
        const watermark = await readWatermark(app.db);
        front.setWatermark(watermark);
        // The API runs in this process; the clients in their own.
        const cpuBefore = process.cpuUsage();
        const result = await client.run({
          engine,
          apiUrl: engine === 'front' ? front.url : apiUrl,
          meili,
          watermark,
          concurrency: clients,
          warmup,
          measured,
        });
        const cpu = process.cpuUsage(cpuBefore);
        if (!result.ok) throw new Error(`${scenario.name}, ${clients} clients, ${engine}: ${result.error}`);
        hitsBy.set(engine, result.hits);
        record(
          `${scenario.key} ${scenario.name}`,
          clients,
          engine,
          result,
          cpu,
          warmup.length + measured.length,
        );
      }
      const viaMeili = hitsBy.get('meili') ?? [];
      for (const engine of ['front', 'api'] as const) {
        const differing = (hitsBy.get(engine) ?? []).filter((n, i) => n !== viaMeili[i]).length;
        if (differing > 0)
          console.log(
            `  ${differing} of ${count} totalCounts differ between ${THROUGH[engine]} and Meilisearch`,
          );
      }
    }
  }

  // Courses, in the same run: a few thousand in PostgreSQL and the `courses` index, then the two
  // course searches through the API and straight to Meilisearch (the request the API builds).
  const courseMarket = await ensureCourses({
    db: app.db,
    search,
    towns,
    wanted: Number(values.courses),
    now: app.clock.now(),
  });
  console.log(
    `Courses: ${courseMarket.inserted} inserted, ${courseMarket.documents} in the index (${courseMarket.seconds.toFixed(1)} s)`,
  );
  for (const scenario of courseScenarios(towns, tree)) {
    for (const clients of CONCURRENCY) {
      const count = Number(clients === 1 ? values['requests-single'] : values.requests);
      const warmup = scenario.draw(Number(values.warmup), 7 * clients);
      const measured = scenario.draw(count, 11 * clients);
      const base = { kind: 'courses' as const, apiUrl, meili, watermark: null, concurrency: clients };
      const primed = await client.run({ ...base, engine: 'meili', warmup: [], measured });
      if (!primed.ok) throw new Error(`${scenario.name}, ${clients} clients, priming: ${primed.error}`);
      for (const engine of ['meili', 'api'] as const) {
        const cpuBefore = process.cpuUsage();
        const result = await client.run({ ...base, engine, warmup, measured });
        const cpu = process.cpuUsage(cpuBefore);
        if (!result.ok) throw new Error(`${scenario.name}, ${clients} clients, ${engine}: ${result.error}`);
        record(
          `${scenario.key} ${scenario.name}`,
          clients,
          engine,
          result,
          cpu,
          warmup.length + measured.length,
        );
      }
    }
  }

  const postCount = Number(values.posts);
  console.log(`Posting ${postCount} gigs through postGig, one after another …`);
  const posts = await postToSearchable({
    apiUrl,
    db: app.db,
    // A new gig is searchable once the fresh tier has it (src/search/tiers.ts).
    meili: search.server('gigsFresh'),
    indexUid: search.uid('gigsFresh'),
    count: postCount,
  });

  const cpus = os.cpus();
  const facts = {
    meili: (await search.client.getVersion()).pkgVersion,
    postgres: String(await one(app.db, sql`select current_setting('server_version') as v`)),
    gigs: Number(await one(app.db, sql`select count(*) as v from gigs`)),
    live: await liveGigs(),
    documents: await indexed(),
  };
  const goals = goalTable(runs);
  const toSearchable = postTable(stats(posts.postMs), stats(posts.searchableMs));
  const lines = [
    '',
    '## Search benchmark',
    '',
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node ${process.version}, Meilisearch ${facts.meili}, PostgreSQL ${facts.postgres}; API, PostgreSQL, Meilisearch and the load clients (a separate process) all on this machine`,
    `- Market: ${facts.gigs} gigs in PostgreSQL (${facts.live} open and ahead), ${facts.documents} documents in ${search.uid('gigs')}; database pool ${config.database.poolSize}`,
    generated
      ? `- Generated this run: ${generated.inserted} gigs inserted in ${generated.insertSeconds.toFixed(1)} s; reindex of ${generated.documents} gigs in ${generated.reindexSeconds.toFixed(1)} s (${Math.round(generated.documents / generated.reindexSeconds)} docs/s)`
      : '- Generated this run: nothing (the market already had enough gigs; `--reset` regenerates)',
    `- Courses: ${courseMarket.documents} documents in ${search.uid('courses')} (${courseMarket.inserted} inserted this run); scenarios C and D are the courses query`,
    `- Each row: the measured searches sent once straight to Meilisearch first (uncounted, so no row meets them colder than another), then per engine ${values.warmup} warm-up searches and the measured ones; first: 20 with facets, as a client's gig list asks`,
    '',
    '### Latency of the gigs and courses queries',
    '',
    latencyTable(runs),
    '',
    '### Goal: API p99 ≤ 1.5 × Meilisearch p99 + 3 ms',
    '',
    goals.text,
    '',
    '### Not a goal: the least a Node front adds on this machine',
    '',
    "A bare `node:http` server in the same process takes the API's request, sends the same tier requests with the API's search client and answers the total alone (bench/bare-front.ts): no fastify, GraphQL, authentication, PostgreSQL read or page. Both CPU columns are the benchmark process's, which holds the front and the API, the idle one's background work included.",
    '',
    frontTable(runs),
    '',
    '### Post-to-searchable (postGig sent → id in Meilisearch)',
    '',
    toSearchable.text,
    '',
    `Meilisearch's own account of those ${postCount} indexing batches: median ${posts.batches.medianMs.toFixed(0)} ms each, of which "${posts.batches.slowestStep}" took a median ${posts.batches.slowestStepMedianMs.toFixed(0)} ms.`,
    '',
    `API overhead goal: ${goals.passed ? 'PASS' : 'FAIL'}; post-to-searchable goal: ${toSearchable.passed ? 'PASS' : 'FAIL'}`,
  ];
  console.log(lines.join('\n'));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  client.close();
  await closeFront?.();
  await app.close();
}
