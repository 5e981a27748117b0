import fp from 'fastify-plugin';
import { moduleSockets } from '../modules/index.js';
import type { LingongSocket } from '../realtime/socket.js';

/**
 * Each module's socket handlers (`<domain>.socket.ts`, listed by `moduleSockets`), registered on
 * every connection once its token is checked, with the API's guards (the mutation limit).
 */
export default fp(
  async (fastify) => {
    const registrations = moduleSockets(fastify.services, {
      log: fastify.log,
      // The same counter as GraphQL's mutations (rate-limits.ts): one minute per account, any door.
      limitMutations: fastify.limitMutations,
    });
    fastify.io.on('connection', (socket: LingongSocket) => {
      for (const register of registrations) register(socket);
    });
  },
  { name: 'sockets', dependencies: ['services', 'io', 'rate-limits'], fastify: '5.x' },
);
