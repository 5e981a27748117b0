import type { PayUnit } from '../../db/schema/index.js';
import { daysSpanned, hourlyRate } from '../gigs/pay.js';

const HOUR_MS = 3_600_000;

/** The part of a hire's agreed terms that decides what its hours earn. */
export type WageTerms = {
  startsAt: string;
  endsAt: string;
  payFen: number;
  payUnit: PayUnit;
  /** The contract's hourly equivalent (for PIECE, the guaranteed floor). */
  hourlyFen: number;
  hoursPerDay: number | null;
  piecesPerHour: number | null;
  /** The region's hourly minimum wage in force at hire; absent on contracts made before it was kept. */
  minimumHourlyFen?: number | null;
};

/** The contract window in hours, and the working hours the contract asks for inside it. */
export function contractHours(terms: WageTerms): { windowHours: number; workingHours: number } {
  const startsAt = new Date(terms.startsAt);
  const endsAt = new Date(terms.endsAt);
  const windowHours = (endsAt.getTime() - startsAt.getTime()) / HOUR_MS;
  const rate = hourlyRate({ ...terms, startsAt, endsAt });
  return { windowHours, workingHours: rate.ok ? rate.workingHours : windowHours };
}

/**
 * Hours a check-in and check-out are worth: the stay clipped to the contract window, to the
 * hundredth of an hour (rounded down, so a record never earns more than it shows).
 */
export function recordedHours(
  window: { startsAt: Date; endsAt: Date },
  checkedInAt: Date | null,
  checkedOutAt: Date | null,
): number {
  if (!checkedInAt || !checkedOutAt) return 0;
  const from = Math.max(checkedInAt.getTime(), window.startsAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), window.endsAt.getTime());
  return to <= from ? 0 : Math.floor(((to - from) / HOUR_MS) * 100) / 100;
}

/**
 * What `hours` of settled work earn under a contract (根治欠薪: for the work done, never for work
 * that was not).
 *
 * - HOUR: the hourly pay for each hour.
 * - DAY and TOTAL: the agreed amount for the contract's working hours, pro rata when fewer were
 *   worked; hours beyond the contract's working hours (a stated `hoursPerDay` shorter than the
 *   stay) are paid at the contract's hourly rate, never under the minimum.
 * - PIECE: the contract's hourly figure for each hour: the guaranteed floor (保底) in terms made
 *   since the floor is kept, the stated rate in older ones; what the pieces earned above it is
 *   recorded by the employer when paying, since the market does not count pieces.
 *
 * Whatever the unit, the result is never under the minimum hourly wage for the hours.
 */
export function wagesFor(terms: WageTerms, hours: number): number {
  const { windowHours, workingHours } = contractHours(terms);
  const worked = Math.min(Math.max(hours, 0), windowHours);
  const minimum = terms.minimumHourlyFen ?? 0;
  const floor = Math.ceil(minimum * worked);
  const extraRate = Math.max(terms.hourlyFen, minimum);
  const within = Math.min(worked, workingHours);
  const beyond = Math.max(0, worked - workingHours);
  let earned: number;
  switch (terms.payUnit) {
    case 'HOUR':
      earned = terms.payFen * worked;
      break;
    case 'DAY': {
      const full = terms.payFen * daysSpanned(new Date(terms.startsAt), new Date(terms.endsAt));
      earned = (full * within) / workingHours + extraRate * beyond;
      break;
    }
    case 'TOTAL':
      earned = (terms.payFen * within) / workingHours + extraRate * beyond;
      break;
    case 'PIECE':
      // New terms keep the guaranteed floor as hourlyFen; terms made before it keep the stated rate.
      earned = terms.hourlyFen * worked;
      break;
  }
  return Math.max(Math.round(earned), floor);
}

/**
 * The most an employer may record as paid for a hire: what is owed, or for piece work what the
 * stated rate would earn over the hours (the pieces may have earned more than the floor).
 */
export function paymentCeiling(terms: WageTerms, hours: number, owedFen: number): number {
  if (terms.payUnit !== 'PIECE') return owedFen;
  const stated = Math.round(terms.payFen * (terms.piecesPerHour ?? 0) * Math.max(hours, 0));
  return Math.max(owedFen, stated);
}
