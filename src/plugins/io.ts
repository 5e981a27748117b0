import fp from 'fastify-plugin';
import { Server, type Socket } from 'socket.io';

export type SocketData = {
  /** The token the client sent in `auth.token`; accounts turn it into an identity. */
  token: string | null;
};

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

/**
 * socket.io on the API's own port. Our own small plugin (the old fastify-socket.io wrapper is
 * unmaintained): the server is created on fastify's HTTP server and closed with it.
 */
export default fp(
  async (fastify) => {
    const io: LingongServer = new Server(fastify.server, {
      serveClient: false,
      connectionStateRecovery: undefined,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });

    io.use((socket, next) => {
      const token = socket.handshake.auth?.token;
      socket.data.token = typeof token === 'string' && token.length > 0 ? token : null;
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
  { name: 'io', fastify: '5.x' },
);
