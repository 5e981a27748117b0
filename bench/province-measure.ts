// bench:province's drivers, run the same way on the county-sized and the province-sized market.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { buildApp } from '../src/build.js';
import type { Database, Executor } from '../src/db/client.js';
import { writeMarketHistory } from '../src/demo/market-history.js';
import type { MatchGig } from '../src/modules/hiring/matching.repository.js';
import { cellReachKm } from '../src/modules/workers/coarse-location.js';
import type { Search } from '../src/search/client.js';
import { readTierState } from '../src/search/tiers.js';
import { marketDay } from '../src/time.js';
import { sleep } from './harness.js';
import type { LoadJob, LoadResult } from './load-client.js';
import { waveMatchingOptions } from './matching-options.js';
import { createRandom, type Gql, instantGig, POST_GIG } from './offers-market.js';
import { HOME_COUNTY } from './province-regions.js';

/** The trade of the timed instant gigs. */
export const MATCHED_TRADE = 'bricklayer';

export type App = Awaited<ReturnType<typeof buildApp>>;

/** One market as the drivers see it. */
export type Market = {
  name: 'county' | 'province';
  dataDir: string;
  db: Database;
  app: App;
  search: Search;
  apiUrl: string;
  apiPid: number;
  gql: Gql;
  employer: { id: string; token: string };
  meili: LoadJob['meili'];
  /** Whether its bulk gig tier is an index per city (SEARCH_GIG_INDEX=city: the province's). */
  cities: boolean;
};

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(
    ((await db.execute<{ v: string | number }>(query)) as unknown as { v: string | number }[])[0]?.v ?? 0,
  );

/**
 * One instant gig (headcount 2) posted by the employer over GraphQL, and when its first offer was
 * sent: the first offer row's `sent_at` against the moment before the post was sent (one machine,
 * one clock). Returns the gig's id and the latency.
 */
export async function postAndFirstOffer(market: Market, n: number, seed: number) {
  // Bricklaying: a trade anyone may be offered (welding is a special operation, which needs a
  // certificate the generated workers do not hold).
  const input = {
    ...instantGig(n, 2, createRandom(seed)),
    skills: [MATCHED_TRADE],
    title: `即时快招砌墙瓦工${n + 1}号`,
  };
  const began = Date.now();
  const { postGig } = await market.gql<{ postGig: { id: string } }>(
    POST_GIG,
    { input },
    market.employer.token,
  );
  for (let i = 0; i < 2000; i++) {
    const sentAt = await one(
      market.db,
      sql`select coalesce(extract(epoch from min(sent_at)) * 1000, 0) as v from offers where gig_id = ${postGig.id}`,
    );
    if (sentAt > 0) return { gigId: postGig.id, ms: sentAt - began };
    await sleep(5);
  }
  throw new Error(`${market.name}: gig ${postGig.id} had no offer 10 s after it was posted`);
}

/**
 * The dispatch of the given posted gigs ended (DONE) and their pending offers expired, as the
 * reuse path ends an earlier run's: left running, their offers expire after OFFER_TTL_SECONDS and
 * the API's own sweeper sends their next waves while later posts, sweeps and folds are timed, a
 * background that is the earlier posts' (larger in the province, where more workers live near).
 */
export async function endDispatch(market: Market, gigIds: string[]) {
  if (gigIds.length === 0) return;
  const ids = sql`(select unnest(${`{${gigIds.join(',')}}`}::uuid[]))`;
  await market.db.execute(
    sql`update gig_dispatch set state = 'DONE' where state <> 'DONE' and gig_id in ${ids}`,
  );
  await market.db.execute(
    sql`update offers set status = 'EXPIRED' where status = 'PENDING' and gig_id in ${ids}`,
  );
}

/** The gig as matching reads it (MatchGig). */
export async function matchGig(db: Database, gigId: string) {
  const rows = (await db.execute(sql`
    select g.id, g.employer_id as "employerId", g.lat, g.lng, g.search_radius_km as "searchRadiusKm",
           g.starts_at as "startsAt", g.ends_at as "endsAt", g.public_welfare as "publicWelfare",
           g.min_skill_level as "minSkillLevel", array_agg(s.skill_code order by s.position) as skills
    from gigs g join gig_skills s on s.gig_id = g.id where g.id = ${gigId} group by g.id`)) as unknown as {
    id: string;
    employerId: string;
    lat: number;
    lng: number;
    searchRadiusKm: number;
    startsAt: string;
    endsAt: string;
    publicWelfare: boolean;
    minSkillLevel: number | null;
    skills: string[];
  }[];
  const g = rows[0];
  if (!g) throw new Error(`no gig ${gigId}`);
  return { ...g, startsAt: new Date(g.startsAt), endsAt: new Date(g.endsAt) };
}

/**
 * The ids Meilisearch hands the matcher for a posted gig (the same filter as matching.ts's
 * nearIds), nearest first, and the gig as matching reads it.
 */
export async function nearCandidates(market: Market, gigId: string, cellKm: number) {
  const gig = await matchGig(market.db, gigId);
  const reachKm = cellReachKm(cellKm);
  const start = Math.floor(gig.startsAt.getTime() / 1000);
  const end = Math.ceil(gig.endsAt.getTime() / 1000);
  const found = await market.search.query('workers', '', {
    filter: [
      `skills IN [${gig.skills.map((s) => JSON.stringify(s)).join(', ')}]`,
      `_geoRadius(${gig.lat}, ${gig.lng}, ${Math.ceil((gig.searchRadiusKm + reachKm) * 1000)})`,
      `availability.start <= ${start}`,
      `availability.end >= ${end}`,
    ],
    sort: [`_geoPoint(${gig.lat}, ${gig.lng}):asc`],
    attributesToRetrieve: ['id'],
    limit: 1000,
  });
  return { gig, reachKm, ids: found.hits.map((h) => String(h.id)) };
}

class Rollback extends Error {}

/**
 * The matching statement the code runs (MatchingRepository.eligible), timed over `runs` runs and
 * EXPLAINed (ANALYZE, BUFFERS), in two cases:
 * - `firstWave`: the statement of a new gig's first wave with the `nearest` nearest ids: a copy of
 *   the posted gig (same employer, place, hours, trade) that nobody has been offered yet, inside a
 *   transaction rolled back afterwards. Given the same `nearest` in both markets it is the same
 *   work in both: what is left of the difference is what grows with the market.
 * - `nextWave`: the posted gig itself, whose waves have gone out, with every id Meilisearch found:
 *   a later wave's statement, whose work (candidates, and how many of them are not offered yet)
 *   depends on how many workers live near the gig in each market.
 */
export async function matchingStatement(
  market: Market,
  near: Awaited<ReturnType<typeof nearCandidates>>,
  runs: number,
  nearest: number,
) {
  const { createMatchingRepository } = await import('../src/modules/hiring/matching.repository.js');
  const repository = createMatchingRepository(market.db);
  const measure = async (gig: MatchGig, ids: string[], tx: Executor) => {
    const options = waveMatchingOptions(ids, near.reachKm);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs + 2; i++) {
      const began = performance.now();
      rows = (await repository.eligible(gig, options, tx)).length;
      if (i >= 2) times.push(performance.now() - began);
    }
    // The same statement, EXPLAINed: a handle whose execute prefixes it.
    const explaining = new Proxy(tx, {
      get: (target, property, receiver) =>
        property === 'execute'
          ? (query: ReturnType<typeof sql>) => target.execute(sql`explain (analyze, buffers) ${query}`)
          : Reflect.get(target, property, receiver),
    });
    const planRows = (await repository.eligible(gig, options, explaining)) as unknown as Record<
      string,
      string
    >[];
    const plan = planRows.map((r) => r['QUERY PLAN'] ?? '').join('\n');
    const indexes = [...new Set([...plan.matchAll(/using (\w+)/g)].map((m) => m[1] as string))];
    const seqScans = [...new Set([...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] as string))];
    const buffers = Number(plan.match(/Buffers: shared hit=(\d+)/)?.[1] ?? Number.NaN);
    return { times, candidates: ids.length, eligible: rows, buffers, plan, indexes, seqScans };
  };
  const offered = await one(
    market.db,
    sql`select count(*) as v from offers where gig_id = ${near.gig.id} and crew_id is null`,
  );
  const nextWave = { ...(await measure(near.gig, near.ids, market.db)), offered };
  let firstWave: Awaited<ReturnType<typeof measure>> | undefined;
  await market.db
    .transaction(async (tx) => {
      const [copy] = await tx.execute<{ id: string }>(sql`
        insert into gigs select (jsonb_populate_record(null::gigs,
          to_jsonb(g) || jsonb_build_object('id', gen_random_uuid()))).*
        from gigs g where g.id = ${near.gig.id} returning id`);
      if (!copy) throw new Error(`${market.name}: gig ${near.gig.id} could not be copied`);
      await tx.execute(sql`insert into gig_skills (gig_id, skill_code, position)
        select ${copy.id}, skill_code, position from gig_skills where gig_id = ${near.gig.id}`);
      firstWave = await measure({ ...near.gig, id: copy.id }, near.ids.slice(0, nearest), tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  if (!firstWave) throw new Error(`${market.name}: the first wave was not measured`);
  return { gigId: near.gig.id, ids: near.ids, firstWave, nextWave };
}

/** A search job for the forked load client, API or Meilisearch, over keep-alive. */
export async function searchJob(
  market: Market,
  engine: 'api' | 'meili',
  searches: { warmup: unknown[]; measured: unknown[] },
  run: (job: LoadJob) => Promise<LoadResult>,
) {
  const result = await run({
    engine,
    apiUrl: market.apiUrl,
    meili: market.meili,
    tiers: await readTierState(market.db, market.cities),
    regionParents: market.cities
      ? (
          await market.db.execute<{ code: string; parent: string | null }>(
            sql`select code, parent_code as parent from regions`,
          )
        ).map((r) => [r.code, r.parent] as [string, string | null])
      : undefined,
    concurrency: 1,
    warmup: searches.warmup as LoadJob['warmup'],
    measured: searches.measured as LoadJob['measured'],
  });
  if (!result.ok) throw new Error(`${market.name} ${engine} search: ${result.error}`);
  return result.latencies;
}

/** Each sweep job's function once, timed (ms), with what it did. */
export async function sweeps(market: Market) {
  const { services } = market.app;
  const timed = async <T>(run: () => Promise<T>) => {
    const began = performance.now();
    const result = await run();
    return { ms: performance.now() - began, result };
  };
  return {
    'offer sweep (expiry, waves)': await timed(() => services.hiring.sweep()),
    'gig status sweep (expiry)': await timed(() => services.gigs.advanceByTime()),
    'work sweep (no-show, wage deadlines)': await timed(() => services.work.sweep()),
  };
}

/**
 * Each sweep `rounds` times, alternating market by market: the times, and what each round did
 * (offers expired, dispatches run, hires ended…), which must be the same in both markets, or the
 * times compare different work.
 */
export async function sweepRounds(markets: Market[], rounds: number) {
  const times: Record<string, Record<string, number[]>> = {};
  const did: Record<string, Record<string, unknown[]>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const m of markets) {
      for (const [name, { ms, result }] of Object.entries(await sweeps(m))) {
        times[name] = { ...times[name], [m.name]: [...(times[name]?.[m.name] ?? []), ms] };
        did[name] = { ...did[name], [m.name]: [...(did[name]?.[m.name] ?? []), result] };
      }
    }
  }
  return { times, did };
}

/**
 * The fold of the same work in both markets, `rounds` times alternating: one more day of market
 * (100 gigs) written before the earliest day, then folded. One fold is one commit: a single time is noise.
 */
export async function foldRounds(markets: Market[], rounds: number) {
  const out: Record<string, Awaited<ReturnType<typeof timedFold>>[]> = { county: [], province: [] };
  for (let round = 0; round < rounds; round++) {
    for (const m of markets) {
      await writeNewDay(m);
      out[m.name]?.push(await timedFold(m));
    }
  }
  return out;
}

/** The statistics fold of whatever deltas wait, timed. */
export async function timedFold(market: Market) {
  const waiting = await one(market.db, sql`select count(*) as v from stat_deltas`);
  const began = performance.now();
  const moved = await market.app.services.stats.fold();
  return { ms: performance.now() - began, waiting, moved };
}

/** One more day of market, 100 gigs, written before the earliest day (the same work in both markets). */
export async function writeNewDay(m: { db: Executor }) {
  const earliest = await m.db.execute<{ v: string }>(sql`select min(starts_at)::text as v from gigs`);
  const fromDay = marketDay(new Date(Date.parse(String(earliest[0]?.v)) - 86_400_000));
  const employerIds = (
    await m.db.execute<{ id: string }>(
      sql`select id from employers where region_code = ${HOME_COUNTY} limit 20`,
    )
  ).map((r) => r.id);
  const workerIds = (
    await m.db.execute<{ id: string }>(
      sql`select id from workers where home_region_code = ${HOME_COUNTY} limit 2000`,
    )
  ).map((r) => r.id);
  await m.db.transaction((tx) =>
    writeMarketHistory(
      { fromDay, days: 1, gigsPerDay: 100, employerIds, workerIds, now: new Date(), seed: 0.29 },
      tx,
    ),
  );
}

/** Bytes under the market's data folder, by server: PostgreSQL's and Meilisearch's folders. */
export function diskOf(dataDir: string) {
  const du = (path: string) =>
    Number(spawnSync('du', ['-sb', path], { encoding: 'utf8' }).stdout.split('\t')[0]);
  let postgres = 0;
  let meilisearch = 0;
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (/pg|postgres/i.test(entry.name)) postgres += du(join(dataDir, entry.name));
    if (/meili/i.test(entry.name)) meilisearch += du(join(dataDir, entry.name));
  }
  return { postgres, meilisearch };
}

export { one };
