import { type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';

/** One worker on the follow-up list, as the rule computes it (see `page`). */
export type FollowUpRow = {
  workerId: string;
  name: string;
  priorityGroups: string[];
  regionCode: string;
  stationId: string | null;
  stationName: string | null;
  askedForHelpAt: Date | null;
  idleSince: Date;
  thresholdDays: number;
  lastContactId: string | null;
  nextOn: string | null;
  /** When the next contact is due (YYYY-MM-DD): the latest contact's next day, or the first contact's. */
  dueOn: string | null;
  overdue: boolean;
  /** The exact `idleSince` as PostgreSQL wrote it (microseconds), for the page's cursor. */
  sinceKey: string;
};

/** Whose list: the stations named (an operator's), and/or the regions (an admin's, codes of a subtree). */
export type FollowUpScope = {
  stationIds: string[] | null;
  regionCodes: string[] | null;
  overdueOnly: boolean;
};

/** Where a page starts: after this entry of the order (overdue first, longest idle, worker id). */
export type FollowUpPosition = { overdue: boolean; sinceKey: string; workerId: string };

/** The rule's days: FOLLOW_UP_IDLE_DAYS and FOLLOW_UP_FIRST_CONTACT_DAYS, and the market day. */
export type FollowUpDay = { at: Date; today: string; defaultDays: number; firstContactDays: number };

/** One station's line of the dashboard: counts, never names (stationId null: no station holds the homes). */
export type StationCount = {
  stationId: string | null;
  stationName: string | null;
  onList: number;
  overdue: number;
};

export type FollowUpPageRows = { rows: FollowUpRow[]; totalCount: number; overdueCount: number };

/** Hires that count as work: a hire cancelled, or one the worker did not come to, is no work. */
export const WORKED = sql`e.status not in ('CANCELLED', 'NO_SHOW')`;

/** Kilometres in a degree of latitude (the Earth's mean radius, 6371 km). */
const KM_PER_DEGREE = 111.195;

/**
 * The station of the worker `w`'s home: the nearest whose service area holds it (haversine, as
 * the gig search measures), ties by id.
 */
export const HOME_STATION = sql`(
  select s.id, s.name from stations s
  where (12742 * asin(least(1, sqrt(
    power(sin(radians(w.lat - s.lat) / 2), 2) +
    cos(radians(s.lat)) * cos(radians(w.lat)) * power(sin(radians(w.lng - s.lng) / 2), 2))))) <= s.service_radius_km
  order by power(w.lat - s.lat, 2) + power((w.lng - s.lng) * cos(radians(w.lat)), 2), s.id
  limit 1
)`;

const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The box around some stations' service areas, in degrees (null: none of the stations exists). */
export type StationsBox = { latMin: number; latMax: number; lngMin: number; lngMax: number } | null;

/**
 * An operator's list holds only homes inside their stations' areas: the box around them all, as
 * numbers in the statement (bound parameters, or the box's own subqueries, leave the planner
 * guessing one row and it then joins every account to every worker), so the scan of workers drops
 * everyone outside before any per-worker work (hires, requests, the nearest station). The
 * haversine of HOME_STATION then decides.
 */
function insideBox(box: StationsBox, alias = 'w'): SQL {
  if (!box) return sql`and false`;
  const n = (x: number) => {
    if (!Number.isFinite(x)) throw new Error(`station box bound ${x} is not a number`);
    return sql.raw(`${x}::float8`);
  };
  return sql`and ${sql.raw(alias)}.lat between ${n(box.latMin)} and ${n(box.latMax)} and ${sql.raw(alias)}.lng between ${n(box.lngMin)} and ${n(box.lngMax)}`;
}

/** The order of the list and its pages: overdue first, then the longest without work, then by id. */
const ORDER = sql`(case when l.overdue then 0 else 1 end), l.since, l."workerId"`;

export function createFollowUpListRepository(db: Database) {
  /**
   * The follow-up list (帮扶台账), one set-based statement. A worker is on it when
   *  - they are in a priority group, or asked for help after their latest hire (an open request);
   *  - and they have had no work for the region's days: `idleSince` (the end of their latest hire
   *    that counts, or their registration when they never had one) is at least that many days ago.
   *    A hire running now or ahead ends in the future, so a worker just hired leaves the list.
   * The days: the setting of the worker's county, else its city, else its province, else
   * `defaultDays` (FOLLOW_UP_IDLE_DAYS). The station: the nearest one whose service area holds the
   * worker's home (ties by id); none when no station's area does (admins still see them).
   * The last contact counts only from the start of this spell without work; its next day is when
   * the next contact is due, or for nobody contacted yet, `firstContactDays` after joining the
   * list. An erased person (PIPL) is on no list, whatever their request said.
   *
   * As two CTEs: `candidates`, everyone on the list in the scope with their station, days, last
   * contact and due day (the CTE's name); `listed`, the same with `overdue` on `day.today`.
   */

  function listedCtes(scope: FollowUpScope, day: FollowUpDay, box: StationsBox, eachStation: boolean): SQL {
    const stations = scope.stationIds;
    const stationFilter = stations ? sql`${insideBox(box)} and st.id = any(${uuids(stations)})` : sql``;
    // The nearest station is a haversine over every station per worker: only where the statement
    // needs it for everyone (an operator's filter, the counts per station). A page names the
    // station of its own rows only (\`statement\`).
    const withStation = eachStation || stations !== null;
    const regionFilter = scope.regionCodes
      ? sql`and coalesce(w.residence_region_code, w.home_region_code) = any(${`{${scope.regionCodes.join(',')}}`}::text[])`
      : sql``;
    return sql`
      candidates as (
        select w.id as "workerId", w.name, w.priority_groups as "priorityGroups", r.code as "regionCode",
          ${withStation ? sql`st.id` : sql`null::uuid`} as "stationId", h.asked_at as "askedForHelpAt",
          idle.since, days.n as "thresholdDays", c.id as "lastContactId", c.next_on as next_on,
          case when c.id is not null then c.next_on
            else ((idle.since + make_interval(days => days.n + ${day.firstContactDays}::int))
                  at time zone 'Asia/Shanghai')::date end as due_on
        from (
          -- Who may be on a list at all: the priority groups (a partial index of their homes, so
          -- an operator's box reads only those inside it) and whoever ever asked for help.
          select pw.id from workers pw where cardinality(pw.priority_groups) > 0 ${stations ? insideBox(box, 'pw') : sql``}
          union
          select any_hr.worker_id from help_requests any_hr
        ) pick
        join workers w on w.id = pick.id
        join regions r on r.code = coalesce(w.residence_region_code, w.home_region_code)
        left join regions r2 on r2.code = r.parent_code
        left join follow_up_region_settings s1 on s1.region_code = r.code
        left join follow_up_region_settings s2 on s2.region_code = r2.code
        left join follow_up_region_settings s3 on s3.region_code = r2.parent_code
        cross join lateral (select coalesce(s1.idle_days, s2.idle_days, s3.idle_days, ${day.defaultDays}::int) as n) days
        left join lateral (
          select max(e.created_at) as hired_at, max(e.ends_at) as worked_until
          from engagements e where e.worker_id = w.id and ${WORKED}
        ) work on true
        left join lateral (
          select hr.asked_at from help_requests hr
          where hr.worker_id = w.id and (work.hired_at is null or hr.asked_at > work.hired_at)
          order by hr.asked_at desc limit 1
        ) h on true
        cross join lateral (select greatest(w.created_at, work.worked_until) as since) idle
        ${withStation ? sql`left join lateral ${HOME_STATION} st on true` : sql``}
        left join lateral (
          select fc.id, fc.next_on from follow_up_contacts fc
          where fc.worker_id = w.id and fc.contacted_at >= idle.since
          order by fc.contacted_at desc, fc.created_at desc limit 1
        ) c on true
        where true
          -- live accounts only (an erased person is on no list): an anti-join with the erased,
          -- who are few, instead of a probe of the accounts per candidate
          and not exists (select 1 from accounts a where a.id = w.account_id and a.deleted_at is not null)
          and (cardinality(w.priority_groups) > 0 or h.asked_at is not null)
          and idle.since <= ${day.at.toISOString()}::timestamptz - make_interval(days => days.n)
          ${stationFilter} ${regionFilter}
      ),
      listed as (
        select cd.*, coalesce(cd.due_on < ${day.today}::date, false) as overdue from candidates cd
      )`;
  }

  /**
   * The box around these stations' areas: latitude ± r, longitude ± r at each one's widest
   * latitude (kilometres to degrees on the mean Earth).
   */
  async function boxOf(stationIds: readonly string[], executor: Executor = db): Promise<StationsBox> {
    const dLat = sql`service_radius_km / ${KM_PER_DEGREE}::float8`;
    const dLng = sql`service_radius_km / (${KM_PER_DEGREE}::float8 * cos(radians(least(89, abs(lat) + ${dLat}))))`;
    const [row] = (await executor.execute(sql`
      select min(lat - ${dLat}) as "latMin", max(lat + ${dLat}) as "latMax",
        min(lng - ${dLng}) as "lngMin", max(lng + ${dLng}) as "lngMax"
      from stations where id = any(${uuids(stationIds)})`)) as unknown as {
      latMin: number | null;
      latMax: number | null;
      lngMin: number | null;
      lngMax: number | null;
    }[];
    if (!row || row.latMin === null || row.latMax === null || row.lngMin === null || row.lngMax === null)
      return null;
    return { latMin: row.latMin, latMax: row.latMax, lngMin: row.lngMin, lngMax: row.lngMax };
  }

  /**
   * `limit` rows after `after` in the list's order (null: all), with the counts of the whole list;
   * `box` (`boxOf` the scope's stations) when the scope names stations.
   */
  function statement(
    scope: FollowUpScope,
    day: FollowUpDay,
    window: { limit: number | null; after: FollowUpPosition | null },
    box: StationsBox = null,
  ): SQL {
    const overdueFilter = scope.overdueOnly ? sql`where l.overdue` : sql``;
    const after = window.after;
    const keyset = after
      ? sql`and (case when l.overdue then 0 else 1 end, l.since, l."workerId") >
              (${after.overdue ? 0 : 1}::int, ${after.sinceKey}::timestamptz, ${after.workerId}::uuid)`
      : sql``;
    const limit = window.limit === null ? sql`` : sql`limit ${window.limit}`;
    return sql`
      with ${listedCtes(scope, day, box, false)},
      filtered as (select * from listed l ${overdueFilter}),
      counts as (
        select count(*)::int as total, (count(*) filter (where overdue))::int as overdue_count from filtered
      )
      select k.total as "totalCount", k.overdue_count as "overdueCount", p.*,
        st.id as "stationId", st.name as "stationName"
      from counts k
      left join lateral (
        select l."workerId", l.name, l."priorityGroups", l."regionCode",
          l."askedForHelpAt", l.since as "idleSince", l.since::text as "sinceKey", l."thresholdDays",
          l."lastContactId", l.next_on::text as "nextOn", l.due_on::text as "dueOn", l.overdue
        from filtered l
        where true ${keyset}
        order by ${ORDER}
        ${limit}
      ) p on true
      left join workers w on w.id = p."workerId"
      left join lateral ${HOME_STATION} st on true
      order by (case when p.overdue then 0 else 1 end), p."idleSince", p."workerId"`;
  }

  /** One page of the list (`statement`), with the counts of the whole list. */
  async function page(
    scope: FollowUpScope,
    day: FollowUpDay,
    window: { limit: number | null; after: FollowUpPosition | null },
    executor: Executor = db,
  ): Promise<FollowUpPageRows> {
    const box = scope.stationIds ? await boxOf(scope.stationIds, executor) : null;
    const rows = (await executor.execute(statement(scope, day, window, box))) as unknown as (FollowUpRow & {
      totalCount: number;
      overdueCount: number;
    })[];
    const first = rows[0];
    return {
      totalCount: first?.totalCount ?? 0,
      overdueCount: first?.overdueCount ?? 0,
      rows: rows
        .filter((row) => row.workerId !== null)
        .map(({ totalCount: _t, overdueCount: _o, ...row }) => ({
          ...row,
          idleSince: new Date(row.idleSince),
          askedForHelpAt: row.askedForHelpAt ? new Date(row.askedForHelpAt) : null,
        })),
    };
  }

  /**
   * How many are on the list and how many of them overdue, per station (null: homes no station
   * holds), of the workers living in the scope's regions: counts only, no names, for the bureau's
   * dashboard. Stations of those regions with nobody on the list are there with zeros.
   */
  async function countsByStation(
    scope: FollowUpScope,
    day: FollowUpDay,
    executor: Executor = db,
  ): Promise<StationCount[]> {
    const stationsOfRegions = scope.regionCodes
      ? sql`where s.region_code = any(${`{${scope.regionCodes.join(',')}}`}::text[])`
      : sql``;
    const rows = (await executor.execute(sql`
      with ${listedCtes(scope, day, scope.stationIds ? await boxOf(scope.stationIds, executor) : null, true)},
      counted as (
        select "stationId", count(*)::int as n, (count(*) filter (where overdue))::int as overdue
        from listed group by "stationId"
      ),
      stations_in as (select s.id from stations s ${stationsOfRegions})
      select coalesce(k."stationId", si.id) as "stationId", s.name as "stationName",
        coalesce(k.n, 0) as "onList", coalesce(k.overdue, 0) as overdue
      from counted k
      full join stations_in si on si.id = k."stationId"
      left join stations s on s.id = coalesce(k."stationId", si.id)
      order by coalesce(k.overdue, 0) desc, coalesce(k.n, 0) desc, s.name nulls last`)) as unknown as StationCount[];
    return rows;
  }

  return { page, statement, boxOf, countsByStation };
}

export type FollowUpListRepository = ReturnType<typeof createFollowUpListRepository>;
