// The bare floor's server, in a process of its own (forked by bench/bare-floor.ts), as the API
// runs in its own: a bare socket.io server with the API's options that bear on sending
// (src/plugins/io.ts), the default in-memory adapter, no database, no Meilisearch, no
// authentication. Each socket joins its worker's room (`auth.token` names it), as the API's
// connection handler puts it. Over HTTP on the same port:
//   POST /wave {gigId, round, rooms}: answers, then emits one `offer` with an ack to each room in
//     one synchronous loop, as a wave does once its offers are committed;
//   GET /acked?gigId=…: how many of that wave's offers were acked;
//   anything else (the race's POST /graphql): answered at once as the API answers an accept past
//     the seats, with no GraphQL, authentication or database behind it.
// The socket's `offer:accept` is answered the same way, at once.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
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
    void body(request).then((text) => {
      const { gigId, round, rooms } = JSON.parse(text) as { gigId: string; round: number; rooms: string[] };
      acked.set(gigId, 0);
      const startsAt = new Date(Date.now() + 86_400_000);
      const startedAt = now();
      for (const [i, room] of rooms.entries()) {
        io.to(room)
          .timeout(ACK_TIMEOUT_MS)
          .emit('offer', offerPayload(gigId, round, i, startsAt), (error: Error | null) => {
            if (!error) acked.set(gigId, (acked.get(gigId) ?? 0) + 1);
          });
      }
      const loopMs = now() - startedAt;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ loopMs }));
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
  process.exit(0);
});
