// `npm run bench:stats [-- --hires 1000000 --days 365 --requests 100 --reset]`
// Starts Lingong as `npm start` does (embedded PostgreSQL and Meilisearch on .data/bench-stats, or
// DATABASE_URL / MEILI_URL), fills it with a year of market history until it holds --hires hires
// (the same set-based writer as the demo's history; the statistics triggers count every row), folds
// the deltas, then times each statistics query through the API over HTTP, with an admin's token,
// first with everything folded, then with a few days of changes still waiting to be folded.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/build.js';
import type { Database } from '../src/db/client.js';
import { writeMarketHistory } from '../src/demo/market-history.js';
import { marketDay } from '../src/time.js';
import { BENCH_ADMIN, loadBenchConfig } from './bench-config.js';
import { progress } from './offers-market.js';
import { stats } from './report.js';

const { values } = parseArgs({
  options: {
    hires: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '365' },
    requests: { type: 'string', default: '100' },
    reset: { type: 'boolean', default: false },
  },
});
const TARGET_HIRES = Number(values.hires);
const DAYS = Number(values.days);
const REQUESTS = Number(values.requests);
const GOAL_MS = 200;
const DAY_MS = 86_400_000;
/** Days written per transaction while filling. */
const CHUNK_DAYS = 5;
const EMPLOYERS = 400;
/** Enough that every day's hires find distinct workers (no double booking). */
const WORKERS = 4_000;

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(((await db.execute(query)) as unknown as { v: number }[])[0]?.v ?? 0);

const config = loadBenchConfig({
  DATA_DIR: '.data/bench-stats',
  EMBEDDED_PG_PORT: '54341',
  EMBEDDED_MEILI_PORT: '7712',
});
console.log(`Starting Lingong (${config.database.url ? 'DATABASE_URL' : `embedded, ${config.dataDir}`}) …`);
// The fold runs only when this script says, so the second round really has deltas waiting.
const app = await buildApp({ config: { ...config, stats: { foldMs: 3_600_000 } } });
try {
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { db } = app;
  if (values.reset) {
    await db.execute(sql`truncate gigs, engagements, payments, arrears_cases, stat_deltas, region_day_stats,
      region_fill_minutes cascade`);
  }
  const today = marketDay(new Date());

  // The people: employers in every county, workers from every county, of every working age.
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
        travel_radius_km, consent_version, consent_at)
      select a.id, a.display_name, '370832**********0000',
             date '1961-01-01' + floor(random() * 14000)::int, case when random() < 0.5 then 'male' else 'female' end,
             c.code, r.lat, r.lng, 30, 'bench', now()
      from a, counties, lateral (select counties.codes[1 + floor(random() * cardinality(counties.codes))::int] as code
                                 where a.id is not null) c
      join regions r on r.code = c.code`);
  }
  const employerIds = (
    (await db.execute(sql`select id from employers order by id`)) as unknown as { id: string }[]
  ).map((r) => r.id);
  const workerIds = (
    (await db.execute(sql`select id from workers order by id`)) as unknown as { id: string }[]
  ).map((r) => r.id);

  // About 1.75 hires per gig: --days of market reach --hires. Days are written backwards from
  // yesterday, or from before the earliest day already there, so a rerun tops up and never books
  // a worker twice on one day.
  const gigsPerDay = Math.ceil(TARGET_HIRES / DAYS / 1.75);
  const earliestDay = async () => {
    const ms = await one(
      db,
      sql`select coalesce(extract(epoch from min(starts_at)) * 1000, 0) as v from gigs`,
    );
    return ms > 0 ? marketDay(new Date(ms)) : today;
  };
  const dayBefore = (day: string, n: number) =>
    marketDay(new Date(Date.parse(`${day}T00:00:00+08:00`) - n * DAY_MS));
  let hires = await one(db, sql`select count(*)::int as v from engagements`);
  if (hires < TARGET_HIRES) {
    const started = Date.now();
    const bar = progress('hires written');
    bar.start(TARGET_HIRES, hires);
    let end = await earliestDay();
    while (hires < TARGET_HIRES) {
      const fromDay = dayBefore(end, CHUNK_DAYS);
      const written = await db.transaction((tx) =>
        writeMarketHistory(
          {
            fromDay,
            days: CHUNK_DAYS,
            gigsPerDay,
            employerIds,
            workerIds,
            now: new Date(),
            seed: (hires % 97) / 100 + 0.01,
          },
          tx,
        ),
      );
      hires += written.hires;
      end = fromDay;
      bar.update(Math.min(hires, TARGET_HIRES));
    }
    bar.stop();
    console.log(`wrote up to ${hires} hires in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const firstDay = await earliestDay();
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / DAY_MS;
  const pendingBefore = await one(db, sql`select count(*)::int as v from stat_deltas`);
  if (pendingBefore > 0) {
    const started = Date.now();
    const bar = progress('deltas folded');
    bar.start(pendingBefore, 0);
    const moved = await app.services.stats.fold(50_000, (n) => bar.update(n));
    bar.stop();
    console.log(`folded ${moved} deltas in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  // Timed from a settled database, as a running market's is: otherwise autovacuum of the tables
  // the fill and the fold just rewrote (millions of rows) runs during the timed requests.
  await db.execute(sql`vacuum (analyze)`);
  const counts = (
    (await db.execute(sql`select (select count(*)::int from gigs) as gigs, (select count(*)::int from engagements) as hires,
      (select count(*)::int from payments) as payments, (select count(*)::int from arrears_cases) as arrears,
      (select count(*)::int from region_day_stats) as rollup_rows`)) as unknown as Record<string, number>[]
  )[0];
  console.log('market:', counts);

  const login = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
      variables: { p: BENCH_ADMIN.phone, w: BENCH_ADMIN.password },
    }),
  });
  const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
  const range = { from: `${firstDay}T00:00:00+08:00`, to: `${today}T00:00:00+08:00` };
  const figures =
    'gigsPosted gigsFilled fillRate medianMinutesToFill hires wagesPaidYuan openArrears olderWorkerHires hiresByOrigin { value count }';
  const scenarios: { name: string; request: () => Promise<Response> }[] = [
    ...[
      ['regionStats, county (梁山县)', '370832', 'regionStats', figures],
      ['regionStats, city (济宁市)', '370800', 'regionStats', figures],
      ['regionStats, province (山东省)', '370000', 'regionStats', figures],
      [`regionSeries, city, ${days} days`, '370800', 'regionSeries', `day ${figures}`],
      ['regionBreakdown, province → cities', '370000', 'regionBreakdown', `region { code } ${figures}`],
      ['regionStatsByTrade, city', '370800', 'regionStatsByTrade', `tradeCode ${figures}`],
    ].map(([name, region, field, selection]) => ({
      name: name as string,
      request: () =>
        fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: `query ($r: ID!, $from: DateTime!, $to: DateTime!) { ${field}(regionCode: $r, from: $from, to: $to) { ${selection} } }`,
            variables: { r: region, ...range },
          }),
        }),
    })),
    {
      name: `CSV export, city, ${days} days`,
      request: () =>
        fetch(`${baseUrl}/stats/series.csv?${new URLSearchParams({ regionCode: '370800', ...range })}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
    },
  ];

  async function time(name: string, request: () => Promise<Response>) {
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS + 5; i++) {
      const started = performance.now();
      const response = await request();
      const body = await response.text();
      if (!response.ok || body.includes('"errors"')) throw new Error(`${name}: ${body.slice(0, 300)}`);
      if (i >= 5) samples.push(performance.now() - started);
    }
    return { name, ...stats(samples) };
  }
  const rows: string[] = [];
  const row = (r: Awaited<ReturnType<typeof time>>, state: string) =>
    rows.push(
      `| ${r.name} | ${state} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.p99 < GOAL_MS ? 'yes' : 'NO'} |`,
    );
  for (const s of scenarios) row(await time(s.name, s.request), 'folded');

  // Between folds: three more days of market whose deltas wait (the timer would fold them in seconds),
  // written before the earliest day there is, so no worker is booked twice.
  const earliest = new Date(
    await one(db, sql`select extract(epoch from min(starts_at)) * 1000 as v from gigs`),
  );
  await db.transaction((tx) =>
    writeMarketHistory(
      {
        fromDay: marketDay(new Date(Date.parse(`${marketDay(earliest)}T00:00:00+08:00`) - 3 * DAY_MS)),
        days: 3,
        gigsPerDay,
        employerIds,
        workerIds,
        now: new Date(),
        seed: 0.5,
      },
      tx,
    ),
  );
  // Settled again (vacuum does not fold: the deltas still wait), for the same reason as above.
  await db.execute(sql`vacuum (analyze)`);
  const waiting = await one(db, sql`select count(*)::int as v from stat_deltas`);
  for (const s of scenarios.slice(0, 4)) row(await time(s.name, s.request), `${waiting} deltas waiting`);

  console.log(
    `\nStatistics over ${counts?.hires} hires, ${counts?.gigs} gigs, ${days} days; ${REQUESTS} sequential requests each through the API (HTTP, admin token), ms:\n`,
  );
  console.log('| Query | Deltas | p50 | p99 | max | p99 < 200 ms |');
  console.log('|---|---|---|---|---|---|');
  for (const line of rows) console.log(line);
} finally {
  await app.close();
}
