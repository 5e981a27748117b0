import type { Job } from '../jobs.js';
import type { StatsService } from './stats.service.js';

/**
 * Folds the statistics deltas (one row per counted change, written by triggers) into the daily
 * rollups on every node; an advisory lock lets one node fold at a time and the others skip.
 */
export function statsJobs(stats: Pick<StatsService, 'fold'>, settings: { foldMs: number }): Job[] {
  return [{ name: 'statistics fold', everyMs: settings.foldMs, run: () => stats.fold() }];
}
