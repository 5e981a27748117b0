import type { Job } from '../jobs.js';
import { REFRESH_EVERY_MS } from './session-trust.js';
import type { SessionsService } from './sessions.service.js';

/**
 * The accounts' timer: each node reads again the sessions it has trusted longest (its own memory,
 * session-trust.ts), so that a worker connected all day is not read on the accept that matters.
 */
export function accountsJobs(sessions: Pick<SessionsService, 'refreshTrusted'>): Job[] {
  return [
    { name: 'trusted sessions refresh', everyMs: REFRESH_EVERY_MS, run: () => sessions.refreshTrusted() },
  ];
}
