// bench:province's check-ins and check-outs: hires under way today, and workers checking in and out
// of them through the API (GraphQL `checkIn` at the gig's place, `checkOut`), as their phones do.
//
// The busy day has 50,000 check-ins and 50,000 check-outs; the peak hour carries 15 % of each:
//   50,000 × 0.15 / 3,600 s = 2.08 check-ins a second, and as many check-outs.
// The hires they act on are written by SQL before the timing, like the market's history
// (bench/province-market.ts): each a copy of a finished hire (its gig copied too, headcount 1,
// filled), moved to today, for a worker with no hire today, of a gig that needs no accident cover.
// Each copy's ids go into `bench_work_copies`, a table of the benchmark's own in the market's
// database (the app never reads it): before a run writes its pool, the earlier runs' copies go,
// with whatever their check-ins and check-outs (or the sweeps since) wrote of theirs, so a reused
// market's pool is drawn from the same workers a fresh one's is (otherwise their copies count as
// the workers' hires today, and a small market runs out of workers to copy for).
// Two kinds:
//   - to check in: confirmed, starting in 5 minutes (check-in opens an hour before), ending 8 h on;
//   - to check out: checked in on site 8 h ago, ending in 30 minutes.
import { sql } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import type { Market } from './province-measure.js';

export const WORK_PER_SECOND = (50_000 * 0.15) / 3600;

const HOUR = 3_600_000;

export type WorkItem = {
  engagementId: string;
  workerId: string;
  accountId: string;
  lat: number;
  lng: number;
};
export type WorkPool = { checkIns: WorkItem[]; checkOuts: WorkItem[] };

/** The earlier runs' copies and all that refers to them, gone; returns how many hires went. */
export async function removeWorkCopies(market: Pick<Market, 'db'>): Promise<number> {
  await market.db.execute(sql`create table if not exists bench_work_copies (
    engagement_id uuid primary key, gig_id uuid not null, copied_at timestamptz not null default now())`);
  return market.db.transaction(async (tx) => {
    // Payments, dispute notes and the audit log refuse deletes (append-only triggers): for this
    // transaction only, triggers (those, and the foreign keys' checks) are off; children go first.
    await tx.execute(sql`set local session_replication_role = replica`);
    const hires = sql`(select engagement_id from bench_work_copies)`;
    const gigs = sql`(select gig_id from bench_work_copies)`;
    await tx.execute(sql`delete from dispute_notes where dispute_id in
      (select id from disputes where engagement_id in ${hires})`);
    for (const table of ['disputes', 'ratings', 'arrears_cases', 'payments', 'accident_policies'])
      await tx.execute(sql`delete from ${sql.identifier(table)} where engagement_id in ${hires}`);
    await tx.execute(sql`delete from audit_log where subject_id in
      (select engagement_id::text from bench_work_copies union all select gig_id::text from bench_work_copies)`);
    for (const table of ['offers', 'applications', 'gig_dispatch', 'gig_accident_cover'])
      await tx.execute(sql`delete from ${sql.identifier(table)} where gig_id in ${gigs}`);
    const gone = await tx.execute(sql`delete from engagements where id in ${hires} returning id`);
    await tx.execute(sql`delete from gig_skills where gig_id in ${gigs}`);
    await tx.execute(sql`delete from gigs where id in ${gigs}`);
    await tx.execute(sql`delete from bench_work_copies`);
    return gone.length;
  });
}

/**
 * `count` hires of each kind, today, for workers with no live hire, after the earlier runs'
 * copies are removed (removeWorkCopies).
 */
export async function writeWorkPool(market: Market, count: number): Promise<WorkPool & { removed: number }> {
  const removed = await removeWorkCopies(market);
  const now = Date.now();
  const make = async (kind: 'in' | 'out') => {
    const startsAt = new Date(kind === 'in' ? now + 5 * 60_000 : now - 8 * HOUR);
    const endsAt = new Date(kind === 'in' ? now + 8 * HOUR + 5 * 60_000 : now + 30 * 60_000);
    const checkedIn =
      kind === 'out'
        ? sql`|| jsonb_build_object('checked_in_at', ${startsAt.toISOString()}::timestamptz,
              'check_in_lat', g.lat, 'check_in_lng', g.lng, 'check_in_distance_m', 0,
              'check_in_off_site', false, 'checked_in_by_account_id', w.account_id)`
        : sql``;
    const rows = await market.db.execute<WorkItem>(sql`
      with picked as materialized (
        select distinct on (e.worker_id) e.id as src_id, e.gig_id as src_gig, e.worker_id,
          gen_random_uuid() as id, gen_random_uuid() as gig_id
        from engagements e
        join gigs sg on sg.id = e.gig_id
        where e.status = 'COMPLETED'
          -- hires that need no accident cover (a risky trade's or a public-welfare gig's check in
          -- only with a policy for the day, arranged beforehand: not this benchmark's subject)
          and not sg.public_welfare
          and not exists (select 1 from gig_skills gs join skills s on s.code = gs.skill_code
                          where gs.gig_id = e.gig_id and s.accident_risk)
          -- no hire of theirs today (any status: the exclusion constraint counts finished ones too)
          and not exists (select 1 from engagements b where b.worker_id = e.worker_id
                          and tstzrange(b.starts_at, b.ends_at, '[)') &&
                              tstzrange(now() - interval '10 hours', now() + interval '10 hours', '[)'))
        order by e.worker_id, e.created_at desc
        limit ${count}
      ),
      new_gigs as (
        insert into gigs select (jsonb_populate_record(null::gigs, to_jsonb(g) || jsonb_build_object(
          'id', p.gig_id, 'headcount', 1, 'filled', 1,
          'status', ${kind === 'in' ? 'FILLED' : 'IN_PROGRESS'}::text,
          'starts_at', ${startsAt.toISOString()}::timestamptz, 'ends_at', ${endsAt.toISOString()}::timestamptz,
          'created_at', now(), 'updated_at', now()))).*
        from picked p join gigs g on g.id = p.src_gig
        returning id
      ),
      new_skills as (
        insert into gig_skills (gig_id, skill_code, position)
        select p.gig_id, s.skill_code, s.position from picked p join gig_skills s on s.gig_id = p.src_gig
      ),
      new_hires as (
        insert into engagements select (jsonb_populate_record(null::engagements, to_jsonb(e)
          - array['checked_in_at', 'checked_out_at', 'check_in_lat', 'check_in_lng', 'check_in_distance_m',
                  'check_in_off_site', 'checked_in_by_account_id', 'hours_worked', 'completed_at', 'paid_at',
                  'payment_confirmed_at', 'attendance_status', 'attendance_decided_by', 'attendance_decided_at',
                  'settled_hours', 'attendance_answer_by']
          || jsonb_build_object('id', p.id, 'gig_id', p.gig_id,
               'status', ${kind === 'in' ? 'CONFIRMED' : 'CHECKED_IN'}::text,
               'starts_at', ${startsAt.toISOString()}::timestamptz, 'ends_at', ${endsAt.toISOString()}::timestamptz,
               'pay_due_at', ${new Date(endsAt.getTime() + 24 * HOUR).toISOString()}::timestamptz,
               'paid_fen', 0, 'confirmed_fen', 0, 'created_at', now(),
               'check_in_code', lpad((floor(random() * 1000000))::int::text, 6, '0'))
          ${checkedIn})).*
        from picked p join engagements e on e.id = p.src_id join gigs g on g.id = p.src_gig
          join workers w on w.id = p.worker_id
        returning id, worker_id, gig_id
      ),
      marked as (
        insert into bench_work_copies (engagement_id, gig_id) select id, gig_id from new_hires
      )
      select h.id as "engagementId", h.worker_id as "workerId", w.account_id as "accountId", g.lat, g.lng
      from new_hires h join workers w on w.id = h.worker_id
        join picked p on p.id = h.id join gigs g on g.id = p.src_gig`);
    return [...rows];
  };
  // Check-outs first: their workers then hold a live hire, and the check-ins take others.
  const checkOuts = await make('out');
  const checkIns = await make('in');
  return { checkIns, checkOuts, removed };
}

export type WorkTimes = { checkIn: number[]; checkOut: number[]; refused: Record<string, number> };

export function workDriver(market: Market, jwtSecret: string) {
  const sign = createSigner({ key: jwtSecret, algorithm: 'HS256', expiresIn: 3 * HOUR });
  const times: WorkTimes = { checkIn: [], checkOut: [], refused: {} };
  /** A worker's session and access token, as sign-in gives them (the peak hour's accepts do the same). */
  const workerToken = async (item: WorkItem) => {
    await market.db.execute(sql`insert into sessions (id, account_id, token_version, started_at)
      values (${item.accountId}, ${item.accountId}, 0, now()) on conflict do nothing`);
    return sign({
      sub: item.accountId,
      role: 'WORKER',
      wid: item.workerId,
      eid: null,
      typ: 'access',
      sid: item.accountId,
      ver: 0,
    }) as string;
  };
  /** One check-in or check-out through the API, timed from the request to its answer. */
  const act = async (kind: 'checkIn' | 'checkOut', item: WorkItem) => {
    const token = await workerToken(item);
    const [query, variables] =
      kind === 'checkIn'
        ? [
            'mutation ($id: ID!, $at: GeoPointInput!) { checkIn(engagementId: $id, at: $at) { id status } }',
            { id: item.engagementId, at: { lat: item.lat, lng: item.lng } },
          ]
        : ['mutation ($id: ID!) { checkOut(engagementId: $id) { id status } }', { id: item.engagementId }];
    const began = performance.now();
    try {
      await market.gql(query, variables, token);
      times[kind].push(performance.now() - began);
    } catch (error) {
      const code = String(error).match(/[A-Z][A-Z_]{3,}/)?.[0] ?? 'ERROR';
      times.refused[`${kind} ${code}`] = (times.refused[`${kind} ${code}`] ?? 0) + 1;
    }
  };
  return { times, act };
}

/** `count` check-ins and check-outs in each market, one at a time, alternating market by market. */
export async function alternateWork(
  pools: WorkPool[],
  drivers: ReturnType<typeof workDriver>[],
  count: number,
) {
  for (let i = 0; i < count; i++) {
    for (const [n, driver] of drivers.entries()) {
      const checkIn = pools[n]?.checkIns[i];
      const checkOut = pools[n]?.checkOuts[i];
      if (checkIn) await driver.act('checkIn', checkIn);
      if (checkOut) await driver.act('checkOut', checkOut);
    }
  }
}
