import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { moduleJobs } from '../modules/index.js';
import { repeatEvery } from './repeat.js';

/**
 * Runs every module's timers (`<domain>.jobs.ts`, listed by `moduleJobs`) on this node, each every
 * `everyMs`, never two rounds of one job at once, stopped before the app closes.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    for (const job of moduleJobs(fastify.services, config)) {
      repeatEvery(fastify, job.everyMs, job.name, job.run);
    }
  },
  { name: 'jobs', dependencies: ['services'], fastify: '5.x' },
);
