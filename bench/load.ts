// `npm run bench:load [-- --seconds 300 --closed-seconds 60 --hello-seconds 30 --rate N --connections 32 --gigs 20000]`
// The hardening issue's load test. Starts its own PostgreSQL and Meilisearch (.data/bench-load,
// wiped at every run), runs the API as its own process as `npm start` does (production mode), and
// drives it from a separate client process (bench/mix-client.ts) in these phases:
//   1. fastify's own hello-world (bench/hello-world.ts, its own process): the machine's yardstick;
//   2. kiosk listings alone (the kiosk page's own board request, answered from the board cache),
//      the same asked again with If-None-Match as a kiosk's browser does (304s), then the same
//      answer from a bare node:http server (bench/bare-board.ts): the floor;
//   3. the mixed workload (kiosk listings 70 %, worker searches 20 %, posts 5 %, accepts and
//      profile reads 5 %) in a closed loop for --closed-seconds: the most the API answers;
//   4. without --rate, a search for the sustained rate: short open-loop runs (--probe-seconds) for
//      the highest rate whose p99 stays under the goal with no errors;
//   5. the mixed workload in an open loop at that rate (or --rate) for --seconds, latency counted
//      from when each request was due (bench/mix-loops.ts); the API's RSS is read every second.
// Phases 1 to 3 run on --connections keep-alive connections, closed loops. Prints a README-ready
// report, with the cores each process used, and writes the raw numbers to .data/bench-load/load.json.
import { type ChildProcess, fork, type Serializable } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { request } from 'undici';
import { createDatabase } from '../src/db/client.js';
import { KIOSK_QUERIES } from '../src/kiosk/persisted-queries.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { projectPath } from '../src/paths.js';
import { coresOf, cpuBetween, cpuSample } from './cpu-share.js';
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
import { GOALS, loadReport, type Measured } from './load-report.js';
import type { KioskRequest, MixPhase, PhaseResult } from './mix-client.js';
import { benchEmployer, CENTRE, createRandom, graphql, seedWorkers, waitIndexed } from './offers-market.js';
import { scenarios } from './scenarios.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    'closed-seconds': { type: 'string', default: '60' },
    'hello-seconds': { type: 'string', default: '30' },
    /** The sustained run's rate, requests a second; unset: searched for. */
    rate: { type: 'string' },
    'probe-seconds': { type: 'string', default: '15' },
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
const CLOSED_SECONDS = Number(values['closed-seconds']);
const PROBE_SECONDS = Number(values['probe-seconds']);
/** Open-loop runs of the search; it stops sooner once the rates it brackets are 5 % apart. */
const PROBES = 6;
const HELLO_SECONDS = Number(values['hello-seconds']);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const DATA_DIR = projectPath('.data/bench-load');
const PREFIX = 'lingong';
const JWT_SECRET = 'bench-load-jwt-secret-0123456789abcdef0123456789ab';
const ADMIN = { phone: '13900000009', password: 'bench-admin-password-1' };
const MIX = { kiosk: 70, search: 20, post: 5, accept: 5 };
const log = pino({ level: 'warn' });

/** The kiosk page's own request for its board: a GET of the persisted query's hash, as public/kiosk/kiosk.js sends it. */
const kioskBoardRequest = (token: string): KioskRequest => ({
  method: 'GET',
  path: `/graphql?${new URLSearchParams({
    persisted: 'true',
    query: KIOSK_QUERIES.KioskBoard.hash,
    variables: JSON.stringify({ after: null }),
  })}`,
  headers: { 'accept-encoding': 'gzip, deflate, br', authorization: `Bearer ${token}` },
});
const code = codeVersion();

/** The client process: one phase per message, its numbers in the answer. */
function mixClient() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./mix-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return {
    pid: child.pid ?? 0,
    run: (phase: MixPhase) =>
      new Promise<PhaseResult>((resolve, reject) => {
        const exited = (exit: number | null) =>
          reject(new Error(`the load client exited (${exit}) mid-phase`));
        child.once('exit', exited);
        child.once('message', (m: { ok: true; result: PhaseResult } | { ok: false; error: string }) => {
          child.off('exit', exited);
          if (m.ok) resolve(m.result);
          else reject(new Error(`the load client failed: ${m.error}`));
        });
        child.send(phase);
      }),
    close: () => child.connected && child.disconnect(),
  };
}

/**
 * A yardstick server as its own process on a free port: fastify's hello-world, or the bare
 * node:http server of one board answer (bench/bare-board.ts), which it is sent first.
 */
async function yardstick(file: 'hello-world.ts' | 'bare-board.ts', answer?: unknown) {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL(`./${file}`, import.meta.url)), [String(port)], {
    execArgv: ['--import', 'tsx'],
  });
  if (answer) child.send(answer as Serializable);
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (exit) => reject(new Error(`${file} exited (${exit}) while starting`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    close: () => child.connected && child.disconnect(),
  };
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
let hello: Awaited<ReturnType<typeof yardstick>> | undefined;
let bare: Awaited<ReturnType<typeof yardstick>> | undefined;
const { shutdown, stopping } = shutdownOnSignals(
  'the client, the API, PostgreSQL and Meilisearch',
  async () => {
    client.close();
    hello?.close();
    bare?.close();
    await api?.stop();
    await db.sql.end({ timeout: 5 });
    await Promise.allSettled([backing.pg.stop(), backing.meili.stop()]);
  },
);

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
    token: sign({
      sub: w.accountId,
      role: 'WORKER',
      wid: w.id,
      eid: null,
      typ: 'access',
      sid: w.accountId,
      ver: 0,
    }) as string,
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

  /** A phase run by the client, with the cores each process used meanwhile. */
  const measured = async (run: MixPhase, serverPid: number): Promise<Measured> => {
    const before = cpuSample();
    const result = await client.run(run);
    const after = cpuSample();
    const server = coresOf(before, after, serverPid);
    const clientCores = coresOf(before, after, client.pid);
    const { ours, others } = cpuBetween(before, after);
    return { ...result, cpu: { server, client: clientCores, backing: ours - server - clientCores, others } };
  };
  const said = (r: Measured) =>
    console.log(
      `  ${r.perSecond.toFixed(0)} req/s, p50 ${ms(r.latency.p50)} ms, p99 ${ms(r.latency.p99)} ms, ${r.errors} errors; cores: server ${r.cpu.server.toFixed(2)}, client ${r.cpu.client.toFixed(2)}, others ${r.cpu.others.toFixed(2)}`,
    );

  hello = await yardstick('hello-world.ts');
  console.log(`Phase 1: fastify hello-world, ${HELLO_SECONDS} s on ${CONNECTIONS} connections …`);
  const helloRun = await measured(phase('hello-world', hello.url, HELLO_SECONDS, { hello: 1 }), hello.pid);
  hello.close();
  said(helloRun);

  console.log(`Phase 2: kiosk listings alone, ${HELLO_SECONDS} s …`);
  const listingRun = await measured(phase('kiosk listings', api.url, HELLO_SECONDS, { kiosk: 1 }), apiPid);
  said(listingRun);

  console.log(
    `Phase 2a: kiosk listings asked again with If-None-Match, as a browser does, ${HELLO_SECONDS} s …`,
  );
  const revalidatedRun = await measured(
    { ...phase('kiosk listings, revalidated (304)', api.url, HELLO_SECONDS, { kiosk: 1 }), revalidate: true },
    apiPid,
  );
  said(revalidatedRun);

  // One board answer as the API sends it, from a server that does nothing else: the floor.
  const sample = await request(`${api.url}${kiosks[0]?.path}`, { headers: kiosks[0]?.headers });
  const sampleBody = Buffer.from(await sample.body.arrayBuffer());
  const sampleHeaders = Object.fromEntries(
    Object.entries(sample.headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
  );
  bare = await yardstick('bare-board.ts', { headers: sampleHeaders, body: sampleBody.toString('base64') });
  console.log(`Phase 2b: the same board answer from a bare node:http server, ${HELLO_SECONDS} s …`);
  const bareRun = await measured(
    phase('kiosk listings, bare node:http', bare.url, HELLO_SECONDS, { kiosk: 1 }),
    bare.pid,
  );
  bare.close();
  said(bareRun);

  console.log(`Phase 3: the mixed workload, closed loop (saturated), ${CLOSED_SECONDS} s …`);
  const closedRun = await measured(phase('mixed, saturated', api.url, CLOSED_SECONDS, MIX), apiPid);
  said(closedRun);

  const probes: Measured[] = [];
  let rate = Number(values.rate ?? 0);
  if (!rate) {
    // Rates in steps of 10 req/s: `good` passed (p99 under the goal, no errors), `bad` did not.
    const step = (x: number) => Math.max(10, Math.round(x / 10) * 10);
    let good = 0;
    let bad = step(closedRun.perSecond * 1.1);
    let next = step(closedRun.perSecond * 0.6);
    for (let i = 0; i < PROBES && bad - good > Math.max(10, bad * 0.05); i++) {
      console.log(`Phase 4: rate search, ${next} req/s in an open loop for ${PROBE_SECONDS} s …`);
      const probe = await measured(
        { ...phase(`probe ${next}/s`, api.url, PROBE_SECONDS, MIX), warmupSeconds: 3, rate: next },
        apiPid,
      );
      said(probe);
      probes.push(probe);
      if (probe.latency.p99 < GOALS.p99Ms && probe.errors === 0) good = next;
      else bad = next;
      next = step((good + bad) / 2);
      if (next === good || next === bad) break;
    }
    // No rate passed: the sustained run is at the lowest one tried, and says so.
    rate = good || Math.min(...probes.map((p) => p.rate ?? 0));
  }

  console.log(`Phase 5: the mixed workload, open loop at ${rate} req/s, ${SECONDS} s …`);
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(memoryOf(apiPid).rss), 1000);
  const sustainedRun = await measured(
    { ...phase('mixed, sustained rate', api.url, SECONDS, MIX), rate },
    apiPid,
  );
  clearInterval(sampler);
  sustainedRun.rss = rss;
  said(sustainedRun);
  const peak = memoryOf(apiPid).peak;

  const outcome = await db.db.execute<{ posted: number; hires: number; oversold: number }>(sql`
    select (select count(*) from gigs where created_at > now() - make_interval(secs => ${SECONDS + WARMUP + 5}))::int as posted,
           (select count(*) from engagements)::int as hires,
           (select count(*) from gigs where filled > headcount)::int as oversold`);
  const facts = (outcome as unknown as { posted: number; hires: number; oversold: number }[])[0];

  const cpus = os.cpus();
  const { lines, goals } = loadReport({
    header: [
      '',
      '## Load benchmark',
      '',
      `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}; ${code}`,
      `- API (production mode, pool ${values.pool}), PostgreSQL, Meilisearch, hello-world and the client process all on this machine; ${CONNECTIONS} keep-alive connections, ${WARMUP} s warm-up before each phase (3 s before a probe)`,
      `- Market: ${values.gigs} generated gigs (a kiosk's board answer: 100 gigs, ${(listingRun.boardBytes / 1024).toFixed(1)} KiB gzipped), ${workers.length} welders (${workers.length} sockets open for offers), ${employers.length} employers, ${kiosks.length} station kiosks`,
    ],
    hello: helloRun,
    listing: listingRun,
    revalidated: revalidatedRun,
    bare: bareRun,
    closed: closedRun,
    probes,
    sustained: sustainedRun,
    peak,
    facts,
  });
  console.log(lines.join('\n'));
  const out = join(DATA_DIR, 'load.json');
  await writeFile(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), code, values, helloRun, listingRun, revalidatedRun, bareRun, closedRun, probes, sustainedRun, peak, facts, goals }, null, 2)}\n`,
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
