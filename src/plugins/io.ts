import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import type { Config } from '../config.js';
import { chooseLocale, localeFromAcceptLanguage, localeOf } from '../i18n/locale.js';
import { render } from '../i18n/render.js';
import { text } from '../i18n/text.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import { openCluster } from '../realtime/cluster.js';
import { rooms } from '../realtime/rooms.js';
import type { LingongServer } from '../realtime/socket.js';
import { originAllowed } from '../security/origins.js';

export type { LingongServer, LingongSocket, SocketData } from '../realtime/socket.js';

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
 *
 * Several API nodes share events through PostgreSQL (`@socket.io/postgres-adapter`: LISTEN/NOTIFY
 * on channel `socket.io#/`, big payloads via the `socket_io_attachments` table), so an event
 * emitted on one node reaches sockets connected to any node, and acks come back to the emitter.
 * Its publishes are batched (`realtime/postgres-adapter.ts`): a wave of offers is a few NOTIFYs.
 * The adapter needs node-postgres, so it gets its own small `pg` pool; the app's queries stay on
 * postgres.js. With SOCKET_ADAPTER=redis, Redis Streams carry them instead (`realtime/cluster.ts`).
 *
 * Browsers follow CORS_ORIGINS as on HTTP: a handshake from another site's page is refused unless
 * that origin is listed (a WebSocket is not bound by CORS, so the server checks the Origin).
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const warn = (error: unknown, msg: string) => fastify.log.warn({ err: error }, msg);
    const cluster = await openCluster(config.realtime, fastify.backing.databaseUrl, warn);

    const allowedOrigins = new Set(config.http.corsOrigins);
    const io: LingongServer = new Server(fastify.server, {
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      maxHttpBufferSize: config.http.bodyLimitBytes,
      ...(allowedOrigins.size > 0 && { cors: { origin: [...allowedOrigins], methods: ['GET', 'POST'] } }),
      allowRequest: (request, callback) => callback(null, originAllowed(request.headers, allowedOrigins)),
      adapter: cluster.adapter,
    });

    // Ready means hearing the other nodes (cluster.ts).
    if (!(await cluster.ready(io)))
      fastify.log.warn('socket.io adapter: not hearing the other nodes after 5 s; it keeps retrying');

    io.use(async (socket, next) => {
      const token = socket.handshake.auth?.token;
      const asked = socket.handshake.auth?.locale;
      socket.data.locale = chooseLocale(
        null,
        localeOf(typeof asked === 'string' ? asked : null) ??
          localeFromAcceptLanguage(socket.handshake.headers['accept-language']),
      );
      let authentication: Awaited<ReturnType<typeof fastify.authenticate>>;
      try {
        authentication = await fastify.authenticate(typeof token === 'string' ? token : null);
      } catch (cause) {
        // The token's session could not be checked (PostgreSQL down): refused, and the client retries.
        fastify.log.warn({ err: cause }, 'socket.io: could not check a handshake token');
        const error = new Error(render(text('api:signInNotChecked'), socket.data.locale)) as Error & {
          data?: unknown;
        };
        error.data = { code: 'SERVICE_UNAVAILABLE' };
        next(error);
        return;
      }
      const { viewer, problem, session } = authentication;
      if (!viewer) {
        const error = new Error(
          render(problem ?? text('api:signInFirstSocket'), socket.data.locale),
        ) as Error & {
          data?: unknown;
        };
        error.data = { code: 'UNAUTHENTICATED' };
        next(error);
        return;
      }
      socket.data.viewer = viewer;
      // The account's own choice (its token's) over what the device asked at the handshake.
      if (viewer.kind === 'account' && viewer.locale) socket.data.locale = viewer.locale;
      socket.data.session = session
        ? { id: session.id, version: session.version, expiresAtMs: session.expiresAtMs }
        : null;
      await socket.join(roomsOf(viewer));
      next();
    });

    fastify.decorate('io', io);
    // Open websockets would hold the HTTP server open; drop them before fastify closes it.
    fastify.addHook('preClose', async () => {
      io.local.disconnectSockets(true);
    });
    // One hook, so the order holds: io closes (its adapter tells the other nodes it is gone and
    // gives its LISTEN connection back), that goodbye is sent, then the pool ends.
    fastify.addHook('onClose', async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      if (!(await cluster.close()))
        fastify.log.warn('socket.io adapter: its connections did not end within 2 s; leaving them');
    });
  },
  { name: 'io', dependencies: ['auth', 'db'], fastify: '5.x' },
);
