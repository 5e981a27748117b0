import { describe, expect, it } from 'vitest';
import {
  dropPercent,
  judge,
  stepOf,
  type WarningIndicators,
  type WarningThresholds,
} from '../../../src/modules/warnings/level.js';

const LIMITS: WarningThresholds = {
  seekersPerSeat: [3, 6, 10],
  postingsDropPercent: [30, 50, 70],
  hiresDropPercent: [30, 50, 70],
  unmatchedPercent: [50, 70, 85],
  massCancellations: [10, 20, 100],
  minSeekers: 20,
  minWeekBase: 10,
};

/** A county in a working market: 100 seekers, 50 open seats, steady weeks, few unmatched. */
const calm: WarningIndicators = {
  seekers: 100,
  openSeats: 50,
  postings: 40,
  postingsBefore: 40,
  hires: 80,
  hiresBefore: 80,
  unmatched7d: 20,
  massCancellations: 0,
  massCancelEmployerId: null,
};

describe('the warning level rule (docs/warnings.md)', () => {
  it('counts the thresholds a value reaches, each inclusive', () => {
    expect([2.9, 3, 5.99, 6, 10, 50].map((v) => stepOf(v, [3, 6, 10]))).toEqual([0, 1, 1, 2, 3, 3]);
  });

  it('reads a fall against the week before, no rise, and nothing on too small a base', () => {
    expect(dropPercent(20, 40, 10)).toBe(50);
    expect(dropPercent(60, 40, 10)).toBe(0);
    expect(dropPercent(0, 9, 10)).toBeNull();
  });

  it('keeps a working market blue with no reasons', () => {
    expect(judge(calm, LIMITS)).toEqual({ level: 'BLUE', reasons: [], seekersPerSeat: 2 });
  });

  it('takes the highest level any one indicator reaches, naming the indicators at it', () => {
    expect(judge({ ...calm, massCancellations: 36 }, LIMITS)).toMatchObject({
      level: 'ORANGE',
      reasons: ['MASS_CANCELLATION'],
    });
    // postings −50 % (orange) and hires −30 % (yellow): orange, for the postings.
    expect(judge({ ...calm, postings: 20, hires: 56 }, LIMITS)).toMatchObject({
      level: 'ORANGE',
      reasons: ['POSTINGS_DROP'],
    });
    // 100 seekers and 8 seats (12.5 per seat) and 90 % unmatched: red for both.
    expect(judge({ ...calm, openSeats: 8, unmatched7d: 90 }, LIMITS)).toMatchObject({
      level: 'RED',
      reasons: ['SEEKERS_PER_SEAT', 'UNMATCHED_7D'],
      seekersPerSeat: 12.5,
    });
  });

  it('counts the seekers themselves when no seat is open', () => {
    expect(judge({ ...calm, seekers: 40, openSeats: 0, unmatched7d: 0 }, LIMITS)).toMatchObject({
      level: 'RED',
      seekersPerSeat: 40,
    });
  });

  it('does not judge the seeker ratios of a handful of people, nor the fall from a quiet week', () => {
    const quiet = {
      ...calm,
      seekers: 19,
      openSeats: 0,
      unmatched7d: 19,
      postings: 0,
      postingsBefore: 9,
      hires: 0,
      hiresBefore: 9,
    };
    expect(judge(quiet, LIMITS)).toMatchObject({ level: 'BLUE', reasons: [] });
  });
});
