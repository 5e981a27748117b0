// `npm run bench:load [-- --seconds 300 --hello-seconds 30 --connections 32 --gigs 20000]`
// The hardening issue's load test. Starts its own PostgreSQL and Meilisearch (.data/bench-load,
// wiped at every run), runs the API as its own process as `npm start` does (production mode), and
// drives it from a separate client process (bench/mix-client.ts) in three phases on the same
// keep-alive connections:
//   1. fastify's own hello-world (bench/hello-world.ts, its own process): the machine's yardstick;
//   2. kiosk listings alone (the kiosk page's own board request, answered from the board cache);
//   3. the mixed workload: kiosk listings 70 %, worker searches 20 %, posts 5 %, accepts and
//      profile reads 5 %, for --seconds; the API's RSS is read from /proc every second.
// Prints a README-ready report and writes the raw numbers to .data/bench-load/load.json.
import { type ChildProcess, fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { KIOSK_QUERIES } from '../src/kiosk/persisted-queries.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { projectPath } from '../src/paths.js';
import { generateGigs } from './generate-gigs.js';
import { loadTowns } from './gig-generator.js';
import {
  type Api,
  codeVersion,
  freePort,
  memoryOf,
  shutdownOnSignals,
  sleep,
  startApi,
  startBacking,
} from './harness.js';
import type { KioskRequest, MixPhase, OpKind, PhaseResult } from './mix-client.js';
import { benchEmployer, CENTRE, createRandom, graphql, seedWorkers, waitIndexed } from './offers-market.js';
import { stats, table } from './report.js';
import { scenarios } from './scenarios.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    'hello-seconds': { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    gigs: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '300' },
    employers: { type: 'string', default: '60' },
    stations: { type: 'string', default: '4' },
    pool: { type: 'string', default: '10' },
    /** Writes a V8 CPU profile of the API to .data/bench-load/profiles when it stops. */
    'api-cpu-prof': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const HELLO_SECONDS = Number(values['hello-seconds']);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const DATA_DIR = projectPath('.data/bench-load');
const PREFIX = 'lingong';
const JWT_SECRET = 'bench-load-jwt-secret-0123456789abcdef0123456789ab';
const ADMIN = { phone: '13900000009', password: 'bench-admin-password-1' };
const MIX = { kiosk: 70, search: 20, post: 5, accept: 5 };
const GOALS = { listingShare: 0.6, p99Ms: 50 };
const log = pino({ level: 'warn' });

/** The kiosk page's own request for its board: the persisted query's hash, as public/kiosk/kiosk.js sends it. */
const kioskBoardRequest = (token: string): KioskRequest => ({
  method: 'POST',
  path: '/graphql',
  headers: {
    'content-type': 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    authorization: `Bearer ${token}`,
  },
  body: JSON.stringify({ persisted: true, query: KIOSK_QUERIES.KioskBoard.hash, variables: { after: null } }),
});
const code = codeVersion();

/** The client process: one phase per message, its numbers in the answer. */
function mixClient() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./mix-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return {
    run: (phase: MixPhase) =>
      new Promise<PhaseResult>((resolve, reject) => {
        child.once('message', (m: { ok: true; result: PhaseResult } | { ok: false; error: string }) =>
          m.ok ? resolve(m.result) : reject(new Error(`the load client failed: ${m.error}`)),
        );
        child.once('exit', (exit) => reject(new Error(`the load client exited (${exit}) mid-phase`)));
        child.send(phase);
      }),
    close: () => child.connected && child.disconnect(),
  };
}

/** Fastify's hello-world as its own process, on a free port. */
async function helloWorld() {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./hello-world.ts', import.meta.url)), [String(port)], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (exit) => reject(new Error(`hello-world exited (${exit}) while starting`)));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.connected && child.disconnect() };
}

const backing = await startBacking({
  dataDir: DATA_DIR,
  pgPort: 54359,
  meiliPort: 7730,
  prefix: PREFIX,
  log,
});
const db = createDatabase(backing.databaseUrl, { max: 4, applicationName: 'bench-load' });
const client = mixClient();
let api: Api | undefined;
let hello: Awaited<ReturnType<typeof helloWorld>> | undefined;
const { shutdown, stopping } = shutdownOnSignals(
  'the client, the API, PostgreSQL and Meilisearch',
  async () => {
    client.close();
    hello?.close();
    await api?.stop();
    await db.sql.end({ timeout: 5 });
    await Promise.allSettled([backing.pg.stop(), backing.meili.stop()]);
  },
);

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
try {
  console.log('Starting the API as its own process (production mode) …');
  api = await startApi({
    backing,
    dataDir: DATA_DIR,
    prefix: PREFIX,
    nodeArgs: values['api-cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', join(DATA_DIR, 'profiles')] : [],
    env: {
      DATABASE_POOL_SIZE: values.pool,
      JWT_SECRET,
      PII_KEY: 'bench-load-pii-key-0123456789abcdef0123456789abc',
      ADMIN_PHONE: ADMIN.phone,
      ADMIN_PASSWORD: ADMIN.password,
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      AUTH_RATE_LIMIT_MAX: '100000',
    },
  });
  const apiPid = api.pid;
  const gql = graphql(api.url);

  console.log(
    `Filling the market: ${values.gigs} gigs, ${values.workers} welders, ${values.employers} employers …`,
  );
  const random = createRandom(20_261_130);
  await generateGigs({ db: db.db, search: backing.search, count: Number(values.gigs) });
  const workers = await seedWorkers(db.db, Number(values.workers), { first: 0, random });
  await waitIndexed(db.db, backing.search, workers.length);
  const sign = createSigner({ key: JWT_SECRET, algorithm: 'HS256', expiresIn: 3 * 3_600_000 });
  const workerTokens = workers.map((w) => ({
    id: w.id,
    token: sign({ sub: w.accountId, role: 'WORKER', wid: w.id, eid: null, typ: 'access' }) as string,
  }));
  const employers: string[] = [];
  for (let i = 0; i < Number(values.employers); i++)
    employers.push((await benchEmployer(db.db, gql, i)).token);

  // Job stations with a kiosk each, in the counties the generated gigs are in.
  const { login } = await gql<{ login: { token: string } }>(
    'mutation ($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }',
    ADMIN,
  );
  const towns = await loadTowns(db.db);
  const kiosks: KioskRequest[] = [];
  for (let i = 0; i < Number(values.stations); i++) {
    const town = i === 0 ? { ...CENTRE, countyCode: '370832', name: '梁山' } : towns[(i * 7) % towns.length];
    if (!town) break;
    const { createStation } = await gql<{ createStation: { id: string } }>(
      'mutation ($input: CreateStationInput!) { createStation(input: $input) { id } }',
      {
        input: {
          name: `${town.name}就业驿站${i + 1}`,
          regionCode: town.countyCode,
          location: { lat: town.lat, lng: town.lng },
          address: `${town.name}便民服务中心`,
        },
      },
      login.token,
    );
    const { issueKioskToken } = await gql<{ issueKioskToken: { token: string } }>(
      'mutation ($stationId: ID!) { issueKioskToken(stationId: $stationId, label: "大厅一号机") { token } }',
      { stationId: createStation.id },
      login.token,
    );
    kiosks.push(kioskBoardRequest(issueKioskToken.token));
  }

  const tree = await createReferenceRepository(db.db).regionTree();
  const [textSearch, filterSearch] = scenarios(towns, tree);
  const searches = [...(textSearch?.draw(500, 1) ?? []), ...(filterSearch?.draw(500, 2) ?? [])];
  const phase = (name: string, url: string, seconds: number, mix: MixPhase['mix']): MixPhase => ({
    name,
    url,
    seconds,
    warmupSeconds: WARMUP,
    connections: CONNECTIONS,
    mix,
    kiosks,
    searches,
    workers: workerTokens,
    employers,
    instantEverySeconds: 1.5,
  });

  hello = await helloWorld();
  console.log(`Phase 1: fastify hello-world, ${HELLO_SECONDS} s on ${CONNECTIONS} connections …`);
  const helloRun = await client.run(phase('hello-world', hello.url, HELLO_SECONDS, { hello: 1 }));
  hello.close();
  console.log(`  ${helloRun.perSecond.toFixed(0)} req/s, p99 ${ms(helloRun.latency.p99)} ms`);

  console.log(`Phase 2: kiosk listings alone, ${HELLO_SECONDS} s …`);
  const listingRun = await client.run(phase('kiosk listings', api.url, HELLO_SECONDS, { kiosk: 1 }));
  console.log(`  ${listingRun.perSecond.toFixed(0)} req/s, p99 ${ms(listingRun.latency.p99)} ms`);

  console.log(`Phase 3: the mixed workload, ${SECONDS} s …`);
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(memoryOf(apiPid).rss), 1000);
  const mixedRun = await client.run(phase('mixed', api.url, SECONDS, MIX));
  clearInterval(sampler);
  const peak = memoryOf(apiPid).peak;

  const outcome = await db.db.execute<{ posted: number; hires: number; oversold: number }>(sql`
    select (select count(*) from gigs where created_at > now() - make_interval(secs => ${SECONDS + 60}))::int as posted,
           (select count(*) from engagements)::int as hires,
           (select count(*) from gigs where filled > headcount)::int as oversold`);
  const facts = (outcome as unknown as { posted: number; hires: number; oversold: number }[])[0];

  const share = listingRun.perSecond / helloRun.perSecond;
  const sustained = stats(mixedRun.perSecondSeries);
  const goals = {
    listing: share >= GOALS.listingShare,
    p99: mixedRun.latency.p99 < GOALS.p99Ms,
    errors: mixedRun.errors === 0 && listingRun.errors === 0,
  };
  const cpus = os.cpus();
  const kindRow = (kind: OpKind, s: NonNullable<PhaseResult['byKind'][OpKind]>) => [
    kind,
    String(s.count),
    `${((100 * s.count) / mixedRun.requests).toFixed(1)} %`,
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    String(s.errors),
    Object.entries(s.outcomes)
      .map(([k, n]) => `${k} ${n}`)
      .join(', '),
  ];
  const lines = [
    '',
    '## Load benchmark',
    '',
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}; ${code}`,
    `- API (production mode, pool ${values.pool}), PostgreSQL, Meilisearch, hello-world and the client process all on this machine; ${CONNECTIONS} keep-alive connections, closed loop, ${WARMUP} s warm-up before each phase`,
    `- Market: ${values.gigs} generated gigs (a kiosk's board answer: 100 gigs, ${(listingRun.boardBytes / 1024).toFixed(1)} KiB gzipped), ${workers.length} welders (${workers.length} sockets open for offers), ${employers.length} employers, ${kiosks.length} station kiosks`,
    '',
    '| Phase | seconds | requests | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|---|---|',
    ...[helloRun, listingRun, mixedRun].map(
      (r) =>
        `| ${r.name} | ${r.seconds} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${r.errors} |`,
    ),
    '',
    `Mixed workload by kind (offers pushed to the sockets: ${mixedRun.offersReceived}; gigs posted ${facts?.posted}, hires ${facts?.hires}, oversold gigs ${facts?.oversold}):`,
    '',
    table(
      ['kind', 'requests', 'share', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'outcomes'],
      (Object.entries(mixedRun.byKind) as [OpKind, NonNullable<PhaseResult['byKind'][OpKind]>][]).map(
        ([k, s]) => kindRow(k, s),
      ),
    ),
    '',
    `Sustained: req/s per second of the mixed run, min ${sustained.p50 === undefined ? '' : Math.min(...mixedRun.perSecondSeries)}, median ${sustained.p50}, max ${sustained.max}. API RSS during the run: median ${mib(stats(rss).p50)}, max ${mib(Math.max(...rss))}, peak (VmHWM) ${mib(peak)}.`,
    '',
    `Goals: cached listing ≥ ${GOALS.listingShare * 100} % of hello-world: ${(share * 100).toFixed(0)} % ${goals.listing ? 'PASS' : 'FAIL'}; mixed p99 < ${GOALS.p99Ms} ms: ${ms(mixedRun.latency.p99)} ms ${goals.p99 ? 'PASS' : 'FAIL'}; no errors: ${goals.errors ? 'PASS' : `FAIL (${mixedRun.errors + listingRun.errors}: ${[...listingRun.errorSamples, ...mixedRun.errorSamples].slice(0, 5).join('; ')})`}`,
  ];
  console.log(lines.join('\n'));
  const out = join(DATA_DIR, 'load.json');
  await writeFile(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), code, values, helloRun, listingRun, mixedRun, rss, peak, facts, goals }, null, 2)}\n`,
  );
  console.log(`Raw numbers: ${out}`);
} catch (error) {
  if (!stopping()) {
    console.error(error);
    if (api) console.error(`API log: ${api.logFile}`);
  }
  process.exitCode = 1;
} finally {
  await sleep(100);
  await shutdown();
}
