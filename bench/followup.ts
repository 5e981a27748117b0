// `npm run bench:followup [-- --workers 50000 --requests 100 --reset]`
// Starts Lingong as `npm start` does (embedded PostgreSQL and Meilisearch on .data/bench-followup,
// or DATABASE_URL / MEILI_URL), fills one county (梁山县) with --workers workers by SQL (15 % in a
// priority group, 3 % asking for help, registered up to two years ago), 16 stations over the county,
// four months of hires (the demo's history writer) and contacts for a third of the priority
// workers; then times the follow-up list through the API over HTTP (an operator's own station, an
// admin's county, a second page) and prints EXPLAIN ANALYZE of the operator's and the admin's
// statement. Results: bench/RESULTS.md.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/build.js';
import type { Database } from '../src/db/client.js';
import { writeMarketHistory } from '../src/demo/market-history.js';
import { createFollowUpListRepository, type FollowUpScope } from '../src/modules/followup/list.repository.js';
import { marketDay } from '../src/time.js';
import { BENCH_ADMIN, loadBenchConfig } from './bench-config.js';
import { stats, table } from './report.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '50000' },
    requests: { type: 'string', default: '100' },
    reset: { type: 'boolean', default: false },
    /** Only the plans: skip the timed requests. */
    'explain-only': { type: 'boolean', default: false },
  },
});
const WORKERS = Number(values.workers);
const REQUESTS = Number(values.requests);
const GOAL_MS = 100;
const DAY_MS = 86_400_000;
const COUNTY = '370832';
/** 梁山县's box: the workers live in it, the stations cover it. */
const BOX = { lat: [35.62, 35.98], lng: [115.92, 116.28] } as const;
const OPERATOR = { phone: '13900000101', password: 'bench-operator-password-1' };
const HISTORY_DAYS = 120;

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(((await db.execute(query)) as unknown as { v: number }[])[0]?.v ?? 0);

const config = loadBenchConfig({
  DATA_DIR: '.data/bench-followup',
  EMBEDDED_PG_PORT: '54377',
  EMBEDDED_MEILI_PORT: '7777',
  EMBEDDED_MEILI_FRESH_PORT: '7778',
});
console.log(`Starting Lingong (${config.database.url ? 'DATABASE_URL' : `embedded, ${config.dataDir}`}) …`);
const app = await buildApp({ config });
try {
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { db } = app;
  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as Record<string, unknown>;
  };
  const login = async (phone: string, password: string) =>
    (
      (await gql('', 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', {
        p: phone,
        w: password,
      })) as { login: { token: string } }
    ).login.token;
  if (values.reset) {
    await db.execute(sql`truncate follow_up_contacts, help_requests, engagements, gigs cascade`);
    await db.execute(sql`delete from station_operators`);
    await db.execute(sql`delete from stations where name like '压测驿站%'`);
    await db.execute(sql`delete from workers where name like '压测帮扶%'`);
  }
  const admin = await login(BENCH_ADMIN.phone, BENCH_ADMIN.password);
  const adminId = ((await gql(admin, '{ me { id } }')) as { me: { id: string } }).me.id;

  // Stations: a 4 × 4 grid over the county, 7 km each (the seat's station at the grid's corner
  // nearest the seat), so most homes are held by one or two stations.
  if ((await one(db, sql`select count(*)::int as v from stations where name like '压测驿站%'`)) === 0) {
    await db.execute(sql`
      insert into stations (name, kind, region_code, lat, lng, address, service_radius_km, created_at)
      select '压测驿站' || i || '-' || j, 'TOWNSHIP_STATION', ${COUNTY},
             ${BOX.lat[0]}::float8 + (i + 0.5) * ${(BOX.lat[1] - BOX.lat[0]) / 4}::float8,
             ${BOX.lng[0]}::float8 + (j + 0.5) * ${(BOX.lng[1] - BOX.lng[0]) / 4}::float8,
             '梁山县压测驿站' || i || '-' || j, 7, now()
      from generate_series(0, 3) i, generate_series(0, 3) j`);
  }
  // The operator works at the station nearest the county seat.
  const stationId = (
    (await db.execute(sql`select id from stations where name like '压测驿站%'
      order by power(lat - 35.802, 2) + power(lng - 116.096, 2) limit 1`)) as unknown as { id: string }[]
  )[0]?.id as string;
  let operator: string;
  try {
    operator = await login(OPERATOR.phone, OPERATOR.password);
  } catch {
    await gql(admin, 'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }', {
      i: { role: 'STATION_OPERATOR', ...OPERATOR, displayName: '压测驿站操作员' },
    });
    operator = await login(OPERATOR.phone, OPERATOR.password);
  }
  const operatorId = ((await gql(operator, '{ me { id } }')) as { me: { id: string } }).me.id;
  await db.execute(sql`insert into station_operators (station_id, account_id, assigned_at)
    values (${stationId}, ${operatorId}, now()) on conflict do nothing`);

  // The workers of the county, registered over two years; employers to hire them.
  const have = await one(db, sql`select count(*)::int as v from workers where name like '压测帮扶%'`);
  if (have < WORKERS) {
    const started = Date.now();
    await db.execute(sql`
      with a as (
        insert into accounts (id, role, display_name)
        select gen_random_uuid(), 'WORKER', '压测帮扶' || i from generate_series(${have + 1}::int, ${WORKERS}::int) i
        returning id, display_name)
      insert into workers (account_id, name, id_number_masked, birth_date, sex, home_region_code,
        residence_region_code, lat, lng, travel_radius_km, priority_groups, consent_version, consent_at, created_at)
      select a.id, a.display_name, '370832**********0000', date '1961-01-01' + floor(random() * 14000)::int,
             case when random() < 0.5 then 'male' else 'female' end, ${COUNTY}, ${COUNTY},
             ${BOX.lat[0]}::float8 + random() * ${BOX.lat[1] - BOX.lat[0]}::float8, ${BOX.lng[0]}::float8 + random() * ${BOX.lng[1] - BOX.lng[0]}::float8,
             30, case when random() < 0.15 then array['OLDER_WORKER'] else '{}'::text[] end, 'bench', now(),
             now() - random() * interval '730 days'
      from a`);
    await db.execute(sql`
      insert into help_requests (worker_id, note, asked_at)
      select id, '压测求助', now() - random() * interval '90 days' from workers
      where name like '压测帮扶%' and cardinality(priority_groups) = 0 and random() < 0.035`);
    console.log(`wrote ${WORKERS - have} workers in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if ((await one(db, sql`select count(*)::int as v from employers where region_code = ${COUNTY}`)) < 100) {
    await db.execute(sql`
      with a as (
        insert into accounts (id, role, display_name)
        select gen_random_uuid(), 'EMPLOYER', '压测帮扶用工单位' || i from generate_series(1, 100) i
        returning id, display_name)
      insert into employers (account_id, name, kind, credit_code, region_code, lat, lng, verified_at)
      select a.id, a.display_name, 'ENTERPRISE', 'BENCHF' || substr(a.id::text, 1, 12), ${COUNTY},
             35.802 + random() * 0.05, 116.096 + random() * 0.05, now()
      from a`);
  }
  if ((await one(db, sql`select count(*)::int as v from engagements`)) === 0) {
    const started = Date.now();
    const ids = async (query: ReturnType<typeof sql>) =>
      ((await db.execute(query)) as unknown as { id: string }[]).map((r) => r.id);
    const employerIds = await ids(sql`select id from employers where region_code = ${COUNTY} order by id`);
    // A third of the county works now and then: those are the ones the history hires.
    const workerIds = await ids(sql`select id from workers where name like '压测帮扶%' and random() < 0.33`);
    const today = marketDay(new Date());
    for (let back = HISTORY_DAYS; back > 0; back -= 10) {
      const fromDay = marketDay(new Date(Date.parse(`${today}T00:00:00+08:00`) - back * DAY_MS));
      await db.transaction((tx) =>
        writeMarketHistory(
          { fromDay, days: 10, gigsPerDay: 200, employerIds, workerIds, now: new Date(), seed: back / 1000 },
          tx,
        ),
      );
    }
    console.log(`wrote the history in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  // Contacts: a third of the priority workers were reached in the last three weeks.
  if ((await one(db, sql`select count(*)::int as v from follow_up_contacts`)) === 0) {
    await db.execute(sql`
      insert into follow_up_contacts (worker_id, recorded_by_account_id, channel, contacted_at, outcome, note,
        next_on, created_at)
      select id, ${adminId}, 'CALL', c.at, 'CONSIDERING', '压测', (c.at + random() * interval '20 days')::date, c.at
      from workers, lateral (select now() - random() * interval '21 days' as at where workers.id is not null) c
      where name like '压测帮扶%' and cardinality(priority_groups) > 0 and random() < 0.33`);
  }
  await db.execute(sql`vacuum (analyze)`);
  const counts = (
    (await db.execute(sql`select (select count(*)::int from workers) as workers,
      (select count(*)::int from workers where cardinality(priority_groups) > 0) as priority,
      (select count(*)::int from help_requests) as help_requests,
      (select count(*)::int from engagements) as hires, (select count(*)::int from stations) as stations,
      (select count(*)::int from follow_up_contacts) as contacts`)) as unknown as Record<string, number>[]
  )[0];
  console.log('market:', counts);

  const LIST = `query ($s: ID, $r: ID, $o: Boolean, $first: Int, $after: String) {
    followUpList(stationId: $s, regionCode: $r, overdueOnly: $o, first: $first, after: $after) {
      edges { cursor node { workerId name reasons stationName idleDays dueOn overdue lastContact { id outcome } } }
      pageInfo { hasNextPage endCursor } totalCount overdueCount } }`;
  type Page = { followUpList: { totalCount: number; overdueCount: number; pageInfo: { endCursor: string } } };
  const adminFirst = (await gql(admin, LIST, { r: COUNTY, first: 50 })) as Page;
  const scenarios: { name: string; token: string; variables: Record<string, unknown> }[] = [
    { name: 'operator, own station, first page of 50', token: operator, variables: { first: 50 } },
    { name: 'operator, own station, overdue only', token: operator, variables: { first: 50, o: true } },
    {
      name: 'admin, the county (梁山县), first page of 50',
      token: admin,
      variables: { r: COUNTY, first: 50 },
    },
    {
      name: 'admin, the county, second page',
      token: admin,
      variables: { r: COUNTY, first: 50, after: adminFirst.followUpList.pageInfo.endCursor },
    },
    { name: 'admin, one station', token: admin, variables: { s: stationId, first: 50 } },
  ];
  const rows: string[][] = [];
  for (const scenario of values['explain-only'] ? [] : scenarios) {
    const samples: number[] = [];
    let listed = '';
    for (let i = 0; i < REQUESTS + 5; i++) {
      const started = performance.now();
      const data = (await gql(scenario.token, LIST, scenario.variables)) as Page;
      if (i >= 5) samples.push(performance.now() - started);
      listed = `${data.followUpList.totalCount} (${data.followUpList.overdueCount} overdue)`;
    }
    const s = stats(samples);
    rows.push([
      scenario.name,
      listed,
      s.p50.toFixed(1),
      s.p99.toFixed(1),
      s.max.toFixed(1),
      s.p99 < GOAL_MS ? 'yes' : 'no',
    ]);
    console.log(rows.at(-1)?.join(' | '));
  }
  console.log(
    `\n${table(['Query', 'On the list', 'p50 ms', 'p99 ms', 'max ms', `Goal p99 < ${GOAL_MS} ms`], rows)}\n`,
  );

  // The plans: the operator's station and the admin's county, as the service asks for them.
  const repository = createFollowUpListRepository(db);
  const now = new Date();
  const day = { at: now, today: marketDay(now), defaultDays: 30, firstContactDays: 7 };
  const tree = await app.services.reference.regionTree();
  const scopes: [string, FollowUpScope][] = [
    ['operator, own station', { stationIds: [stationId], regionCodes: null, overdueOnly: false }],
    ['admin, the county', { stationIds: null, regionCodes: tree.descendants(COUNTY), overdueOnly: false }],
  ];
  for (const [name, scope] of scopes) {
    // As `page` runs it: the box of the scope's stations first, then the statement.
    const box = scope.stationIds ? await repository.boxOf(scope.stationIds) : null;
    const statement = repository.statement(scope, day, { limit: 51, after: null }, box);
    const plan = (await db.execute(sql`explain (analyze, buffers) ${statement}`)) as unknown as {
      'QUERY PLAN': string;
    }[];
    console.log(`\nEXPLAIN ANALYZE, ${name}:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
} finally {
  await app.close();
}
