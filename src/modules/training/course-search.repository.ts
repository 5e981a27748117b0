import {
  and,
  asc,
  type Column,
  count,
  eq,
  exists,
  gt,
  gte,
  ilike,
  inArray,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { courses, skills, trainingProviders } from '../../db/schema/index.js';
import type { TaxonomyEntry } from '../../search/indexes.js';
import { distanceSql } from '../gigs/distance.js';
import { likePattern, tally } from '../gigs/gig-search.repository.js';
import { type Piece, type QueryWord, queryWords } from '../gigs/query-words.js';
import { postgresHits, withAncestors } from '../gigs/search-result.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { type CourseQuery, searchDay } from './course-query.js';
import type { CourseSearchResult } from './course-search.meili.js';

const distanceFrom = (p: { lat: number; lng: number }) => distanceSql(courses.lat, courses.lng, p);

/** Any of these words in the course's searchable text: the fields the `courses` index searches. */
function holdsAny(words: Piece): SQL {
  const any = (column: Column) => or(...words.map((word) => ilike(column, likePattern(word))));
  return or(
    any(courses.title),
    any(courses.description),
    any(courses.address),
    exists(
      sql`(select 1 from ${trainingProviders} where ${trainingProviders.id} = ${courses.providerId} and ${any(trainingProviders.name)})`,
    ),
    exists(
      sql`(select 1 from ${skills} where ${skills.code} = ${courses.skillCode} and ${any(skills.name)})`,
    ),
  ) as SQL;
}

/** A word of the query (gigs' query-words.ts): every piece of one of its options is found. */
const textMatches = (word: QueryWord): SQL =>
  or(...word.map((pieces) => and(...pieces.map(holdsAny)))) as SQL;

/** The same filters as the Meilisearch query (course-search.meili.ts), as SQL. */
function conditions(query: CourseQuery, words: readonly QueryWord[], tree: RegionTree): SQL | undefined {
  const where: (SQL | undefined)[] = [
    query.takingEnrolments
      ? and(eq(courses.status, 'OPEN'), gte(courses.enrolBy, searchDay(query)))
      : inArray(courses.status, query.statuses),
  ];
  if (query.skills.length > 0) where.push(inArray(courses.skillCode, query.skills));
  if (query.regionCode) where.push(inArray(courses.regionCode, tree.descendants(query.regionCode)));
  if (query.near) where.push(lte(distanceFrom(query.near), query.near.radiusKm));
  if (query.startsFrom) where.push(gte(courses.startsOn, query.startsFrom));
  if (query.startsTo) where.push(lte(courses.startsOn, query.startsTo));
  if (query.subsidised != null) where.push(eq(courses.subsidised, query.subsidised));
  if (query.hasSeats) where.push(gt(courses.seats, courses.enrolled));
  if (query.providerId) where.push(eq(courses.providerId, query.providerId));
  for (const word of words) where.push(textMatches(word));
  return and(...where);
}

const ordering = (query: CourseQuery) =>
  query.sort === 'NEAREST' && query.near
    ? [asc(distanceFrom(query.near)), asc(courses.startsOn), asc(courses.id)]
    : [asc(courses.startsOn), asc(courses.id)];

/**
 * The course search answered by PostgreSQL when Meilisearch cannot: the same filters, distances,
 * facets and paging, ordered without text relevance; the words matched through the same synonym
 * table as gigs.
 */
export async function searchCoursesPostgres(
  reference: { tree: RegionTree; taxonomy: readonly TaxonomyEntry[] },
  query: CourseQuery,
  db: Database,
): Promise<CourseSearchResult> {
  const where = conditions(query, queryWords(query.q, reference.taxonomy), reference.tree);
  const [page, subsidised, skillCounts, regionCounts] = await Promise.all([
    db
      .select({ id: courses.id, distanceKm: query.near ? distanceFrom(query.near) : sql<null>`null` })
      .from(courses)
      .where(where)
      .orderBy(...ordering(query))
      .offset(query.offset)
      .limit(query.first),
    db
      .select({ value: sql<string>`${courses.subsidised}::text`, n: count() })
      .from(courses)
      .where(where)
      .groupBy(courses.subsidised),
    db.select({ value: courses.skillCode, n: count() }).from(courses).where(where).groupBy(courses.skillCode),
    db
      .select({ value: courses.regionCode, n: count() })
      .from(courses)
      .where(where)
      .groupBy(courses.regionCode),
  ]);
  const totalCount = subsidised.reduce((sum, r) => sum + r.n, 0);
  return {
    hits: postgresHits(page),
    totalCount,
    facets: {
      skills: tally(skillCounts),
      regions: withAncestors(regionCounts, reference.tree),
      subsidised: tally(subsidised),
    },
    depth: totalCount,
    degraded: true,
  };
}
