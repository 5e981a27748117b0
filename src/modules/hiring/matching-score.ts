import type { OfferTier } from '../../db/schema/index.js';
import { marketDay } from '../../time.js';
import { roundKm } from '../gigs/distance.js';
import { cellDistanceKm, shownKm } from '../workers/coarse-location.js';
import type { MatchGig, MatchRow } from './matching.repository.js';

// The score of matching and the ranking built on it (matching.ts): rankRows, for the employer's
// candidate list and a wave.

/**
 * A worker the gig may go to. What the employer sees (`distanceKm`, `score`, `tier`, the order)
 * is worked out from the worker's cell, never the exact home, and `score` carries no priority
 * group (docs/security.md, "Nothing private can be inferred").
 */
export type CandidateMatch = {
  workerId: string;
  /** Shown to the employer: from the worker's cell, in SHOWN_STEP_KM steps. */
  distanceKm: number;
  /** The worker's own distance, from the exact home (0.1 km): only the worker's offer shows it. */
  ownDistanceKm: number;
  tier: Exclude<OfferTier, 'CREW'>;
  /** Shown to the employer: the public score (publicScore in scoreOf). */
  score: number;
  /** The order, kept inside: the whole score, with the priority lift and the recent-hire and workload steps. */
  rankScore: number;
};

/**
 * Weights of the score. The tier bases are far apart, so tiers never mix; inside a tier, a
 * priority group comes first on public-welfare gigs, then nearness (of the worker's cell), skill
 * level and reliability, less a small step back for a recent hire and a step per hire of the last
 * RECENT_WORK_DAYS (work spreads: of two equally reliable workers, the one who worked less lately
 * comes first; docs/fairness.md). Age is not an input: it can only raise a score, as the
 * older-worker priority group on public-welfare gigs.
 */
export const SCORE = {
  tierBase: { ROSTER: 2000, RATED: 1000, MATCH: 0 },
  /** Above all merit and the whole workload step inside a tier, below the gap between tiers. */
  priorityGroup: 400,
  nearness: 40,
  perSkillLevel: 8,
  /** A level a verified certificate backs ranks above the same level self-declared, below the next. */
  certifiedLevel: 4,
  reliability: 30,
  recentHire: -15,
  /** Per hire starting in the last RECENT_WORK_DAYS (or booked ahead), up to WORKLOAD_CAP hires. */
  perRecentWork: -20,
} as const;

/** The hires counted for the workload step: those starting this many days back, or later. */
export const RECENT_WORK_DAYS = 14;
/**
 * At most this many hires count, so the whole step back (recent hire and workload, 15 + 240) stays
 * below the priority lift less everything merit can differ by inside a tier (400 − 106: nearness
 * 40, four skill levels 32, a certificate 4, reliability 30): a priority group still comes first on
 * a public-welfare gig however much its members worked lately.
 */
export const WORKLOAD_CAP = 12;

/** An employer rating at or above this average (at least one rating) puts a worker in RATED. */
export const RATED_WELL = 4;
/** Hired this recently, a worker steps back a little so work spreads. */
export const RECENT_HIRE_DAYS = 3;
/** Older-worker status (大龄) starts at this age, as in the registry. */
export const OLDER_WORKER_AGE = 45;

/**
 * The latest birth date (YYYY-MM-DD) of someone OLDER_WORKER_AGE or older on the market day of
 * `now`, counted as the registry's `ageOn` counts (Asia/Shanghai's calendar, the birthday on the
 * day itself): the same month and day that many years back. On 29 February the year back is never
 * a leap year (45 is not a multiple of 4), so it is the 28th, and someone born on 1 March turns
 * older the next day, as `ageOn` has it.
 */
export function olderBornBy(now: Date): string {
  const day = marketDay(now);
  const year = String(Number(day.slice(0, 4)) - OLDER_WORKER_AGE).padStart(4, '0');
  const monthDay = day.slice(5);
  return `${year}-${monthDay === '02-29' ? '02-28' : monthDay}`;
}

/** What the score is made of; `distance_km` is the distance from the worker's cell. */
export type ScoreInput = Pick<
  MatchRow,
  | 'distance_km'
  | 'on_roster'
  | 'avg_stars'
  | 'best_level'
  | 'best_certified'
  | 'reliability'
  | 'priority'
  | 'recent_hire'
> &
  Partial<Pick<MatchRow, 'recent_hires'>>;

/**
 * The tier, the whole score (the order offers go out in), and the public score an employer is
 * shown: the same without the priority-group lift and the recent-hire and workload steps, in whole
 * points, so it says nothing of a group the employer may not read nor of hires with other employers.
 */
export function scoreOf(
  row: ScoreInput,
  gig: Pick<MatchGig, 'searchRadiusKm' | 'publicWelfare'>,
): { tier: CandidateMatch['tier']; score: number; publicScore: number } {
  const tier: CandidateMatch['tier'] = row.on_roster
    ? 'ROSTER'
    : row.avg_stars !== null && row.avg_stars >= RATED_WELL
      ? 'RATED'
      : 'MATCH';
  const reach = Math.max(gig.searchRadiusKm, 0.1);
  const merit =
    SCORE.tierBase[tier] +
    SCORE.nearness * Math.max(0, 1 - row.distance_km / reach) +
    SCORE.perSkillLevel * row.best_level +
    (row.best_certified ? SCORE.certifiedLevel : 0) +
    SCORE.reliability * row.reliability;
  const score =
    merit +
    (gig.publicWelfare && row.priority ? SCORE.priorityGroup : 0) +
    (row.recent_hire ? SCORE.recentHire : 0) +
    SCORE.perRecentWork * Math.min(row.recent_hires ?? 0, WORKLOAD_CAP);
  return { tier, score: Math.round(score * 100) / 100, publicScore: Math.round(merit) };
}

/**
 * The eligible rows ranked, best first: both radii judged on the worker's cell, like everything
 * the employer sees (judged on the exact home, who is listed would trace a circle around it);
 * the tier and scores of scoreOf; ties by the cell's shown distance, then by id (random, and no
 * one's private).
 */
export function rankRows(
  rows: readonly MatchRow[],
  gig: Pick<MatchGig, 'lat' | 'lng' | 'searchRadiusKm' | 'publicWelfare'>,
  cellKm: number,
): CandidateMatch[] {
  const ranked: CandidateMatch[] = [];
  for (const row of rows) {
    const fromCell = cellDistanceKm(row, gig, cellKm);
    if (fromCell > gig.searchRadiusKm || fromCell > row.travel_radius_km) continue;
    const { tier, score, publicScore } = scoreOf({ ...row, distance_km: fromCell }, gig);
    ranked.push({
      workerId: row.worker_id,
      distanceKm: shownKm(fromCell),
      ownDistanceKm: roundKm(row.distance_km),
      tier,
      score: publicScore,
      rankScore: score,
    });
  }
  ranked.sort(
    (a, b) =>
      b.rankScore - a.rankScore ||
      a.distanceKm - b.distanceKm ||
      (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0),
  );
  return ranked;
}
