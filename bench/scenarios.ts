import type { GigSearchInput } from '../src/modules/gigs/gig-query.js';
import type { RegionTree } from '../src/modules/reference/region-ancestry.js';
import { createRandom, type Town } from './gig-generator.js';
import { TRADES } from './gig-vocabulary.js';

/** What a client's gig list asks for: a page of cards, the facet chips, paging and the fallback flag. */
export const GIGS_QUERY = `query BenchGigs($search: GigSearch, $first: Int) {
  gigs(search: $search, first: $first) {
    edges { distanceKm node { id title payFen payUnit startsAt address employer { name } skills { name } region { name } } }
    totalCount
    facets { skills { value label count } regions { value label count } payUnits { value label count } }
    pageInfo { hasNextPage endCursor }
    degraded
  }
}`;

export const PAGE = 20;

export type Scenario = { key: 'A' | 'B'; name: string; draw: (n: number, seed: number) => GigSearchInput[] };

/**
 * The two searches the goal is stated for. Queries are drawn from the generator's own words and
 * towns, so they find gigs (a benchmark of empty answers would flatter both engines).
 */
export function scenarios(towns: Town[], tree: RegionTree): Scenario[] {
  const counties = [...new Set(towns.map((t) => t.countyCode))];
  const cities = [...new Set(counties.map((code) => tree.ancestors(code)[1]).filter((c) => c !== undefined))];
  return [
    {
      key: 'A',
      name: 'text + trade + radius',
      draw(n, seed) {
        const r = createRandom(seed);
        return Array.from({ length: n }, () => {
          const trade = r.pick(TRADES);
          const town = r.pick(towns);
          // A worker now and then ticks a second trade of the same kind of work.
          const other = r.chance(0.25) ? r.pick(TRADES).code : null;
          return {
            q: r.pick(trade.words),
            skills: other && other !== trade.code ? [trade.code, other] : [trade.code],
            near: { lat: round(town.lat + r.jitter(3)), lng: round(town.lng + r.jitter(3)), radiusKm: 30 },
          };
        });
      },
    },
    {
      key: 'B',
      name: 'filter-only',
      draw(n, seed) {
        const r = createRandom(seed);
        return Array.from({ length: n }, () => ({
          regionCode: r.chance(0.8) ? r.pick(cities) : r.pick(counties),
          minHourlyFen: r.pick([null, 2500, 3000, 3500, 4000]),
          olderFriendly: r.pick([true, null, null]),
        }));
      },
    },
  ];
}

const round = (degrees: number) => Math.round(degrees * 10_000) / 10_000;
