import type { SearchParams, SearchResponse } from 'meilisearch';
import type { MultiSearchBody, Search } from '../../search/client.js';
import { GIG_PAGE_DEPTH } from '../../search/indexes.js';
import type { GigQuery } from './gig-query.js';
import { addFacets, type Facets, type TierHit, tierOrder } from './tier-hits.js';

/**
 * The bulk tier's request for one query over the city indexes it may touch (SEARCH_GIG_INDEX=city,
 * src/search/cities.ts), as Meilisearch is sent it:
 *
 * - one city: the plain search of that index, as with one bulk index;
 * - several, in any order but the nearest: one federated multi-search (`federation` with the
 *   page's offset and limit, facets merged). Meilisearch 1.21 merges the cities' hits by their sort
 *   values (start, pay, posted time, then id) or, for text relevance without a sort, by ranking
 *   score, which does not depend on the rest of the index;
 * - several, nearest first: Meilisearch 1.21's federation does not compare `_geoPoint` sort
 *   values across queries (it lists one index's hits, then the next's: measured on 1.21.0), so
 *   each city is asked in the same multi-search request for everything up to the end of the page
 *   and the answers are merged here by distance, start and id, as the two tiers are.
 */
export type CityRequest =
  | { kind: 'none' }
  | { kind: 'single'; uid: string; q: string | null; params: SearchParams }
  | { kind: 'federated'; body: MultiSearchBody }
  | { kind: 'each'; body: MultiSearchBody; offset: number; limit: number };

type BulkRequest = { q: string | null; params: SearchParams };

export function cityRequest(query: GigQuery, request: BulkRequest, uids: readonly string[]): CityRequest {
  const { q, params } = request;
  const first = uids[0];
  if (first === undefined) return { kind: 'none' };
  if (uids.length === 1) return { kind: 'single', uid: first, q, params };
  const offset = params.offset ?? 0;
  const limit = params.limit ?? 20;
  if (query.sort === 'NEAREST' && query.near) {
    return {
      kind: 'each',
      offset,
      limit,
      body: {
        queries: uids.map((indexUid) => ({ ...params, indexUid, q, offset: 0, limit: offset + limit })),
      },
    };
  }
  // A federated query takes no page or facets of its own: the federation's.
  const { offset: _o, limit: _l, facets, ...each } = params;
  return {
    kind: 'federated',
    body: {
      queries: uids.map((indexUid) => ({ ...each, indexUid, q })),
      federation: {
        offset,
        limit,
        facetsByIndex: Object.fromEntries(uids.map((uid) => [uid, facets ?? []])),
        mergeFacets: { maxValuesPerFacet: 200 },
      },
    },
  };
}

type Answer = { hits: TierHit[]; facetDistribution?: Facets };
type FederatedHit = TierHit & { _federation?: { weightedRankingScore?: number } };

/** Sends a city request and gives the bulk tier's answer: hits from the request's offset, facets of all. */
export async function runCityRequest(
  search: Pick<Search, 'queryUid' | 'multi'>,
  query: GigQuery,
  request: CityRequest,
  signal?: AbortSignal,
): Promise<Answer> {
  switch (request.kind) {
    case 'none':
      return { hits: [], facetDistribution: {} };
    case 'single':
      return search.queryUid<TierHit>(request.uid, request.q, request.params, signal);
    case 'federated': {
      const answer = await search.multi<{ hits: FederatedHit[]; facetDistribution?: Facets }>(
        request.body,
        signal,
      );
      return {
        // The federation's score (weight 1: the ranking score) is what the fresh tier's is compared with.
        hits: answer.hits.map((hit) => ({
          ...hit,
          _rankingScore: hit._rankingScore ?? hit._federation?.weightedRankingScore,
        })),
        facetDistribution: answer.facetDistribution ?? {},
      };
    }
    case 'each': {
      const { results } = await search.multi<{ results: SearchResponse<TierHit>[] }>(request.body, signal);
      const order = tierOrder(query);
      const hits = results.flatMap((r) => r.hits).sort(order);
      let facets: Facets = {};
      for (const r of results) facets = addFacets(facets, r.facetDistribution ?? {});
      const end = Math.min(request.offset + request.limit, GIG_PAGE_DEPTH);
      return { hits: hits.slice(request.offset, end), facetDistribution: facets };
    }
  }
}
