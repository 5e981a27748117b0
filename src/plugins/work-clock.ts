import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { repeatEvery } from './repeat.js';

/**
 * The work and wage timers on every node: hires past their end plus the grace are checked out and
 * completed, and completed hires past their pay-by date without the worker's confirmation open an
 * arrears case. The rows are claimed with SKIP LOCKED, so any number of nodes may run it.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    repeatEvery(fastify, config.work.sweepMs, 'work sweep', () => fastify.services.work.sweep());
  },
  { name: 'work-clock', dependencies: ['services'], fastify: '5.x' },
);
