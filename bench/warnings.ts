// `npm run bench:warnings [-- --workers 50000 --hires 100000 --open 2000 --live 5000 --rounds 10 --reset]`
// Starts Lingong as `npm start` does (embedded PostgreSQL and Meilisearch on .data/bench-warnings,
// or DATABASE_URL / MEILI_URL), fills it by SQL with a market of every seeded county (--workers
// workers, some free this week; employers; 90 days of history until --hires hires, by the demo's
// set-based writer; --open open gigs in the coming week, --live live hires on them, a plant
// calling off its hires and scattered call-offs in the last 24 hours), then times full rounds of
// the early warning's sweep (computeAll: read, judge, store, audit) and prints the plan of the
// indicator statement (EXPLAIN ANALYZE, BUFFERS). docs/warnings.md "Cost".
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/build.js';
import type { Database } from '../src/db/client.js';
import { writeMarketHistory } from '../src/demo/market-history.js';
import { indicatorsStatement } from '../src/modules/warnings/warnings.repository.js';
import { marketDay } from '../src/time.js';
import { loadBenchConfig } from './bench-config.js';
import { progress } from './offers-market.js';
import { stats } from './report.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '50000' },
    hires: { type: 'string', default: '100000' },
    open: { type: 'string', default: '2000' },
    live: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '10' },
    reset: { type: 'boolean', default: false },
  },
});
const WORKERS = Number(values.workers);
const TARGET_HIRES = Number(values.hires);
const OPEN_GIGS = Number(values.open);
const LIVE_HIRES = Number(values.live);
const ROUNDS = Number(values.rounds);
const GOAL_MS = 5_000;
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 90;
const CHUNK_DAYS = 10;
const EMPLOYERS = 500;

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(((await db.execute(query)) as unknown as { v: number }[])[0]?.v ?? 0);
const ids = async (db: Database, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { id: string }[]).map((r) => r.id);

const config = loadBenchConfig({
  DATA_DIR: '.data/bench-warnings',
  EMBEDDED_PG_PORT: '54343',
  EMBEDDED_MEILI_PORT: '7715',
  EMBEDDED_MEILI_FRESH_PORT: '7716',
});
console.log(`Starting Lingong (${config.database.url ? 'DATABASE_URL' : `embedded, ${config.dataDir}`}) …`);
// The sweep runs only when this script says.
const app = await buildApp({ config: { ...config, warnings: { ...config.warnings, sweepMs: 86_400_000 } } });
try {
  const { db } = app;
  if (values.reset) {
    await db.execute(sql`truncate gigs, engagements, payments, arrears_cases, stat_deltas, region_day_stats,
      region_fill_minutes, county_warnings, worker_availability cascade`);
    await db.execute(sql`delete from audit_log where action = 'EMPLOYMENT_WARNING_CHANGED'`);
  }
  const now = new Date();

  // The people: employers and workers in every county, workers registered over four months.
  if ((await one(db, sql`select count(*)::int as v from employers`)) < EMPLOYERS) {
    await db.execute(sql`
      with counties as (select array_agg(code order by code) as codes from regions where level = 'county'),
      a as (
        insert into accounts (id, role, display_name)
        select gen_random_uuid(), 'EMPLOYER', '压测用工单位' || i from generate_series(1, ${EMPLOYERS}) i
        returning id, display_name)
      insert into employers (account_id, name, kind, credit_code, region_code, lat, lng, verified_at)
      select a.id, a.display_name, 'ENTERPRISE', 'BENCH' || substr(a.id::text, 1, 13),
             c.code, r.lat + random() * 0.05, r.lng + random() * 0.05, now()
      from a, counties, lateral (select counties.codes[1 + floor(random() * cardinality(counties.codes))::int] as code
                                 where a.id is not null) c
      join regions r on r.code = c.code`);
  }
  if ((await one(db, sql`select count(*)::int as v from workers`)) < WORKERS) {
    await db.execute(sql`
      with counties as (select array_agg(code order by code) as codes from regions where level = 'county'),
      a as (
        insert into accounts (id, role, display_name)
        select gen_random_uuid(), 'WORKER', '压测工人' || i from generate_series(1, ${WORKERS}) i
        returning id, display_name)
      insert into workers (account_id, name, id_number_masked, birth_date, sex, home_region_code, lat, lng,
        travel_radius_km, consent_version, consent_at, created_at)
      select a.id, a.display_name, '370832**********0000',
             date '1961-01-01' + floor(random() * 14000)::int, case when random() < 0.5 then 'male' else 'female' end,
             c.code, r.lat, r.lng, 30, 'bench', now(), now() - random() * interval '120 days'
      from a, counties, lateral (select counties.codes[1 + floor(random() * cardinality(counties.codes))::int] as code
                                 where a.id is not null) c
      join regions r on r.code = c.code`);
  }
  // Six in ten are free some time this coming week (the rest have no window, or one long past).
  if ((await one(db, sql`select count(*)::int as v from worker_availability`)) === 0) {
    await db.execute(sql`
      insert into worker_availability (worker_id, starts_at, ends_at)
      select id, case when free then now() - interval '1 day' else now() - interval '60 days' end,
             case when free then now() + interval '10 days' else now() - interval '30 days' end
      from (select id, random() < 0.6 as free from workers) w`);
  }
  const employerIds = await ids(db, sql`select id from employers order by id`);
  const workerIds = await ids(db, sql`select id from workers order by id`);

  // The history: about 1.75 hires per gig over HISTORY_DAYS days ending yesterday, so the two
  // weeks the indicators read and the months before them, whose rows a statement must skip.
  let hires = await one(db, sql`select count(*)::int as v from engagements`);
  if (hires < TARGET_HIRES) {
    const gigsPerDay = Math.ceil(TARGET_HIRES / HISTORY_DAYS / 1.75);
    const started = Date.now();
    const bar = progress('hires written');
    bar.start(TARGET_HIRES, hires);
    for (let back = HISTORY_DAYS; back > 0 && hires < TARGET_HIRES; back -= CHUNK_DAYS) {
      const fromDay = marketDay(new Date(now.getTime() - back * DAY_MS));
      const written = await db.transaction((tx) =>
        writeMarketHistory(
          { fromDay, days: CHUNK_DAYS, gigsPerDay, employerIds, workerIds, now, seed: back / 1000 },
          tx,
        ),
      );
      hires += written.hires;
      bar.update(Math.min(hires, TARGET_HIRES));
    }
    bar.stop();
    console.log(`wrote ${hires} hires in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }

  // The coming week: open gigs copied from history's (posted in the last three days), live hires
  // on them for distinct workers, and call-offs: one plant in 梁山县 calls off 150 hires, and
  // one in twenty of the rest is called off by its employer or worker.
  if ((await one(db, sql`select count(*)::int as v from gigs where status = 'OPEN'`)) === 0) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`create temp table bench_open on commit drop as
        select * from gigs order by random() limit ${OPEN_GIGS}`);
      await tx.execute(sql`update bench_open set id = gen_random_uuid(), status = 'OPEN', filled = 0,
        headcount = 2 + floor(random() * 10)::int, created_at = now() - random() * interval '3 days',
        updated_at = now(), starts_at = date_trunc('day', now()) + (1 + floor(random() * 6)) * interval '1 day' + interval '6 hours'`);
      await tx.execute(sql`update bench_open set ends_at = starts_at + interval '5 hours'`);
      await tx.execute(sql`insert into gigs select * from bench_open`);
      await tx.execute(sql`insert into gig_skills (gig_id, skill_code, position)
        select id, (select code from skills order by random() limit 1), 0 from bench_open`);
      await tx.execute(sql`create temp table bench_live on commit drop as
        select * from engagements where status = 'COMPLETED' order by random() limit ${LIVE_HIRES}`);
      await tx.execute(sql`
        with g as (select id, starts_at, ends_at, row_number() over (order by id) - 1 as k from bench_open),
             w as (select id, row_number() over (order by random()) - 1 as k from workers),
             e as (select id, row_number() over (order by id) - 1 as k from bench_live)
        update bench_live l set id = gen_random_uuid(), gig_id = g.id, worker_id = w.id,
          starts_at = g.starts_at, ends_at = g.ends_at, created_at = now() - random() * interval '2 days'
        from e join g on g.k = e.k % ${OPEN_GIGS} join w on w.k = e.k
        where l.id = e.id`);
      await tx.execute(sql`update bench_live set status = 'CONFIRMED', offer_id = null, checked_in_at = null,
        checked_out_at = null, hours_worked = null, completed_at = null, check_in_code = null, paid_fen = 0,
        paid_at = null, confirmed_fen = 0, payment_confirmed_at = null, attendance_status = null,
        attendance_decided_by = null, attendance_decided_at = null, settled_hours = null`);
      await tx.execute(sql`insert into engagements select * from bench_live`);
      await tx.execute(sql`update gigs g set filled = least(g.headcount, n.n)
        from (select gig_id, count(*)::int as n from bench_live group by gig_id) n where g.id = n.gig_id`);
      await tx.execute(sql`update engagements set status = 'CANCELLED', cancelled_at = now() - random() * interval '20 hours',
          cancelled_by = case when random() < 0.5 then 'EMPLOYER' else 'WORKER' end, cancel_reason = '压测'
        where id in (select id from bench_live where random() < 0.05)`);
      await tx.execute(sql`
        with plant as (select id from employers where region_code = '370832' order by id limit 1),
             gig as (update gigs set region_code = '370832', employer_id = (select id from plant)
                     where id in (select id from bench_open order by id limit 60) returning id)
        update engagements set status = 'CANCELLED', cancelled_at = now() - interval '2 hours',
          cancelled_by = 'EMPLOYER', cancel_reason = '工厂停产'
        where id in (select id from engagements where gig_id in (select id from gig) limit 150)`);
    });
  }
  await db.execute(sql`vacuum (analyze)`);
  const counts = (
    (await db.execute(sql`select (select count(*)::int from regions where level = 'county') as counties,
      (select count(*)::int from workers) as workers, (select count(*)::int from employers) as employers,
      (select count(*)::int from gigs) as gigs, (select count(*)::int from engagements) as engagements,
      (select count(*)::int from gigs where status = 'OPEN') as open_gigs,
      (select count(*)::int from engagements where status in ('CONFIRMED', 'CHECKED_IN')) as live_hires,
      (select count(*)::int from engagements where status = 'CANCELLED') as cancelled`)) as unknown as Record<
      string,
      number
    >[]
  )[0];
  console.log('market:', counts);

  // The statement's plan first (its own timing is EXPLAIN's), then the rounds, after one warm-up.
  const plan = (await db.execute(
    sql`explain (analyze, buffers, costs off) ${indicatorsStatement(new Date())}`,
  )) as unknown as { 'QUERY PLAN': string }[];
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) of the indicator statement:\n');
  for (const line of plan) console.log(line['QUERY PLAN']);

  const rounds: number[] = [];
  const statements: number[] = [];
  for (let i = 0; i < ROUNDS + 1; i++) {
    let started = performance.now();
    await app.services.warnings.computeAll();
    const round = performance.now() - started;
    started = performance.now();
    await db.execute(indicatorsStatement(new Date()));
    const statement = performance.now() - started;
    if (i > 0) {
      rounds.push(round);
      statements.push(statement);
    }
  }
  const levels = (await db.execute(
    sql`select level, array_to_string(reasons, '+') as reasons, count(*)::int as n from county_warnings
        where day = ${marketDay(new Date())}::date group by 1, 2 order by 3 desc`,
  )) as unknown as { level: string; reasons: string; n: number }[];
  const r = stats(rounds);
  const s = stats(statements);
  console.log(`\nlevels today: ${levels.map((l) => `${l.n} ${l.level} (${l.reasons || '—'})`).join(', ')}`);
  const [seekers] = (await db.execute(
    sql`select sum(seekers)::int as seekers, sum(unmatched_7d)::int as unmatched, sum(open_seats)::int as seats
        from county_warnings where day = ${marketDay(new Date())}::date`,
  )) as unknown as { seekers: number; unmatched: number; seats: number }[];
  console.log('all counties:', seekers);
  console.log(`\n${ROUNDS} rounds of the sweep (after one warm-up), ms:\n`);
  console.log('| What | p50 | p99 | max | Goal < 5 s |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| full round (computeAll) | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.max < GOAL_MS ? 'yes' : 'NO'} |`,
  );
  console.log(
    `| indicator statement alone | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} | |`,
  );
} finally {
  await app.close();
}
