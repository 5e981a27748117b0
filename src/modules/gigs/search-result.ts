import type { RegionTree } from '../reference/region-ancestry.js';
import { roundKm } from './distance.js';
import { encodeCursor } from './gig-query.js';

/** One page of a search (gigs, courses), whichever engine answered; F names its facets. */
export type SearchResult<F extends string> = {
  hits: { id: string; distanceKm: number | null }[];
  totalCount: number;
  /** Counts per facet value over all matches (regions at every level). */
  facets: Record<F, Record<string, number>>;
  /** How far paging can go: Meilisearch stops at its maxTotalHits. */
  depth: number;
  degraded: boolean;
};

/** One page of a gig search: counts per trade, region (every level) and pay unit. */
export type GigSearchResult = SearchResult<'skills' | 'regions' | 'payUnits'>;

/**
 * A page's edges, in the engine's order, over the rows read from PostgreSQL: a hit the database no
 * longer has, or whose row no longer `fits` the search (the index lags), is left out, not invented.
 */
export function pageOf<N extends { id: string }>(
  query: { fingerprint: string; offset: number; first: number; asOf: Date },
  result: SearchResult<string>,
  rows: readonly N[],
  fits: (node: N) => boolean,
) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const edges = result.hits.flatMap((hit, i) => {
    const node = byId.get(hit.id);
    return node && fits(node) ? [edge(query, query.offset + i + 1, node, hit.distanceKm)] : [];
  });
  const seen = query.offset + result.hits.length;
  return {
    edges,
    pageInfo: {
      hasNextPage: result.hits.length === query.first && seen < Math.min(result.totalCount, result.depth),
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: result.totalCount,
    degraded: result.degraded,
  };
}

/**
 * An edge whose cursor is made when it is read: a list asks for `pageInfo.endCursor`, seldom for
 * every edge's, and twenty cursors (JSON and base64 each) were a visible share of a search's CPU.
 */
function edge<N>(
  query: Parameters<typeof encodeCursor>[0],
  offset: number,
  node: N,
  distanceKm: number | null,
) {
  return {
    node,
    distanceKm,
    get cursor(): string {
      return encodeCursor(query, offset);
    },
  };
}

/** PostgreSQL's page rows as hits: distances rounded as Meilisearch's answer rounds them. */
export const postgresHits = (rows: readonly { id: string; distanceKm: number | null }[]) =>
  rows.map((row) => ({ id: row.id, distanceKm: row.distanceKm === null ? null : roundKm(row.distanceKm) }));

/** Counts by county, each added to the county's city and province too (Meilisearch's regionCodes). */
export function withAncestors(rows: readonly { value: string; n: number }[], tree: RegionTree) {
  const regions: Record<string, number> = {};
  for (const { value, n } of rows) {
    for (const code of tree.ancestors(value)) regions[code] = (regions[code] ?? 0) + n;
  }
  return regions;
}
