// The bare floor's server, in a process of its own (forked by bench/bare-floor.ts), as the API
// runs in its own: a bare socket.io server with the API's options that bear on sending
// (src/plugins/io.ts), the default in-memory adapter, no Meilisearch, no authentication, and no
// database but /wave-durable's write. Each socket joins its worker's room (`auth.token` names
// it), as the API's connection handler puts it. Over HTTP on the same port:
//   POST /wave {gigId, round, rooms}: answers, then emits one `offer` with an ack to each room in
//     one synchronous loop, as a wave does once its offers are committed;
//   POST /wave-durable {gigId, round, rooms, offerGigId, workerIds}: first writes one row per
//     recipient to `bare_offers` (a copy of the API's `offers` table, bench/offers-durable.ts) in
//     one transaction, as the API's wave writes its offers (one insert over unnest of column
//     arrays), commits, then answers and emits exactly as /wave, each `offer` naming its row's id.
//     The write the at-most-once rule demands before a push (docs/instant-hire.md), and nothing
//     else: no matching, no ranking, no Meilisearch. Needs BARE_DATABASE_URL;
//   GET /acked?gigId=…: how many of that wave's offers were acked;
//   anything else (the race's POST /graphql): answered at once as the API answers an accept past
//     the seats, with no GraphQL, authentication or database behind it.
// The socket's `offer:accept` is answered the same way, at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { Server } from 'socket.io';
import { pgArray } from '../src/db/arrays.js';
import { now } from './offers-protocol.js';

const BACKLOG = Number(process.env.BARE_BACKLOG ?? '4096');
const ACK_TIMEOUT_MS = 30_000;

const FILLED_ANSWER = JSON.stringify({
  data: null,
  errors: [{ message: 'This gig is full.', extensions: { code: 'GIG_FILLED' } }],
});

/** An offer the size of the API's (offerEvent in src/modules/hiring/notices.ts). */
const offerPayload = (gigId: string, round: number, i: number, startsAt: Date) => ({
  offerId: `${gigId}-${i}`,
  gigId,
  title: '电焊工 三天 钢结构厂房',
  payFen: 32_000,
  payUnit: 'DAY',
  startsAt: startsAt.toISOString(),
  endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
  address: '山东省济宁市梁山县拳铺镇工业园区 3 号厂房',
  distanceKm: 3.2 + (i % 200) / 10,
  expiresAt: new Date(Date.now() + 90_000).toISOString(),
  wave: round,
  crewId: null,
});

const acked = new Map<string, number>();

/** The bench's PostgreSQL (the API's database), for /wave-durable only. */
const sql = process.env.BARE_DATABASE_URL
  ? postgres(process.env.BARE_DATABASE_URL, { max: 2, onnotice: () => {} })
  : null;
/** As the bench's API (OFFER_TTL_SECONDS=3600): nothing expires during a run. */
const OFFER_TTL_MS = 3_600_000;

type WaveBody = { gigId: string; round: number; rooms: string[]; offerGigId?: string; workerIds?: string[] };

/**
 * The rows of a durable wave, committed: the columns and values the API's first wave writes
 * (src/modules/hiring/offers.repository.ts insertWave: tier MATCH, distances and scores, sent and
 * expiry times), in one statement over six arrays; returns each recipient's offer id, in order.
 */
async function writeOffers(db: postgres.Sql, wave: WaveBody & { offerGigId: string; workerIds: string[] }) {
  const n = wave.workerIds.length;
  const index = Array.from({ length: n }, (_, i) => i);
  const distance = index.map((i) => 3.2 + (i % 200) / 10);
  const score = index.map((i) => 1 - i / (2 * n));
  const sentAt = new Date();
  const expiresAt = new Date(sentAt.getTime() + OFFER_TTL_MS);
  const inserted = await db.begin(
    (tx) => tx<{ id: string; worker_id: string }[]>`
      insert into bare_offers (gig_id, worker_id, wave, tier, distance_km, score, shown_distance_km,
                               shown_score, sent_at, expires_at)
      select ${wave.offerGigId}::uuid, r.worker_id, ${wave.round}::int, r.tier, r.distance_km, r.score,
             r.shown_distance_km, r.shown_score,
             ${sentAt.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
      from unnest(${pgArray(wave.workerIds)}::uuid[], ${pgArray(index.map(() => 'MATCH'))}::text[],
                  ${pgArray(distance)}::float8[], ${pgArray(score)}::float8[],
                  ${pgArray(distance.map((d) => Math.round(d)))}::float8[],
                  ${pgArray(score.map((s) => Math.round(s * 100) / 100))}::float8[])
        with ordinality as r(worker_id, tier, distance_km, score, shown_distance_km, shown_score, n)
      returning id, worker_id`,
  );
  const idOf = new Map(inserted.map((row) => [row.worker_id, row.id]));
  return wave.workerIds.map((workerId) => {
    const id = idOf.get(workerId);
    if (!id) throw new Error(`offer to ${workerId} missing from its wave's insert`);
    return id;
  });
}

/** Answers the POST, then emits one `offer` to each room in one loop (offer ids given or made up). */
function emitWave(response: ServerResponse, wave: WaveBody, offerIds: string[] | null) {
  const { gigId, round, rooms } = wave;
  acked.set(gigId, 0);
  const startsAt = new Date(Date.now() + 86_400_000);
  const startedAt = now();
  for (const [i, room] of rooms.entries()) {
    const payload = offerPayload(gigId, round, i, startsAt);
    if (offerIds) payload.offerId = offerIds[i] ?? payload.offerId;
    io.to(room)
      .timeout(ACK_TIMEOUT_MS)
      .emit('offer', payload, (error: Error | null) => {
        if (!error) acked.set(gigId, (acked.get(gigId) ?? 0) + 1);
      });
  }
  const loopMs = now() - startedAt;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ loopMs }));
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const http = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://bare');
  if (request.method === 'POST' && url.pathname === '/wave') {
    void body(request).then((text) => emitWave(response, JSON.parse(text) as WaveBody, null));
    return;
  }
  if (request.method === 'POST' && url.pathname === '/wave-durable') {
    void body(request).then(async (text) => {
      const wave = JSON.parse(text) as WaveBody;
      try {
        if (!sql) throw new Error('no BARE_DATABASE_URL');
        if (!wave.offerGigId || wave.workerIds?.length !== wave.rooms.length)
          throw new Error('offerGigId and one workerId per room');
        const offerIds = await writeOffers(sql, {
          ...wave,
          offerGigId: wave.offerGigId,
          workerIds: wave.workerIds,
        });
        emitWave(response, wave, offerIds);
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: String(error) }));
      }
    });
    return;
  }
  if (request.method === 'GET' && url.pathname === '/acked') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ acked: acked.get(url.searchParams.get('gigId') ?? '') ?? 0 }));
    return;
  }
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(FILLED_ANSWER);
  });
});

const io = new Server(http, { serveClient: false, pingInterval: 20_000, pingTimeout: 20_000 });
io.on('connection', (socket) => {
  const token = socket.handshake.auth?.token;
  if (typeof token === 'string') void socket.join(`worker:${token}`);
  socket.on('offer:accept', (_payload: unknown, ack?: (reply: unknown) => void) => {
    if (typeof ack === 'function')
      ack({ ok: false, error: { code: 'GIG_FILLED', message: 'Every seat of this gig is taken.' } });
  });
});

http.listen({ port: 0, host: '127.0.0.1', backlog: BACKLOG }, () => {
  process.send?.({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
});

// The benchmark closes the channel when it is done (or dies): the server does not outlive it.
process.on('disconnect', () => {
  io.close();
  void sql?.end({ timeout: 1 });
  process.exit(0);
});
