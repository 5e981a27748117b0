// The course part of `bench:search`: a few thousand courses written by bulk insert and fed to the
// `courses` index by the same rebuild `npm run reindex -- courses` runs, and the two course
// searches timed beside the gig searches (API against the same request sent to Meilisearch).
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { accounts, courses, trainingProviders } from '../src/db/schema/index.js';
import { readTaxonomy } from '../src/db/seed/reference.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import type { RegionTree } from '../src/modules/reference/region-ancestry.js';
import type { CourseSearchInput } from '../src/modules/training/course-query.js';
import { createCourseDocuments } from '../src/modules/training/courses.documents.js';
import { createCoursesRepository } from '../src/modules/training/courses.repository.js';
import type { Search } from '../src/search/client.js';
import { rebuildIndex } from '../src/search/reindex.js';
import { marketDay } from '../src/time.js';
import { createRandom, type Town } from './gig-generator.js';
import { TRADES } from './gig-vocabulary.js';

/** What a client's course list asks for: a page of cards, the facet chips, paging and the fallback flag. */
export const COURSES_QUERY = `query BenchCourses($search: CourseSearch, $first: Int) {
  courses(search: $search, first: $first) {
    edges { distanceKm node { id title subsidised feeFen startsOn enrolBy hours seatsLeft address provider { name } skill { name } region { name } } }
    totalCount
    facets { skills { value label count } regions { value label count } subsidised { value label count } }
    pageInfo { hasNextPage endCursor }
    degraded
  }
}`;

const BENCH_PHONE = '19900000099';
const KINDS = ['培训班', '技能培训', '实训班', '提升班'];

/** Makes sure the market has `wanted` courses and the `courses` index has them all. */
export async function ensureCourses(options: {
  db: Database;
  search: Search;
  towns: Town[];
  wanted: number;
  now: Date;
}): Promise<{ inserted: number; documents: number; seconds: number }> {
  const { db, search, towns, wanted, now } = options;
  const [have] = (await db.execute(sql`select count(*)::int as n from courses`)) as unknown as {
    n: number;
  }[];
  const indexed = (
    await search
      .index('courses')
      .getStats()
      .catch(() => ({ numberOfDocuments: 0 }))
  ).numberOfDocuments;
  const missing = wanted - (have?.n ?? 0);
  if (missing <= 0 && indexed >= wanted) return { inserted: 0, documents: indexed, seconds: 0 };
  const began = performance.now();
  if (missing > 0) {
    const providerId = await benchProvider(db, towns[0] as Town);
    const r = createRandom(27);
    const day = (n: number) => marketDay(new Date(now.getTime() + n * 86_400_000));
    const rows: (typeof courses.$inferInsert)[] = Array.from({ length: missing }, () => {
      const trade = r.pick(TRADES);
      const town = r.pick(towns);
      const start = r.int(1, 60);
      const subsidised = r.chance(0.6);
      const seats = r.int(10, 60);
      return {
        providerId,
        title: `${r.pick(trade.words)}${r.pick(KINDS)}`,
        description: r.pick(trade.work),
        skillCode: trade.code,
        subsidised,
        subsidySource: subsidised ? '县职业技能提升专项资金' : null,
        feeFen: subsidised ? 0 : r.int(200, 3000) * 100,
        startsOn: day(start),
        endsOn: day(start + r.int(2, 30)),
        enrolBy: day(start - 1),
        hours: r.int(16, 200),
        regionCode: town.countyCode,
        address: `${town.name}职业技能培训中心`,
        lat: town.lat + r.jitter(3),
        lng: town.lng + r.jitter(3),
        seats,
        enrolled: r.chance(0.1) ? seats : r.int(0, seats - 1),
        language: 'MANDARIN',
        createdAt: now,
        updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await db.insert(courses).values(rows.slice(i, i + 1000));
  }
  const repository = createCoursesRepository(db);
  const { documents } = await rebuildIndex({
    search,
    name: 'courses',
    taxonomy: await readTaxonomy(),
    source: {
      ...repository,
      build: createCourseDocuments({ courses: repository, reference: createReferenceRepository(db) }),
    },
  });
  return { inserted: Math.max(0, missing), documents, seconds: (performance.now() - began) / 1000 };
}

/** The benchmark's own verified provider (an account that cannot sign in). */
async function benchProvider(db: Database, town: Town): Promise<string> {
  const [known] = await db
    .select({ id: trainingProviders.id })
    .from(trainingProviders)
    .innerJoin(accounts, eq(accounts.id, trainingProviders.accountId))
    .where(eq(accounts.phone, BENCH_PHONE));
  if (known) return known.id;
  const [account] = await db
    .insert(accounts)
    .values({ role: 'TRAINING_PROVIDER', phone: BENCH_PHONE, displayName: '基准测试培训学校' })
    .returning({ id: accounts.id });
  const [provider] = await db
    .insert(trainingProviders)
    .values({
      accountId: account?.id as string,
      name: '基准测试职业技能培训学校',
      creditCode: '91370832MA2BENCH0X',
      regionCode: town.countyCode,
      lat: town.lat,
      lng: town.lng,
      verifiedAt: new Date(),
    })
    .returning({ id: trainingProviders.id });
  return provider?.id as string;
}

export type CourseScenario = {
  key: 'C' | 'D';
  name: string;
  draw: (n: number, seed: number) => CourseSearchInput[];
};

/** The two course searches: a worker's words near a village, and a bureau's filter-only list. */
export function courseScenarios(towns: Town[], tree: RegionTree): CourseScenario[] {
  const counties = [...new Set(towns.map((t) => t.countyCode))];
  const cities = [...new Set(counties.map((code) => tree.ancestors(code)[1]).filter((c) => c !== undefined))];
  const round = (degrees: number) => Math.round(degrees * 10_000) / 10_000;
  return [
    {
      key: 'C',
      name: 'courses: text 培训 + 50 km radius',
      draw(n, seed) {
        const r = createRandom(seed);
        return Array.from({ length: n }, () => {
          const town = r.pick(towns);
          return {
            q: `${r.pick(r.pick(TRADES).words)}培训`,
            near: { lat: round(town.lat + r.jitter(3)), lng: round(town.lng + r.jitter(3)), radiusKm: 50 },
          };
        });
      },
    },
    {
      key: 'D',
      name: 'courses: filter-only (city or county, subsidised)',
      draw(n, seed) {
        const r = createRandom(seed);
        return Array.from({ length: n }, () => ({
          regionCode: r.chance(0.7) ? r.pick(cities) : r.pick(counties),
          subsidised: r.pick([true, null]),
        }));
      },
    },
  ];
}
