// `npm run bench:offers [-- --sizes 1000,5000,10000 --gigs 5 --clients 4 --pool 10 --accept-via socket,graphql]`
// Instant hire under load. Starts its own PostgreSQL and Meilisearch (.data/bench-offers, wiped at
// every run), runs the API as its own process (`node --import tsx src/server.ts`, as `npm start`)
// so its RSS can be read from /proc, and holds the workers' sockets in separate client processes.
// At 1k, 5k and 10k connected workers it posts instant gigs (headcount 10 × fan-out 100 = 1,000
// recipients each) and times postGig sent → `offer` event at the worker, reads the API's RSS,
// and races 1,000 accepts for 10 seats. Prints a README-ready report and writes the raw numbers.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { projectPath } from '../src/paths.js';
import { cpuBetween, cpuSample } from './cpu-share.js';
import {
  type Backing,
  codeVersion,
  memoryOf,
  shutdownOnSignals,
  sleep,
  startApi as startApiOf,
  startBacking as startBackingAt,
} from './harness.js';
import {
  benchEmployer,
  createRandom,
  gigOutcome,
  graphql,
  instantGig,
  offerCounts,
  POST_GIG,
  progress,
  type SeededWorker,
  seedWorkers,
  waitIndexed,
} from './offers-market.js';
import { type AcceptAnswer, type ClientWorker, now, type Via } from './offers-protocol.js';
import {
  GOALS,
  type MemoryRun,
  memoryPassed,
  memoryTable,
  type OfferRun,
  offerPassed,
  offerTable,
  type RaceRun,
  racePassed,
  raceTable,
} from './offers-report.js';
import { stats } from './report.js';
import { clockSkew, type SocketClient, socketClient } from './socket-clients.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    gigs: { type: 'string', default: '5' },
    clients: { type: 'string', default: '4' },
    pool: { type: 'string', default: '10' },
    'fan-out': { type: 'string', default: '100' },
    headcount: { type: 'string', default: '10' },
    'accept-via': { type: 'string', default: 'socket,graphql' },
    'connect-concurrency': { type: 'string', default: '50' },
    json: { type: 'string' },
    /** Writes a V8 CPU profile of the API to .data/bench-offers/profiles when it stops. */
    'api-cpu-prof': { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const GIGS = Number(values.gigs);
const CLIENTS = Number(values.clients);
const POOL = Number(values.pool);
const FAN_OUT = Number(values['fan-out']);
const HEADCOUNT = Number(values.headcount);
const RECIPIENTS = HEADCOUNT * FAN_OUT;
const VIAS = values['accept-via'].split(',').filter(Boolean) as Via[];
const CONNECT_CONCURRENCY = Number(values['connect-concurrency']);
if (VIAS.some((v) => v !== 'socket' && v !== 'graphql'))
  throw new Error('--accept-via: socket and/or graphql');

const DATA_DIR = projectPath('.data/bench-offers');
const PG_PORT = 54349;
const MEILI_PORT = 7720;
const PREFIX = 'lingong';
const JWT_SECRET = 'bench-offers-jwt-secret-0123456789abcdef01234567';
const PII_KEY = 'bench-offers-pii-key-0123456789abcdef0123456789ab';
const log = pino({ level: 'warn' });
const began = performance.now();
const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const code = codeVersion();

// ---------------------------------------------------------------------------------------------
// The machine's limits: every socket is a descriptor in the API and in one client process.

function openFilesLimit(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line?.match(/\d+|unlimited/g) ?? []).map((v) =>
    v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v),
  );
  return { soft: soft ?? 0, hard: hard ?? 0 };
}
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
    },
  });

// ---------------------------------------------------------------------------------------------

const backing = await startBacking();
const db = createDatabase(backing.databaseUrl, { max: 4, applicationName: 'bench-offers' });
let api: Awaited<ReturnType<typeof startApi>> | undefined;
const clients: SocketClient[] = [];
const { shutdown, stopping } = shutdownOnSignals(
  'the clients, the API, PostgreSQL and Meilisearch',
  async () => {
    for (const client of clients) client.close();
    await api?.stop();
    await db.sql.end({ timeout: 5 });
    await Promise.allSettled([backing.pg.stop(), backing.meili.stop()]);
  },
);

try {
  console.log(`Starting the API as its own process (pool ${POOL}, fan-out ${FAN_OUT}) …`);
  api = await startApi(backing);
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
    `API pid ${api.pid} at ${apiUrl}, RSS ${(baseline / 2 ** 20).toFixed(0)} MiB idle; ${CLIENTS} socket-client processes (clock skew ≤ ${Math.abs(skew.skewMs).toFixed(2)} ms ± ${(skew.roundTripMs / 2).toFixed(2)} ms)`,
  );

  const random = createRandom(20_260_101);
  const gigRandom = createRandom(7);
  const workers: SeededWorker[] = [];
  const offerRuns: OfferRun[] = [];
  const memoryRuns: MemoryRun[] = [];
  const raceRuns: RaceRun[] = [];
  const raw: Record<string, unknown>[] = [];
  let gigNumber = 0;

  const receivedOf = async (gigId: string) =>
    (await Promise.all(clients.map((c) => c.ask({ type: 'count', gigId })))).reduce(
      (sum, r) => sum + r.received,
      0,
    );

  /**
   * Posts the next gig and waits until its offers have reached the sockets (all RECIPIENTS, or
   * every offer row once nothing has come for 2 s, or 30 s at most), then until every ack is
   * recorded, so the next gig is timed on a quiet API. Latency: postGig sent (here) → `offer` event arrived (in a client).
   */
  async function postAndCollect() {
    const input = instantGig(gigNumber++, HEADCOUNT, gigRandom);
    const sentAt = now();
    const { postGig } = await gql<{ postGig: { id: string } }>(POST_GIG, { input }, employer.token);
    const answeredAt = now();
    const gigId = postGig.id;
    let received = 0;
    let lastChange = now();
    for (;;) {
      const count = await receivedOf(gigId);
      if (count !== received) lastChange = now();
      received = count;
      if (received >= RECIPIENTS) break;
      if (now() - lastChange > 2_000) {
        // Fewer matches than recipients: done once every committed offer has arrived.
        const { offers } = await offerCounts(db.db, gigId);
        if (offers > 0 && received >= offers) break;
      }
      if (now() - sentAt > 30_000) break;
      await sleep(50);
    }
    const arrivals = await Promise.all(clients.map((c) => c.ask({ type: 'arrivals', gigId })));
    const latencies = arrivals.flatMap((a) => a.at.map((at) => at - sentAt));
    const duplicates = arrivals.reduce((sum, a) => sum + a.duplicates, 0);
    let counts = await offerCounts(db.db, gigId);
    for (let waited = 0; counts.delivered < received && waited < 10_000; waited += 100) {
      await sleep(100);
      counts = await offerCounts(db.db, gigId);
    }
    return { gigId, postMs: answeredAt - sentAt, latencies, duplicates, ...counts };
  }

  async function race(sockets: number, via: Via): Promise<RaceRun> {
    const posted = await postAndCollect();
    await sleep(500);
    const startAt = now() + 300;
    const cpuStart = cpuSample();
    const replies = await Promise.all(
      clients.map((c) =>
        c.ask({ type: 'accept', gigId: posted.gigId, url: apiUrl, via, startAt, timeoutMs: 60_000 }),
      ),
    );
    const cpu = cpuBetween(cpuStart, cpuSample());
    const answers: AcceptAnswer[] = replies.flatMap((r) => r.answers);
    const codes: Record<string, number> = {};
    for (const a of answers) codes[a.code] = (codes[a.code] ?? 0) + 1;
    // Let the losers' withdrawals and the winners' releases finish before the next step.
    await sleep(1_000);
    const outcome = await gigOutcome(db.db, posted.gigId);
    const run: RaceRun = {
      sockets,
      via,
      offers: replies.reduce((sum, r) => sum + r.offers, 0),
      answers: answers.length,
      unanswered: replies.reduce((sum, r) => sum + r.unanswered, 0),
      wins: answers.filter((a) => a.ok).length,
      codes,
      engagements: outcome.engagements,
      filled: outcome.filled,
      latency: stats(answers.map((a) => a.answeredAt - a.sentAt)),
      settleMs: Math.max(...answers.map((a) => a.answeredAt)) - startAt,
      sendSpreadMs: Math.max(...answers.map((a) => a.sentAt)) - startAt,
      cpu,
    };
    raw.push({
      kind: 'race',
      ...run,
      gigId: posted.gigId,
      offersInDb: posted.offers,
      latencies: answers.map((a) => a.answeredAt - a.sentAt),
    });
    console.log(
      `  race via ${via}: ${run.wins} won of ${run.answers} answers, ${run.engagements} engagements; accept p50 ${run.latency.p50.toFixed(1)} ms, p99 ${run.latency.p99.toFixed(1)} ms, settled in ${run.settleMs.toFixed(0)} ms`,
    );
    return run;
  }

  for (const size of SIZES) {
    console.log(`\n— ${size.toLocaleString('en')} workers connected —`);
    const fresh = await seedWorkers(db.db, size - workers.length, { first: workers.length, random });
    const firstNew = workers.length;
    workers.push(...fresh);
    const indexSeconds = await waitIndexed(db.db, backing.search, workers.length);

    const shares: ClientWorker[][] = clients.map(() => []);
    for (const [i, w] of fresh.entries()) {
      shares[(firstNew + i) % CLIENTS]?.push({ id: w.id, token: tokenOf(w) });
    }
    const bar = progress('sockets connected');
    bar.start(size, firstNew);
    const tick = setInterval(
      () => bar.update(clients.reduce((sum, c) => sum + c.progressed.connected + c.progressed.failed, 0)),
      250,
    );
    const connectStart = now();
    const connected = await Promise.all(
      clients.map((c, i) =>
        c.ask({ type: 'connect', url: apiUrl, workers: shares[i] ?? [], concurrency: CONNECT_CONCURRENCY }),
      ),
    );
    const connectSeconds = (now() - connectStart) / 1000;
    clearInterval(tick);
    bar.update(clients.reduce((sum, c) => sum + c.progressed.connected + c.progressed.failed, 0));
    bar.stop();
    const failed = connected.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0)
      console.log(`  ${failed} sockets failed to connect: ${connected.flatMap((r) => r.errors)[0]}`);
    // The handshakes' re-send of pending offers runs after connect: let it finish before reading RSS.
    await sleep(3_000);
    const afterConnect = memoryOf(api.pid);
    console.log(
      `  ${fresh.length} workers seeded and indexed (${indexSeconds.toFixed(1)} s), ${size - failed} sockets up in ${connectSeconds.toFixed(1)} s; API RSS ${(afterConnect.rss / 2 ** 20).toFixed(0)} MiB`,
    );

    if (offerRuns.length === 0) {
      const warm = await postAndCollect();
      console.log(
        `  warm-up gig (not counted): ${warm.latencies.length} offers, p99 ${stats(warm.latencies).p99.toFixed(1)} ms`,
      );
    }
    const gigs = [];
    const cpuStart = cpuSample();
    for (let g = 0; g < GIGS; g++) {
      const gig = await postAndCollect();
      gigs.push(gig);
      const s = stats(gig.latencies);
      console.log(
        `  gig ${g + 1}: ${gig.latencies.length}/${gig.offers} offers received, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (postGig answered in ${gig.postMs.toFixed(1)} ms)`,
      );
    }
    const cpu = cpuBetween(cpuStart, cpuSample());
    const all = gigs.flatMap((g) => g.latencies);
    const offerRun: OfferRun = {
      sockets: size,
      gigs: gigs.length,
      sent: gigs.reduce((sum, g) => sum + g.offers, 0),
      received: all.length,
      delivered: gigs.reduce((sum, g) => sum + g.delivered, 0),
      duplicates: gigs.reduce((sum, g) => sum + g.duplicates, 0),
      postGig: stats(gigs.map((g) => g.postMs)),
      latency: stats(all),
      perGigP99: gigs.map((g) => stats(g.latencies).p99),
      firstOffer: stats(gigs.map((g) => Math.min(...g.latencies))),
      spread: stats(gigs.map((g) => Math.max(...g.latencies) - Math.min(...g.latencies))),
      cpu,
    };
    offerRuns.push(offerRun);
    raw.push({ kind: 'offers', ...offerRun, gigs: gigs.map((g) => ({ ...g, latencies: g.latencies })) });

    for (const via of VIAS) raceRuns.push(await race(size, via));

    const afterLoad = memoryOf(api.pid);
    const status = await Promise.all(clients.map((c) => c.ask({ type: 'status' })));
    const disconnects = status.reduce((sum, s) => sum + s.disconnects, 0);
    if (disconnects > 0) {
      console.log(
        `  ${disconnects} sockets were dropped so far: ${JSON.stringify(status.map((s) => s.disconnectReasons))}`,
      );
    }
    const memoryRun: MemoryRun = {
      sockets: size,
      connectSeconds,
      failed,
      rssAfterConnect: afterConnect.rss,
      rssAfterLoad: afterLoad.rss,
      peak: afterLoad.peak,
    };
    memoryRuns.push(memoryRun);
    raw.push({
      kind: 'memory',
      ...memoryRun,
      disconnects,
      clientRss: clients.map((c) => memoryOf(c.pid).rss),
    });
  }

  const cpus = os.cpus();
  const facts = {
    meili: (await backing.search.client.getVersion()).pkgVersion,
    postgres: String(
      (
        (await db.db.execute(sql`select current_setting('server_version') as v`)) as unknown as {
          v: string;
        }[]
      )[0]?.v,
    ),
  };
  const minutes = (performance.now() - began) / 60_000;
  const offersOk = offerRuns.every(offerPassed);
  const memoryOk = memoryPassed(memoryRuns);
  const hiresOk = raceRuns.every((r) => racePassed(r, HEADCOUNT).hires);
  const acceptOk = raceRuns.every((r) => racePassed(r, HEADCOUNT).latency);
  const lines = [
    '',
    '## Instant-hire benchmark',
    '',
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}; \`ulimit -n\` ${files.soft} (hard ${files.hard})`,
    `- Node ${process.version}, Meilisearch ${facts.meili}, PostgreSQL ${facts.postgres}; the API as its own process (\`node --import tsx src/server.ts\`, NODE_ENV=production, DATABASE_POOL_SIZE=${POOL}, OFFER_FAN_OUT=${FAN_OUT}), ${CLIENTS} socket-client processes (socket.io-client, websocket transport), PostgreSQL and Meilisearch, all on this machine over 127.0.0.1`,
    `- Code: ${code}`,
    `- Workers: welders within 8 km of 梁山县, free for 40 days, seeded straight into PostgreSQL and indexed through the API's outbox; every seeded worker has a socket open, and every socket acks each \`offer\``,
    `- Each gig: instant, headcount ${HEADCOUNT} × fan-out ${FAN_OUT} = ${RECIPIENTS} recipients (the nearest matching workers, out of all connected ones), a day of its own so no hire blocks a later gig; ${GIGS} timed gigs per size after one warm-up gig at the first size`,
    `- CPU cores "bench / others": how many of the ${cpus.length} cores were busy on average while that row was timed, with this benchmark's processes (API, clients, PostgreSQL, Meilisearch, the bench) and with every other process on the machine; load average at the start ${loadAtStart}`,
    `- Latency clock: \`performance.timeOrigin + performance.now()\` in the bench (before postGig is sent) and in the client processes (as \`offer\` arrives); the clients' clocks were within ${Math.abs(skew.skewMs).toFixed(2)} ms (± ${(skew.roundTripMs / 2).toFixed(2)} ms) of the bench's`,
    '',
    `### Post-to-offer latency (postGig sent → \`offer\` event at the worker), ${RECIPIENTS.toLocaleString('en')} recipients per gig`,
    '',
    offerTable(offerRuns),
    '',
    '### API memory (VmRSS of the API process, all sockets connected)',
    '',
    memoryTable(memoryRuns, baseline),
    '',
    `Idle API before any socket: ${(baseline / 2 ** 20).toFixed(0)} MiB. "After gigs and races" is read once the size's gigs and races are done, with all its sockets still open.`,
    '',
    `### Accept race: ${RECIPIENTS.toLocaleString('en')} offers of a gig for ${HEADCOUNT}, all accepted at once`,
    '',
    raceTable(raceRuns, HEADCOUNT),
    '',
    'accept p50/p99: each accept from its send to its answer, in the client process; settle: from the common start to the last answer; last send: how long after the common start the last accept left its client.',
    '',
    `Offer p99 < ${GOALS.offerP99Ms} ms at ${RECIPIENTS.toLocaleString('en')} recipients: ${offersOk ? 'PASS' : 'FAIL'}; API RSS at ${GOALS.rssAtSockets.toLocaleString('en')} sockets < 1 GB: ${memoryRuns.some((r) => r.sockets === GOALS.rssAtSockets) ? (memoryOk ? 'PASS' : 'FAIL') : 'not measured'}; exactly ${HEADCOUNT} hires per race: ${hiresOk ? 'PASS' : 'FAIL'}; accept p99 < ${GOALS.acceptP99Ms} ms: ${acceptOk ? 'PASS' : 'FAIL'}`,
    '',
    `Run time ${minutes.toFixed(1)} min.`,
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
          gigs: GIGS,
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
        offers: offerRuns,
        memory: memoryRuns,
        races: raceRuns,
        goals: { offersOk, memoryOk, hiresOk, acceptOk },
        raw,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Raw numbers: ${out}`);
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
