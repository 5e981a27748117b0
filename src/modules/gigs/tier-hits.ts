import { distanceKm } from './distance.js';
import type { GigQuery } from './gig-query.js';

/** A hit of a gig index as the search asks for it: what the tiers' and cities' pages are merged by. */
export type TierHit = {
  id: string;
  _geo: { lat: number; lng: number };
  startsAt: number;
  hourlyFen: number;
  postedAt: number;
  _geoDistance?: number;
  _rankingScore?: number;
};

const byId = (a: TierHit, b: TierHit) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The order Meilisearch gave each tier's hits, as a comparison, so two pages can be merged. */
export function tierOrder(query: GigQuery): (a: TierHit, b: TierHit) => number {
  const soonest = (a: TierHit, b: TierHit) => a.startsAt - b.startsAt || byId(a, b);
  const near = query.near;
  switch (query.sort) {
    case 'NEAREST': {
      if (!near) return soonest;
      const metres = (hit: TierHit) => hit._geoDistance ?? Math.round(distanceKm(near, hit._geo) * 1000);
      return (a, b) => metres(a) - metres(b) || soonest(a, b);
    }
    case 'HIGHEST_PAY':
      return (a, b) => b.hourlyFen - a.hourlyFen || soonest(a, b);
    case 'NEWEST':
      return (a, b) => b.postedAt - a.postedAt || byId(a, b);
    case 'SOONEST':
      return soonest;
    case 'BEST':
      // Text relevance: Meilisearch's ranking score does not depend on the rest of the index, so
      // the two tiers' scores compare; equal scores keep the bulk tier first.
      return query.q ? (a, b) => (b._rankingScore ?? 0) - (a._rankingScore ?? 0) : soonest;
  }
}

export type Facets = Record<string, Record<string, number>>;

/** Facet counts of two answers, added. */
export function addFacets(a: Facets, b: Facets): Facets {
  const sum: Facets = {};
  for (const facets of [a, b]) {
    for (const [name, counts] of Object.entries(facets)) {
      const into = sum[name] ?? {};
      for (const [value, n] of Object.entries(counts)) into[value] = (into[value] ?? 0) + n;
      sum[name] = into;
    }
  }
  return sum;
}
