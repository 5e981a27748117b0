import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { ALL_TRADES } from '../../db/schema/index.js';

/** The counted things, as the rollups hold them; every figure the statistics show derives from these. */
export type Measures = {
  gigsPosted: number;
  gigsFilled: number;
  hires: number;
  hiresLocal: number;
  hiresOutOfCounty: number;
  hiresOutOfCity: number;
  olderHires: number;
  wagesPaidFen: number;
  arrearsOpened: number;
  arrearsClosed: number;
};

/** How rows are grouped: one total, or one group per day, per trade or per region. */
export type StatsKey = 'all' | 'day' | 'trade' | 'region';

export type StatsScope = {
  regionCodes: readonly string[];
  /** `ALL_TRADES` for the all-trades rows, `EACH` for the per-trade rows. */
  trades: typeof ALL_TRADES | typeof EACH_TRADE;
  /** Calendar days, YYYY-MM-DD, both included. */
  fromDay: string;
  toDay: string;
};

export const EACH_TRADE = 'each';

const MEASURE_COLUMNS = [
  'gigs_posted',
  'gigs_filled',
  'hires',
  'hires_local',
  'hires_out_of_county',
  'hires_out_of_city',
  'older_hires',
  'wages_paid_fen',
  'arrears_opened',
  'arrears_closed',
] as const;

const columns = (prefix: string) => sql.raw(MEASURE_COLUMNS.map((c) => `${prefix}${c}`).join(', '));
const sums = sql.raw(MEASURE_COLUMNS.map((c) => `sum(${c})::bigint as ${c}`).join(', '));

/**
 * Deltas not yet folded, counted for their region and every ancestor (county → city → province)
 * and for their trade and all trades: the same rows the fold will add to the rollups.
 */
function expanded(source: SQL, extra: SQL = sql``) {
  return sql`
    select r.code as region_code, d.day, t.trade_code, ${columns('d.')}${extra}
    from ${source} d
    join regions c on c.code = d.region_code
    left join regions p on p.code = c.parent_code
    left join regions g on g.code = p.parent_code
    cross join lateral (values (c.code), (p.code), (g.code)) r(code)
    cross join lateral (values (d.trade_code), (${ALL_TRADES})) t(trade_code)
    where r.code is not null`;
}

function keyOf(key: StatsKey) {
  switch (key) {
    case 'all':
      return sql`''`;
    case 'day':
      return sql`day::text`;
    case 'trade':
      return sql`trade_code`;
    case 'region':
      return sql`region_code`;
  }
}

function within(scope: StatsScope, days: SQL) {
  const trades =
    scope.trades === ALL_TRADES ? sql`trade_code = ${ALL_TRADES}` : sql`trade_code <> ${ALL_TRADES}`;
  const regions = sql`region_code in (${sql.join(
    scope.regionCodes.map((code) => sql`${code}`),
    sql`, `,
  )})`;
  return sql`${regions} and ${trades} and ${days}`;
}

type KeyedRow = { key: string } & Record<(typeof MEASURE_COLUMNS)[number], string | number>;

function toMeasures(row: KeyedRow): Measures {
  const n = (column: (typeof MEASURE_COLUMNS)[number]) => Number(row[column] ?? 0);
  return {
    gigsPosted: n('gigs_posted'),
    gigsFilled: n('gigs_filled'),
    hires: n('hires'),
    hiresLocal: n('hires_local'),
    hiresOutOfCounty: n('hires_out_of_county'),
    hiresOutOfCity: n('hires_out_of_city'),
    olderHires: n('older_hires'),
    wagesPaidFen: n('wages_paid_fen'),
    arrearsOpened: n('arrears_opened'),
    arrearsClosed: n('arrears_closed'),
  };
}

/** Serialises folds across nodes; a node that finds one running skips its turn. */
const FOLD_LOCK = 7305508;

export function createStatsRepository(db: Database) {
  /** Rollups plus the deltas not folded yet, in one statement: one snapshot, so never counted twice or missed. */
  async function measures(scope: StatsScope, key: StatsKey, days: SQL): Promise<Map<string, Measures>> {
    if (scope.regionCodes.length === 0) return new Map();
    const rows = await db.execute<KeyedRow>(sql`
      with src as (
        select region_code, trade_code, day, ${columns('')} from region_day_stats
        where ${within(scope, days)}
        union all
        select region_code, trade_code, day, ${columns('')}
        from (${expanded(sql`(select * from stat_deltas where ${days})`)}) pending
        where ${within(scope, days)}
      )
      select ${keyOf(key)} as key, ${sums} from src group by 1 order by 1`);
    return new Map(rows.map((row) => [row.key, toMeasures(row)]));
  }

  return {
    /** Sums over the days of the scope, grouped by `key`. */
    sums: (scope: StatsScope, key: StatsKey) =>
      measures(scope, key, sql`day between ${scope.fromDay}::date and ${scope.toDay}::date`),

    /** Sums over every day before the scope's first (what was already open when it began), by `key`. */
    sumsBefore: (scope: StatsScope, key: StatsKey) => measures(scope, key, sql`day < ${scope.fromDay}::date`),

    /** How many gigs took how many whole minutes to fill, by `key`, ascending minutes. */
    async fillMinutes(scope: StatsScope, key: StatsKey): Promise<Map<string, Array<[number, number]>>> {
      if (scope.regionCodes.length === 0) return new Map();
      const days = sql`day between ${scope.fromDay}::date and ${scope.toDay}::date`;
      const rows = await db.execute<{
        key: string;
        minutes: number;
        gigs: number;
      }>(sql`
        with src as (
          select region_code, trade_code, day, minutes, gigs from region_fill_minutes
          where ${within(scope, days)}
          union all
          select region_code, trade_code, day, fill_minutes, 1
          from (${expanded(sql`(select * from stat_deltas where fill_minutes is not null and ${days})`, sql`, d.fill_minutes`)}) pending
          where ${within(scope, days)}
        )
        select ${keyOf(key)} as key, minutes, sum(gigs)::int as gigs
        from src group by 1, 2 order by 1, 2`);
      const by = new Map<string, Array<[number, number]>>();
      for (const row of rows) {
        const list = by.get(row.key) ?? [];
        list.push([Number(row.minutes), Number(row.gigs)]);
        by.set(row.key, list);
      }
      return by;
    },

    /**
     * Moves up to `limit` deltas into the rollups in one transaction (deleted and added together).
     * Returns how many moved; 0 when another node is folding right now.
     */
    async fold(limit: number): Promise<number> {
      return db.transaction(async (tx) => {
        const [lock] = await tx.execute<{ locked: boolean }>(
          sql`select pg_try_advisory_xact_lock(${FOLD_LOCK}) as locked`,
        );
        if (!lock?.locked) return 0;
        const updates = sql.raw(
          MEASURE_COLUMNS.map((c) => `${c} = region_day_stats.${c} + excluded.${c}`).join(', '),
        );
        const [result] = await tx.execute<{ moved: number }>(sql`
          with batch as (
            delete from stat_deltas
            where id in (select id from stat_deltas order by id limit ${limit})
            returning *
          ),
          rows as (${expanded(sql`batch`, sql`, d.fill_minutes`)}),
          totals as (
            insert into region_day_stats (region_code, day, trade_code, ${columns('')})
            select region_code, day, trade_code, ${sums} from rows
            group by 1, 2, 3 order by 1, 2, 3
            on conflict (region_code, trade_code, day) do update set ${updates}
          ),
          fills as (
            insert into region_fill_minutes (region_code, day, trade_code, minutes, gigs)
            select region_code, day, trade_code, fill_minutes, count(*) from rows
            where fill_minutes is not null
            group by 1, 2, 3, 4 order by 1, 2, 3, 4
            on conflict (region_code, trade_code, day, minutes) do update set gigs = region_fill_minutes.gigs + excluded.gigs
          )
          -- Both inserts run though nothing reads them: PostgreSQL executes every data-modifying CTE.
          select count(*)::int as moved from batch`);
        return Number(result?.moved ?? 0);
      });
    },

    /**
     * Offers sent on the scope's days (each a worker's own; crew offers aside) of gigs in each
     * region (a county, or a city or province summing everything under it), and how many went to
     * workers aged `olderAge` or more on the day sent. Read from the offers themselves, through
     * their sent_at index (offers_sent_at_idx).
     */
    async offerShares(
      scope: Pick<StatsScope, 'regionCodes' | 'fromDay' | 'toDay'>,
      olderAge: number,
    ): Promise<Map<string, { offers: number; older: number }>> {
      if (scope.regionCodes.length === 0) return new Map();
      const day = sql`(o.sent_at at time zone 'Asia/Shanghai')::date`;
      const rows = await db.execute<{ region_code: string; offers: number; older: number }>(sql`
        select r.code as region_code, count(*)::int as offers,
          count(*) filter (where w.birth_date <= ${day} - make_interval(years => ${olderAge}::int))::int as older
        from offers o
        join gigs g on g.id = o.gig_id
        join workers w on w.id = o.worker_id
        join regions c on c.code = g.region_code
        left join regions p on p.code = c.parent_code
        left join regions gp on gp.code = p.parent_code
        cross join lateral (values (c.code), (p.code), (gp.code)) r(code)
        where o.crew_id is null
          and o.sent_at >= (${scope.fromDay}::date::timestamp at time zone 'Asia/Shanghai')
          and o.sent_at < ((${scope.toDay}::date + 1)::timestamp at time zone 'Asia/Shanghai')
          and r.code in (${sql.join(
            scope.regionCodes.map((code) => sql`${code}`),
            sql`, `,
          )})
        group by r.code`);
      return new Map(rows.map((r) => [r.region_code, { offers: Number(r.offers), older: Number(r.older) }]));
    },

    /** Clears the dead rows a large fold leaves, which every read of the deltas would scan until then. */
    async vacuum(): Promise<void> {
      await db.execute(sql`vacuum (analyze) stat_deltas`);
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
