import type { ShortageFigures } from './shortage.repository.js';

/**
 * The shortage index (急需紧缺指数, docs/training.md "The shortage report"): 0–100, higher is
 * shorter. Each part is a share in [0, 1]:
 *
 * - unfilled: seats left unfilled of the seats already judged (the gig started or closed);
 * - slowness: the trade's median hours to fill against its county's, r / (1 + r) (0.5 when equal);
 *   1 when none filled though seats went unfilled, 0.5 (no evidence) when nothing was judged;
 * - pressure: seats posted per qualified available worker, seats / (seats + matching + 1);
 * - relief: course seats coming against the seats posted, courses / (courses + seats).
 *
 * index = 100 × clamp(0.40 unfilled + 0.25 slowness + 0.35 pressure − 0.20 relief, 0, 1),
 * rounded to one decimal.
 */
export const SHORTAGE_WEIGHTS = { unfilled: 0.4, slowness: 0.25, pressure: 0.35, relief: 0.2 } as const;

const share = (part: number, whole: number) => (whole <= 0 ? 0 : part / whole);

export function slowness(
  f: Pick<ShortageFigures, 'medianHoursToFill' | 'countyMedianHoursToFill' | 'seatsUnfilled' | 'seatsJudged'>,
): number {
  if (f.medianHoursToFill === null) {
    if (f.seatsUnfilled > 0) return 1;
    return 0.5;
  }
  const county = f.countyMedianHoursToFill;
  // A county whose gigs all filled at once (median 0): a trade that took time is the slow one.
  if (county === null || county <= 0) return f.medianHoursToFill > 0 ? 1 : 0.5;
  const r = f.medianHoursToFill / county;
  return r / (1 + r);
}

export function shortageIndex(f: ShortageFigures): number {
  const w = SHORTAGE_WEIGHTS;
  const unfilled = share(f.seatsUnfilled, f.seatsJudged);
  const pressure = share(f.seatsPosted, f.seatsPosted + f.workersMatching + 1);
  const relief = share(f.courseSeatsComing, f.courseSeatsComing + f.seatsPosted);
  const raw = w.unfilled * unfilled + w.slowness * slowness(f) + w.pressure * pressure - w.relief * relief;
  const clamped = Math.min(1, Math.max(0, raw));
  return Math.round(clamped * 1000) / 10;
}

export type RankedFigures = ShortageFigures & { shortageIndex: number; rank: number };

/**
 * Ranks the trades of each county: the higher index first; ties by more seats unfilled, then more
 * seats posted, then the trade's code (so the same figures always give the same order). Counties
 * come in code order.
 */
export function rankShortages(figures: readonly ShortageFigures[]): RankedFigures[] {
  const scored = figures.map((f) => ({ ...f, shortageIndex: shortageIndex(f), rank: 0 }));
  scored.sort(
    (a, b) =>
      a.regionCode.localeCompare(b.regionCode) ||
      b.shortageIndex - a.shortageIndex ||
      b.seatsUnfilled - a.seatsUnfilled ||
      b.seatsPosted - a.seatsPosted ||
      (a.skillCode < b.skillCode ? -1 : a.skillCode > b.skillCode ? 1 : 0),
  );
  let county = '';
  let rank = 0;
  for (const row of scored) {
    if (row.regionCode !== county) {
      county = row.regionCode;
      rank = 0;
    }
    rank += 1;
    row.rank = rank;
  }
  return scored;
}
