import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { repeatEvery } from './repeat.js';

/**
 * Folds the statistics deltas (one row per counted change, written by triggers) into the daily
 * rollups on every node; an advisory lock lets one node fold at a time and the others skip.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    repeatEvery(fastify, config.stats.foldMs, 'statistics fold', () => fastify.services.stats.fold());
  },
  { name: 'stats-clock', dependencies: ['services'], fastify: '5.x' },
);
