import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import type { WarningLevel } from '../../db/schema/index.js';
import type { WarningIndicators } from './level.js';

export type CountyIndicators = WarningIndicators & { regionCode: string };

export type WarningRow = CountyIndicators & {
  day: string;
  level: WarningLevel;
  previousLevel: WarningLevel | null;
  reasons: string[];
  seekersPerSeat: number;
  computedAt: Date;
};

type RawRow = Record<string, unknown>;

const DAY_MS = 86_400_000;
/** Serialises the warning rounds across nodes; a node that finds one running skips its turn. */
const WARNINGS_LOCK = 7305528;

const indicatorsOf = (r: RawRow): CountyIndicators => ({
  regionCode: String(r.region_code),
  seekers: Number(r.seekers),
  openSeats: Number(r.open_seats),
  postings: Number(r.postings),
  postingsBefore: Number(r.postings_before),
  hires: Number(r.hires),
  hiresBefore: Number(r.hires_before),
  unmatched7d: Number(r.unmatched_7d),
  massCancellations: Number(r.mass_cancellations),
  massCancelEmployerId: (r.mass_cancel_employer_id as string | null) ?? null,
});

const rowOf = (r: RawRow): WarningRow => ({
  ...indicatorsOf(r),
  day: String(r.day),
  level: r.level as WarningLevel,
  previousLevel: (r.previous_level as WarningLevel | null) ?? null,
  reasons: (r.reasons as string[]) ?? [],
  seekersPerSeat: Number(r.seekers_per_seat),
  computedAt: new Date(r.computed_at as string),
});

/**
 * Every county's indicators at `now` as one set-based statement over the market's tables
 * (docs/warnings.md defines each); exported so bench/warnings.ts can EXPLAIN the very statement.
 */
export function indicatorsStatement(now: Date) {
  const at = now.toISOString();
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const twoWeeksAgo = new Date(now.getTime() - 14 * DAY_MS).toISOString();
  const weekAhead = new Date(now.getTime() + 7 * DAY_MS).toISOString();
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString();
  return sql`
    with seekers as (
      select w.id, w.created_at, coalesce(w.residence_region_code, w.home_region_code) as region_code
      from workers w join accounts a on a.id = w.account_id
      where a.deleted_at is null and a.suspended_at is null
        and exists (select 1 from worker_availability wa where wa.worker_id = w.id
                      and wa.starts_at < ${weekAhead}::timestamptz and wa.ends_at > ${at}::timestamptz)
        and not exists (select 1 from engagements e where e.worker_id = w.id
                          and e.status in ('CONFIRMED', 'CHECKED_IN') and e.ends_at > ${at}::timestamptz)
    ),
    hired_this_week as (
      select distinct worker_id from engagements
      where created_at > ${weekAgo}::timestamptz and created_at <= ${at}::timestamptz
    ),
    seeking as (
      select s.region_code, count(*)::int as seekers,
             count(*) filter (where s.created_at <= ${weekAgo}::timestamptz and h.worker_id is null)::int as unmatched_7d
      from seekers s left join hired_this_week h on h.worker_id = s.id
      group by s.region_code
    ),
    seats as (
      select region_code, sum(headcount - filled)::int as open_seats
      from gigs where status = 'OPEN' and ends_at > ${at}::timestamptz and created_at <= ${at}::timestamptz
      group by region_code
    ),
    posted as (
      select region_code,
             count(*) filter (where created_at > ${weekAgo}::timestamptz)::int as postings,
             count(*) filter (where created_at <= ${weekAgo}::timestamptz)::int as postings_before
      from gigs where created_at > ${twoWeeksAgo}::timestamptz and created_at <= ${at}::timestamptz
      group by region_code
    ),
    hired as (
      select g.region_code,
             count(*) filter (where e.created_at > ${weekAgo}::timestamptz)::int as hires,
             count(*) filter (where e.created_at <= ${weekAgo}::timestamptz)::int as hires_before
      from engagements e join gigs g on g.id = e.gig_id
      where e.created_at > ${twoWeeksAgo}::timestamptz and e.created_at <= ${at}::timestamptz
      group by g.region_code
    ),
    called_off as (
      select distinct on (g.region_code) g.region_code, g.employer_id, count(*)::int as n
      from engagements e join gigs g on g.id = e.gig_id
      where e.status = 'CANCELLED' and e.cancelled_by = 'EMPLOYER'
        and e.cancelled_at > ${dayAgo}::timestamptz and e.cancelled_at <= ${at}::timestamptz
      group by g.region_code, g.employer_id
      order by g.region_code, count(*) desc, g.employer_id
    )
    select c.code as region_code,
           coalesce(s.seekers, 0) as seekers, coalesce(s.unmatched_7d, 0) as unmatched_7d,
           coalesce(o.open_seats, 0) as open_seats,
           coalesce(p.postings, 0) as postings, coalesce(p.postings_before, 0) as postings_before,
           coalesce(h.hires, 0) as hires, coalesce(h.hires_before, 0) as hires_before,
           coalesce(x.n, 0) as mass_cancellations, x.employer_id as mass_cancel_employer_id
    from regions c
    left join seeking s on s.region_code = c.code
    left join seats o on o.region_code = c.code
    left join posted p on p.region_code = c.code
    left join hired h on h.region_code = c.code
    left join called_off x on x.region_code = c.code
    where c.level = 'county'
    order by c.code`;
}

export function createWarningsRepository(db: Database) {
  return {
    /**
     * Every county's indicators at `now`, in one set-based statement over the market's tables
     * (docs/warnings.md defines each): a county with no market activity reads all zeros.
     */
    async indicators(now: Date, executor: Executor = db): Promise<CountyIndicators[]> {
      const rows = await executor.execute<RawRow>(indicatorsStatement(now));
      return rows.map(indicatorsOf);
    },

    /** Takes the round's lock for the transaction; false when another node is computing now. */
    async lockRound(tx: Executor): Promise<boolean> {
      const [lock] = await tx.execute<{ locked: boolean }>(
        sql`select pg_try_advisory_xact_lock(${WARNINGS_LOCK}) as locked`,
      );
      return Boolean(lock?.locked);
    },

    /** Each county's latest reading, and its latest on a day before `day`. */
    async latestLevels(
      day: string,
      tx: Executor = db,
    ): Promise<Map<string, { latest: WarningLevel; beforeDay: WarningLevel | null }>> {
      const rows = await tx.execute<{
        region_code: string;
        latest: WarningLevel;
        before_day: WarningLevel | null;
      }>(sql`
        select distinct on (region_code) region_code, level as latest,
               (select b.level from county_warnings b where b.region_code = w.region_code and b.day < ${day}::date
                order by b.day desc limit 1) as before_day
        from county_warnings w order by region_code, day desc`);
      return new Map(rows.map((r) => [r.region_code, { latest: r.latest, beforeDay: r.before_day }]));
    },

    /** Writes the day's readings of every county (the day's earlier readings are replaced). */
    async save(rows: readonly WarningRow[], tx: Executor): Promise<void> {
      if (rows.length === 0) return;
      const values = sql.join(
        rows.map(
          (
            r,
          ) => sql`(${r.regionCode}, ${r.day}::date, ${r.level}, ${r.previousLevel}, ${r.seekers}, ${r.openSeats},
            ${r.postings}, ${r.postingsBefore}, ${r.hires}, ${r.hiresBefore}, ${r.unmatched7d}, ${r.massCancellations},
            ${r.massCancelEmployerId}::uuid, ${`{${r.reasons.join(',')}}`}::text[], ${r.seekersPerSeat},
            ${r.computedAt.toISOString()}::timestamptz)`,
        ),
        sql`, `,
      );
      await tx.execute(sql`
        insert into county_warnings (region_code, day, level, previous_level, seekers, open_seats, postings,
          postings_before, hires, hires_before, unmatched_7d, mass_cancellations, mass_cancel_employer_id, reasons,
          seekers_per_seat, computed_at)
        values ${values}
        on conflict (region_code, day) do update set level = excluded.level, previous_level = excluded.previous_level,
          seekers = excluded.seekers, open_seats = excluded.open_seats, postings = excluded.postings,
          postings_before = excluded.postings_before, hires = excluded.hires, hires_before = excluded.hires_before,
          unmatched_7d = excluded.unmatched_7d, mass_cancellations = excluded.mass_cancellations,
          mass_cancel_employer_id = excluded.mass_cancel_employer_id, reasons = excluded.reasons,
          seekers_per_seat = excluded.seekers_per_seat, computed_at = excluded.computed_at`);
    },

    /** The readings of the given counties on `day`, worst level first. */
    async onDay(regionCodes: readonly string[], day: string, executor: Executor = db): Promise<WarningRow[]> {
      if (regionCodes.length === 0) return [];
      const rows = await executor.execute<RawRow>(sql`
        select * from county_warnings where day = ${day}::date and region_code = any(${sql.raw('array[')}${sql.join(
          regionCodes.map((c) => sql`${c}`),
          sql`, `,
        )}${sql.raw(']::text[]')})
        order by array_position(array['RED', 'ORANGE', 'YELLOW', 'BLUE'], level), region_code`);
      return rows.map(rowOf);
    },

    /** One county's readings between two days, oldest first. */
    async history(
      regionCode: string,
      fromDay: string,
      toDay: string,
      executor: Executor = db,
    ): Promise<WarningRow[]> {
      const rows = await executor.execute<RawRow>(sql`
        select * from county_warnings where region_code = ${regionCode}
          and day between ${fromDay}::date and ${toDay}::date order by day`);
      return rows.map(rowOf);
    },
  };
}

export type WarningsRepository = ReturnType<typeof createWarningsRepository>;
