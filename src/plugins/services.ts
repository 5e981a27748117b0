import fp from 'fastify-plugin';
import { type Clock, systemClock } from '../clock.js';
import { createServices, type Services } from '../modules/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    clock: Clock;
  }
}

/** Builds the domain services over the infrastructure; the only place that wires them together. */
export default fp(
  async (fastify, { clock = systemClock }: { clock?: Clock }) => {
    fastify.decorate('clock', clock);
    fastify.decorate(
      'services',
      createServices({ db: fastify.db, search: fastify.meili, clock, log: fastify.log }),
    );
  },
  { name: 'services', dependencies: ['db', 'search'], fastify: '5.x' },
);
