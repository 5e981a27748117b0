import type { SearchParams } from 'meilisearch';
import type { Search } from '../../search/client.js';
import { GIG_PAGE_DEPTH } from '../../search/indexes.js';
import { distanceKm, roundKm } from '../gigs/distance.js';
import type { SearchResult } from '../gigs/search-result.js';
import { type CourseQuery, searchDay } from './course-query.js';
import { dayNumber } from './courses.documents.js';

const quote = (value: string) => JSON.stringify(value);
const FACETS = ['skills', 'regionCodes', 'subsidised'];

/** One page of a course search: counts per trade, region (every level) and subsidised ("true"/"false"). */
export type CourseSearchResult = SearchResult<'skills' | 'regions' | 'subsidised'>;

/** The Meilisearch filter for a course query: every condition ANDed. */
export function courseFilter(query: CourseQuery): string[] {
  const today = dayNumber(searchDay(query));
  const status = query.takingEnrolments
    ? [`(status = "OPEN" AND enrolBy >= ${today})`]
    : query.statuses.map((s) => `status = ${quote(s)}`);
  const filter = [`(${status.join(' OR ')})`];
  if (query.skills.length > 0) filter.push(`skills IN [${query.skills.map(quote).join(', ')}]`);
  if (query.regionCode) filter.push(`regionCodes = ${quote(query.regionCode)}`);
  if (query.near) {
    const { lat, lng, radiusKm } = query.near;
    filter.push(`_geoRadius(${lat}, ${lng}, ${Math.round(radiusKm * 1000)})`);
  }
  if (query.startsFrom) filter.push(`startsOn >= ${dayNumber(query.startsFrom)}`);
  if (query.startsTo) filter.push(`startsOn <= ${dayNumber(query.startsTo)}`);
  if (query.subsidised != null) filter.push(`subsidised = ${query.subsidised}`);
  if (query.hasSeats) filter.push('seatsLeft > 0');
  if (query.providerId) filter.push(`providerId = ${quote(query.providerId)}`);
  return filter;
}

/** The order: each ends on the id, so ties come in the same order on every page and in PostgreSQL. */
function courseSort(query: CourseQuery): string[] | undefined {
  switch (query.sort) {
    case 'NEAREST':
      return query.near
        ? [`_geoPoint(${query.near.lat}, ${query.near.lng}):asc`, 'startsOn:asc', 'id:asc']
        : ['startsOn:asc', 'id:asc'];
    case 'SOONEST':
      return ['startsOn:asc', 'id:asc'];
    case 'RELEVANCE':
      return query.q ? undefined : ['startsOn:asc', 'id:asc'];
  }
}

/** The request Lingong sends to the `courses` index for a query; the benchmark sends the same one. */
export function courseRequest(query: CourseQuery) {
  return {
    q: query.q,
    params: {
      filter: courseFilter(query),
      sort: courseSort(query),
      // Every word must match, as in the PostgreSQL fallback (see gigs' meili-search.ts).
      matchingStrategy: 'all',
      offset: query.offset,
      limit: query.first,
      facets: FACETS,
      attributesToRetrieve: ['id', '_geo'],
    } satisfies SearchParams,
  };
}

/** Runs a course search on Meilisearch; throws if it does not answer within `timeoutMs`. */
export async function searchCoursesMeili(
  search: Search,
  query: CourseQuery,
  timeoutMs: number,
): Promise<CourseSearchResult> {
  const { q, params } = courseRequest(query);
  const answer = await search.query<{ id: string; _geo: { lat: number; lng: number } }>(
    'courses',
    q,
    params,
    AbortSignal.timeout(timeoutMs),
  );
  const facets = answer.facetDistribution ?? {};
  const subsidised = facets.subsidised ?? {};
  return {
    hits: answer.hits.map((hit) => ({
      id: hit.id,
      distanceKm: query.near ? roundKm(distanceKm(query.near, hit._geo)) : null,
    })),
    // Every course is subsidised or not: the facet's counts are exhaustive.
    totalCount: Object.values(subsidised).reduce((sum, n) => sum + n, 0),
    facets: { skills: facets.skills ?? {}, regions: facets.regionCodes ?? {}, subsidised },
    depth: GIG_PAGE_DEPTH,
    degraded: false,
  };
}
