// `npm run bench:offers [-- --sizes 1000 --rounds 3 --clients 4 --pool 10 --accept-via socket,graphql --strict]`
// Instant hire against the machine's floor, in one run. Starts its own PostgreSQL and Meilisearch
// (.data/bench-offers, wiped at every run; ports derived from that folder, or --pg-port and
// --meili-port), runs the API as its own process (`node --import tsx src/server.ts`, as `npm
// start`) so its RSS can be read from /proc, and beside it the bare floor (bench/bare-server.ts, a
// bare socket.io and `node:http` server, in its own process too), and holds the workers' sockets
// of both in the same forked client processes. At each size (1k sockets by default; `--sizes
// 1000,5000,10000` for the larger ones) it alternates, round after round, the bare row and the
// API's row of each measure: a wave of headcount 10 × fan-out 100 = 1,000 offers (bare: a POST
// that emits them; API: postGig → its first wave; and a third row, bare + durable write: a POST
// that writes and commits the wave's offer rows, then emits, as the at-most-once rule demands of
// the API; diagnostic, no goal), then 1,000 accepts racing for that wave (bare:
// each answered at once; API: 10 seats), over GraphQL and over the socket. It prints each
// measure's bare and API p50/p99, the p99 ratio and its goal, checks exactly 10 hires per race and
// the API's RSS at 10k sockets, and exits non-zero on a FAIL only with --strict.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { projectPath } from '../src/paths.js';
import { forkBareServer } from './bare-floor.js';
import {
  type Backing,
  codeVersion,
  memoryOf,
  openFilesLimit,
  shutdownOnSignals,
  sleep,
  startApi as startApiOf,
  startBacking as startBackingAt,
} from './harness.js';
import { connectWorkers } from './offers-connect.js';
import { createBareOffersTable } from './offers-durable.js';
import {
  benchEmployer,
  createRandom,
  graphql,
  type SeededWorker,
  seedWorkers,
  waitIndexed,
} from './offers-market.js';
import type { Via } from './offers-protocol.js';
import {
  GOALS,
  hiresPassed,
  type MemoryRun,
  memoryPassed,
  memoryTable,
  type Ratio,
  raceTable,
  ratiosAt,
  ratioTable,
  waveTable,
} from './offers-report.js';
import {
  bareWorkerId,
  createRounds,
  describeRace,
  describeWave,
  type Race,
  type Wave,
  writeRaceWindows,
} from './offers-rounds.js';
import { acceptTimingSection, readWaveTimings, waveTimingTable } from './offers-timing.js';
import { clockSkew, type SocketClient, socketClient } from './socket-clients.js';

const DATA_DIR = projectPath('.data/bench-offers');
/**
 * Ports of this data folder's own: two worktrees running the benchmark at once (each with its own
 * .data/bench-offers) must not start their PostgreSQL or Meilisearch on the same port. Below
 * Linux's ephemeral range (32768–60999): with thousands of client sockets on the machine, a
 * PostgreSQL port in that range was taken by an outgoing connection now and then.
 */
const portSlot = (createHash('sha256').update(DATA_DIR).digest().readUInt16BE(0) % 200) as number;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000' },
    /** Rounds per size; each round is, per accept route, a bare and an API wave, then their races. */
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '4' },
    pool: { type: 'string', default: '10' },
    'fan-out': { type: 'string', default: '100' },
    headcount: { type: 'string', default: '10' },
    'accept-via': { type: 'string', default: 'socket,graphql' },
    'connect-concurrency': { type: 'string', default: '50' },
    'pg-port': { type: 'string', default: String(25_100 + portSlot) },
    'meili-port': { type: 'string', default: String(7_800 + 2 * portSlot) },
    json: { type: 'string' },
    /** Writes a V8 CPU profile of the API to .data/bench-offers/profiles when it stops. */
    'api-cpu-prof': { type: 'boolean', default: false },
    /** OFFER_FIRST_CHUNK of the API (default the API's, 1000); a wave's size or more sends it in one transaction. */
    'first-chunk': { type: 'string' },
    /** Timing marks of each wave's steps in the API (OFFER_WAVE_TIMING), printed at the end. */
    'wave-timing': { type: 'boolean', default: false },
    /** Timing marks of each batch of accepts in the API (ACCEPT_TIMING), printed at the end. */
    'accept-timing': { type: 'boolean', default: false },
    /** Exit non-zero when a goal fails (without it, only when the run itself fails). */
    strict: { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const ROUNDS = Number(values.rounds);
const CLIENTS = Number(values.clients);
const POOL = Number(values.pool);
const FAN_OUT = Number(values['fan-out']);
const HEADCOUNT = Number(values.headcount);
const RECIPIENTS = HEADCOUNT * FAN_OUT;
const VIAS = values['accept-via'].split(',').filter(Boolean) as Via[];
const CONNECT_CONCURRENCY = Number(values['connect-concurrency']);
if (VIAS.some((v) => v !== 'socket' && v !== 'graphql'))
  throw new Error('--accept-via: socket and/or graphql');
if (SIZES.some((s) => !Number.isInteger(s) || s < RECIPIENTS))
  throw new Error(`--sizes: whole numbers, each at least headcount × fan-out (${RECIPIENTS})`);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds: a whole number of at least 1');

const PG_PORT = Number(values['pg-port']);
const MEILI_PORT = Number(values['meili-port']);
const PREFIX = 'lingong';
const JWT_SECRET = 'bench-offers-jwt-secret-0123456789abcdef01234567';
const PII_KEY = 'bench-offers-pii-key-0123456789abcdef0123456789ab';
const log = pino({ level: 'warn' });
const began = performance.now();
const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const code = codeVersion();

// ---------------------------------------------------------------------------------------------
// The machine's limits: every socket is a descriptor in its server and in one client process.

const files = openFilesLimit();
const largest = SIZES.at(-1) ?? 0;
if (files.soft < largest + 1024) {
  throw new Error(
    `ulimit -n is ${files.soft}: the API needs a descriptor per socket (${largest}) and some; raise it (ulimit -n ${largest + 4096}) or pass smaller --sizes`,
  );
}

// ---------------------------------------------------------------------------------------------
// Backing servers and the API process.

const startBacking = () =>
  startBackingAt({ dataDir: DATA_DIR, pgPort: PG_PORT, meiliPort: MEILI_PORT, prefix: PREFIX, log });

const startApi = (backing: Backing) =>
  startApiOf({
    backing,
    dataDir: DATA_DIR,
    prefix: PREFIX,
    // The API's own CPU profile, written to .data/bench-offers/profiles when it stops.
    nodeArgs: values['api-cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', join(DATA_DIR, 'profiles')] : [],
    env: {
      DATABASE_POOL_SIZE: String(POOL),
      JWT_SECRET,
      PII_KEY,
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      AUTH_RATE_LIMIT_MAX: '100000',
      OFFER_FAN_OUT: String(FAN_OUT),
      // Nothing expires during the run, so no second wave sends offers while another gig is timed.
      OFFER_TTL_SECONDS: '3600',
      OFFER_WAVE_TIMING: String(values['wave-timing']),
      ACCEPT_TIMING: String(values['accept-timing']),
      ...(values['first-chunk'] ? { OFFER_FIRST_CHUNK: values['first-chunk'] } : {}),
    },
  });

// ---------------------------------------------------------------------------------------------

const backing = await startBacking();
const db = createDatabase(backing.databaseUrl, { max: 4, applicationName: 'bench-offers' });
let api: Awaited<ReturnType<typeof startApi>> | undefined;
let bare: Awaited<ReturnType<typeof forkBareServer>> | undefined;
const clients: SocketClient[] = [];
const { shutdown, stopping } = shutdownOnSignals(
  'the clients, the bare server, the API, PostgreSQL and Meilisearch',
  async () => {
    for (const client of clients) client.close();
    bare?.stop();
    await api?.stop();
    await db.sql.end({ timeout: 5 });
    await Promise.allSettled([backing.pg.stop(), backing.meili.stop()]);
  },
);

try {
  console.log(`Starting the API as its own process (pool ${POOL}, fan-out ${FAN_OUT}) and the bare server …`);
  api = await startApi(backing);
  // The third wave row's table, beside the API's `offers` in the same database (bench/offers-durable.ts).
  await createBareOffersTable(db.sql);
  bare = await forkBareServer({ databaseUrl: backing.databaseUrl });
  const apiUrl = api.url;
  const gql = graphql(apiUrl);
  const employer = await benchEmployer(db.db, gql);
  const sign = createSigner({ key: JWT_SECRET, algorithm: 'HS256', expiresIn: 3 * 3_600_000 });
  const tokenOf = (w: SeededWorker) =>
    sign({
      sub: w.accountId,
      role: 'WORKER',
      wid: w.id,
      eid: null,
      typ: 'access',
      sid: w.accountId,
      ver: 0,
    }) as string;

  for (let i = 0; i < CLIENTS; i++) clients.push(socketClient(i));
  const skew = await clockSkew(clients);
  const baseline = memoryOf(api.pid).rss;
  console.log(
    `API pid ${api.pid} at ${apiUrl}, RSS ${(baseline / 2 ** 20).toFixed(0)} MiB idle; bare server pid ${bare.pid} at ${bare.url}; ${CLIENTS} socket-client processes (clock skew ≤ ${Math.abs(skew.skewMs).toFixed(2)} ms ± ${(skew.roundTripMs / 2).toFixed(2)} ms)`,
  );

  const workers: SeededWorker[] = [];
  const rounds = createRounds({
    clients,
    db: db.db,
    api: { url: apiUrl, gql, employerToken: employer.token, pid: api.pid },
    bare,
    headcount: HEADCOUNT,
    recipients: RECIPIENTS,
    random: createRandom(20_261_130),
    gigRandom: createRandom(7),
    workerIdOf: (i) => workers[i]?.id ?? '',
  });
  const random = createRandom(20_260_101);
  const memoryRuns: MemoryRun[] = [];
  const ratios: Ratio[] = [];
  const bySize: { sockets: number; waves: Wave[]; races: Race[] }[] = [];

  for (const size of SIZES) {
    console.log(
      `\n— ${size.toLocaleString('en')} workers connected to the API, as many to the bare server —`,
    );
    const fresh = await seedWorkers(db.db, size - workers.length, { first: workers.length, random });
    const firstNew = workers.length;
    workers.push(...fresh);
    const indexSeconds = await waitIndexed(db.db, backing.search, workers.length);
    const toApi = await connectWorkers(clients, CONNECT_CONCURRENCY, {
      url: apiUrl,
      share: fresh.map((w) => ({ id: w.id, token: tokenOf(w) })),
      label: 'API sockets',
      first: firstNew,
      total: size,
    });
    const bareIds = Array.from({ length: size - firstNew }, (_, i) => bareWorkerId(firstNew + i));
    await connectWorkers(clients, CONNECT_CONCURRENCY, {
      url: bare.url,
      share: bareIds.map((id) => ({ id, token: id })),
      label: 'bare sockets',
      first: firstNew,
      total: size,
    });
    // The handshakes' re-send of pending offers runs after connect: let it finish before reading RSS.
    await sleep(3_000);
    const afterConnect = memoryOf(api.pid);
    console.log(
      `  ${fresh.length} workers seeded and indexed (${indexSeconds.toFixed(1)} s), ${size - toApi.failed} API sockets up in ${toApi.seconds.toFixed(1)} s; API RSS ${(afterConnect.rss / 2 ** 20).toFixed(0)} MiB`,
    );

    if (bySize.length === 0) console.log(`  warm-up (not counted): ${await rounds.warmUp(size, VIAS)}`);
    const waves: Wave[] = [];
    const races: Race[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const via of VIAS) {
        // Bare, API, bare + durable write, …: each measure's rows back to back, on the same machine state.
        const bareWave = await rounds.bareWave(size);
        const apiWave = await rounds.apiWave();
        const durableWave = await rounds.bareWave(size, true);
        waves.push(bareWave, apiWave, durableWave);
        console.log(`  round ${round} wave bare: ${describeWave(bareWave)}`);
        console.log(`  round ${round} wave API:  ${describeWave(apiWave)}`);
        console.log(`  round ${round} wave bare + durable write: ${describeWave(durableWave)}`);
        const bareRace = await rounds.race(bareWave, via);
        const apiRace = await rounds.race(apiWave, via);
        races.push(bareRace, apiRace);
        console.log(`  round ${round} race via ${via} bare: ${describeRace(bareRace)}`);
        console.log(`  round ${round} race via ${via} API:  ${describeRace(apiRace)}`);
      }
    }
    bySize.push({ sockets: size, waves, races });
    ratios.push(...ratiosAt(size, waves, races));

    const afterLoad = memoryOf(api.pid);
    const status = await Promise.all(clients.map((c) => c.ask({ type: 'status' })));
    const disconnects = status.reduce((sum, s) => sum + s.disconnects, 0);
    if (disconnects > 0) {
      console.log(
        `  ${disconnects} sockets were dropped so far: ${JSON.stringify(status.map((s) => s.disconnectReasons))}`,
      );
    }
    memoryRuns.push({
      sockets: size,
      connectSeconds: toApi.seconds,
      failed: toApi.failed,
      rssAfterConnect: afterConnect.rss,
      rssAfterLoad: afterLoad.rss,
      peak: afterLoad.peak,
    });
  }

  const cpus = os.cpus();
  const [server] = await db.sql<{ v: string }[]>`select current_setting('server_version') as v`;
  const facts = { meili: (await backing.search.client.getVersion()).pkgVersion, postgres: String(server?.v) };
  const minutes = (performance.now() - began) / 60_000;
  const ratiosOk = ratios.every((r) => r.passed);
  const hiresOk = bySize.every((s) => s.races.every((r) => hiresPassed(r, HEADCOUNT)));
  const memoryMeasured = memoryRuns.some((r) => r.sockets === GOALS.rssAtSockets);
  const memoryOk = !memoryMeasured || memoryPassed(memoryRuns);
  const lines = [
    '',
    '## Instant-hire benchmark: the API against the bare floor',
    '',
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}; \`ulimit -n\` ${files.soft} (hard ${files.hard}); load average at the start ${loadAtStart}`,
    `- Node ${process.version}, Meilisearch ${facts.meili}, PostgreSQL ${facts.postgres}; the API as its own process (\`node --import tsx src/server.ts\`, NODE_ENV=production, DATABASE_POOL_SIZE=${POOL}, OFFER_FAN_OUT=${FAN_OUT}); the bare floor (bench/bare-server.ts: socket.io and \`node:http\`, nothing else) as its own process; ${CLIENTS} socket-client processes (socket.io-client, websocket transport) holding both servers' sockets; PostgreSQL and Meilisearch; all on this machine over 127.0.0.1`,
    `- Code: ${code}`,
    `- Each size: that many workers (welders near 梁山县, seeded into PostgreSQL, indexed through the API's outbox) with a socket to the API, and as many to the bare server, every socket acking each \`offer\`; ${ROUNDS} rounds, each of them, per accept route (${VIAS.join(', ')}): a bare wave, an API wave, a bare + durable write wave (no race), the bare race, the API race`,
    `- A wave: ${RECIPIENTS.toLocaleString('en')} recipients (API: postGig of an instant gig, headcount ${HEADCOUNT} × fan-out ${FAN_OUT}, its nearest matching workers; bare: a POST naming as many sockets drawn at random, each sent one \`offer\` of the API's size with an ack; bare + durable write: the same, after one row per recipient is written to \`bare_offers\`, a copy of the \`offers\` table, in one committed transaction), timed from the post sent to each \`offer\` received. A race: every recipient of the wave accepts at once (API: ${HEADCOUNT} seats; bare: each answered \`GIG_FILLED\` at once), timed per accept from its send to its answer`,
    `- Latency clock: \`performance.timeOrigin + performance.now()\` in the bench and in the client processes; the clients' clocks were within ${Math.abs(skew.skewMs).toFixed(2)} ms (± ${(skew.roundTripMs / 2).toFixed(2)} ms) of the bench's`,
    '',
    '### The API against the floor (p99 ratio = API p99 / bare p99)',
    '',
    ratioTable(ratios),
    '',
    ...bySize.flatMap((s) => [
      `### Waves at ${s.sockets.toLocaleString('en')} sockets`,
      '',
      waveTable(s.sockets, s.waves),
      '',
      `### Races at ${s.sockets.toLocaleString('en')} sockets`,
      '',
      raceTable(s.sockets, s.races, HEADCOUNT),
      '',
    ]),
    '### API memory (VmRSS of the API process, all sockets connected)',
    '',
    memoryTable(memoryRuns, baseline),
    '',
    `Ratios within their goals: ${ratiosOk ? 'PASS' : 'FAIL'}; exactly ${HEADCOUNT} hires per API race: ${hiresOk ? 'PASS' : 'FAIL'}; API RSS at ${GOALS.rssAtSockets.toLocaleString('en')} sockets < 1 GB: ${memoryMeasured ? (memoryOk ? 'PASS' : 'FAIL') : 'not measured (add 10000 to --sizes)'}`,
    '',
    `Run time ${minutes.toFixed(1)} min.`,
    ...(values['wave-timing']
      ? [
          '',
          "### Where each API wave's time went (ms from its start, --wave-timing)",
          '',
          waveTimingTable(readWaveTimings(api.logFile)),
        ]
      : []),
    ...(values['accept-timing'] ? acceptTimingSection(api.logFile) : []),
  ];
  console.log(lines.join('\n'));

  const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
  const out = values.json ?? join(DATA_DIR, `offers-${stamp}.json`);
  await writeFile(
    out,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        settings: {
          sizes: SIZES,
          rounds: ROUNDS,
          clients: CLIENTS,
          pool: POOL,
          fanOut: FAN_OUT,
          headcount: HEADCOUNT,
          via: VIAS,
          ulimit: files,
        },
        facts: { ...facts, code, node: process.version, cpus: cpus.length, cpu: cpus[0]?.model },
        clockSkew: skew,
        baselineRss: baseline,
        ratios,
        memory: memoryRuns,
        goals: { ratiosOk, hiresOk, memoryOk },
        raw: bySize,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Raw numbers: ${out}`);
  // Each route's API races, to sum the profile over: cpu-profile-summary.ts <profile> --windows <file>.
  if (values['api-cpu-prof']) console.log(`API race windows: ${await writeRaceWindows(DATA_DIR, bySize)}`);

  if (values.strict && !(ratiosOk && hiresOk && memoryOk)) process.exitCode = 1;
} catch (error) {
  // Interrupted: the clients and the API are being stopped, so the run's own error says nothing.
  if (!stopping()) {
    console.error(error);
    if (api) console.error(`API log: ${api.logFile}`);
  }
  process.exitCode = 1;
} finally {
  await shutdown();
}
