// `npm run bench:bare-fanout [-- --sizes 1000,5000,10000 --rounds 5 --recipients 1000 --clients 4 --backlog 4096]`
// The floor under bench/offers.ts's offer latency: the least 1,000 offers take to reach 1,000
// sockets on this machine. A bare socket.io server in this process (no database, no Meilisearch,
// no authentication, the default in-memory adapter) and the same forked phones as bench:offers
// (bench/offers-client.ts, 4 processes, every `offer` acked). Per round it emits one `offer` with
// an ack to each of the recipients' rooms in one synchronous loop, as a wave does once its offers
// are committed, and times loop start → `offer` received on the benchmark's shared clock. Then
// the last round's recipients accept at once, over the socket and over HTTP, each answered at
// once; and the same number of plain TCP writes are timed, the floor under socket.io.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RAW_MESSAGE_BYTES } from './bare-fanout-client.js';
import { offerPayload, startBareServers } from './bare-servers.js';
import { coresOf, cpuBetween, cpuSample } from './cpu-share.js';
import { codeVersion, sleep } from './harness.js';
import { createRandom } from './offers-market.js';
import { type AcceptAnswer, now, type Via } from './offers-protocol.js';
import { stats, table } from './report.js';
import { clockSkew, type SocketClient, socketClient } from './socket-clients.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    rounds: { type: 'string', default: '5' },
    recipients: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '4' },
    'connect-concurrency': { type: 'string', default: '50' },
    /** listen's backlog: the API's LISTEN_BACKLOG default; 511 is Node's own. */
    backlog: { type: 'string', default: '4096' },
  },
});
const SIZES = values.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const ROUNDS = Number(values.rounds);
const RECIPIENTS = Number(values.recipients);
const CLIENTS = Number(values.clients);
const CONNECT_CONCURRENCY = Number(values['connect-concurrency']);
const BACKLOG = Number(values.backlog);
const OFFER_GOAL_MS = 50;
const ACCEPT_GOAL_MS = 200;
for (const [name, n] of Object.entries({
  rounds: ROUNDS,
  recipients: RECIPIENTS,
  clients: CLIENTS,
  backlog: BACKLOG,
})) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number of at least 1`);
}
if (SIZES.some((s) => !Number.isInteger(s) || s < RECIPIENTS))
  throw new Error(`--sizes: whole numbers, each at least --recipients (${RECIPIENTS})`);

// The servers (bench/bare-servers.ts): bare socket.io and a bare `node:http` accept handler.
const { io, url } = await startBareServers({ backlog: BACKLOG });

const clients: SocketClient[] = Array.from({ length: CLIENTS }, (_, i) => socketClient(i));
const stop = () => {
  for (const client of clients) client.close();
  io.close();
};
process.once('SIGINT', () => {
  stop();
  process.exit(130);
});

/** `k` distinct numbers below `n`, drawn with `random` (a partial Fisher–Yates shuffle). */
function sample(random: () => number, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, k);
}

/**
 * The floor under socket.io: the same number of plain TCP writes of an offer's size, one to each
 * of `recipients` sockets held by `clients` processes, in one synchronous loop. Returns, per
 * round, how long the loop took and when each message began to arrive.
 */
async function rawTcpRounds(recipients: number, clients: number, rounds: number) {
  const held: net.Socket[] = [];
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    held.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const phones = Array.from({ length: clients }, () =>
    fork(fileURLToPath(new URL('./bare-fanout-client.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
    }),
  );
  let nextId = 0;
  const ask = <T>(phone: (typeof phones)[number], command: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      const onMessage = (message: { id: number } & T) => {
        if (message.id !== id) return;
        phone.off('message', onMessage);
        resolve(message);
      };
      phone.on('message', onMessage);
      phone.send({ id, ...command });
    });
  try {
    await Promise.all(
      phones.map((phone, k) =>
        ask(phone, {
          type: 'connect',
          port,
          count: Math.floor(recipients / clients) + (k < recipients % clients ? 1 : 0),
        }),
      ),
    );
    while (held.length < recipients) await sleep(10);
    const results: { loopMs: number; latencies: number[] }[] = [];
    for (let round = 0; round <= rounds; round++) {
      const startedAt = now();
      for (const socket of held) {
        const message = Buffer.alloc(RAW_MESSAGE_BYTES, 0x20);
        message[0] = round;
        socket.write(message);
      }
      const loopMs = now() - startedAt;
      let at: number[] = [];
      for (let waited = 0; at.length < recipients && waited < 10_000; waited += 20) {
        await sleep(20);
        at = (
          await Promise.all(phones.map((phone) => ask<{ at: number[] }>(phone, { type: 'arrivals', round })))
        ).flatMap((r) => r.at);
      }
      if (round > 0) results.push({ loopMs, latencies: at.map((t) => t - startedAt) });
      await sleep(200);
    }
    return results;
  } finally {
    for (const phone of phones) if (phone.connected) phone.disconnect();
    for (const socket of held) socket.destroy();
    server.close();
  }
}

type Row = {
  sockets: number;
  sent: number;
  received: number;
  acked: number;
  loopMs: number[];
  latencies: number[];
  perRoundP99: number[];
  cores: { server: number; clients: number; others: number };
  races: { via: Via; answers: AcceptAnswer[]; unanswered: number; startAt: number }[];
};

try {
  const skew = await clockSkew(clients);
  console.log(
    `Bare socket.io at ${url}; ${CLIENTS} client processes (clock skew ≤ ${Math.abs(skew.skewMs).toFixed(2)} ms ± ${(skew.roundTripMs / 2).toFixed(2)} ms)`,
  );
  const random = createRandom(20_261_130);
  const rows: Row[] = [];
  let connected = 0;
  let gigNumber = 0;
  for (const size of SIZES) {
    // Connect the sockets up to this size, every K-th worker to client K.
    const fresh = Array.from({ length: size - connected }, (_, i) => `w${connected + i}`);
    const replies = await Promise.all(
      clients.map((client, k) =>
        client.ask({
          type: 'connect',
          url,
          workers: fresh.filter((_, i) => i % CLIENTS === k).map((id) => ({ id, token: id })),
          concurrency: CONNECT_CONCURRENCY,
        }),
      ),
    );
    const failed = replies.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0)
      throw new Error(`${failed} sockets failed to connect: ${replies.flatMap((r) => r.errors)[0]}`);
    connected = size;
    console.log(`${size} sockets connected`);
    const row: Row = {
      sockets: size,
      sent: 0,
      received: 0,
      acked: 0,
      loopMs: [],
      latencies: [],
      perRoundP99: [],
      cores: { server: 0, clients: 0, others: 0 },
      races: [],
    };
    const before = cpuSample();
    // One uncounted round first, as bench:offers posts a warm-up gig.
    for (let round = 0; round <= ROUNDS; round++) {
      const gigId = `g${gigNumber++}`;
      const picked = sample(random, size, RECIPIENTS);
      const startsAt = new Date(Date.now() + 86_400_000);
      let acked = 0;
      const startedAt = now();
      for (const [i, w] of picked.entries()) {
        io.to(`worker:w${w}`)
          .timeout(30_000)
          .emit('offer', offerPayload(gigId, round, i, startsAt), (error: Error | null) => {
            if (!error) acked += 1;
          });
      }
      const loopMs = now() - startedAt;
      // Wait for every offer to arrive (or 10 s), then for the acks, so the next round is quiet.
      let received = 0;
      for (let waited = 0; received < RECIPIENTS && waited < 10_000; waited += 20) {
        await sleep(20);
        received = (await Promise.all(clients.map((c) => c.ask({ type: 'count', gigId })))).reduce(
          (sum, r) => sum + r.received,
          0,
        );
      }
      for (let waited = 0; acked < received && waited < 5_000; waited += 20) await sleep(20);
      const arrivals = await Promise.all(clients.map((c) => c.ask({ type: 'arrivals', gigId })));
      const latencies = arrivals.flatMap((a) => a.at.map((at) => at - startedAt));
      if (round === 0) continue;
      row.sent += RECIPIENTS;
      row.received += received;
      row.acked += acked;
      row.loopMs.push(loopMs);
      row.latencies.push(...latencies);
      row.perRoundP99.push(stats(latencies).p99);
      await sleep(200);
    }
    const after = cpuSample();
    const all = cpuBetween(before, after);
    const server = coresOf(before, after, process.pid);
    row.cores = { server, clients: all.ours - server, others: all.others };
    // The last round's recipients all accept at once, as bench:offers races 1,000 accepts:
    // over the socket, then over HTTP.
    for (const via of ['socket', 'graphql'] as const) {
      const startAt = now() + 300;
      const races = await Promise.all(
        clients.map((c) =>
          c.ask({ type: 'accept', gigId: `g${gigNumber - 1}`, url, via, startAt, timeoutMs: 30_000 }),
        ),
      );
      row.races.push({
        via,
        answers: races.flatMap((r) => r.answers),
        unanswered: races.reduce((sum, r) => sum + r.unanswered, 0),
        startAt,
      });
      await sleep(500);
    }
    rows.push(row);
  }

  console.log(`Raw TCP: ${RECIPIENTS} sockets …`);
  const raw = await rawTcpRounds(RECIPIENTS, CLIENTS, ROUNDS);
  const rawAll = stats(raw.flatMap((r) => r.latencies));
  const fmt = (ms: number) => (ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
  console.log(`
## Bare socket.io fan-out (${codeVersion()}, ${new Date().toISOString()})

${ROUNDS} rounds per size (after one uncounted), ${RECIPIENTS} recipients each, ${CLIENTS} client processes acking every offer.

${table(
  [
    'Sockets connected',
    'Offers sent',
    'Received',
    'Acked',
    'emit loop ms (median round)',
    'offer p50 ms',
    'offer p99 ms',
    'max ms',
    'p99 of each round ms',
    'CPU cores: server / clients / others',
    `under ${OFFER_GOAL_MS} ms at p99`,
  ],
  rows.map((r) => {
    const s = stats(r.latencies);
    return [
      r.sockets.toLocaleString('en'),
      String(r.sent),
      String(r.received),
      String(r.acked),
      fmt(stats(r.loopMs).p50),
      fmt(s.p50),
      fmt(s.p99),
      fmt(s.max),
      r.perRoundP99.map(fmt).join(', '),
      `${r.cores.server.toFixed(2)} / ${r.cores.clients.toFixed(2)} / ${r.cores.others.toFixed(2)}`,
      s.p99 < OFFER_GOAL_MS ? 'yes' : 'no',
    ];
  }),
)}`);
  console.log(`
Then the last round's ${RECIPIENTS} recipients accept at once, each answered \`GIG_FILLED\` as soon as it is read: over the socket (\`offer:accept\`), then as an HTTP POST to /graphql from the same client code as bench:offers (\`fetch\`), answered by a plain \`node:http\` handler. The floor under bench:offers's races: the API also decides the seats in PostgreSQL, runs GraphQL and authentication, and pushes \`offer:closed\`.

${table(
  [
    'Sockets connected',
    'Accept via',
    'Accepts',
    'Answers',
    'accept p50 ms',
    'accept p99 ms',
    'settle ms',
    `under ${ACCEPT_GOAL_MS} ms at p99`,
  ],
  rows.flatMap((r) =>
    r.races.map((race) => {
      const s = stats(race.answers.map((a) => a.answeredAt - a.sentAt));
      const settle = Math.max(...race.answers.map((a) => a.answeredAt)) - race.startAt;
      return [
        r.sockets.toLocaleString('en'),
        race.via === 'socket' ? 'socket `offer:accept`' : 'HTTP POST, bare `node:http`',
        String(race.answers.length + race.unanswered),
        String(race.answers.length),
        fmt(s.p50),
        fmt(s.p99),
        fmt(settle),
        s.p99 < ACCEPT_GOAL_MS ? 'yes' : 'no',
      ];
    }),
  ),
)}`);
  console.log(`
The same ${RECIPIENTS} messages (${RAW_MESSAGE_BYTES} bytes each) as plain TCP writes, one per socket, ${RECIPIENTS} sockets in ${CLIENTS} client processes, ${ROUNDS} rounds after one uncounted:

${table(
  [
    'Sockets',
    'Writes per round',
    'write loop ms (median round)',
    'arrival p50 ms',
    'arrival p99 ms',
    'max ms',
    'received',
  ],
  [
    [
      RECIPIENTS.toLocaleString('en'),
      String(RECIPIENTS),
      fmt(stats(raw.map((r) => r.loopMs)).p50),
      fmt(rawAll.p50),
      fmt(rawAll.p99),
      fmt(rawAll.max),
      `${rawAll.count} of ${RECIPIENTS * ROUNDS}`,
    ],
  ],
)}`);
} finally {
  stop();
}
