import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../outbox/dispatcher.js';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxDispatcher;
  }
}

/** Keeps the search indexes in step with PostgreSQL; stops (finishing its batch) before the pool closes. */
export default fp(
  async (fastify, { config, autoStart = true }: { config: Config; autoStart?: boolean }) => {
    const dispatcher = createOutboxDispatcher({
      db: fastify.db,
      search: fastify.meili,
      builders: {
        workers: fastify.services.documents.workers,
      },
      log: fastify.log.child({ component: 'outbox' }),
      pollMs: config.outbox.pollMs,
      batchSize: config.outbox.batchSize,
    });
    fastify.decorate('outbox', dispatcher);
    if (autoStart) dispatcher.start();
    fastify.addHook('preClose', async () => {
      await dispatcher.stop();
    });
  },
  { name: 'outbox', dependencies: ['services'], fastify: '5.x' },
);
