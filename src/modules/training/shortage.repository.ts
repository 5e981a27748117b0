import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import type { Database, Executor } from '../../db/client.js';
import { tradeCertificateHeldSql } from '../workers/qualification.js';

/** What the report reads: the counties, its market days, and its instants (from 00:00 to after `toDay`). */
export type ShortageScope = {
  countyCodes: readonly string[];
  /** Market days, YYYY-MM-DD, both included. */
  fromDay: string;
  toDay: string;
  /** 00:00 of `fromDay` and 00:00 of the day after `toDay`, Asia/Shanghai. */
  startsAt: Date;
  endsAt: Date;
  /** The market clock's now: a gig whose start has passed is judged filled or not. */
  now: Date;
};

/** The counted figures of one county and trade (docs/training.md "The shortage report"). */
export type ShortageFigures = {
  regionCode: string;
  skillCode: string;
  seatsPosted: number;
  /** Seats of the counted gigs that were judged: the gig started, or closed before it. */
  seatsJudged: number;
  seatsUnfilled: number;
  medianHoursToFill: number | null;
  /** The same median over every trade of the county: what the trade's time to fill is set against. */
  countyMedianHoursToFill: number | null;
  workersAvailable: number;
  workersMatching: number;
  certifiedHolders: number;
  trainingWishes: number;
  courseSeatsComing: number;
};

type Row = {
  region_code: string;
  skill_code: string;
  seats_posted: number | string;
  seats_judged: number | string;
  seats_unfilled: number | string;
  median_hours: number | string | null;
  county_median_hours: number | string | null;
  workers_available: number | string;
  workers_matching: number | string;
  certified_holders: number | string;
  training_wishes: number | string;
  course_seats_coming: number | string;
};

const num = (value: number | string | null) => (value === null ? null : Number(value));

/**
 * The shortage report's figures in one statement (one snapshot), set-based over the counties: the
 * gigs posted in the period (by each gig's first trade, as the statistics count them), the people
 * of each county (where they live: the residence they gave, else their home region), and the open
 * courses. Rows are the county–trade pairs with a gig counted in the period.
 */
export function createShortageRepository(db: Database) {
  return {
    async figures(scope: ShortageScope, tx: Executor = db): Promise<ShortageFigures[]> {
      if (scope.countyCodes.length === 0) return [];
      const counties = sql`${pgArray([...scope.countyCodes])}::text[]`;
      const startsAt = sql`${scope.startsAt.toISOString()}::timestamptz`;
      const endsAt = sql`${scope.endsAt.toISOString()}::timestamptz`;
      const now = sql`${scope.now.toISOString()}::timestamptz`;
      const rows = await tx.execute<Row>(sql`
        with posted as (
          select g.region_code, first.skill_code, g.headcount, g.filled,
                 extract(epoch from g.filled_at - g.created_at) / 3600.0 as hours_to_fill,
                 (g.starts_at <= ${now} or g.status <> 'OPEN') as judged
          from gigs g
          cross join lateral (select gs.skill_code from gig_skills gs where gs.gig_id = g.id
                              order by gs.position, gs.skill_code limit 1) first
          where g.region_code = any(${counties})
            and g.created_at >= ${startsAt} and g.created_at < ${endsAt}
            -- a gig called off before it began withdrew its demand: it is not counted
            and not (g.status = 'CANCELLED' and g.cancelled_at < g.starts_at)
        ),
        demand as (
          select region_code, skill_code,
                 sum(headcount)::int as seats_posted,
                 coalesce(sum(headcount) filter (where judged), 0)::int as seats_judged,
                 coalesce(sum(headcount - filled) filter (where judged), 0)::int as seats_unfilled,
                 percentile_cont(0.5) within group (order by hours_to_fill)
                   filter (where hours_to_fill is not null) as median_hours
          from posted group by region_code, skill_code
        ),
        county_fill as (
          select region_code, percentile_cont(0.5) within group (order by hours_to_fill) as median_hours
          from posted where hours_to_fill is not null group by region_code
        ),
        people as (
          select w.id, coalesce(w.residence_region_code, w.home_region_code) as region_code
          from workers w join accounts a on a.id = w.account_id
          where a.deleted_at is null
            and coalesce(w.residence_region_code, w.home_region_code) = any(${counties})
        ),
        supply as (
          select p.region_code, ws.skill_code,
                 count(*) filter (where free.available)::int as workers_available,
                 count(*) filter (where free.available and ${tradeCertificateHeldSql(sql`p.id`, sql`ws.skill_code`, sql`${scope.toDay}`)})::int
                   as workers_matching,
                 count(*) filter (where ws.certified)::int as certified_holders
          from people p
          join worker_skills ws on ws.worker_id = p.id
          join demand d on d.region_code = p.region_code and d.skill_code = ws.skill_code
          cross join lateral (select exists (select 1 from worker_availability wa where wa.worker_id = p.id
                                and wa.starts_at < ${endsAt} and wa.ends_at > ${startsAt}) as available) free
          group by p.region_code, ws.skill_code
        ),
        wishes as (
          select p.region_code, tw.skill_code, count(*)::int as training_wishes
          from people p join training_wishes tw on tw.worker_id = p.id
          group by p.region_code, tw.skill_code
        ),
        coming as (
          select region_code, skill_code, sum(seats - enrolled)::int as course_seats_coming
          from courses
          where status = 'OPEN' and region_code = any(${counties}) and starts_on >= ${scope.fromDay}::date
          group by region_code, skill_code
        )
        select d.region_code, d.skill_code, d.seats_posted, d.seats_judged, d.seats_unfilled,
               d.median_hours, cf.median_hours as county_median_hours,
               coalesce(s.workers_available, 0) as workers_available,
               coalesce(s.workers_matching, 0) as workers_matching,
               coalesce(s.certified_holders, 0) as certified_holders,
               coalesce(w.training_wishes, 0) as training_wishes,
               coalesce(c.course_seats_coming, 0) as course_seats_coming
        from demand d
        left join county_fill cf on cf.region_code = d.region_code
        left join supply s on s.region_code = d.region_code and s.skill_code = d.skill_code
        left join wishes w on w.region_code = d.region_code and w.skill_code = d.skill_code
        left join coming c on c.region_code = d.region_code and c.skill_code = d.skill_code
        order by d.region_code, d.skill_code`);
      return rows.map((r) => ({
        regionCode: r.region_code,
        skillCode: r.skill_code,
        seatsPosted: Number(r.seats_posted),
        seatsJudged: Number(r.seats_judged),
        seatsUnfilled: Number(r.seats_unfilled),
        medianHoursToFill: num(r.median_hours),
        countyMedianHoursToFill: num(r.county_median_hours),
        workersAvailable: Number(r.workers_available),
        workersMatching: Number(r.workers_matching),
        certifiedHolders: Number(r.certified_holders),
        trainingWishes: Number(r.training_wishes),
        courseSeatsComing: Number(r.course_seats_coming),
      }));
    },
  };
}

export type ShortageRepository = ReturnType<typeof createShortageRepository>;
