// The bare floor's servers, shared by bench/bare-fanout.ts and bench/accept-race.ts: socket.io
// with the API's options (src/plugins/io.ts) that bear on sending, each socket in its worker's
// room as the API's connection handler puts it, and a plain `node:http` handler. An accept over
// HTTP (the client POSTs `acceptOffer` to /graphql) or over the socket (`offer:accept`) is
// answered at once, as the API answers one past the seats, with no GraphQL, authentication or
// database behind it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const FILLED_ANSWER = JSON.stringify({
  data: null,
  errors: [{ message: 'This gig is full.', extensions: { code: 'GIG_FILLED' } }],
});

/** Listens on 127.0.0.1 (a free port) with `backlog`; `url` is where both servers answer. */
export async function startBareServers(options: { backlog: number }) {
  const http = createServer((request, response) => {
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
    // The race's floor: every accept is answered at once, as the API answers those past the seats.
    socket.on('offer:accept', (_payload: unknown, ack?: (reply: unknown) => void) => {
      if (typeof ack === 'function')
        ack({ ok: false, error: { code: 'GIG_FILLED', message: 'Every seat of this gig is taken.' } });
    });
  });
  await new Promise<void>((resolve) =>
    http.listen({ port: 0, host: '127.0.0.1', backlog: options.backlog }, resolve),
  );
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { http, io, url };
}

/** An offer the size of the API's (offerEvent in src/modules/hiring/hiring.service.ts). */
export const offerPayload = (gigId: string, round: number, i: number, startsAt: Date) => ({
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
