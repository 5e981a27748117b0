import type { RegionRecord } from './reference.repository.js';

/**
 * A region's code with all its ancestors' (county → city → province), so that a filter on a city
 * or a province finds what is in its counties.
 */
export function createRegionAncestry(regions: RegionRecord[]) {
  const parentOf = new Map(regions.map((r) => [r.code, r.parentCode]));
  return (code: string | null | undefined): string[] => {
    const chain: string[] = [];
    for (let current = code ?? null; current && chain.length < 5; current = parentOf.get(current) ?? null) {
      chain.push(current);
    }
    return chain;
  };
}
