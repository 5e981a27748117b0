import type { Job } from '../jobs.js';
import type { HiringService } from './hiring.service.js';

/**
 * Hiring's timer on every node: pending offers past their time expire (the workers are told) and
 * every due dispatch sends its next wave. Both are rows claimed with SKIP LOCKED, so any number of
 * nodes may run it.
 */
export function hiringJobs(hiring: Pick<HiringService, 'sweep'>, settings: { sweepMs: number }): Job[] {
  return [{ name: 'offer sweep', everyMs: settings.sweepMs, run: () => hiring.sweep() }];
}
