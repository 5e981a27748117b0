// bench:province: one market (county- or province-sized) built from nothing: its own PostgreSQL and
// Meilisearch in its own data folder, the market written by COPY, the search indexes rebuilt as
// `npm run reindex` rebuilds them (timed), the API started as `npm start` starts it, and an app in
// this process whose services the sweeps and the fold are timed through.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { buildApp } from '../src/build.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { readTaxonomy, seedReferenceData } from '../src/db/seed/reference.js';
import { createGigDocuments } from '../src/modules/gigs/gigs.documents.js';
import { createGigsRepository } from '../src/modules/gigs/gigs.repository.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { createCertificatesRepository } from '../src/modules/workers/certificates.repository.js';
import { createWorkerDocuments } from '../src/modules/workers/workers.documents.js';
import { createWorkersRepository } from '../src/modules/workers/workers.repository.js';
import { projectRoot } from '../src/paths.js';
import { readCityExtents } from '../src/search/cities.js';
import { rebuildCityIndexes, rebuildIndex } from '../src/search/reindex.js';
import { createPiiVault } from '../src/security/pii-vault.js';
import { freePort, startApi, startBacking } from './harness.js';
import { benchEmployer, graphql } from './offers-market.js';
import { drainQueues } from './province-drain.js';
import { marketTowns, writeEmployers, writeGigs, writeHistory, writeWorkers } from './province-market.js';
import type { Market } from './province-measure.js';
import { HOME_COUNTY, provinceCounties, writeStations } from './province-regions.js';
import { removeWorkCopies } from './province-work.js';

export const JWT_SECRET = 'province-jwt-secret-0123456789abcdef0123456789';
const PII_KEY = 'province-pii-key-0123456789abcdef0123456789ab';
export const CELL_KM = 1;

export type Size = {
  name: 'county' | 'province';
  counties: number;
  workers: number;
  gigs: number;
  historyDays: number;
  historyGigsPerDay: number;
  /** The bulk gig tier: one index (a county's), or one per city (SEARCH_GIG_INDEX=city). */
  gigIndex: 'one' | 'city';
  stationsPerCounty: number;
  employersPerCounty: number;
};

/** Phase times, seconds, in the order run. */
/** Whether nothing listens on `port` (127.0.0.1) now. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

export type Phases = [string, number][];

/** What to stop on the way out, newest last: filled as each server or process starts. */
export const running: (() => Promise<unknown>)[] = [];

export async function buildMarket(
  size: Size,
  log: Logger,
  phases: Phases,
  reuse = false,
  /** The API's Meilisearch timeout (MEILI_QUERY_TIMEOUT_MS): production's unless a busy machine needs more. */
  meiliTimeoutMs = 1500,
) {
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    const result = await run();
    const seconds = (performance.now() - began) / 1000;
    phases.push([`${size.name}: ${name}`, seconds]);
    console.log(`  ${size.name}: ${name} in ${seconds.toFixed(1)} s`);
    return result;
  };
  const dataDir = join(projectRoot, '.data', 'bench-province', size.name);
  const prefix = `prov_${size.name}`;
  // The fresh tier's Meilisearch listens on meiliPort + 1: PostgreSQL's port must not be that one.
  let meiliPort = await freePort();
  while (!(await portFree(meiliPort + 1))) meiliPort = await freePort();
  let pgPort = await freePort();
  while (pgPort === meiliPort + 1) pgPort = await freePort();
  const backing = await phase('PostgreSQL and Meilisearch started', () =>
    startBacking({ dataDir, pgPort, meiliPort, prefix, log, keep: reuse }),
  );
  running.push(() => Promise.allSettled([backing.pg.stop(), backing.meili.stop()]));
  await runMigrations(backing.databaseUrl);
  const { sql: client, db } = createDatabase(backing.databaseUrl, {
    max: 4,
    applicationName: 'bench-province',
  });
  await seedReferenceData(db);
  // A reused market's Meilisearch may first finish what the last run left queued (its peak hour's
  // documents): the settings' tasks wait behind them, longer than one wait's 5 s.
  for (let attempt = 1; ; attempt++) {
    try {
      await backing.search.prepare(await readTaxonomy());
      break;
    } catch (error) {
      if (!reuse || attempt >= 60 || !String(error).includes('timeout')) throw error;
      console.log(`  ${size.name}: Meilisearch still busy with queued tasks, waiting (${attempt})`);
    }
  }
  const cities = size.gigIndex === 'city';
  /** The city indexes of the bulk gig tier, from PostgreSQL, as `npm run reindex -- gigs` builds them. */
  async function cityIndexes() {
    const reference = createReferenceRepository(db);
    const gigsRepository = createGigsRepository(db);
    return phase('gigs city indexes built (reindex, batches of 5,000)', async () => {
      const built = await rebuildCityIndexes({
        search: backing.search,
        taxonomy: await readTaxonomy(),
        source: { ...gigsRepository, build: createGigDocuments({ gigs: gigsRepository, reference }) },
        tree: await reference.regionTree(),
        db,
      });
      console.log(`  ${size.name}: ${built.documents} gigs in ${built.cities.length} city indexes`);
      return built;
    });
  }
  async function generate() {
    const now = new Date();
    const counties = await provinceCounties(
      db,
      size.counties,
      size.name === 'county' ? HOME_COUNTY : undefined,
    );
    await writeStations(db, counties, size.stationsPerCounty);
    const employers = await writeEmployers(db, towns, size.employersPerCounty);
    const vault = createPiiVault(PII_KEY);
    const hireable = await phase(`${size.workers} workers by COPY`, () =>
      writeWorkers({ client, towns, count: size.workers, seed: 29, vault, now, hireableEvery: 4 }),
    );
    await phase(`${size.gigs} live gigs by COPY`, () =>
      writeGigs({ db, client, towns, employers, count: size.gigs, seed: 2029 }),
    );
    const written = await phase(`${size.historyDays} days of history`, () =>
      writeHistory({
        db,
        days: size.historyDays,
        gigsPerDay: size.historyGigsPerDay,
        // Three employers a county: the history writer looks up each one's city (fewer is quicker, as many hires).
        employerIds: employers.filter((_, i) => i % size.employersPerCounty < 3).map((e) => e.id),
        workerIds: hireable,
        now,
      }),
    );
    await phase('vacuum (analyze)', () => db.execute(sql`vacuum (analyze)`));

    const reference = createReferenceRepository(db);
    const taxonomy = await readTaxonomy();
    const gigsRepository = createGigsRepository(db);
    const workersRepository = createWorkersRepository(db);
    const reindexGigs = cities
      ? await cityIndexes()
      : await phase('gigs index rebuilt (reindex, batches of 5,000)', () =>
          rebuildIndex({
            search: backing.search,
            name: 'gigs',
            taxonomy,
            source: { ...gigsRepository, build: createGigDocuments({ gigs: gigsRepository, reference }) },
          }),
        );
    const reindexWorkers = await phase('workers index rebuilt (reindex, batches of 5,000)', () =>
      rebuildIndex({
        search: backing.search,
        name: 'workers',
        taxonomy,
        source: {
          ...workersRepository,
          build: createWorkerDocuments({
            workers: workersRepository,
            certificates: createCertificatesRepository(db),
            reference,
            cellKm: CELL_KM,
          }),
        },
      }),
    );

    return { history: written, indexed: { gigs: reindexGigs.documents, workers: reindexWorkers.documents } };
  }
  const counties = await provinceCounties(
    db,
    size.counties,
    size.name === 'county' ? HOME_COUNTY : undefined,
  );
  const towns = await marketTowns(db, counties);
  let history: Awaited<ReturnType<typeof writeHistory>> | 'reused' = 'reused';
  let indexed: { gigs: number; workers: number } | 'reused' = 'reused';
  if (!reuse) {
    ({ history, indexed } = await generate());
  } else {
    // An earlier run's instant gigs are still being dispatched (their offers expire and the next
    // wave goes out): left alone, the sweeps and waves timed here would be that backlog's, not the
    // run's. Their dispatch ends and their pending offers expire, as if the earlier run had closed.
    await db.execute(sql`update gig_dispatch set state = 'DONE' where state <> 'DONE'`);
    await db.execute(sql`update offers set status = 'EXPIRED' where status = 'PENDING'`);
    // The earlier runs' copied hires (bench/province-work.ts) go too, and then the vacuum a build
    // ends with: an earlier peak hour folded today's statistics every few seconds, leaving dead
    // versions of those rows that autovacuum (20 % of a large table) had not reached, and the
    // timed fold, whose upserts meet today's rows, read them: 5,920 buffers of region_fill_minutes
    // against 3,760 after a vacuum (bench/province-fold-explain.ts).
    // A market built with one bulk index (or by an older bench) gets its city indexes, once.
    if (cities) {
      const have = new Set(
        (await backing.search.client.getIndexes({ limit: 1000 })).results.map((i) => i.uid),
      );
      const known = await readCityExtents(db);
      if (known.length === 0 || known.some((e) => !have.has(backing.search.cityUid(e.city))))
        await cityIndexes();
    }
    await phase("earlier runs' copied hires removed, vacuum (analyze)", async () => {
      const removed = await removeWorkCopies({ db });
      console.log(`  ${size.name}: ${removed} copied hires of earlier runs removed`);
      await db.execute(sql`vacuum (analyze)`);
    });
  }
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: backing.databaseUrl,
    MEILI_URL: backing.meiliUrl,
    MEILI_FRESH_URL: backing.meiliFreshUrl,
    MEILI_MASTER_KEY: backing.masterKey,
    MEILI_INDEX_PREFIX: prefix,
    SEED_DEMO: 'false',
    JWT_SECRET,
    PII_KEY,
    METRICS_TOKEN: 'province-metrics-token-0123456789abcdef',
    ADMIN_PHONE: '13900000029',
    ADMIN_PASSWORD: 'province-admin-password-1',
    MUTATION_RATE_LIMIT: '1000000',
    AUTH_RATE_LIMIT_MAX: '100000',
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    LOCATION_CELL_KM: String(CELL_KM),
    OFFER_FAN_OUT: '100',
    MEILI_QUERY_TIMEOUT_MS: String(meiliTimeoutMs),
    SEARCH_GIG_INDEX: size.gigIndex,
  };
  // The timed sweeps run only when the bench says: every timer of this in-process app is at its longest.
  const app = await buildApp({
    config: loadConfig({
      ...env,
      DATA_DIR: join(dataDir, 'inproc'),
      OFFER_SWEEP_MS: '60000',
      GIG_SWEEP_MS: '3600000',
      WORK_SWEEP_MS: '3600000',
      STATS_FOLD_MS: '3600000',
    }),
    logger: false,
  });
  running.push(() => app.close());
  const api = await phase('API started', () => startApi({ backing, dataDir, prefix, env }));
  running.push(() => api.stop());
  await phase("outbox and Meilisearch's queues drained", async () => {
    const left = await drainQueues(db, [
      { url: backing.meiliUrl, apiKey: backing.masterKey },
      { url: backing.meiliFreshUrl, apiKey: backing.masterKey },
    ]);
    console.log(`  ${size.name}: ${left.outbox} outbox rows and ${left.tasks} Meilisearch tasks waited for`);
  });
  const gql = graphql(api.url);
  const employer = await benchEmployer(db, gql);
  const market: Market = {
    name: size.name,
    dataDir,
    db,
    app,
    search: backing.search,
    apiUrl: api.url,
    apiPid: api.pid,
    gql,
    employer,
    cities,
    meili: {
      url: backing.meiliUrl,
      apiKey: backing.masterKey,
      prefix,
      fresh: { url: backing.meiliFreshUrl, apiKey: backing.masterKey },
    },
  };
  const counts = (
    (await db.execute(sql`select (select count(*)::int from workers) as workers,
      (select count(*)::int from gigs where status = 'OPEN' and starts_at > now()) as live_gigs,
      (select count(*)::int from engagements) as hires, (select count(*)::int from payments) as payments,
      (select count(*)::int from stations) as stations,
      (select count(*)::int from regions where level = 'county' and code like '37%') as counties`)) as unknown as Record<
      string,
      number
    >[]
  )[0];
  return {
    market,
    towns,
    facts: {
      ...counts,
      history,
      indexed,
    },
  };
}
