import fp from 'fastify-plugin';
import { moduleSockets } from '../modules/index.js';
import type { LingongSocket } from '../realtime/socket.js';

/**
 * Each module's socket handlers (`<domain>.socket.ts`, listed by `moduleSockets`), registered on
 * every connection once its token is checked.
 */
export default fp(
  async (fastify) => {
    const registrations = moduleSockets(fastify.services, fastify.log);
    fastify.io.on('connection', (socket: LingongSocket) => {
      for (const register of registrations) register(socket);
    });
  },
  { name: 'sockets', dependencies: ['services', 'io'], fastify: '5.x' },
);
