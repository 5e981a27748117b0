import fp from 'fastify-plugin';
import { Server, type Socket } from 'socket.io';
import type { Viewer } from '../modules/accounts/viewer.js';
import { rooms } from '../realtime/rooms.js';

export type SocketData = { viewer: Viewer };

export type LingongServer = Server<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  SocketData
>;
export type LingongSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  SocketData
>;

declare module 'fastify' {
  interface FastifyInstance {
    io: LingongServer;
  }
}

/** The rooms a connection joins: its account's, and its worker's or employer's. */
export function roomsOf(viewer: Viewer): string[] {
  if (viewer.kind === 'kiosk') return [rooms.station(viewer.stationId)];
  return [
    rooms.account(viewer.accountId),
    ...(viewer.workerId ? [rooms.worker(viewer.workerId)] : []),
    ...(viewer.employerId ? [rooms.employer(viewer.employerId)] : []),
    ...(viewer.role === 'ADMIN' ? [rooms.admins()] : []),
  ];
}

/**
 * socket.io on the API's own port. Our own small plugin (the old fastify-socket.io wrapper is
 * unmaintained): the server is created on fastify's HTTP server and closed with it. A connection
 * must bring a token in `auth.token`; it joins the rooms of whoever the token names.
 */
export default fp(
  async (fastify) => {
    const io: LingongServer = new Server(fastify.server, {
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });

    io.use(async (socket, next) => {
      const token = socket.handshake.auth?.token;
      const { viewer, problem } = await fastify.authenticate(typeof token === 'string' ? token : null);
      if (!viewer) {
        const error = new Error(problem ?? 'Sign in first: connect with auth: { token }.') as Error & {
          data?: unknown;
        };
        error.data = { code: 'UNAUTHENTICATED' };
        next(error);
        return;
      }
      socket.data.viewer = viewer;
      await socket.join(roomsOf(viewer));
      next();
    });

    fastify.decorate('io', io);
    // Open websockets would hold the HTTP server open; drop them before fastify closes it.
    fastify.addHook('preClose', async () => {
      io.local.disconnectSockets(true);
    });
    fastify.addHook('onClose', async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
    });
  },
  { name: 'io', dependencies: ['auth'], fastify: '5.x' },
);
