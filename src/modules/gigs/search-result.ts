/** One page of a gig search, whichever engine answered. */
export type GigSearchResult = {
  hits: { id: string; distanceKm: number | null }[];
  totalCount: number;
  /** Counts per value of trade, region (every level) and pay unit over all matching gigs. */
  facets: {
    skills: Record<string, number>;
    regions: Record<string, number>;
    payUnits: Record<string, number>;
  };
  /** How far paging can go: Meilisearch stops at its maxTotalHits. */
  depth: number;
  degraded: boolean;
};
