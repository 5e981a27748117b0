import type { Job } from '../jobs.js';
import type { FollowUpNoticesService } from './notices.service.js';

/**
 * Tells stations' operators who joined their follow-up list or turned overdue, every `sweepMs`
 * (FOLLOW_UP_NOTICE_SWEEP_MS, default 15 minutes); each notice is claimed once, so any number of
 * nodes may sweep.
 */
export function followUpJobs(
  followUp: Pick<FollowUpNoticesService, 'sendNotices'>,
  settings: { noticeSweepMs: number },
): Job[] {
  return [{ name: 'follow-up notices', everyMs: settings.noticeSweepMs, run: () => followUp.sendNotices() }];
}
