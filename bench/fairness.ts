// `npm run report:fairness`: the fairness report of issue 28. A month of a simulated county market
// run through the real API, then three figures against their goals; the exit code is 1 on a miss.
//
// It lives in bench/ because it is built like the benchmarks: its own embedded PostgreSQL and
// Meilisearch, wiped at every run (bench/harness.ts), a seeded market written in batches, and its
// latest figures kept in bench/RESULTS.md. It never uses DATABASE_URL or MEILI_URL: the run drops
// and recreates its database, which must never be someone's market.
//
// Unlike the timing benchmarks, the API runs in this process (buildApp, listening on a port, as
// `npm start` builds it) with a clock of the report's own: the same injected-clock seam the tests
// use (tests/support/hiring.ts testClock), so a month passes in minutes rather than a month. The
// offer timer runs when the clock moves (the hiring sweep, as the tests call it); everything else
// goes over the wire: employers post through GraphQL over HTTP, each worker is a socket.io client
// that receives its offers and answers them with `offer:accept`.
//
// Worker behaviour, the same for every age: a worker accepts an offer with probability ACCEPT
// (drawn from the seed, the worker and the gig, so the same offer gets the same answer every run)
// unless already hired at that time; otherwise lets it expire. Offers are answered in a fixed
// order (gig, then worker) after each wave settles, a few at a time (never two of one gig or of
// one worker at once), so a run is reproducible but for the order in which those few land.
// Hires are never checked in: reliability stays as seeded (hires wait for the employer's word).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { buildApp } from '../src/build.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { createRandom, hashUnit, planMonth, type SimWorker, seedWorkers } from './fairness-market.js';
import { type Counted, countCandidates, judge, readFigures } from './fairness-measure.js';
import { codeVersion, freePort, shutdownOnSignals, sleep, startBacking } from './harness.js';
import { benchEmployer, graphql, POST_GIG, waitIndexed } from './offers-market.js';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '2000' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '28' },
    ordinary: { type: 'string', default: '16' },
    instant: { type: 'string', default: '8' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const WORKERS = Number(args.workers);
const DAYS = Number(args.days);
const SEED = Number(args.seed);
/** The chance a worker takes an offer, the same for everyone. */
const ACCEPT = 0.5;
const OLDER_SHARE = 0.3;
/** Workers in a priority group besides age (脱贫人口, 低收入, 残疾人). */
const GROUP_SHARE = 0.1;
const WELFARE_SHARE = 0.1;
const EMPLOYERS = 12;
const TTL_SECONDS = 90;
/** Accepts in flight at once (never two of one gig or one worker). */
const FLIGHT = 8;
/** Rounds of answer-and-expire per posting; a gig nobody takes by then waits for the next day. */
const MAX_ROUNDS = 8;
const START = new Date('2027-03-01T02:00:00.000Z'); // 10:00 market time, the day before day 1

const began = performance.now();
const log = pino({ level: 'warn' });
// Its own folder per run, so two runs (a reproducibility check) can go side by side.
const dataDir = join(projectRoot, '.data', `fairness-${process.pid}`);
const backing = await startBacking({
  dataDir,
  pgPort: await freePort(),
  meiliPort: await freePort(),
  prefix: 'fair',
  log,
});
let current = START.getTime();
const clock = { now: () => new Date(current) };
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATA_DIR: join(dataDir, 'api'),
  DATABASE_URL: backing.databaseUrl,
  DATABASE_POOL_SIZE: '10',
  MEILI_URL: backing.meiliUrl,
  MEILI_FRESH_URL: backing.meiliFreshUrl,
  MEILI_MASTER_KEY: backing.masterKey,
  MEILI_INDEX_PREFIX: 'fair',
  SEED_DEMO: 'false',
  JWT_SECRET: 'fairness-jwt-secret-0123456789abcdef0123456789',
  PII_KEY: 'fairness-pii-key-0123456789abcdef0123456789ab',
  METRICS_TOKEN: 'fairness-metrics-token-0123456789abcdef',
  ADMIN_PHONE: '13900000028',
  ADMIN_PASSWORD: 'fairness-admin-password-1',
  MUTATION_RATE_LIMIT: '1000000',
  // A month of market time takes minutes of the wall clock's: the sign-ins must outlast the run.
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  AUTH_RATE_LIMIT_MAX: '100000',
  OUTBOX_POLL_MS: '50',
  // The offer timer is run by the report whenever it moves the clock (below).
  OFFER_SWEEP_MS: '60000',
  OFFER_TTL_SECONDS: String(TTL_SECONDS),
});
const app = await buildApp({ config, clock, logger: false });
const sockets: Socket[] = [];
let exitCode = 1;
// Stopped once, by the run's end or by Ctrl-C: the embedded servers are this process's children.
const { shutdown } = shutdownOnSignals('the fairness report', async () => {
  for (const socket of sockets) socket?.disconnect();
  await app.close();
  await backing.meili.stop();
  await backing.pg.stop();
  if (!args['keep-data']) await rm(dataDir, { recursive: true, force: true });
});
try {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const gql = graphql(url);
  const random = createRandom(SEED);

  console.log(`Seeding ${WORKERS} workers (SQL in batches, indexed through the outbox) …`);
  const workers = await seedWorkers(app.db, {
    count: WORKERS,
    olderShare: OLDER_SHARE,
    groupShare: GROUP_SHARE,
    start: START,
    random,
    idRandom: createRandom(SEED + 1),
  });
  await waitIndexed(app.db, backing.search, WORKERS);
  const employers: { id: string; token: string }[] = [];
  for (let i = 0; i < EMPLOYERS; i++) employers.push(await benchEmployer(app.db, gql, i));

  // Every worker's phone: a socket.io client that acks its offers into one inbox.
  type Received = { offerId: string; gigId: string; worker: SimWorker; closed: boolean; answered: boolean };
  const inbox = new Map<string, Received>();
  let arrivals = 0;
  for (let from = 0; from < workers.length; from += 250) {
    await Promise.all(
      workers.slice(from, from + 250).map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const token = app.signAccessToken({
              sub: worker.accountId,
              role: 'WORKER',
              wid: worker.id,
              eid: null,
              typ: 'access',
              sid: worker.accountId,
              ver: 0,
            });
            const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
            socket.on('offer', (payload: { offerId: string; gigId: string }, ack?: () => void) => {
              ack?.();
              if (!inbox.has(payload.offerId)) arrivals++;
              inbox.set(payload.offerId, {
                offerId: payload.offerId,
                gigId: payload.gigId,
                worker,
                closed: false,
                answered: inbox.get(payload.offerId)?.answered ?? false,
              });
            });
            socket.on('offer:closed', (payload: { offerId: string }) => {
              const offer = inbox.get(payload.offerId);
              if (offer) offer.closed = true;
            });
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
            sockets[worker.index] = socket;
          }),
      ),
    );
  }
  console.log(`${workers.length} worker sockets connected; ${employers.length} employers signed in.`);

  const hiring = app.services.hiring;
  /** Waits for the API's background refills and for the offers they sent to reach the sockets. */
  async function settle() {
    for (;;) {
      const before = arrivals;
      await hiring.drain();
      await sleep(40);
      if (arrivals === before) return;
    }
  }
  /** Moves the market clock and runs the offer timer until nothing more is due. */
  async function moveClock(to: number) {
    if (to > current) current = to;
    for (;;) {
      const { expired, dispatched } = await hiring.sweep();
      await settle();
      if (expired === 0 && dispatched === 0) return;
    }
  }

  const plan = planMonth({
    days: DAYS,
    firstDay: new Date(START.getTime() + 14 * 3_600_000),
    ordinaryPerDay: Number(args.ordinary),
    instantPerDay: Number(args.instant),
    welfareShare: WELFARE_SHARE,
    employers: EMPLOYERS,
    random,
  });
  const seqOf = new Map<string, number>();
  const windowOf = new Map<string, [number, number]>();
  const booked = new Map<number, Array<[number, number]>>();
  const candidates: Counted = { total: 0, older: 0 };
  let accepts = 0;
  const spent = { answer: 0, clock: 0, post: 0, settle: 0 };
  const timed = async <T>(key: keyof typeof spent, run: () => Promise<T>) => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      spent[key] += performance.now() - t0;
    }
  };

  /**
   * Answers every offer not yet answered, in a fixed order (gig, then worker), FLIGHT at a time: an
   * accept waits while one of the same gig or the same worker is still in flight.
   */
  async function answer(): Promise<number> {
    const open = [...inbox.values()]
      .filter((o) => !o.answered && !o.closed && seqOf.has(o.gigId))
      .sort(
        (a, b) => (seqOf.get(a.gigId) ?? 0) - (seqOf.get(b.gigId) ?? 0) || a.worker.index - b.worker.index,
      );
    const inFlight = new Map<Promise<void>, { gigId: string; worker: number }>();
    for (const offer of open) {
      offer.answered = true;
      const seq = seqOf.get(offer.gigId) ?? 0;
      if (hashUnit(SEED, offer.worker.index, seq) >= ACCEPT) continue;
      const clash = () =>
        [...inFlight].filter(([, f]) => f.gigId === offer.gigId || f.worker === offer.worker.index);
      while (inFlight.size >= FLIGHT || clash().length > 0) {
        await Promise.race(clash().length > 0 ? clash().map(([p]) => p) : inFlight.keys());
      }
      const [start, end] = windowOf.get(offer.gigId) ?? [0, 0];
      if (offer.closed || (booked.get(offer.worker.index) ?? []).some(([s, e]) => s < end && start < e))
        continue;
      accepts++;
      const run = new Promise<{ ok: boolean }>((resolve) =>
        sockets[offer.worker.index]?.emit('offer:accept', { offerId: offer.offerId }, resolve),
      ).then((reply) => {
        if (reply.ok)
          booked.set(offer.worker.index, [...(booked.get(offer.worker.index) ?? []), [start, end]]);
        inFlight.delete(run);
      });
      inFlight.set(run, { gigId: offer.gigId, worker: offer.worker.index });
    }
    await Promise.all(inFlight.keys());
    await hiring.drain();
    return open.length;
  }

  const postings = [...new Set(plan.map((g) => g.postAt.getTime()))].sort((a, b) => a - b);
  for (const [n, at] of postings.entries()) {
    await timed('clock', () => moveClock(at));
    const t0 = performance.now();
    const batch = plan.filter((g) => g.postAt.getTime() === at);
    // Posted together: no answer comes before the batch settles, so each first wave sees the
    // same market whatever order the posts land in.
    const ids = await Promise.all(
      batch.map(async (gig) => {
        const employer = employers[gig.employer];
        if (!employer) throw new Error(`no employer ${gig.employer}`);
        const { postGig } = await gql<{ postGig: { id: string } }>(
          POST_GIG,
          { input: gig.input },
          employer.token,
        );
        seqOf.set(postGig.id, gig.seq);
        windowOf.set(postGig.id, [
          Date.parse(String(gig.input.startsAt)),
          Date.parse(String(gig.input.endsAt)),
        ]);
        return postGig.id;
      }),
    );
    const counted = await countCandidates(app.db, ids);
    candidates.total += counted.total;
    candidates.older += counted.older;
    spent.post += performance.now() - t0;
    await settle();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const seen = arrivals;
      await timed('answer', answer);
      await timed('settle', settle);
      await timed('clock', () => moveClock(current + (TTL_SECONDS + 1) * 1000));
      await timed('answer', answer);
      if (arrivals === seen) break;
    }
    if (n % 6 === 5 || n === postings.length - 1) {
      console.log(
        `  day ${Math.ceil((n + 1) / 2)} of ${DAYS}: ${seqOf.size} gigs posted, ${arrivals} offers, ${accepts} accepts (${((performance.now() - began) / 1000).toFixed(0)} s) ${JSON.stringify(spent, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
      );
    }
  }

  const figures = await readFigures(app.db, WORKERS, candidates);
  const goals = judge(figures);
  console.log(
    `\nFairness report (seed ${SEED}, ${WORKERS} workers, ${DAYS} days, ${seqOf.size} gigs, accept ${ACCEPT}; ${codeVersion()})`,
  );
  for (const g of goals) {
    console.log(`  ${g.pass ? 'PASS' : 'MISS'}  ${g.name}: ${g.figure}\n        goal: ${g.goal}`);
  }
  console.log(`  (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  exitCode = goals.every((g) => g.pass) ? 0 : 1;
} finally {
  await shutdown();
}
process.exit(exitCode);
