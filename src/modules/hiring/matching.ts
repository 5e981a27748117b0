import { type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import type { OfferTier } from '../../db/schema/index.js';
import type { Search } from '../../search/client.js';
import { WORKER_PAGE_DEPTH } from '../../search/indexes.js';
import { endOfMarketDay } from '../../time.js';
import { roundKm } from '../gigs/distance.js';
import {
  cellDistanceKm,
  cellReachKm,
  KM_PER_DEGREE,
  SHOWN_STEP_KM,
  shownKm,
} from '../workers/coarse-location.js';
import type {
  BestRow,
  EligibleOptions,
  MatchGig,
  MatchingRepository,
  MatchRow,
} from './matching.repository.js';
import { type Mark, markNothing } from './wave-timing.js';

export type { MatchGig } from './matching.repository.js';

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

/** The order offers go out in: the employer's roster, then well-rated workers, then everyone. */
export const TIERS = ['ROSTER', 'RATED', 'MATCH'] as const;

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
 * How many near workers Meilisearch hands PostgreSQL to check, beyond those already offered the
 * gig (who come first by distance and are dropped by PostgreSQL); at most the index's page depth.
 */
const MEILI_CANDIDATES = 1000;

/** How a gig's candidates are asked for (`candidates`, `offerBest`). */
type Ask = {
  /** Leaves out workers who already had an offer of this gig (for the next wave); the employer's list keeps them. */
  fresh: boolean;
  /** How many workers were offered the gig already, when the caller has just read it. */
  offered?: number;
  /** Timing marks of a wave (wave-timing.ts): after Meilisearch, the statement, the ranking. */
  mark?: Mark;
  /**
   * Meilisearch's answer for this gig asked ahead (`near`), used when nobody was offered the gig
   * yet; PostgreSQL checks every rule of each worker in it as ever.
   */
  near?: Promise<string[] | null>;
};

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

/**
 * Finds the workers a gig may be offered to. Meilisearch narrows the field (a trade of the gig,
 * within the gig's radius, a free window around the gig's); PostgreSQL, the truth, then checks
 * each rule exactly: trade, a whole availability window covering the gig, no live hire
 * overlapping it, and no offer of this gig already; both radii are judged on the worker's cell
 * (coarse-location.ts), since who is listed is something the employer sees. If Meilisearch is
 * down, PostgreSQL checks every worker of the trade instead.
 */
export function createMatcher(deps: {
  repository: MatchingRepository;
  search: Search;
  clock: Clock;
  timeoutMs: number;
  onSearchDown: (error: unknown) => void;
  /** The side of the grid cells a worker's home is known by to others (LOCATION_CELL_KM). */
  cellKm: number;
}) {
  const reachKm = cellReachKm(deps.cellKm);

  async function nearIds(gig: MatchGig, skip: number, tx?: Executor): Promise<string[] | null> {
    const start = Math.floor(gig.startsAt.getTime() / 1000);
    const end = Math.ceil(gig.endsAt.getTime() / 1000);
    const skills = gig.skills.map((s) => JSON.stringify(s)).join(', ');
    // Qualification (docs/skills.md) narrows here too, so the nearest unqualified workers do not
    // crowd out qualified ones; PostgreSQL judges it exactly below.
    // On the caller's handle: a wave's fill holds a pooled connection in its transaction, and a
    // second one asked for here would never come once every connection is such a fill.
    const special = await deps.repository.specialOperations(gig.skills, tx);
    const qualification: string[] = [];
    if (special.length > 0) {
      qualification.push(
        `specialOperationSkills IN [${special.map((s) => JSON.stringify(s)).join(', ')}]`,
        `specialOperationUntil >= ${Math.floor(endOfMarketDay(gig.endsAt).getTime() / 1000)}`,
      );
    }
    if (gig.minSkillLevel !== null) {
      qualification.push(gig.skills.map((s) => `skillLevels.${s} >= ${gig.minSkillLevel}`).join(' OR '));
    }
    try {
      const result = await deps.search.query(
        'workers',
        '',
        {
          filter: [
            `skills IN [${skills}]`,
            // The index holds each worker's cell (workers.documents.ts); widened by the cell's
            // reach, the filter keeps everyone whose cell is in range even if the index still
            // held exact homes, and PostgreSQL and the cell decide below.
            `_geoRadius(${gig.lat}, ${gig.lng}, ${Math.ceil((gig.searchRadiusKm + reachKm) * 1000)})`,
            `availability.start <= ${start}`,
            `availability.end >= ${end}`,
            ...qualification,
          ],
          sort: [`_geoPoint(${gig.lat}, ${gig.lng}):asc`],
          attributesToRetrieve: ['id'],
          limit: Math.min(skip + MEILI_CANDIDATES, WORKER_PAGE_DEPTH),
        },
        AbortSignal.timeout(deps.timeoutMs),
      );
      return result.hits.map((hit) => String(hit.id));
    } catch (error) {
      deps.onSearchDown(error);
      return null;
    }
  }

  /**
   * What the eligibility statement is asked with: the workers Meilisearch finds near (past those
   * already offered the gig, when `fresh`), and the moments the score's steps count from; null
   * when Meilisearch found nobody.
   */
  async function eligibility(gig: MatchGig, options: Ask, tx?: Executor): Promise<EligibleOptions | null> {
    const offered = options.fresh ? (options.offered ?? (await deps.repository.offeredCount(gig.id, tx))) : 0;
    const mark = options.mark ?? markNothing;
    const ids = await (offered === 0 && options.near
      ? options.near.catch(() => nearIds(gig, offered, tx))
      : nearIds(gig, offered, tx));
    mark('meili');
    if (ids !== null && ids.length === 0) return null;
    const now = deps.clock.now();
    const olderBorn = new Date(now);
    olderBorn.setUTCFullYear(olderBorn.getUTCFullYear() - OLDER_WORKER_AGE);
    return {
      ids,
      fresh: options.fresh,
      recentSince: new Date(now.getTime() - RECENT_HIRE_DAYS * 86_400_000),
      workSince: new Date(now.getTime() - RECENT_WORK_DAYS * 86_400_000),
      olderBorn,
      reachKm,
      now,
    };
  }

  return {
    /**
     * The near workers of a gig nobody has been offered yet (Meilisearch's part of a first wave),
     * asked ahead: waves.ts starts it while the gig's posting commits and hands it to the first
     * wave's `candidates` as `near` (null: Meilisearch is down). If it fails otherwise (its read
     * of the special operations), nobody may be waiting on it yet: the failure is kept for the
     * wave, which then asks afresh.
     */
    near(gig: MatchGig): Promise<string[] | null> {
      const asked = nearIds(gig, 0);
      asked.catch(() => {});
      return asked;
    },

    /**
     * Everyone the gig may go to now, best first. `fresh` leaves out workers who already had an
     * offer of this gig (for the next wave); the employer's candidate list keeps them.
     */
    async candidates(
      gig: MatchGig,
      options: Ask & { limit?: number },
      tx?: Executor,
    ): Promise<CandidateMatch[]> {
      const ask = await eligibility(gig, options, tx);
      if (!ask) return [];
      const rows = await deps.repository.eligible(gig, ask, tx);
      const mark = options.mark ?? markNothing;
      mark('statement');
      const ranked = rankRows(rows, gig, deps.cellKm);
      mark('ranked');
      return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
    },

    /**
     * A wave's best, offered in one statement (matching.repository.ts's offerBest): the rules and
     * the ranking of `candidates`, in SQL (rankedSql), the tier chosen as waves-fill.ts did it in
     * JS, its best `need` taken and the first `first` of them inserted as offers. Only for waves
     * (`fresh`); the employer's list stays on `candidates`.
     */
    async offerBest(
      gig: MatchGig,
      options: Omit<Ask, 'fresh'>,
      wave: Parameters<MatchingRepository['offerBest']>[3],
      tx: Executor,
    ): Promise<BestRow[]> {
      const ask = await eligibility(gig, { ...options, fresh: true }, tx);
      if (!ask) return [];
      const rows = await deps.repository.offerBest(
        gig,
        ask,
        (eligible) => rankedSql(eligible, gig, deps.cellKm),
        wave,
        tx,
      );
      options.mark?.('statement');
      return rows;
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
