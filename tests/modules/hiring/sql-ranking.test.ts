import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { pgArray } from '../../../src/db/arrays.js';
import type { Executor } from '../../../src/db/client.js';
import { distanceKm } from '../../../src/modules/gigs/distance.js';
import { createGigsRepository } from '../../../src/modules/gigs/gigs.repository.js';
import {
  type CandidateMatch,
  createMatcher,
  type MatchGig,
  rankedSql,
  rankRows,
  TIERS,
} from '../../../src/modules/hiring/matching.js';
import {
  type BestRow,
  createMatchingRepository,
  type MatchRow,
} from '../../../src/modules/hiring/matching.repository.js';
import { cellCentre } from '../../../src/modules/workers/coarse-location.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers } from '../../support/hiring.js';

// A wave's first insert ranks its workers in SQL (matching.ts rankedSql, inside matching.repository.ts
// offerBest); the employer's candidate list ranks them in JS (rankRows). Both must give the same
// workers in the same order with the same tier, score, public score and distances: checked here
// on the real PostgreSQL, over a market that exercises every input of the score, and over many
// synthetic rows. A change to either ranking alone fails it.

const cellKm = loadConfig({}).privacy.locationCellKm;
const DAY = 86_400_000;

/** What both rankings say of a worker, as offers keep it. */
const fromCandidate = (c: CandidateMatch) => [
  c.workerId,
  c.tier,
  c.rankScore,
  c.score,
  c.distanceKm,
  c.ownDistanceKm,
];
const fromBest = (r: BestRow) => [r.worker_id, r.tier, r.score, r.public_score, r.shown_km, r.own_km];

class RolledBack extends Error {}

/** Runs `work` in a transaction that is rolled back, returning what it returned. */
async function rolledBack<T>(t: TestApp, work: (tx: Executor) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await t.app.db
    .transaction(async (tx) => {
      result = await work(tx);
      throw new RolledBack();
    })
    .catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return result as T;
}

describe('the SQL ranking of a wave against the JS ranking', () => {
  let t: TestApp;
  let matcher: ReturnType<typeof createMatcher>;
  let gig: MatchGig;

  beforeAll(async () => {
    t = await createTestApp();
    const skills = [{ code: 'bricklayer', level: 3 }];
    const employer = await verifiedEmployer(t);
    const spread = await seedWorkers(t, 60, { skills, spreadKm: 24 });
    // Five at one spot with everything alike: the same score and distance, ordered by id.
    const alike = await seedWorkers(t, 5, { skills, spreadKm: 0, reliability: 0.5 });
    const older = await seedWorkers(t, 6, { skills, spreadKm: 6, birthDate: '1970-03-01' });
    const grouped = await seedWorkers(t, 6, { skills, spreadKm: 6, priorityGroups: ['LOW_INCOME'] });
    const homebound = await seedWorkers(t, 8, { skills, spreadKm: 16, travelRadiusKm: 3 });
    // Well inside the gig's radius: the roster and the hired.
    const favourites = await seedWorkers(t, 5, { skills, spreadKm: 6 });
    const hired = await seedWorkers(t, 6, { skills, spreadKm: 6 });
    const varied = [...spread, ...older, ...grouped, ...homebound, ...favourites, ...hired].map((w) => w.id);
    const certified = [...spread.slice(0, 12), ...hired.slice(0, 2), ...older.slice(0, 2)].map((w) => w.id);
    await t.app.db.transaction(async (tx) => {
      // Reliability and levels vary by worker (the five alike keep theirs).
      await tx.execute(sql`update workers set reliability = round(random()::numeric, 3)
        where id = any(${pgArray(varied)}::uuid[])`);
      await tx.execute(sql`update worker_skills set level = 1 + floor(random() * 5)::int
        where worker_id = any(${pgArray(varied)}::uuid[])`);
      // A certificate backs the level of some.
      await tx.execute(sql`
        with made as (
          insert into worker_certificates (worker_id, skill_code, kind, level, number, issuer, issued_on,
            verified_by, verified_at, created_at)
          select ws.worker_id, ws.skill_code, 'SKILL_LEVEL', ws.level, 'L' || replace(ws.worker_id::text, '-', ''),
            '测试人社局', current_date - 30, 'STATION_OPERATOR', now(), now()
          from worker_skills ws where ws.worker_id = any(${pgArray(certified)}::uuid[])
          returning id, worker_id)
        update worker_skills ws set source = 'CERTIFICATE', certificate_id = made.id, certified = true
        from made where made.worker_id = ws.worker_id`);
      // The employer's roster: four favourites, and a graduate whose priority has run out.
      for (const [i, worker] of favourites.entries()) {
        const until = i === 4 ? new Date(t.app.clock.now().getTime() - DAY).toISOString() : null;
        await tx.execute(sql`insert into employer_roster (employer_id, worker_id, added_at, priority_until)
          values (${employer.id}, ${worker.id}, now(), ${until}::timestamptz)`);
      }
    });
    // Hires, some rated: the rated tier, the recent-hire step and the workload step.
    const hire = async (worker: SeededWorker, days: number, stars?: number) => {
      const engagementId = await hireThroughApplication(t, employer.token, worker, days);
      if (stars !== undefined) {
        await t.app.db.execute(
          sql`insert into ratings (engagement_id, by_role, stars, created_at) values (${engagementId}, 'EMPLOYER', ${stars}, now())`,
        );
      }
    };
    const at = (i: number) => hired[i] as SeededWorker;
    await hire(at(0), 4, 5);
    await hire(at(1), 4, 4);
    await hire(at(1), 6, 5);
    await hire(at(2), 4, 3);
    await hire(at(3), 4);
    await hire(at(4), 4);
    await hire(at(4), 6);
    await hire(at(5), 5, 5);
    await hire(at(5), 7);
    await hire(favourites[0] as SeededWorker, 8);
    await hire(alike[0] as SeededWorker, 8);

    const posted = await postGig(t, employer.token, { skills: ['bricklayer'], headcount: 2 });
    const [record] = await createGigsRepository(t.app.db).byIds([posted.id]);
    if (!record) throw new Error('the posted gig is not in the table');
    gig = { ...record, skills: ['bricklayer'], searchRadiusKm: 9 };
    matcher = createMatcher({
      repository: createMatchingRepository(t.app.db),
      search: t.app.meili,
      clock: t.app.clock,
      timeoutMs: 5_000,
      onSearchDown: () => {},
      cellKm,
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // Meilisearch's answer as null: PostgreSQL checks every bricklayer in both rankings.
  const everyone = () => Promise.resolve(null);

  async function bothRankings(of: MatchGig) {
    const js = await matcher.candidates(of, { fresh: true, offered: 0, near: everyone() });
    const now = t.app.clock.now();
    const wave = {
      wave: 1,
      need: 10_000,
      first: 10_000,
      sentAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    };
    // One tier at a time, as a wave takes them; each statement also inserts its offers (rolled back).
    const bySql = await rolledBack(t, async (tx) => {
      const tiers: BestRow[][] = [];
      for (const tier of TIERS) {
        const rows = await matcher.offerBest(
          of,
          { near: everyone(), offered: 0 },
          { ...wave, tier, mayOpen: false },
          tx,
        );
        const kept = await tx.execute<{
          worker_id: string;
          tier: string;
          score: number;
          shown_score: number;
          shown_distance_km: number;
          distance_km: number;
        }>(
          sql`select worker_id, tier, score, shown_score, shown_distance_km, distance_km from offers
              where gig_id = ${of.id} and tier = ${tier} order by score desc, shown_distance_km, worker_id`,
        );
        // The offers keep what the statement ranked.
        expect(
          kept.map((k) => [k.worker_id, k.tier, k.score, k.shown_score, k.shown_distance_km, k.distance_km]),
        ).toEqual(rows.map(fromBest));
        expect(rows.every((r) => r.id !== null && r.wave === 1)).toBe(true);
        tiers.push(rows);
      }
      return tiers;
    });
    return { js, bySql };
  }

  it.each([
    ['an ordinary gig', false],
    ['a public-welfare gig (priority groups first)', true],
  ])(
    'ranks the same workers in the same order, with the same tier, scores and distances: %s',
    async (_, publicWelfare) => {
      const of = { ...gig, publicWelfare };
      const { js, bySql } = await bothRankings(of);
      expect(bySql.flat().map(fromBest)).toEqual(js.map(fromCandidate));
      // The market exercises what it should: every tier, workers left out by a radius, ties by id.
      expect(bySql.map((rows) => rows.length > 0)).toEqual([true, true, true]);
      expect(js.length).toBeGreaterThan(30);
      expect(js.length).toBeLessThan(96 - 10);
      const ties = js.filter(
        (c, i) => i > 0 && c.rankScore === js[i - 1]?.rankScore && c.distanceKm === js[i - 1]?.distanceKm,
      );
      expect(ties.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('sends the same first wave as one statement (OFFER_WAVE_FOLD) as with the JS ranking', async () => {
    // A second node on the same database and index, its waves folded; the same gig posted on each.
    const folding = await createTestApp({
      sameDatabaseAs: t,
      env: { MEILI_INDEX_PREFIX: t.indexPrefix, OFFER_WAVE_FOLD: 'true' },
    });
    try {
      const employer = await verifiedEmployer(t);
      const input = { instant: true, skills: ['bricklayer'], headcount: 1 };
      const viaJs = await postGig(t, employer.token, input);
      await t.app.services.hiring.drain();
      const folded = await postGig(folding, employer.token, input);
      await folding.app.services.hiring.drain();
      const wave = async (gigId: string) =>
        (
          await t.app.db.execute<Record<string, unknown>>(
            sql`select worker_id, wave, tier, status, score, shown_score, distance_km, shown_distance_km, expires_at - sent_at as ttl
                from offers where gig_id = ${gigId} order by score desc, shown_distance_km, worker_id`,
          )
        ).map((row) => Object.values(row));
      const sent = await wave(viaJs.id);
      expect(sent.length).toBeGreaterThan(1);
      expect(await wave(folded.id)).toEqual(sent);
    } finally {
      await folding.close();
    }
  });

  it('chooses the tier as a wave does: the one in play, else (when it may) the first with anyone, as a new wave', async () => {
    const now = t.app.clock.now();
    const wave = { wave: 3, need: 4, first: 2, sentAt: now, expiresAt: new Date(now.getTime() + 60_000) };
    const js = await matcher.candidates(gig, { fresh: true, offered: 0, near: everyone() });
    const ofTier = (tier: string) => js.filter((c) => c.tier === tier).map((c) => c.workerId);
    expect(ofTier('ROSTER')).toHaveLength(4);
    expect(ofTier('RATED').length).toBeGreaterThanOrEqual(3);
    const taken = await rolledBack(t, async (tx) => ({
      opening: await matcher.offerBest(
        gig,
        { near: everyone(), offered: 0 },
        { ...wave, tier: null, mayOpen: true },
        tx,
      ),
    }));
    expect(taken.opening.map((r) => [r.worker_id, r.tier, r.wave])).toEqual(
      ofTier('ROSTER')
        .slice(0, 4)
        .map((id) => [id, 'ROSTER', 4]),
    );
    // The first `first` are offers; the rest of the `need` come back ranked, without one.
    expect(taken.opening.map((r) => r.id !== null)).toEqual([true, true, false, false]);
    const inPlay = await rolledBack(t, (tx) =>
      matcher.offerBest(gig, { near: everyone(), offered: 0 }, { ...wave, tier: 'RATED', mayOpen: true }, tx),
    );
    expect(inPlay.map((r) => [r.worker_id, r.wave])).toEqual(
      ofTier('RATED')
        .slice(0, 4)
        .map((id) => [id, 3]),
    );
  });
});

/** A small seeded generator, so a failure can be run again. */
function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('the SQL ranking against the JS ranking, over many made-up rows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  function rows(place: { lat: number; lng: number }, n: number, seed: number): MatchRow[] {
    const random = generator(seed);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
    // Half the workers share a few spots (one cell: ties broken by id), half anywhere near.
    const spots = [
      place,
      ...Array.from({ length: 5 }, () => ({
        lat: place.lat + (random() - 0.5) * 0.4,
        lng: place.lng + (random() - 0.5) * 0.4,
      })),
    ];
    return Array.from({ length: n }, () => {
      const home =
        random() < 0.5
          ? pick(spots)
          : { lat: place.lat + (random() - 0.5) * 0.5, lng: place.lng + (random() - 0.5) * 0.5 };
      const alike = random() < 0.3;
      return {
        worker_id: randomUUID(),
        lat: home.lat,
        lng: home.lng,
        distance_km: distanceKm(home, place),
        travel_radius_km: pick([2, 5, 10, 30, 50]),
        on_roster: random() < 0.1,
        avg_stars: random() < 0.5 ? null : pick([1, 2.5, 3.9999, 4, 4.25, 5]),
        best_level: alike ? 3 : pick([0, 1, 2, 3, 4, 5]),
        best_certified: !alike && random() < 0.25,
        reliability: alike ? 0.9 : random(),
        priority: !alike && random() < 0.2,
        recent_hire: !alike && random() < 0.2,
        recent_hires: alike ? 0 : pick([0, 0, 1, 2, 5, 12, 13, 40]),
      };
    });
  }

  const asValues = (r: readonly MatchRow[]) => {
    const col = (f: (row: MatchRow) => string | number | boolean | null) =>
      pgArray(
        r.map((row) => (typeof f(row) === 'boolean' ? String(f(row)) : (f(row) as string | number | null))),
      );
    return sql`select * from unnest(${col((x) => x.worker_id)}::uuid[], ${col((x) => x.lat)}::float8[],
      ${col((x) => x.lng)}::float8[], ${col((x) => x.distance_km)}::float8[], ${col((x) => x.travel_radius_km)}::int[],
      ${col((x) => x.on_roster)}::boolean[], ${col((x) => x.avg_stars)}::float8[], ${col((x) => x.best_level)}::int[],
      ${col((x) => x.best_certified)}::boolean[], ${col((x) => x.reliability)}::float8[], ${col((x) => x.priority)}::boolean[],
      ${col((x) => x.recent_hire)}::boolean[], ${col((x) => x.recent_hires)}::int[])
      as e(worker_id, lat, lng, distance_km, travel_radius_km, on_roster, avg_stars, best_level, best_certified,
           reliability, priority, recent_hire, recent_hires)`;
  };

  it.each([
    ['梁山县, 10 km', { ...LIANGSHAN, searchRadiusKm: 10, publicWelfare: false }],
    ['梁山县, 25 km, public welfare', { ...LIANGSHAN, searchRadiusKm: 25, publicWelfare: true }],
    [
      'a radius under the 0.1 km floor of nearness, at the centre of a cell',
      { ...cellCentre(LIANGSHAN, cellKm), searchRadiusKm: 0.05, publicWelfare: true },
    ],
    [
      '漠河, far north (longitude cells narrow)',
      { lat: 52.97, lng: 122.54, searchRadiusKm: 20, publicWelfare: false },
    ],
  ])('gives the same ranking: %s', async (_, place) => {
    const made = rows(place, 1500, Math.round(place.lat * 1000 + place.searchRadiusKm));
    const js = rankRows(made, place, cellKm);
    const bySql = await t.app.db.execute<BestRow>(
      sql`select r.* from (${rankedSql(asValues(made), place, cellKm)}) r order by r.score desc, r.shown_km, r.worker_id`,
    );
    expect(bySql.map(fromBest)).toEqual(js.map(fromCandidate));
    if (place.searchRadiusKm >= 10) {
      expect(js.length).toBeGreaterThan(200);
      expect(new Set(js.map((c) => c.tier)).size).toBe(3);
    }
    expect(js.length).toBeGreaterThan(20);
    expect(js.length).toBeLessThan(made.length);
  });
});
