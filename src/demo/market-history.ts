import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

/**
 * What a stretch of past market to write: `days` calendar days (China Standard Time) from
 * `fromDay`, about `gigsPerDay` gigs a day by the given employers, hired from the given workers.
 */
export type HistoryPlan = {
  fromDay: string;
  days: number;
  gigsPerDay: number;
  employerIds: readonly string[];
  workerIds: readonly string[];
  /** Nothing is dated after this instant (payments, arrears cases). */
  now: Date;
  /** The setseed value in [-1, 1]: the same plan and seed write the same market. */
  seed: number;
  /** Arrears of this employer stay open; everyone else's are paid off later. */
  keepArrearsOpenFor?: string | null;
};

export type HistoryWritten = { gigs: number; hires: number; payments: number; arrears: number };

const count = async (query: ReturnType<typeof sql>, tx: Executor) =>
  Number((await tx.execute<{ n: number }>(query))[0]?.n ?? 0);

/**
 * Writes a past market straight into the tables, as the services would have left it: gigs posted
 * in the morning for an afternoon's work (14:00–19:00), hires made between posting and full, the
 * work completed, most pay recorded and confirmed within a day and a half, and a few hires unpaid
 * past their pay-by date with an arrears case, most of them paid off days later. Set-based SQL,
 * so the same code writes the demo's two months and the benchmark's million hires; the statistics
 * triggers count every row like any other. Gigs are at the employer's county or elsewhere in its
 * city; most hires are local, the rest travel from other counties. Each worker works at most one
 * gig a day (the double-booking constraint holds); a gig gets fewer hires when a day runs out of
 * workers.
 */
export async function writeMarketHistory(plan: HistoryPlan, tx: Executor): Promise<HistoryWritten> {
  if (plan.workerIds.length === 0 || plan.employerIds.length === 0)
    return { gigs: 0, hires: 0, payments: 0, arrears: 0 };
  const employerList = sql.raw(`'{${plan.employerIds.join(',')}}'::uuid[]`);
  const workerList = sql.raw(`'{${plan.workerIds.join(',')}}'::uuid[]`);
  const now = plan.now.toISOString();

  await tx.execute(sql`select setseed(${plan.seed})`);
  // The workers in two pools that never meet on one day: 70 % of each county's work at home
  // (LOCAL), the rest travel wherever their own county has no one left (县外 or 市外).
  await tx.execute(sql`
    create temp table hist_workers on commit drop as
    with w as (
      select w.id, w.home_region_code as county, r.parent_code as city,
             row_number() over (partition by w.home_region_code order by w.id) as n,
             count(*) over (partition by w.home_region_code) as of_county
      from workers w join regions r on r.code = w.home_region_code
      where w.id = any(${workerList})
    )
    select id, county, city, n <= ceil(of_county * 0.7) as stays,
           case when n <= ceil(of_county * 0.7) then n
                else row_number() over (partition by n <= ceil(of_county * 0.7) order by id) end as k
    from w`);
  // Each employer looks up the counties of its city's workers below: by index, not a scan each.
  await tx.execute(sql`create index on hist_workers (city, county)`);
  await tx.execute(sql`analyze hist_workers`);
  // The gigs, with how many hires each aims for and how long it takes to fill. Half are at the
  // employer's own county, half at another county of its city where workers live.
  await tx.execute(sql`
    create temp table hist_gigs on commit drop as
    with e as (
      select e.id, e.name, e.region_code, e.account_id, r.parent_code as city,
             coalesce((select array_agg(distinct w.county order by w.county) from hist_workers w
                       where w.city = r.parent_code), array[e.region_code]) as counties,
             row_number() over (order by e.id) - 1 as k
      from employers e join regions r on r.code = e.region_code
      where e.id = any(${employerList})
    ), s as (select code, name, row_number() over (order by sort_order, code) - 1 as k from skills),
    raw as (
      select gen_random_uuid() as id, d.n as day_n, (${plan.fromDay}::date + d.n) as day,
             floor(random() * (select count(*) from e))::int as ek,
             floor(random() * (select count(*) from s))::int as sk,
             random() as at_home, random() as elsewhere,
             1 + floor(random() * random() * 6)::int as headcount,
             random() as fills, random() as part,
             least(240, round(-ln(1 - random() * 0.999) * 45))::int as fill_minutes,
             random() * 4 as posted_hour, 2400 + floor(random() * 12) * 100 as hourly_fen,
             random() * 0.02 - 0.01 as dlat, random() * 0.02 - 0.01 as dlng
      from generate_series(0, ${plan.days - 1}) d(n) cross join generate_series(1, ${plan.gigsPerDay}) i
    ), placed as (
      select raw.*, e.id as employer_id, e.name as employer_name, e.account_id as employer_account_id,
             case when raw.at_home < 0.5 then e.region_code
                  else e.counties[1 + floor(raw.elsewhere * cardinality(e.counties))::int] end as region_code,
             s.code as skill_code, s.name as skill_name
      from raw join e on e.k = raw.ek join s on s.k = raw.sk
    )
    select p.id, p.day_n, p.day, p.headcount, p.fill_minutes, p.hourly_fen,
           case when p.fills < 0.8 then p.headcount else floor(p.part * p.headcount)::int end as target,
           p.employer_id, p.employer_name, p.employer_account_id, p.region_code, r.name as region_name,
           r.parent_code as city, r.lat + p.dlat as lat, r.lng + p.dlng as lng, p.skill_code, p.skill_name,
           ((p.day::timestamp + interval '6 hours' + p.posted_hour * interval '1 hour') at time zone 'Asia/Shanghai') as posted_at,
           ((p.day::timestamp + interval '14 hours') at time zone 'Asia/Shanghai') as starts_at,
           ((p.day::timestamp + interval '19 hours') at time zone 'Asia/Shanghai') as ends_at
    from placed p join regions r on r.code = p.region_code`);

  // The hires. Each day, a county's hires are numbered in random order and number i goes to its
  // i-th stay-at-home worker (shifted daily); the ones past its stay pool are numbered across all
  // counties and go to the travel pool the same way. A gig gets fewer hires when both run out.
  await tx.execute(sql`create index on hist_workers (stays, county, k)`);
  await tx.execute(sql`create index on hist_workers (k) where not stays`);
  await tx.execute(sql`
    create temp table hist_hires on commit drop as
    with stay as (
      select county, count(*)::int as size from hist_workers where stays group by county
    ), travel as (select count(*)::int as size from hist_workers where not stays),
    wanted as (
      select g.id as gig_id, g.day_n, g.target, g.posted_at, g.fill_minutes, g.employer_id,
             g.employer_account_id, g.region_code, k.k, coalesce(st.size, 0) as stay_size,
             row_number() over (partition by g.day_n, g.region_code order by random()) as rn
      from hist_gigs g cross join lateral generate_series(1, g.target) k(k)
      left join stay st on st.county = g.region_code
    ), travelling as (
      select w.*, row_number() over (partition by w.day_n order by random()) as rn_travel
      from wanted w where w.rn > w.stay_size
    ), assigned as (
      select w.gig_id, w.day_n, w.target, w.posted_at, w.fill_minutes, w.employer_id, w.employer_account_id,
             w.k, h.id as worker_id
      from wanted w join hist_workers h
        on h.stays and h.county = w.region_code and h.k = 1 + ((w.rn - 1 + w.day_n * 3) % w.stay_size)
      where w.rn <= w.stay_size
      union all
      select t.gig_id, t.day_n, t.target, t.posted_at, t.fill_minutes, t.employer_id, t.employer_account_id,
             t.k, h.id
      from travelling t cross join travel
      join hist_workers h on not h.stays and h.county is not null
        and h.k = 1 + ((t.rn_travel - 1 + t.day_n * 7) % travel.size)
      where t.rn_travel <= travel.size
    )
    select gen_random_uuid() as id, a.gig_id, a.employer_id, a.employer_account_id, a.day_n, a.k, a.worker_id,
           a.posted_at + (a.fill_minutes * a.k::float / a.target) * interval '1 minute' as hired_at,
           random() as pay_luck, random() * 36 as pay_hours, 2 + random() * 12 as late_days
    from assigned a`);
  // Counted by index: at a province's size (tens of thousands of gigs and hires a week) a scan of
  // the hires for every gig took minutes (bench:province).
  await tx.execute(sql`create index on hist_hires (gig_id)`);
  await tx.execute(sql`analyze hist_hires`);
  await tx.execute(sql`analyze hist_gigs`);
  await tx.execute(sql`
    update hist_gigs g set target = coalesce((select count(*) from hist_hires h where h.gig_id = g.id), 0)`);

  const gigs = await count(
    sql`with ins as (
      insert into gigs (id, employer_id, title, description, headcount, filled, starts_at, ends_at, region_code,
        address, lat, lng, pay_fen, pay_unit, hourly_fen, pay_due_days, older_friendly, search_radius_km,
        status, created_at, updated_at)
      select id, employer_id, skill_name || '半日工', skill_name || '，下午五个小时，按小时计酬，完工次日结清。',
        headcount, target, starts_at, ends_at, region_code, region_name || '零工市场对接点', lat, lng,
        hourly_fen, 'HOUR', hourly_fen, 1, skill_code in ('harvest_picking', 'cleaning'), 20,
        case when target > 0 then 'COMPLETED' else 'EXPIRED' end, posted_at, ends_at
      from hist_gigs returning 1)
    select count(*)::int as n from ins`,
    tx,
  );
  await tx.execute(
    sql`insert into gig_skills (gig_id, skill_code, position) select id, skill_code, 0 from hist_gigs`,
  );
  // Full gigs are marked full when their last seat went (the statistics trigger counts the fill).
  await tx.execute(sql`
    update gigs set filled_at = h.posted_at + h.fill_minutes * interval '1 minute'
    from hist_gigs h where gigs.id = h.id and h.target = h.headcount`);

  const hires = await count(
    sql`with terms as (
      select h.*, g.title, g.address, g.starts_at, g.ends_at, g.hourly_fen, g.region_code as gig_region,
        e.name as employer_name, e.credit_code, w.name as worker_name, w.id_number_masked, w.home_region_code,
        g.hourly_fen * 5 as amount, g.ends_at + interval '1 day' as pay_due_at,
        -- Late pay only where the whole story (due, case, paid off) is over by now, but for the
        -- employer whose cases stay open: the others' instant posts are never blocked.
        h.pay_luck >= 0.04 or (h.employer_id is distinct from ${plan.keepArrearsOpenFor ?? null}::uuid
          and g.ends_at + interval '1 day 2 hours' + h.late_days * interval '1 day' > ${now}::timestamptz) as paid_on_time
      from hist_hires h join gigs g on g.id = h.gig_id join employers e on e.id = h.employer_id
      join workers w on w.id = h.worker_id
    ), texts as (
      select t.*, jsonb_build_object('title', t.title, 'employerName', t.employer_name, 'workerName', t.worker_name,
          'address', t.address, 'startsAt', to_char(t.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'endsAt', to_char(t.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'payFen', t.hourly_fen, 'payUnit', 'HOUR', 'hourlyFen', t.hourly_fen, 'hoursPerDay', null,
          'piecesPerHour', null, 'amountDueFen', t.amount, 'payDueDays', 1,
          'payDueAt', to_char(t.pay_due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) as terms,
        concat_ws(E'\n', '零工用工协议',
          '用工单位：' || t.employer_name || '（统一社会信用代码 ' || t.credit_code || '）',
          '劳动者：' || t.worker_name || '（身份证 ' || t.id_number_masked || '）',
          '工作内容：' || t.title, '工作地点：' || t.address,
          '工作时间：' || to_char(t.starts_at at time zone 'Asia/Shanghai', 'YYYY年MM月DD日 HH24:MI') || ' 至 '
            || to_char(t.ends_at at time zone 'Asia/Shanghai', 'YYYY年MM月DD日 HH24:MI') || '（北京时间）',
          '报酬：按小时 ' || to_char(t.hourly_fen / 100.0, 'FM999990.00') || ' 元',
          '应付金额：' || to_char(t.amount / 100.0, 'FM999990.00') || ' 元，完工后 1 日内足额支付',
          '双方确认以上条款；逾期未付，劳动者可通过平台申请调解。') as text
      from terms t
    ), ins as (
      insert into engagements (id, gig_id, worker_id, status, origin, starts_at, ends_at, terms, contract_text,
        contract_hash, worker_accepted_at, employer_accepted_at, amount_due_fen, pay_due_at, checked_in_at,
        checked_out_at, hours_worked, completed_at, created_at, check_in_code, paid_fen, paid_at, confirmed_fen,
        payment_confirmed_at, attendance_status, attendance_decided_by, attendance_decided_at, settled_hours)
      select x.id, x.gig_id, x.worker_id, 'COMPLETED',
        case when home.county = gig.county then 'LOCAL' when home.city = gig.city then 'OUT_OF_COUNTY'
             else 'OUT_OF_CITY' end,
        x.starts_at, x.ends_at, x.terms, x.text, encode(sha256(convert_to(x.text, 'UTF8')), 'hex'),
        x.hired_at, x.hired_at, x.amount, x.pay_due_at, x.starts_at, x.ends_at, 5, x.ends_at, x.hired_at,
        lpad((floor(random() * 1000000))::int::text, 6, '0'),
        case when x.paid_on_time then x.amount else 0 end,
        case when x.paid_on_time then x.ends_at + x.pay_hours * interval '1 hour' end,
        case when x.paid_on_time then x.amount else 0 end,
        case when x.paid_on_time then x.ends_at + x.pay_hours * interval '1 hour' end,
        'CONFIRMED', 'RECORD', x.ends_at, 5
      from texts x
      cross join lateral (select c.code as county, c.parent_code as city from regions c where c.code = x.home_region_code) home
      cross join lateral (select c.code as county, c.parent_code as city from regions c where c.code = x.gig_region) gig
      returning 1)
    select count(*)::int as n from ins`,
    tx,
  );

  // Pay recorded on time (the statistics count it on its day), never later than now.
  let payments = await count(
    sql`with ins as (
      insert into payments (engagement_id, amount_fen, recorded_at, recorded_by_account_id)
      select e.id, e.paid_fen, least(e.paid_at, ${now}::timestamptz), h.employer_account_id
      from hist_hires h join engagements e on e.id = h.id where e.paid_fen > 0
      returning 1)
    select count(*)::int as n from ins`,
    tx,
  );
  // Unpaid past the pay-by date: a case, as the work sweep would open it two hours later.
  const arrears = await count(
    sql`with ins as (
      insert into arrears_cases (engagement_id, employer_id, worker_id, owed_fen, opened_at)
      select e.id, h.employer_id, e.worker_id, e.amount_due_fen, e.pay_due_at + interval '2 hours'
      from hist_hires h join engagements e on e.id = h.id
      where e.paid_fen = 0 and e.pay_due_at + interval '2 hours' <= ${now}::timestamptz
      returning 1)
    select count(*)::int as n from ins`,
    tx,
  );
  // Most are paid off (清零) some days later: the payment, the worker's confirmation, the case closed.
  const settle = sql`
    select a.id as case_id, e.id as engagement_id, e.amount_due_fen, h.employer_account_id,
           a.opened_at + h.late_days * interval '1 day' as settled_at
    from arrears_cases a join engagements e on e.id = a.engagement_id join hist_hires h on h.id = e.id
    where a.opened_at + h.late_days * interval '1 day' <= ${now}::timestamptz
      and a.employer_id is distinct from ${plan.keepArrearsOpenFor ?? null}::uuid`;
  payments += await count(
    sql`with ins as (
      insert into payments (engagement_id, amount_fen, recorded_at, recorded_by_account_id)
      select engagement_id, amount_due_fen, settled_at, employer_account_id from (${settle}) s returning 1)
    select count(*)::int as n from ins`,
    tx,
  );
  await tx.execute(sql`
    update engagements e set paid_fen = s.amount_due_fen, paid_at = s.settled_at, confirmed_fen = s.amount_due_fen,
      payment_confirmed_at = s.settled_at
    from (${settle}) s where e.id = s.engagement_id`);
  await tx.execute(sql`
    update arrears_cases a set status = 'CLOSED', closed_at = e.payment_confirmed_at, close_reason = 'PAID'
    from engagements e join hist_hires h on h.id = e.id
    where a.engagement_id = e.id and a.status = 'OPEN' and e.confirmed_fen >= e.amount_due_fen`);
  await tx.execute(sql`drop table hist_hires`);
  await tx.execute(sql`drop table hist_gigs`);
  await tx.execute(sql`drop table hist_workers`);
  return { gigs, hires, payments, arrears };
}
