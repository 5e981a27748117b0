import type { PayUnit } from '../../db/schema/index.js';
import { type Text, text } from '../../i18n/text.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type PayTerms = {
  payFen: number;
  payUnit: PayUnit;
  startsAt: Date;
  endsAt: Date;
  /** Working hours of each day; needed for DAY and TOTAL pay when the gig spans several days. */
  hoursPerDay?: number | null;
  /** For PIECE pay: how many pieces a worker does in an hour, as the employer states it. */
  piecesPerHour?: number | null;
};

export type HourlyRate =
  | { ok: true; hourlyFen: number; workingHours: number }
  | { ok: false; field: 'hoursPerDay' | 'piecesPerHour'; message: Text };

/** Calendar days the window touches, counted in 24-hour blocks from its start. */
export const daysSpanned = (startsAt: Date, endsAt: Date) =>
  Math.max(1, Math.ceil((endsAt.getTime() - startsAt.getTime()) / DAY_MS));

/**
 * The pay as an hourly rate, to hold against the hourly minimum wage: HOUR as it is; DAY over the
 * day's working hours; TOTAL over all working hours of the window; PIECE times the stated pieces
 * per hour. A gig within one day works its whole window unless the employer says fewer hours (a
 * lunch break); a gig over several days must say its hours per day. Rounded down, so a rate a
 * fraction under the minimum is under it.
 */
export function hourlyRate(terms: PayTerms): HourlyRate {
  const windowHours = (terms.endsAt.getTime() - terms.startsAt.getTime()) / HOUR_MS;
  const days = daysSpanned(terms.startsAt, terms.endsAt);
  const perDay = terms.hoursPerDay ?? (days === 1 ? windowHours : null);
  const workingHours = perDay === null ? null : Math.min(windowHours, days * perDay);

  switch (terms.payUnit) {
    case 'HOUR':
      return { ok: true, hourlyFen: terms.payFen, workingHours: workingHours ?? windowHours };
    case 'PIECE': {
      if (!terms.piecesPerHour || terms.piecesPerHour <= 0) {
        return {
          ok: false,
          field: 'piecesPerHour',
          message: text('gigs:piecesPerHourNeeded'),
        };
      }
      return {
        ok: true,
        hourlyFen: Math.floor(terms.payFen * terms.piecesPerHour),
        workingHours: workingHours ?? windowHours,
      };
    }
    case 'DAY':
    case 'TOTAL': {
      if (perDay === null || workingHours === null) {
        return {
          ok: false,
          field: 'hoursPerDay',
          message: text('gigs:hoursPerDayNeeded', { days }),
        };
      }
      const hours = terms.payUnit === 'DAY' ? perDay : workingHours;
      return { ok: true, hourlyFen: Math.floor(terms.payFen / hours), workingHours };
    }
  }
}

/**
 * The most one hire on these terms can come to, in fen: every hour of its window worked, hours past
 * the working hours at the hourly rate, and for piece work what the stated rate would earn (the
 * employer may record that much as paid). What the work module owes or lets be paid for a hire
 * (wagesFor, paymentCeiling) stays under it, given pay at or above the minimum wage.
 */
export function mostOneHireEarns(terms: PayTerms, rate: { hourlyFen: number; workingHours: number }): number {
  const windowHours = (terms.endsAt.getTime() - terms.startsAt.getTime()) / HOUR_MS;
  const beyond = Math.max(0, windowHours - rate.workingHours) * rate.hourlyFen;
  const earned = {
    HOUR: terms.payFen * windowHours,
    PIECE: terms.payFen * (terms.piecesPerHour ?? 0) * windowHours,
    DAY: terms.payFen * daysSpanned(terms.startsAt, terms.endsAt) + beyond,
    TOTAL: terms.payFen + beyond,
  }[terms.payUnit];
  return Math.ceil(earned);
}

/** 2150 → "21.50 元". */
export const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;
