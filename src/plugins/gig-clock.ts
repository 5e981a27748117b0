import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { repeatEvery } from './repeat.js';

/**
 * Moves gigs along by the clock on every node: started gigs become IN_PROGRESS (or EXPIRED with
 * nobody hired), ended ones COMPLETED. The updates are conditional, so nodes cannot collide.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    repeatEvery(fastify, config.gigs.sweepMs, 'gig status sweep', () =>
      fastify.services.gigs.advanceByTime(),
    );
  },
  { name: 'gig-clock', dependencies: ['services'], fastify: '5.x' },
);
