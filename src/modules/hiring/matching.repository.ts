import { type SQL, sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import type { Database, Executor } from '../../db/client.js';
import { marketDay } from '../../time.js';
import { distanceSql } from '../gigs/distance.js';
import { qualifiedSql } from '../workers/qualification.js';

/** What matching needs to know of a gig. */
export type MatchGig = {
  id: string;
  employerId: string;
  lat: number;
  lng: number;
  searchRadiusKm: number;
  startsAt: Date;
  endsAt: Date;
  publicWelfare: boolean;
  skills: string[];
  /** The lowest level a worker needs in one of the trades (docs/skills.md); null: any. */
  minSkillLevel: number | null;
};

/**
 * A worker who may pass every rule, with what the score is made of. The distance rules are checked
 * here only loosely, on the exact home widened by the cell's reach: matching.ts decides them on the
 * worker's cell (coarse-location.ts), as everything an employer can see must be.
 */
export type MatchRow = {
  worker_id: string;
  /** The exact home, for the cell and the worker's own distance; never shown to others. */
  lat: number;
  lng: number;
  distance_km: number;
  travel_radius_km: number;
  on_roster: boolean;
  avg_stars: number | null;
  best_level: number;
  /** A verified certificate backs the worker's level at `best_level` (docs/skills.md). */
  best_certified: boolean;
  reliability: number;
  priority: boolean;
  recent_hire: boolean;
  /** Live hires starting since `workSince` (the last RECENT_WORK_DAYS, and any booked ahead). */
  recent_hires: number;
};

/** What the eligibility statement needs beside the gig (matching.ts works it out). */
export type EligibleOptions = {
  ids: readonly string[] | null;
  fresh: boolean;
  recentSince: Date;
  workSince: Date;
  /** The latest birth date of an older worker today (olderBornBy in matching-score.ts). */
  olderBorn: string;
  reachKm: number;
  now: Date;
};

/**
 * Every worker the gig may go to: of its trades, qualified for it (qualification.ts: a valid
 * 特种作业操作证 for a special-operation trade, the gig's minimum level), within both radii
 * widened by `reachKm`, with a whole availability window covering it, no live hire overlapping
 * it, and (if `fresh`) no offer of it yet. `ids` narrows to the workers Meilisearch found near; null checks every
 * worker of the trades. The caller checks the radii on the worker's cell.
 */
function eligibleSql(gig: MatchGig, options: EligibleOptions): SQL {
  const { ids, recentSince, olderBorn, reachKm } = options;
  const skillList = sql.join(
    gig.skills.map((s) => sql`${s}`),
    sql`, `,
  );
  // Up to thousands of ids as one array parameter; the other parts follow the trades' rows.
  const onlyIds = ids === null ? sql`` : sql`and ws.worker_id = any(${pgArray([...ids])}::uuid[])`;
  // `fresh`: who had an offer of the gig is left out first, before anything else of theirs is
  // read (a later wave's ids begin with everyone offered so far); the gig's offers are read
  // once and hashed (worker_id is never null), not probed once per worker.
  const notOffered = options.fresh
    ? sql`and ws.worker_id not in (select o.worker_id from offers o where o.gig_id = ${gig.id} and o.crew_id is null)`
    : sql``;
  const distance = distanceSql(sql`w.lat`, sql`w.lng`, gig);
  const window = sql`tstzrange(${gig.startsAt.toISOString()}::timestamptz, ${gig.endsAt.toISOString()}::timestamptz, '[)')`;
  // Set-based: each worker's trades and each one's hires are read in one grouped pass over the
  // candidates (hash joins), not by subqueries run once per worker (docs/instant-hire.md).
  return sql`
      with skilled as (
        -- the best level in the gig's trades, and whether a verified certificate backs it: of the
        -- rows at that level, a certified one wins (level * 2 + certified, maximised)
        select ws.worker_id, max(ws.level * 2 + ws.certified::int) as best
        from worker_skills ws
        where ws.skill_code in (${skillList}) ${onlyIds} ${notOffered}
          -- one availability window covering the whole gig: judged here, on the windows of the
          -- gig's time read once and hashed; probed per worker after the distances, the planner
          -- (expecting a few workers there) scanned every window once per worker
          and ws.worker_id in (select av.worker_id from worker_availability av
                               where av.starts_at <= ${gig.startsAt.toISOString()}::timestamptz
                                 and av.ends_at >= ${gig.endsAt.toISOString()}::timestamptz)
        group by ws.worker_id
      ),
      hires as (
        -- at most one employer rating per hire (ratings_one_per_side)
        select e.worker_id,
          avg(rt.stars)::float as avg_stars,
          bool_or(e.status <> 'CANCELLED' and e.created_at >= ${recentSince.toISOString()}::timestamptz) as recent_hire,
          (count(*) filter (where e.status not in ('CANCELLED', 'NO_SHOW')
              and e.starts_at >= ${options.workSince.toISOString()}::timestamptz))::int as recent_hires,
          -- a live hire overlapping the gig (no double booking), judged on the rows read here
          -- anyway rather than by a second probe per worker of the exclusion constraint's index
          bool_or(e.status in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED')
              and tstzrange(e.starts_at, e.ends_at, '[)') && ${window}) as booked
        from engagements e
        left join ratings rt on rt.engagement_id = e.id and rt.by_role = 'EMPLOYER'
        where e.worker_id in (select worker_id from skilled)
        group by e.worker_id
      ),
      near as materialized (
        select w.id, w.lat, w.lng, w.reliability, w.priority_groups, w.birth_date, ${distance} as distance_km,
               w.travel_radius_km, sk.best, h.avg_stars, h.recent_hire, h.recent_hires, h.booked
        from workers w
        join skilled sk on sk.worker_id = w.id
        left join hires h on h.worker_id = w.id
        -- a suspended account takes no gig (suspendAccount), so it gets no offers and is no candidate
        join accounts a on a.id = w.account_id and a.deleted_at is null and a.suspended_at is null
        -- an account whose ID number was taken takes no hires (hire.ts), so it gets no offers
        where w.id_number_lost_at is null
      )
      select n.id as worker_id, n.lat, n.lng, n.distance_km, n.travel_radius_km, n.reliability,
        -- a graduate of the employer's ordered training is on its roster only until priority_until
        exists (select 1 from employer_roster r where r.employer_id = ${gig.employerId} and r.worker_id = n.id
                and (r.priority_until is null or r.priority_until > ${options.now.toISOString()}::timestamptz)) as on_roster,
        n.avg_stars,
        n.best / 2 as best_level,
        n.best % 2 = 1 as best_certified,
        (cardinality(n.priority_groups) > 0 or n.birth_date <= ${olderBorn}::date) as priority,
        coalesce(n.recent_hire, false) as recent_hire,
        coalesce(n.recent_hires, 0) as recent_hires
      from near n
      where n.distance_km <= ${gig.searchRadiusKm + reachKm}::float8
        and n.distance_km <= n.travel_radius_km + ${reachKm}::float8
        and ${qualifiedSql(sql`n.id`, gig.id, marketDay(options.now))}
        and not coalesce(n.booked, false)
    `;
}

/** The SQL of matching: PostgreSQL, the truth, checks each rule exactly (see matching.ts). */
export function createMatchingRepository(db: Database) {
  /**
   * Which trades are special operations: reference data, seeded before the app starts and fixed
   * while it runs, so read once per process (as the reference repository keeps the taxonomy), on
   * the first caller's handle. A wave's matching then sends one query fewer.
   */
  let special: Promise<Set<string>> | undefined;
  return {
    /** How many workers were offered the gig themselves (crew offers aside). */
    async offeredCount(gigId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from offers where gig_id = ${gigId} and crew_id is null`,
      );
      return row?.n ?? 0;
    },

    /** Which of these trades are special operations (特种作业): their gigs need a 特种作业操作证. */
    async specialOperations(skillCodes: readonly string[], tx: Executor = db): Promise<string[]> {
      if (skillCodes.length === 0) return [];
      if (!special) {
        const loading = tx
          .execute<{ code: string }>(sql`select code from skills where special_operation is not null`)
          .then((rows) => new Set(rows.map((r) => r.code)));
        special = loading;
        // A failed read is not kept: the next caller asks again.
        loading.catch(() => {
          if (special === loading) special = undefined;
        });
      }
      const codes = await special;
      return skillCodes.filter((code) => codes.has(code));
    },

    /** Every worker the gig may go to, with what the score is made of (eligibleSql's rules). */
    eligible(gig: MatchGig, options: EligibleOptions, tx: Executor = db): Promise<MatchRow[]> {
      return tx.execute<MatchRow>(eligibleSql(gig, options));
    },
  };
}

export type MatchingRepository = ReturnType<typeof createMatchingRepository>;
