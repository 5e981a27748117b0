import type { Job } from '../jobs.js';
import type { GigsService } from './gigs.service.js';

/**
 * Moves gigs along by the clock on every node: started gigs become IN_PROGRESS (or EXPIRED with
 * nobody hired), ended ones COMPLETED. The updates are conditional, so nodes cannot collide.
 */
export function gigsJobs(gigs: Pick<GigsService, 'advanceByTime'>, settings: { sweepMs: number }): Job[] {
  return [{ name: 'gig status sweep', everyMs: settings.sweepMs, run: () => gigs.advanceByTime() }];
}
