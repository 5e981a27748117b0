import type { SearchParams } from 'meilisearch';
import type { Search } from '../../../search/client.js';
import { GIG_PAGE_DEPTH } from '../../../search/indexes.js';
import { toMillis } from '../gigs.documents.js';
import { distanceKm, roundKm } from './distance.js';
import type { GigQuery } from './gig-query.js';
import type { GigSearchResult } from './search-result.js';

const quote = (value: string) => JSON.stringify(value);
const FACETS = ['skills', 'regionCodes', 'payUnit'];

/** The Meilisearch filter for a query: every condition ANDed, as strings Meilisearch parses. */
export function meiliFilter(query: GigQuery): string[] {
  const asOf = toMillis(query.asOf);
  const status = query.statuses.map((s) =>
    // An OPEN gig whose start has passed is on its way to EXPIRED or IN_PROGRESS: not listed.
    s === 'OPEN' ? `(status = "OPEN" AND startsAt > ${asOf})` : `status = ${quote(s)}`,
  );
  const filter = [`(${status.join(' OR ')})`, `postedAt <= ${asOf}`];
  if (query.skills.length > 0) filter.push(`skills IN [${query.skills.map(quote).join(', ')}]`);
  if (query.regionCode) filter.push(`regionCodes = ${quote(query.regionCode)}`);
  if (query.near) {
    const { lat, lng, radiusKm } = query.near;
    filter.push(`_geoRadius(${lat}, ${lng}, ${Math.round(radiusKm * 1000)})`);
  }
  if (query.startsAfter) filter.push(`startsAt >= ${toMillis(query.startsAfter)}`);
  if (query.startsBefore) filter.push(`startsAt <= ${toMillis(query.startsBefore)}`);
  if (query.minHourlyFen != null) filter.push(`hourlyFen >= ${query.minHourlyFen}`);
  if (query.olderFriendly != null) filter.push(`olderFriendly = ${query.olderFriendly}`);
  if (query.instant != null) filter.push(`instant = ${query.instant}`);
  if (query.publicWelfare != null) filter.push(`publicWelfare = ${query.publicWelfare}`);
  if (query.employerId) filter.push(`employerId = ${quote(query.employerId)}`);
  return filter;
}

function meiliSort(query: GigQuery): string[] | undefined {
  const near = query.near ? `_geoPoint(${query.near.lat}, ${query.near.lng})` : null;
  // Each order ends on the id, so gigs that tie are in the same order on every page and in
  // PostgreSQL's answer too.
  switch (query.sort) {
    case 'NEAREST':
      return near ? [`${near}:asc`, 'startsAt:asc', 'id:asc'] : ['startsAt:asc', 'id:asc'];
    case 'HIGHEST_PAY':
      return ['hourlyFen:desc', 'startsAt:asc', 'id:asc'];
    case 'NEWEST':
      return ['postedAt:desc', 'id:asc'];
    case 'SOONEST':
      return ['startsAt:asc', 'id:asc'];
    case 'BEST':
      return query.q ? undefined : ['startsAt:asc', 'id:asc'];
  }
}

/** The search request Lingong sends for a query; the benchmark sends the same one directly. */
export function meiliRequest(query: GigQuery): { q: string | null; params: SearchParams } {
  const sort = meiliSort(query);
  return {
    q: query.q,
    params: {
      filter: meiliFilter(query),
      sort,
      // With a sort in front of relevance, every word must match, or a near gig that shares one
      // word of the query would come before a far one that matches it all.
      matchingStrategy: sort && query.q ? 'all' : 'last',
      offset: query.offset,
      limit: query.first,
      facets: FACETS,
      attributesToRetrieve: ['id', '_geo'],
    },
  };
}

type Hit = { id: string; _geo: { lat: number; lng: number } };

/** Runs a gig search on Meilisearch; throws if the engine does not answer in time. */
export async function searchMeili(
  search: Search,
  query: GigQuery,
  timeoutMs: number,
): Promise<GigSearchResult> {
  const { q, params } = meiliRequest(query);
  const response = await search
    .index<Hit>('gigs')
    .search<Hit>(q, params, { signal: AbortSignal.timeout(timeoutMs) });
  const facets = response.facetDistribution ?? {};
  const payUnits = facets.payUnit ?? {};
  return {
    hits: response.hits.map((hit) => ({
      id: hit.id,
      distanceKm: query.near ? roundKm(distanceKm(query.near, hit._geo)) : null,
    })),
    // Facet counts are exhaustive, and every gig has exactly one pay unit: their sum is the total.
    totalCount: Object.values(payUnits).reduce((sum, n) => sum + n, 0),
    facets: { skills: facets.skills ?? {}, regions: facets.regionCodes ?? {}, payUnits },
    depth: GIG_PAGE_DEPTH,
    degraded: false,
  };
}
