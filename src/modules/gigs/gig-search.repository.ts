import {
  and,
  asc,
  type Column,
  count,
  desc,
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
import { employers, gigSkills, gigs, skills } from '../../db/schema/index.js';
import type { TaxonomyEntry } from '../../search/indexes.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { distanceSql } from './distance.js';
import type { GigQuery } from './gig-query.js';
import { type Piece, type QueryWord, queryWords } from './query-words.js';
import { type GigSearchResult, postgresHits, withAncestors } from './search-result.js';

export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const distanceFrom = (p: { lat: number; lng: number }) => distanceSql(gigs.lat, gigs.lng, p);

/**
 * Any of these words in the gig's searchable text: title, description, address, employer, trade
 * names (the fields the Meilisearch index searches; a trade's synonyms are not among them).
 */
function holdsAny(words: Piece): SQL {
  const any = (column: Column) => or(...words.map((word) => ilike(column, likePattern(word))));
  return or(
    any(gigs.title),
    any(gigs.description),
    any(gigs.address),
    exists(
      sql`(select 1 from ${employers} where ${employers.id} = ${gigs.employerId} and ${any(employers.name)})`,
    ),
    exists(
      sql`(select 1 from ${gigSkills} join ${skills} on ${skills.code} = ${gigSkills.skillCode}
        where ${gigSkills.gigId} = ${gigs.id} and ${any(skills.name)})`,
    ),
  ) as SQL;
}

/** A word of the query (see query-words.ts): every piece of one of its options is found. */
const textMatches = (word: QueryWord): SQL =>
  or(...word.map((pieces) => and(...pieces.map(holdsAny)))) as SQL;

/** The same filters as the Meilisearch query, as SQL. */
function conditions(query: GigQuery, words: readonly QueryWord[], tree: RegionTree): SQL | undefined {
  const open = query.statuses.includes('OPEN')
    ? and(eq(gigs.status, 'OPEN'), gt(gigs.startsAt, query.asOf))
    : undefined;
  const others = query.statuses.filter((s) => s !== 'OPEN');
  const where: (SQL | undefined)[] = [
    or(open, others.length > 0 ? inArray(gigs.status, others) : undefined),
    lte(gigs.createdAt, query.asOf),
  ];
  if (query.skills.length > 0) {
    where.push(
      exists(
        sql`(select 1 from ${gigSkills} where ${gigSkills.gigId} = ${gigs.id} and ${inArray(gigSkills.skillCode, query.skills)})`,
      ),
    );
  }
  if (query.regionCode) where.push(inArray(gigs.regionCode, tree.descendants(query.regionCode)));
  if (query.near) where.push(lte(distanceFrom(query.near), query.near.radiusKm));
  if (query.startsAfter) where.push(gte(gigs.startsAt, query.startsAfter));
  if (query.startsBefore) where.push(lte(gigs.startsAt, query.startsBefore));
  if (query.minHourlyFen != null) where.push(gte(gigs.hourlyFen, query.minHourlyFen));
  if (query.olderFriendly != null) where.push(eq(gigs.olderFriendly, query.olderFriendly));
  if (query.instant != null) where.push(eq(gigs.instant, query.instant));
  if (query.publicWelfare != null) where.push(eq(gigs.publicWelfare, query.publicWelfare));
  if (query.employerId) where.push(eq(gigs.employerId, query.employerId));
  for (const word of words) where.push(textMatches(word));
  return and(...where);
}

function ordering(query: GigQuery) {
  switch (query.sort) {
    case 'NEAREST':
      return query.near
        ? [asc(distanceFrom(query.near)), asc(gigs.startsAt), asc(gigs.id)]
        : [asc(gigs.startsAt), asc(gigs.id)];
    case 'HIGHEST_PAY':
      return [desc(gigs.hourlyFen), asc(gigs.startsAt), asc(gigs.id)];
    case 'NEWEST':
      return [desc(gigs.createdAt), asc(gigs.id)];
    default:
      return [asc(gigs.startsAt), asc(gigs.id)];
  }
}

export const tally = (rows: { value: string; n: number }[]) =>
  Object.fromEntries(rows.map((r) => [r.value, r.n]));

/**
 * The gig search answered by PostgreSQL when Meilisearch cannot: the same filters, distances,
 * facets and paging, ordered without text relevance; the words of `q` matched through the same
 * synonym table (query-words.ts).
 */
export async function searchPostgres(
  reference: { tree: RegionTree; taxonomy: readonly TaxonomyEntry[] },
  query: GigQuery,
  db: Database,
): Promise<GigSearchResult> {
  const where = conditions(query, queryWords(query.q, reference.taxonomy), reference.tree);
  const [page, payUnits, skillCounts, regionCounts] = await Promise.all([
    db
      .select({ id: gigs.id, distanceKm: query.near ? distanceFrom(query.near) : sql<null>`null` })
      .from(gigs)
      .where(where)
      .orderBy(...ordering(query))
      .offset(query.offset)
      .limit(query.first),
    db.select({ value: gigs.payUnit, n: count() }).from(gigs).where(where).groupBy(gigs.payUnit),
    db
      .select({ value: gigSkills.skillCode, n: count() })
      .from(gigSkills)
      .innerJoin(gigs, eq(gigs.id, gigSkills.gigId))
      .where(where)
      .groupBy(gigSkills.skillCode),
    db.select({ value: gigs.regionCode, n: count() }).from(gigs).where(where).groupBy(gigs.regionCode),
  ]);
  const totalCount = payUnits.reduce((sum, r) => sum + r.n, 0);
  return {
    hits: postgresHits(page),
    totalCount,
    facets: {
      skills: tally(skillCounts),
      regions: withAncestors(regionCounts, reference.tree),
      payUnits: tally(payUnits),
    },
    depth: totalCount,
    degraded: true,
  };
}
