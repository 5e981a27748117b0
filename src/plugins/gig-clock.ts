import fp from 'fastify-plugin';
import type { Config } from '../config.js';

/**
 * Moves gigs along by the clock on every node: started gigs become IN_PROGRESS (or EXPIRED with
 * nobody hired), ended ones COMPLETED. The updates are conditional, so nodes cannot collide.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    let running: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      if (running) return;
      running = fastify.services.gigs
        .advanceByTime()
        .catch((error: unknown) => fastify.log.warn({ err: error }, 'gig status sweep failed; will retry'))
        .finally(() => {
          running = undefined;
        });
    }, config.gigs.sweepMs);
    timer.unref();
    fastify.addHook('preClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'gig-clock', dependencies: ['services'], fastify: '5.x' },
);
