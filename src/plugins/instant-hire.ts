import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { hiringJobs } from '../modules/index.js';
import { repeatEvery } from './repeat.js';

/**
 * Hiring's timer (the offer sweep, `hiringJobs`) on each node, and the wait for its background
 * work on shutdown. Once the `jobs` plugin runs every module's jobs, the sweep moves there.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const hiring = fastify.services.hiring;
    for (const job of hiringJobs(hiring, config.offers)) repeatEvery(fastify, job.everyMs, job.name, job.run);
    fastify.addHook('preClose', async () => {
      await hiring.drain();
    });
  },
  { name: 'instant-hire', dependencies: ['services'], fastify: '5.x' },
);
