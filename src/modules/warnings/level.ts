import type { WarningLevel } from '../../db/schema/index.js';

/** The counts of one county and day, as the repository reads them from the market's tables. */
export type WarningIndicators = {
  seekers: number;
  openSeats: number;
  postings: number;
  postingsBefore: number;
  hires: number;
  hiresBefore: number;
  unmatched7d: number;
  massCancellations: number;
  massCancelEmployerId: string | null;
};

/** Yellow, orange and red thresholds of one indicator, rising (docs/warnings.md). */
export type Steps = readonly [yellow: number, orange: number, red: number];

export type WarningThresholds = {
  /** Seekers per open seat. */
  seekersPerSeat: Steps;
  /** Fall of postings against the week before, percent. */
  postingsDropPercent: Steps;
  /** Fall of hires against the week before, percent. */
  hiresDropPercent: Steps;
  /** Share of seekers with no hire in 7 days, percent. */
  unmatchedPercent: Steps;
  /** Hires one employer called off in 24 hours. */
  massCancellations: Steps;
  /** Below this many seekers, the two seeker ratios are not judged (a handful of people is no trend). */
  minSeekers: number;
  /** Below this many postings (or hires) in the week before, its week-on-week fall is not judged. */
  minWeekBase: number;
};

export const INDICATORS = [
  'SEEKERS_PER_SEAT',
  'POSTINGS_DROP',
  'HIRES_DROP',
  'UNMATCHED_7D',
  'MASS_CANCELLATION',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type Judgement = { level: WarningLevel; reasons: Indicator[]; seekersPerSeat: number };

const ORDER: readonly WarningLevel[] = ['BLUE', 'YELLOW', 'ORANGE', 'RED'];

/** 0 (blue) to 3 (red): how many of the steps the value reaches. */
export function stepOf(value: number, steps: Steps): number {
  return steps.filter((step) => value >= step).length;
}

/** The fall from `before` to `now` in percent (0 when it rose); null when `before` is too small to judge. */
export function dropPercent(now: number, before: number, minBase: number): number | null {
  if (before < minBase) return null;
  return Math.max(0, ((before - now) / before) * 100);
}

/**
 * The county's level: the highest any indicator reaches, and the indicators that reach it. Each
 * indicator alone can raise it (a plant laying off hundreds in a day must not wait for the weekly
 * figures to confirm it); the small-number guards keep a quiet county blue.
 */
export function judge(x: WarningIndicators, limits: WarningThresholds): Judgement {
  const seekersPerSeat = x.openSeats === 0 ? x.seekers : x.seekers / x.openSeats;
  const enoughSeekers = x.seekers >= limits.minSeekers;
  const postingsDrop = dropPercent(x.postings, x.postingsBefore, limits.minWeekBase);
  const hiresDrop = dropPercent(x.hires, x.hiresBefore, limits.minWeekBase);
  const steps: Record<Indicator, number> = {
    SEEKERS_PER_SEAT: enoughSeekers ? stepOf(seekersPerSeat, limits.seekersPerSeat) : 0,
    POSTINGS_DROP: postingsDrop === null ? 0 : stepOf(postingsDrop, limits.postingsDropPercent),
    HIRES_DROP: hiresDrop === null ? 0 : stepOf(hiresDrop, limits.hiresDropPercent),
    UNMATCHED_7D: enoughSeekers ? stepOf((x.unmatched7d / x.seekers) * 100, limits.unmatchedPercent) : 0,
    MASS_CANCELLATION: stepOf(x.massCancellations, limits.massCancellations),
  };
  const top = Math.max(...Object.values(steps));
  const reasons = top === 0 ? [] : INDICATORS.filter((name) => steps[name] === top);
  return { level: ORDER[top] ?? 'RED', reasons, seekersPerSeat: Math.round(seekersPerSeat * 100) / 100 };
}

export const rankOf = (level: WarningLevel) => ORDER.indexOf(level);
