import { asc, eq, like, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { accounts, workers } from '../db/schema/index.js';
import { PRIVACY_NOTICE_VERSION } from '../modules/workers/workers.service.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import { marketDay } from '../time.js';
import { GIVEN, SURNAMES } from './demo.js';
import { type DemoDeps, demoEmployerIds, writeChapterOnce } from './demo-chapter.js';
import { writeMarketHistory } from './market-history.js';

const CHAPTER = { key: 'demo:history:v1', lock: 7_305_509 };
/** Two months of past market, so the dashboard opens on a living market. */
const DEMO_HISTORY_DAYS = 60;
const DAY_MS = 86_400_000;
/** Walk-in workers the stations registered over those months (no phone, no future availability). */
export const DEMO_PAST_WORKERS = 240;

/**
 * Workers registered at job stations before the demo's first day: no phone (registered in
 * person), homes across the demo employers' cities with most in the employers' own counties,
 * aged 20 to 68, one or two trades. Sent to the workers index like any registration.
 */
async function registerPastWorkers(employerIds: string[], at: Date, tx: Executor): Promise<string[]> {
  const employerList = sql.raw(`'{${employerIds.join(',')}}'::uuid[]`);
  const rows = await tx.execute<{ id: string }>(sql`
    with home as (
      select c.code, c.lat, c.lng, case when c.code = any(select region_code from employers where id = any(${employerList})) then 6 else 1 end as weight
      from regions c join regions e on e.parent_code = c.parent_code
      where c.level = 'county' and e.code in (select region_code from employers where id = any(${employerList}))
      group by c.code, c.lat, c.lng
    ), slots as (select h.* from home h cross join lateral generate_series(1, h.weight)),
    picked as (
      select i, (select code from slots order by random() + i * 0 limit 1) as code
      from generate_series(1, ${DEMO_PAST_WORKERS}) i
    ), a as (
      insert into accounts (id, role, display_name)
      select gen_random_uuid(), 'WORKER',
        (${sql.raw(`'{${SURNAMES.join(',')}}'::text[]`)})[1 + floor(random() * ${SURNAMES.length})::int]
        || (${sql.raw(`'{${GIVEN.join(',')}}'::text[]`)})[1 + floor(random() * ${GIVEN.length})::int]
      from picked
      returning id, display_name
    ), numbered as (
      select a.*, row_number() over (order by a.id) as i from a
    )
    insert into workers (account_id, name, id_number_masked, birth_date, sex, home_region_code, lat, lng,
      travel_radius_km, consent_version, consent_at, created_at)
    select n.id, n.display_name, p.code || '**********' || lpad(floor(random() * 10000)::int::text, 4, '0'),
           date '1958-01-01' + floor(random() * 17000)::int, case when random() < 0.5 then 'male' else 'female' end,
           p.code, r.lat + random() * 0.06 - 0.03, r.lng + random() * 0.06 - 0.03, 10 + floor(random() * 30)::int,
           ${PRIVACY_NOTICE_VERSION}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
    from numbered n join picked p on p.i = n.i join regions r on r.code = p.code
    returning id`);
  const ids = rows.map((r) => r.id);
  await tx.execute(sql`
    insert into worker_skills (worker_id, skill_code, level)
    select w.id, s.code, 1 + floor(random() * 5)::int
    from unnest(${sql.raw(`'{${ids.join(',')}}'::uuid[]`)}) w(id)
    cross join lateral (select code from skills order by random() + (w.id is null)::int limit 1 + floor(random() * 2)::int) s
    on conflict do nothing`);
  await enqueueOutbox('workers', ids, tx);
  return ids;
}

/**
 * The demo market's past: the demo employers' gigs of the last two months, hired from the demo
 * workers, worked, mostly paid, a few paid late through an arrears case, and the cases of the last
 * employer (江都区邵伯物流) still open, so the dashboard and the arrears rules have something to show.
 */
export function seedDemoHistoryOnce(deps: DemoDeps) {
  return writeChapterOnce(deps, CHAPTER, async (tx) => {
    const employerIds = await demoEmployerIds(tx);
    // The demo workers, by the phones the accounts chapter gave them (13700000001…40).
    const workerRows = await tx
      .select({ id: workers.id })
      .from(workers)
      .innerJoin(accounts, eq(accounts.id, workers.accountId))
      .where(like(accounts.phone, '1370000%'))
      .orderBy(asc(accounts.phone));
    if (!employerIds || workerRows.length === 0) return false;
    const today = marketDay(deps.clock.now());
    const fromDay = marketDay(new Date(Date.parse(`${today}T00:00:00+08:00`) - DEMO_HISTORY_DAYS * DAY_MS));
    const pastWorkers = await registerPastWorkers(
      employerIds,
      new Date(Date.parse(`${fromDay}T00:00:00+08:00`) - 30 * DAY_MS),
      tx,
    );
    const written = await writeMarketHistory(
      {
        fromDay,
        days: DEMO_HISTORY_DAYS,
        gigsPerDay: 16,
        employerIds: employerIds,
        workerIds: [...workerRows.map((w) => w.id), ...pastWorkers],
        now: deps.clock.now(),
        seed: 0.20261123,
        keepArrearsOpenFor: employerIds.at(-1) ?? null,
      },
      tx,
    );
    deps.log.info(
      { fromDay, days: DEMO_HISTORY_DAYS, pastWorkers: pastWorkers.length, ...written },
      'demo market history written',
    );
    return true;
  });
}
