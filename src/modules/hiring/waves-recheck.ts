import type { DispatchRecord } from './dispatch.repository.js';

/** How soon a gig whose candidates ran out is first matched again. */
export const EXHAUSTED_RECHECK_MS = 60_000;
/** The longest wait between two looks at a gig nobody could be offered, until it starts. */
export const EXHAUSTED_RECHECK_MAX_MS = 15 * 60_000;

/**
 * How long until a gig whose candidates ran out is matched again: a minute after it ran out, then
 * twice as long after each look that found nobody, up to EXHAUSTED_RECHECK_MAX_MS. Each wait is
 * stretched by up to a quarter at random, so gigs that ran out together (a batch of posts) do not
 * all come due in one sweep, a burst that held the API's loop for a second or more each minute.
 * The last wait is read back from the dispatch row (due minus updated). A look that sent offers,
 * or a gig that had offers out or a seat come free (an ACTIVE dispatch), starts from a minute again.
 */
export function exhaustedRecheckMs(
  dispatch: Pick<DispatchRecord, 'state' | 'dueAt' | 'updatedAt'>,
  sentNow: number,
  random: () => number = Math.random,
): number {
  const last =
    dispatch.state === 'EXHAUSTED' && sentNow === 0
      ? dispatch.dueAt.getTime() - dispatch.updatedAt.getTime()
      : 0;
  const wait = Math.min(EXHAUSTED_RECHECK_MAX_MS, Math.max(EXHAUSTED_RECHECK_MS, 2 * last));
  return Math.round(wait * (1 + random() / 4));
}
