import { type SQL, sql } from 'drizzle-orm';
import type { OfferTier } from '../../db/schema/index.js';
import { marketDay } from '../../time.js';
import { roundKm } from '../gigs/distance.js';
import { cellDistanceKm, KM_PER_DEGREE, SHOWN_STEP_KM, shownKm } from '../workers/coarse-location.js';
import type { MatchGig, MatchRow } from './matching.repository.js';

// The score of matching and the two rankings built on it (matching.ts): rankRows in JS, for the
// employer's candidate list and a wave; rankedSql, its twin in SQL, for a folded wave (OFFER_WAVE_FOLD).

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
 * one's private). rankedSql is its twin in SQL, for a wave's folded insert.
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

/** JavaScript's Math.round in SQL (as V8 does it: up, less one if that went more than a half). */
const jsRound = (x: SQL) => sql`(ceil(${x}) - case when ceil(${x}) - 0.5::float8 > ${x} then 1 else 0 end)`;

/**
 * The eligible rows (`rows`, matching.repository.ts's eligibility statement) ranked in SQL exactly
 * as `candidates` ranks them in JS, for a wave's folded insert: the cell's centre as cellCentre,
 * its distance as cellDistanceKm (the haversine written out as distanceKm, operation by operation),
 * both radii judged on it, the tier, score and public score as scoreOf, the shown distance as
 * shownKm and the worker's own as roundKm (Math.round as jsRound). Every float8 operation is the
 * one JS does, in its order, so the results are the same doubles; sin, cos and asin come from
 * PostgreSQL's libm rather than V8's, which can differ in the last bit, far below the rounding of
 * the score (0.01) and the distances (0.1 and 0.5 km) (tests/modules/hiring/sql-ranking.test.ts).
 * Each step is its own subquery kept apart (`offset 0`): pulled up into one, PostgreSQL wrote each
 * step's expression out wherever the next used it, and computed the cell's distance a dozen times a row.
 */
export function rankedSql(
  rows: SQL,
  gig: Pick<MatchGig, 'lat' | 'lng' | 'searchRadiusKm' | 'publicWelfare'>,
  cellKm: number,
): SQL {
  const f = (n: number) => sql`${n}::float8`;
  const dLat = f(cellKm / KM_PER_DEGREE);
  const rad = (deg: SQL) => sql`((${deg}) * pi()) / 180::float8`;
  const squared = (x: SQL) => sql`(sin(${x}) * sin(${x}))`;
  const base = SCORE.tierBase;
  const lift = gig.publicWelfare ? SCORE.priorityGroup : 0;
  return sql`
    select s.worker_id, s.tier, s.own_km,
      ${jsRound(sql`s.cell_km / ${f(SHOWN_STEP_KM)}`)} * ${f(SHOWN_STEP_KM)} as shown_km,
      ${jsRound(sql`s.whole * 100::float8`)} / 100::float8 as score,
      ${jsRound(sql`s.merit`)} as public_score
    from (
      select m.*,
        m.merit + (case when m.priority then ${f(lift)} else 0::float8 end)
          + (case when m.recent_hire then ${f(SCORE.recentHire)} else 0::float8 end)
          + ${f(SCORE.perRecentWork)} * least(m.recent_hires, ${WORKLOAD_CAP}::int) as whole
      from (
        select d.*,
          (case d.tier when 'ROSTER' then ${f(base.ROSTER)} when 'RATED' then ${f(base.RATED)} else ${f(base.MATCH)} end)
            + ${f(SCORE.nearness)} * greatest(0::float8, 1::float8 - d.cell_km / ${f(Math.max(gig.searchRadiusKm, 0.1))})
            + ${f(SCORE.perSkillLevel)} * d.best_level
            + (case when d.best_certified then ${f(SCORE.certifiedLevel)} else 0::float8 end)
            + ${f(SCORE.reliability)} * d.reliability as merit
        from (
          select c.worker_id, c.priority, c.recent_hire, c.recent_hires, c.best_level, c.best_certified,
            c.reliability, c.travel_radius_km,
            case when c.on_roster then 'ROSTER'
                 when c.avg_stars is not null and c.avg_stars >= ${f(RATED_WELL)} then 'RATED'
                 else 'MATCH' end as tier,
            ${jsRound(sql`c.distance_km * 10::float8`)} / 10::float8 as own_km,
            12742::float8 * asin(least(1::float8, sqrt(
              ${squared(sql`${rad(sql`${f(gig.lat)} - c.clat`)} / 2::float8`)}
              + cos(${rad(sql`c.clat`)}) * cos(${rad(f(gig.lat))})
                * ${squared(sql`${rad(sql`${f(gig.lng)} - c.clng`)} / 2::float8`)}))) as cell_km
          from (
            select l.*, (floor(l.lng / l.dlng) + 0.5::float8) * l.dlng as clng
            from (
              select k.*, ${f(cellKm)} / (${f(KM_PER_DEGREE)} * greatest(cos((k.clat * pi()) / 180::float8), 1e-6::float8)) as dlng
              from (
                select e.*, least(89.9::float8, greatest(-89.9::float8, (floor(e.lat / ${dLat}) + 0.5::float8) * ${dLat})) as clat
                from (${rows}) e
                offset 0
              ) k
              offset 0
            ) l
            offset 0
          ) c
          offset 0
        ) d
        where d.cell_km <= ${f(gig.searchRadiusKm)} and d.cell_km <= d.travel_radius_km
        offset 0
      ) m
      offset 0
    ) s`;
}
