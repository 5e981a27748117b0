import { type Text, text } from '../../i18n/text.js';
import { type OutcomeRow, RELIABILITY_WINDOW } from './work.repository.js';

/** A new worker starts as if they had completed this many hires, so one bad day does not sink them. */
const PRIOR_COMPLETED = 2;
/** How much one outcome counts as a missed hire. */
const MISS_WEIGHT = { noShow: 1, lateCancel: 0.5 } as const;
/** Average stars of 1 take the score down to this share; 5 stars leave it whole. */
const LOWEST_RATING_FACTOR = 0.8;

export type ReliabilityReport = {
  score: number;
  hiresCounted: number;
  completed: number;
  noShows: number;
  lateCancellations: number;
  averageStars: number | null;
  ratingsCounted: number;
  /** Why, in words the worker reads (rendered in their language where the answer is made). */
  reasons: Text[];
};

/**
 * Reliability from a worker's last hires that reached an end: attendance (completed against
 * no-shows and late cancellations, with a small head start for newcomers) times a factor from the
 * stars employers gave. 0 to 1; matching ranks by it; the worker sees the reasons.
 */
export function reliabilityOf(outcomes: readonly OutcomeRow[]): ReliabilityReport {
  const counted = outcomes.slice(0, RELIABILITY_WINDOW);
  // A completed hire whose attendance was settled at no hours was not worked: a miss, not a day done.
  const workedNothing = (o: OutcomeRow) => o.status === 'COMPLETED' && o.settledHours === 0;
  const completed = counted.filter((o) => o.status === 'COMPLETED' && !workedNothing(o)).length;
  const noShows = counted.filter((o) => o.status === 'NO_SHOW' || workedNothing(o)).length;
  const lateCancellations = counted.filter((o) => o.status === 'CANCELLED' && o.cancelledLate).length;
  const stars = counted.flatMap((o) => (o.stars === null ? [] : [o.stars]));
  const averageStars = stars.length === 0 ? null : stars.reduce((a, b) => a + b, 0) / stars.length;

  const misses = noShows * MISS_WEIGHT.noShow + lateCancellations * MISS_WEIGHT.lateCancel;
  const attendance = (completed + PRIOR_COMPLETED) / (completed + PRIOR_COMPLETED + misses);
  const ratingFactor =
    averageStars === null ? 1 : LOWEST_RATING_FACTOR + ((1 - LOWEST_RATING_FACTOR) * (averageStars - 1)) / 4;
  const score = Math.round(Math.min(1, Math.max(0, attendance * ratingFactor)) * 1000) / 1000;

  const reasons = [
    counted.length === 0
      ? text('work:reliability.noHistory')
      : text('work:reliability.window', { counted: counted.length, completed }),
  ];
  if (noShows > 0) reasons.push(text('work:reliability.noShows', { count: noShows }));
  if (lateCancellations > 0) {
    reasons.push(text('work:reliability.lateCancellations', { count: lateCancellations }));
  }
  if (averageStars !== null) {
    reasons.push(
      text(averageStars < 5 ? 'work:reliability.starsBelowFive' : 'work:reliability.stars', {
        average: averageStars,
        count: stars.length,
      }),
    );
  }
  if (counted.length > 0 && noShows === 0 && lateCancellations === 0) {
    reasons.push(text('work:reliability.fullAttendance'));
  }
  return {
    score,
    hiresCounted: counted.length,
    completed,
    noShows,
    lateCancellations,
    averageStars: averageStars === null ? null : Math.round(averageStars * 100) / 100,
    ratingsCounted: stars.length,
    reasons,
  };
}
