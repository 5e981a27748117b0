import type { SearchParams } from 'meilisearch';
import { citiesToAsk } from '../../search/cities.js';
import type { Search } from '../../search/client.js';
import { GIG_PAGE_DEPTH } from '../../search/indexes.js';
import { freshTierNeeded, type TierState } from '../../search/tiers.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { cityRequest, runCityRequest } from './city-search.js';
import { distanceKm, roundKm } from './distance.js';
import type { GigQuery } from './gig-query.js';
import { toMillis } from './gigs.documents.js';
import type { GigSearchResult } from './search-result.js';
import { addFacets, type Facets, type TierHit, tierOrder } from './tier-hits.js';

export { type TierHit, tierOrder };

/** What a gig search needs of the engine; the city indexes' part only under SEARCH_GIG_INDEX=city. */
type GigSearcher = Pick<Search, 'query'> & Partial<Pick<Search, 'queryUid' | 'multi' | 'cityUid'>>;

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

/**
 * A fresh-tier gig can sit this many places before the page in the merged order and the bulk tier
 * still be asked for the page in one go; more, and the bulk tier is asked again (see mergeTiers).
 */
export const FRESH_SLACK = 50;

type TierRequest = { indexName: 'gigs' | 'gigsFresh'; q: string | null; params: SearchParams };

/** The search request Lingong sends for a query to one index; the benchmark sends the same one directly. */
export function meiliRequest(
  query: GigQuery,
  extra: { filter?: string; offset?: number; limit?: number } = {},
) {
  const sort = meiliSort(query);
  const filter = meiliFilter(query);
  if (extra.filter) filter.push(extra.filter);
  return {
    q: query.q,
    params: {
      filter,
      sort,
      // Every word must match, as in the PostgreSQL fallback: with Meilisearch's default ('last'),
      // 采摘苹果 (segmented 采摘 / 苹果) also listed every harvest without 苹果, and with a sort
      // in front of relevance a near gig sharing one word would come before a far one matching all.
      matchingStrategy: 'all',
      offset: extra.offset ?? query.offset,
      limit: extra.limit ?? query.first,
      facets: FACETS,
      // What the two tiers' pages are merged by (mergeTiers), besides the id and the place.
      attributesToRetrieve: ['id', '_geo', 'startsAt', 'hourlyFen', 'postedAt'],
      showRankingScore: sort === undefined,
    } satisfies SearchParams,
  };
}

/**
 * The requests for a query over both tiers (src/search/tiers.ts): the bulk index below the
 * watermark, the fresh one from it on. The fresh tier is small, so it is asked for everything up
 * to the end of the page; the bulk tier for the page and up to FRESH_SLACK places before it.
 * The bulk index alone, as it is, when there is no watermark yet (it has everything) or when the
 * fresh tier holds no gig at or above the watermark (its top is below it): every gig below the
 * watermark is in the bulk index, and none above it is in the fresh one.
 */
export function tierRequests(query: GigQuery, tiers: TierState, bulkFrom?: number): TierRequest[] {
  const watermark = tiers.bulk;
  if (watermark == null || !freshTierNeeded(tiers)) return [{ indexName: 'gigs', ...meiliRequest(query) }];
  const from = bulkFrom ?? Math.max(0, query.offset - FRESH_SLACK);
  return [
    {
      indexName: 'gigs',
      ...meiliRequest(query, {
        filter: `postXid < ${watermark}`,
        offset: from,
        limit: query.first + query.offset - from,
      }),
    },
    {
      indexName: 'gigsFresh',
      ...meiliRequest(query, {
        filter: `postXid >= ${watermark}`,
        offset: 0,
        limit: query.offset + query.first,
      }),
    },
  ];
}

/**
 * One page of the merged order from the two tiers' answers. `bulk` starts at place `bulkFrom` of
 * the bulk tier's own order; `fresh` starts at its first place. Returns null when the page cannot
 * be placed: more fresh hits than slack could precede it, and the bulk tier must be asked from
 * further back (`freshTotal` places before the page).
 */
export function mergeTiers(
  query: GigQuery,
  bulk: TierHit[],
  bulkFrom: number,
  fresh: TierHit[],
  freshTotal: number,
): TierHit[] | null {
  if (bulkFrom > 0 && freshTotal > query.offset - bulkFrom) return null;
  const order = tierOrder(query);
  // The fresh hits before bulk[0] really lie among the bulk places not asked for; putting them all
  // first shifts nothing at or after the page, since there are at most offset - bulkFrom of them.
  const merged: TierHit[] = [];
  let i = 0;
  let j = 0;
  while (i < bulk.length || j < fresh.length) {
    const b = bulk[i];
    const f = fresh[j];
    if (b && (!f || order(f, b) >= 0)) {
      merged.push(b);
      i += 1;
    } else if (f) {
      merged.push(f);
      j += 1;
    }
  }
  const start = query.offset - bulkFrom;
  return merged.slice(start, start + query.first);
}

/** How many gigs a search matched: facet counts are exhaustive, and every gig has one pay unit. */
const totalOf = (payUnits: Record<string, number>) => Object.values(payUnits).reduce((sum, n) => sum + n, 0);

/** Runs a gig search on Meilisearch, over both tiers; throws if either does not answer in time. */
export async function searchMeili(
  search: GigSearcher,
  query: GigQuery,
  timeoutMs: number,
  tiers: TierState,
  /** With an index per city (tiers.cities): the region tree, to find a region's city. */
  tree?: Pick<RegionTree, 'ancestors'>,
): Promise<GigSearchResult> {
  // A timer cleared once both tiers have answered: AbortSignal.timeout's timer always ran out, long
  // after the search, and built an abort event and a DOMException for nobody (the profile's share).
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    return await searchTiers(search, query, tiers, timeout.signal, tree);
  } finally {
    clearTimeout(timer);
  }
}

async function searchTiers(
  search: GigSearcher,
  query: GigQuery,
  tiers: TierState,
  signal: AbortSignal,
  tree?: Pick<RegionTree, 'ancestors'>,
): Promise<GigSearchResult> {
  const { cityUid, queryUid, multi } = search;
  const cities = tiers.cities;
  let city: { uids: string[]; engine: Pick<Search, 'queryUid' | 'multi'> } | null = null;
  if (cities) {
    if (!tree || !cityUid || !queryUid || !multi) throw new Error('an index per city needs the region tree');
    city = { uids: citiesToAsk(query, tree, cities).map(cityUid), engine: { queryUid, multi } };
  }
  const run = ({
    indexName,
    q,
    params,
  }: TierRequest): Promise<{ hits: TierHit[]; facetDistribution?: Facets }> =>
    city && indexName === 'gigs'
      ? runCityRequest(city.engine, query, cityRequest(query, { q, params }, city.uids), signal)
      : search.query<TierHit>(indexName, q, params, signal);
  const requests = tierRequests(query, tiers);
  const [bulk, fresh] = await Promise.all(requests.map(run));
  if (!bulk) throw new Error('no answer from the bulk gig index');
  let facets: Facets = bulk.facetDistribution ?? {};
  let hits = bulk.hits;
  if (fresh) {
    const freshTotal = totalOf(fresh.facetDistribution?.payUnit ?? {});
    // Most searches find no new gig: the bulk tier's counts are then the sums.
    if (freshTotal > 0) facets = addFacets(facets, fresh.facetDistribution ?? {});
    const bulkFrom = requests[0]?.params.offset ?? 0;
    let merged = mergeTiers(query, bulk.hits, bulkFrom, fresh.hits, freshTotal);
    if (!merged) {
      // Rare: more new gigs than FRESH_SLACK before a later page. Ask the bulk tier from far enough back.
      const from = Math.max(0, query.offset - freshTotal);
      const [again] = tierRequests(query, tiers, from);
      const wider = again ? await run(again) : bulk;
      merged = mergeTiers(query, wider.hits, from, fresh.hits, freshTotal) ?? [];
    }
    hits = merged;
  }
  const payUnits = facets.payUnit ?? {};
  return {
    hits: hits.map((hit) => ({
      id: hit.id,
      distanceKm: query.near ? roundKm(distanceKm(query.near, hit._geo)) : null,
    })),
    totalCount: totalOf(payUnits),
    facets: { skills: facets.skills ?? {}, regions: facets.regionCodes ?? {}, payUnits },
    depth: GIG_PAGE_DEPTH,
    degraded: false,
  };
}
