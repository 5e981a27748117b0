// `npm run bench:accept-race [-- --rounds 5 --workers 1100 --clients 4 --pool 10 --api-cpu-prof]`
// The accept paths against their floor, in one run. Its own PostgreSQL and Meilisearch
// (.data/bench-accept-race, wiped at every run, on ports derived from that folder), the API as its
// own process (bench/harness.ts), the bare server of bench:bare-fanout in its own process (bench/bare-floor.ts),
// and the same forked phones (bench/offers-client.ts) holding a socket to each.
// Each round races 1,000 accepts four ways, alternating: a bare socket.io handler, the API's
// `offer:accept`, a bare `node:http` POST handler, the API's `acceptOffer` (GraphQL). An API race is
// a fresh instant gig for 10 whose offers reached 1,000 of the ~1,100 seeded workers; a bare race
// is 1,000 offer events from the bare server, each accept answered at once. Prints p50/p99 of
// each row and the ratios API p99 / bare p99 with their goals.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { enqueueOutbox } from '../src/outbox/outbox.js';
import { projectPath } from '../src/paths.js';
import { forkBareServer } from './bare-floor.js';
import { cpuBetween, cpuSample } from './cpu-share.js';
import { codeVersion, shutdownOnSignals, sleep, startApi, startBacking } from './harness.js';
import {
  benchEmployer,
  createRandom,
  gigOutcome,
  graphql,
  instantGig,
  offerCounts,
  POST_GIG,
  type SeededWorker,
  SKILL,
  seedWorkers,
  waitIndexed,
} from './offers-market.js';
import { type AcceptAnswer, type ClientWorker, now, type Via } from './offers-protocol.js';
import { type Stats, stats, table } from './report.js';
import { clockSkew, type SocketClient, socketClient } from './socket-clients.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '1100' },
    clients: { type: 'string', default: '4' },
    pool: { type: 'string', default: '10' },
    'fan-out': { type: 'string', default: '100' },
    headcount: { type: 'string', default: '10' },
    backlog: { type: 'string', default: '4096' },
    'data-dir': { type: 'string', default: '.data/bench-accept-race' },
    /** The API's V8 CPU profile, and the races' windows in it (bench/cpu-profile-summary.ts). */
    'api-cpu-prof': { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const WORKERS = Number(values.workers);
const CLIENTS = Number(values.clients);
const POOL = Number(values.pool);
const FAN_OUT = Number(values['fan-out']);
const HEADCOUNT = Number(values.headcount);
const RECIPIENTS = HEADCOUNT * FAN_OUT;
const BACKLOG = Number(values.backlog);
if (WORKERS < RECIPIENTS) throw new Error(`--workers: at least headcount × fan-out (${RECIPIENTS})`);
const GOALS: Record<Via, number> = { graphql: 1.3, socket: 1.5 };

const DATA_DIR = projectPath(values['data-dir']);
// Ports from the data folder, so two worktrees' runs (each its own .data) do not collide.
const slot = createHash('sha256').update(DATA_DIR).digest().readUInt16BE(0) % 500;
const PG_PORT = 24_000 + slot * 4; // below the ephemeral ports (32768–60999 here)
const MEILI_PORT = PG_PORT + 1; // and + 2, the fresh tier's
const PREFIX = 'lingong';
const JWT_SECRET = 'bench-accept-race-jwt-secret-0123456789abcdef0123';
const log = pino({ level: 'warn' });
const code = codeVersion();

const backing = await startBacking({
  dataDir: DATA_DIR,
  pgPort: PG_PORT,
  meiliPort: MEILI_PORT,
  prefix: PREFIX,
  log,
});
const db = createDatabase(backing.databaseUrl, { max: 4, applicationName: 'bench-accept-race' });
const bare = await forkBareServer({ backlog: BACKLOG });
let api: Awaited<ReturnType<typeof startApi>> | undefined;
const clients: SocketClient[] = [];
const { shutdown, stopping } = shutdownOnSignals(
  'the clients, the API, PostgreSQL and Meilisearch',
  async () => {
    for (const client of clients) client.close();
    bare.stop();
    await api?.stop();
    await db.sql.end({ timeout: 5 });
    await Promise.allSettled([backing.pg.stop(), backing.meili.stop()]);
  },
);

const codesOf = (answers: AcceptAnswer[]) => {
  const codes: Record<string, number> = {};
  for (const a of answers) codes[a.code] = (codes[a.code] ?? 0) + 1;
  return codes;
};

type Race = { via: Via; floor: boolean; round: number; answers: AcceptAnswer[]; unanswered: number };
type Window = { from: number; to: number };

try {
  const profileDir = join(DATA_DIR, 'profiles');
  api = await startApi({
    backing,
    dataDir: DATA_DIR,
    prefix: PREFIX,
    nodeArgs: values['api-cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    env: {
      DATABASE_POOL_SIZE: String(POOL),
      JWT_SECRET,
      PII_KEY: 'bench-accept-race-pii-key-0123456789abcdef012345',
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      AUTH_RATE_LIMIT_MAX: '100000',
      OFFER_FAN_OUT: String(FAN_OUT),
      // Nothing expires during the run: no second wave while a race is timed.
      OFFER_TTL_SECONDS: '3600',
    },
  });
  const apiUrl = api.url;
  const gql = graphql(apiUrl);
  const employer = await benchEmployer(db.db, gql);
  const sign = createSigner({ key: JWT_SECRET, algorithm: 'HS256', expiresIn: 3 * 3_600_000 });
  const tokenOf = (w: SeededWorker) =>
    sign({ sub: w.accountId, role: 'WORKER', wid: w.id, eid: null, typ: 'access', sid: w.accountId, ver: 0 });

  for (let i = 0; i < CLIENTS; i++) clients.push(socketClient(i));
  const skew = await clockSkew(clients);
  console.log(`API ${apiUrl} (pid ${api.pid}), bare servers ${bare.url}; ${CLIENTS} client processes`);

  const workers = await seedWorkers(db.db, WORKERS, { first: 0, random: createRandom(20_261_206) });
  // Welding is a special operation (特种作业): only holders of a valid 操作证 are offered its gigs
  // (src/modules/workers/qualification.ts), and seedWorkers gives none.
  await db.sql`insert into worker_certificates (worker_id, skill_code, kind, number, issuer, issued_on,
      expires_on, verified_by, verified_at, created_at)
    select w.id, ${SKILL}, 'SPECIAL_OPERATION', 'T' || lpad(row_number() over ()::text, 17, '0'), '济宁市应急管理局',
      current_date - 365, current_date + 3 * 365, 'STATION_OPERATOR', now(), now()
    from workers w`;
  // Indexed again with their certificates (the index filters on them), whatever went before.
  await db.db.transaction((tx) =>
    enqueueOutbox(
      'workers',
      workers.map((w) => w.id),
      tx,
    ),
  );
  await waitIndexed(db.db, backing.search, WORKERS);
  // Each worker has two sockets in the same client process: one to the API, one to the bare server
  // (named `bare-…`, its room `worker:bare-…`).
  const connect = async (url: string, of: (w: SeededWorker) => ClientWorker) => {
    const replies = await Promise.all(
      clients.map((c, k) =>
        c.ask({
          type: 'connect',
          url,
          workers: workers.filter((_, i) => i % CLIENTS === k).map(of),
          concurrency: 50,
        }),
      ),
    );
    const failed = replies.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} sockets failed: ${replies.flatMap((r) => r.errors)[0]}`);
  };
  await connect(apiUrl, (w) => ({ id: w.id, token: tokenOf(w) }));
  await connect(bare.url, (w) => ({ id: `bare-${w.id}`, token: `bare-${w.id}` }));
  await sleep(2_000);
  console.log(`${WORKERS} workers seeded, indexed, and connected twice`);

  const received = async (gigId: string) =>
    (await Promise.all(clients.map((c) => c.ask({ type: 'count', gigId })))).reduce(
      (s, r) => s + r.received,
      0,
    );
  /** Waits until `want` offers of the gig reached the phones (or nothing came for 2 s); the count. */
  async function collect(gigId: string, want: () => Promise<number>) {
    let got = 0;
    let changed = now();
    for (const began = now(); now() - began < 30_000; ) {
      const count = await received(gigId);
      if (count !== got) changed = now();
      got = count;
      if (got >= RECIPIENTS) break;
      if (now() - changed > 2_000) {
        // Fewer than RECIPIENTS matched: done once every offer made has arrived.
        const made = await want();
        if (made > 0 && got >= made) break;
      }
      await sleep(50);
    }
    return got;
  }

  let gigNumber = 0;
  const gigRandom = createRandom(7);
  /** A fresh instant gig whose offers have reached the phones (and been acked). */
  async function apiGig() {
    const input = instantGig(gigNumber++, HEADCOUNT, gigRandom);
    const { postGig } = await gql<{ postGig: { id: string } }>(POST_GIG, { input }, employer.token);
    const posted = now();
    const got = await collect(postGig.id, async () => (await offerCounts(db.db, postGig.id)).offers);
    if (got < RECIPIENTS) {
      const counts = await offerCounts(db.db, postGig.id);
      console.log(
        `  gig ${postGig.id}: ${got} offers reached the phones in ${((now() - posted) / 1000).toFixed(1)} s, ${counts.offers} made, ${counts.delivered} acked`,
      );
    }
    for (let waited = 0; waited < 10_000; waited += 100) {
      if ((await offerCounts(db.db, postGig.id)).delivered >= got) break;
      await sleep(100);
    }
    return postGig.id;
  }
  let bareNumber = 0;
  /** 1,000 offer events from the bare server, to workers drawn anew each time. */
  async function bareGig() {
    const gigId = `bare-g${bareNumber++}`;
    const random = createRandom(bareNumber);
    const picked = [...workers].sort(() => random() - 0.5).slice(0, RECIPIENTS);
    await bare.wave(
      gigId,
      bareNumber,
      picked.map((w) => `worker:bare-${w.id}`),
    );
    await collect(gigId, async () => RECIPIENTS);
    return gigId;
  }

  const windows: Window[] = [];
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  async function race(via: Via, floor: boolean, round: number): Promise<Race> {
    const gigId = floor ? await bareGig() : await apiGig();
    await sleep(500);
    const startAt = now() + 300;
    const from = monotonicUs();
    const url = floor ? bare.url : apiUrl;
    const replies = await Promise.all(
      clients.map((c) => c.ask({ type: 'accept', gigId, url, via, startAt, timeoutMs: 60_000 })),
    );
    if (!floor) windows.push({ from, to: monotonicUs() });
    const answers = replies.flatMap((r) => r.answers);
    const result: Race = {
      via,
      floor,
      round,
      answers,
      unanswered: replies.reduce((s, r) => s + r.unanswered, 0),
    };
    const p = stats(answers.map((a) => a.answeredAt - a.sentAt));
    let note = '';
    if (!floor) {
      await sleep(1_000);
      const outcome = await gigOutcome(db.db, gigId);
      const wins = answers.filter((a) => a.ok).length;
      note = `, ${wins} won, ${outcome.engagements} hires, filled ${outcome.filled}`;
      if (outcome.engagements !== HEADCOUNT || wins !== HEADCOUNT)
        throw new Error(
          `race ${gigId}: ${wins} wins and ${outcome.engagements} hires, not ${HEADCOUNT}; ${answers.length} answers (${result.unanswered} none) of ${replies.reduce((s, r) => s + r.offers, 0)} offers held: ${JSON.stringify(codesOf(answers))}`,
        );
    }
    console.log(
      `  round ${round} ${floor ? 'bare' : 'API '} ${via.padEnd(7)}: ${answers.length} answers, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms${note}`,
    );
    return result;
  }

  const races: Race[] = [];
  const cpuStart = cpuSample();
  // Round 0 warms both sides up and is not counted; later rounds swap which side goes first.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const via of ['socket', 'graphql'] as const) {
      const order = round % 2 === 0 ? [true, false] : [false, true];
      for (const floor of order) {
        const r = await race(via, floor, round);
        if (round > 0) races.push(r);
      }
    }
  }
  const cpu = cpuBetween(cpuStart, cpuSample());

  const latencies = (via: Via, floor: boolean, round?: number) =>
    races
      .filter((r) => r.via === via && r.floor === floor && (round === undefined || r.round === round))
      .flatMap((r) => r.answers.map((a) => a.answeredAt - a.sentAt));
  const fmt = (ms: number) => (ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
  const rounds = Array.from({ length: ROUNDS }, (_, i) => i + 1);
  const rows: string[][] = [];
  const verdicts: string[] = [];
  const summary: Record<string, unknown> = {};
  for (const via of ['graphql', 'socket'] as const) {
    const [api, floor] = [stats(latencies(via, false)), stats(latencies(via, true))];
    const perRound = rounds.map(
      (r) => stats(latencies(via, false, r)).p99 / stats(latencies(via, true, r)).p99,
    );
    const ratio = api.p99 / floor.p99;
    const name = via === 'graphql' ? 'GraphQL `acceptOffer`' : 'socket `offer:accept`';
    const bareName = via === 'graphql' ? 'bare `node:http` POST' : 'bare socket.io handler';
    const row = (label: string, s: Stats, r: number) => [
      label,
      String(s.count),
      fmt(s.p50),
      fmt(s.p99),
      rounds.map((n) => fmt(stats(latencies(via, r === 1, n)).p99)).join(', '),
    ];
    rows.push(row(bareName, floor, 1), row(name, api, 0));
    verdicts.push(
      `- ${name}: p99 ${fmt(api.p99)} ms / bare ${fmt(floor.p99)} ms = **${ratio.toFixed(2)}×** (each round: ${perRound.map((x) => x.toFixed(2)).join(', ')}); goal ≤ ${GOALS[via]}×: ${ratio <= GOALS[via] ? 'PASS' : 'FAIL'}`,
    );
    summary[via] = { api, floor, ratio, perRound };
  }
  const cpus = os.cpus();
  console.log(`
## Accept race against the floor (\`npm run bench:accept-race\`; ${code}, ${new Date().toISOString()})

- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}; load average at the end ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(
      ' ',
    )}; CPU cores busy during the races: this run's processes ${cpu.ours.toFixed(2)}, others ${cpu.others.toFixed(2)}
- ${WORKERS} workers, each with a socket to the API and one to the bare server, in ${CLIENTS} client processes (clock skew ≤ ${Math.abs(skew.skewMs).toFixed(2)} ms); API pool ${POOL}, fan-out ${FAN_OUT}
- ${ROUNDS} rounds after one uncounted, each racing ${RECIPIENTS} accepts four ways, alternating (bare first in even rounds): every API race is a gig for ${HEADCOUNT} that got exactly ${HEADCOUNT} hires

${table(['Accept via', 'Accepts', 'p50 ms', 'p99 ms', 'p99 of each round ms'], rows)}

${verdicts.join('\n')}`);
  await writeFile(
    join(DATA_DIR, 'accept-race.json'),
    `${JSON.stringify({ at: new Date().toISOString(), code, summary, windows, races }, null, 1)}\n`,
  );
  if (values['api-cpu-prof']) {
    await writeFile(join(DATA_DIR, 'race-windows.json'), `${JSON.stringify(windows)}\n`);
    console.log(
      `\nThe API's profile is written to ${profileDir} as it stops; its races: ${join(DATA_DIR, 'race-windows.json')} (npx tsx bench/cpu-profile-summary.ts <profile> --windows <that file>)`,
    );
  }
} catch (error) {
  if (!stopping()) {
    console.error(error);
    if (api) console.error(`API log: ${api.logFile}`);
  }
  process.exitCode = 1;
} finally {
  await shutdown();
}
