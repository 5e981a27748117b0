import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { createOutboxDispatcher, type OutboxDispatcher } from '../outbox/dispatcher.js';
import { OUTBOX_CHANNEL } from '../outbox/outbox.js';

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
        gigs: fastify.services.documents.gigs,
      },
      log: fastify.log.child({ component: 'outbox' }),
      pollMs: config.outbox.pollMs,
      batchSize: config.outbox.batchSize,
    });
    fastify.decorate('outbox', dispatcher);
    if (autoStart) {
      dispatcher.start();
      // Every commit that adds outbox rows notifies; the poll remains for rows a lost notice missed.
      const listening = await fastify.sql
        .listen(OUTBOX_CHANNEL, () => dispatcher.kick())
        .catch((error: unknown) => {
          fastify.log.warn({ err: error }, 'outbox: LISTEN failed; polling only');
          return null;
        });
      fastify.addHook('preClose', async () => {
        await listening?.unlisten().catch(() => {});
      });
    }
    fastify.addHook('preClose', async () => {
      await dispatcher.stop();
    });
  },
  { name: 'outbox', dependencies: ['services'], fastify: '5.x' },
);
