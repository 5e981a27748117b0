// One socket.io node of bench/adapter.ts, a process of its own: a bare socket.io server (no API,
// no authentication) with one of the app's adapters (src/realtime/cluster.ts: PostgreSQL or Redis
// Streams) or socket.io's in-memory one. A socket joins the room its token names (`w…` a worker's, `s…` a station's). Asked to
// emit, it sends `offer` (with an ack, as hiring does) and `board:upsert` alternately, at a
// steady rate, to rooms held on the other node(s).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { type Cluster, openPostgresCluster, openRedisCluster } from '../src/realtime/cluster.js';
import { rooms } from '../src/realtime/rooms.js';
import type { NodeCommand, NodeReply, Stamp } from './adapter-protocol.js';
import { now } from './offers-protocol.js';

let io: Server | undefined;
let cluster: (Cluster & { statements?: () => number }) | undefined;

/** An `offer` the size of the API's (offerEvent in src/modules/hiring/notices.ts). */
const offer = (stamp: Stamp) => ({
  offerId: `0b6f7c1e-3d0a-4c8e-9f51-${String(stamp.seq).padStart(12, '0')}`,
  gigId: '5f1d2b7a-8c44-4e0b-a6a1-2f7f3c9d0e11',
  title: '电焊工 三天 钢结构厂房',
  payFen: 32_000,
  payUnit: 'DAY',
  startsAt: '2026-12-07T08:00:00+08:00',
  endsAt: '2026-12-07T17:00:00+08:00',
  address: '山东省济宁市梁山县拳铺镇工业园区 3 号厂房',
  distanceKm: 3.2,
  expiresAt: '2026-12-06T16:31:30+08:00',
  wave: 1,
  crewId: null,
  ...stamp,
});

/** A kiosk board change the size of the API's (`board:upsert`, card() in stations.service.ts). */
const board = (stamp: Stamp) => ({
  gig: {
    id: `5f1d2b7a-8c44-4e0b-a6a1-${String(stamp.seq).padStart(12, '0')}`,
    title: '搬运工 半天 物流园装卸',
    payFen: 18_000,
    payUnit: 'DAY',
    hourlyFen: 2_250,
    startsAt: '2026-12-07T08:00:00+08:00',
    endsAt: '2026-12-07T16:00:00+08:00',
    address: '山东省济宁市任城区物流园 B 区 12 号库',
    regionCode: '370811',
    headcount: 4,
    filled: 1,
    placesLeft: 3,
    olderFriendly: true,
    publicWelfare: false,
    instant: true,
    skills: ['porter', 'forklift'],
    distanceKm: 4.7,
  },
  ...stamp,
});

async function start(command: Extract<NodeCommand, { type: 'start' }>): Promise<NodeReply> {
  const http = createServer();
  const warn = (error: unknown, msg: string) => console.error(msg, error);
  if (command.kind === 'postgres') {
    if (!command.databaseUrl) throw new Error('postgres needs databaseUrl');
    cluster = await openPostgresCluster(command.databaseUrl, warn);
  } else if (command.kind === 'redis') {
    if (!command.redisUrl) throw new Error('redis needs redisUrl');
    cluster = await openRedisCluster(command.redisUrl, warn);
  }
  // The API's options that bear on sending (src/plugins/io.ts).
  const server = new Server(http, {
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    ...(cluster && { adapter: cluster.adapter }),
  });
  io = server;
  server.on('connection', (socket) => {
    const token = socket.handshake.auth?.token;
    if (typeof token !== 'string') return;
    void socket.join(token.startsWith('s') ? rooms.station(token) : rooms.worker(token));
  });
  if (cluster && !(await cluster.ready(server))) throw new Error('the adapter is not LISTENing');
  await new Promise<void>((resolve) => http.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  return { type: 'started', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

/**
 * `rate` events a second for `seconds`: every 5 ms, as many as are due by then (so a loop held up
 * by the adapter catches up, and the achieved rate says so). Resolves once every offer's ack is
 * in or timed out.
 */
function emit(command: Extract<NodeCommand, { type: 'emit' }>): Promise<NodeReply> {
  const server = io;
  if (!server) throw new Error('not started');
  const { step, rate, seconds, workerRooms, stationRooms, ackTimeoutMs } = command;
  const total = Math.round(rate * seconds);
  const ackMs: number[] = [];
  let offers = 0;
  let boards = 0;
  let pendingAcks = 0;
  let seq = 0;
  const began = now();
  return new Promise((resolve) => {
    let finishedAt = 0;
    const done = () => {
      if (finishedAt === 0 || pendingAcks > 0) return;
      resolve({ type: 'emitted', offers, boards, seconds: (finishedAt - began) / 1000, ackMs });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((now() - began) / 1000) * rate));
      for (; seq < due; seq++) {
        const stamp: Stamp = { step, seq, sentAt: now() };
        if (seq % 2 === 0) {
          const room = workerRooms[(seq / 2) % workerRooms.length] as string;
          offers++;
          pendingAcks++;
          server
            .to(room)
            .timeout(ackTimeoutMs)
            .emit('offer', offer(stamp), (_error: unknown, responses: unknown[]) => {
              if (responses && responses.length > 0) ackMs.push(now() - stamp.sentAt);
              pendingAcks--;
              done();
            });
        } else {
          const room = stationRooms[((seq - 1) / 2) % stationRooms.length] as string;
          boards++;
          server.to(room).emit('board:upsert', board(stamp));
        }
      }
      if (seq < total) setTimeout(tick, 5);
      else {
        finishedAt = now();
        done();
      }
    };
    tick();
  });
}

async function handle(command: NodeCommand): Promise<NodeReply> {
  switch (command.type) {
    case 'start':
      return start(command);
    case 'servers':
      return { type: 'servers', count: (await io?.of('/').adapter.serverCount()) ?? 0 };
    case 'statements':
      return { type: 'statements', count: cluster?.statements?.() ?? 0 };
    case 'emit':
      return emit(command);
    case 'close': {
      await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
      await cluster?.close();
      return { type: 'closed' };
    }
  }
}

process.on('message', (message: { id: number; command: NodeCommand }) => {
  handle(message.command).then(
    (reply) => process.send?.({ id: message.id, reply }),
    (error: unknown) => process.send?.({ id: message.id, reply: { type: 'error', error: String(error) } }),
  );
});
process.on('disconnect', () => process.exit(0));
