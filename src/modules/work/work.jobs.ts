import type { Job } from '../jobs.js';
import type { WorkService } from './work.service.js';

/**
 * The work and wage timers on every node: hires past their end plus the grace are checked out and
 * completed, and completed hires past their pay-by date without the worker's confirmation open an
 * arrears case. The rows are claimed with SKIP LOCKED, so any number of nodes may run it.
 */
export function workJobs(work: Pick<WorkService, 'sweep'>, settings: { sweepMs: number }): Job[] {
  return [{ name: 'work sweep', everyMs: settings.sweepMs, run: () => work.sweep() }];
}
