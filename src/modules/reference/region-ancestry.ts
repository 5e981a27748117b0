import type { RegionRecord } from './reference.repository.js';

/** A county's outline as rings of [lng, lat] (GeoJSON order); several for a county in parts. */
export type CountyOutline = [number, number][][];

export type RegionTree = {
  /** A region's code with all its ancestors' (county → city → province). */
  ancestors(code: string | null | undefined): string[];
  /** A region's code with every region under it. */
  descendants(code: string): string[];
  /** The regions directly under a region (a city's counties), by code. */
  children(code: string): string[];
  /** A region's name (梁山县), or undefined for an unknown code. */
  name(code: string): string | undefined;
  get(code: string): RegionRecord | undefined;
  /** A county's outline, or undefined for a region that has none (a city, or a county not mapped). */
  outline(code: string): CountyOutline | undefined;
};

/**
 * The region table as a tree, so that a filter on a city or a province finds what is in its
 * counties, and a county finds the minimum wage set for its city.
 */
export function createRegionTree(
  regions: RegionRecord[],
  outlines: Record<string, CountyOutline> = {},
): RegionTree {
  const parentOf = new Map(regions.map((r) => [r.code, r.parentCode]));
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const childrenOf = new Map<string, string[]>();
  for (const region of regions) {
    if (!region.parentCode) continue;
    childrenOf.set(region.parentCode, [...(childrenOf.get(region.parentCode) ?? []), region.code]);
  }
  return {
    ancestors(code) {
      const chain: string[] = [];
      for (let current = code ?? null; current && chain.length < 5; current = parentOf.get(current) ?? null) {
        chain.push(current);
      }
      return chain;
    },
    name: (code) => byCode.get(code)?.name,
    children: (code) => childrenOf.get(code) ?? [],
    get: (code) => byCode.get(code),
    outline: (code) => (Object.hasOwn(outlines, code) ? outlines[code] : undefined),
    descendants(code) {
      const found: string[] = [];
      const queue = [code];
      while (queue.length > 0) {
        const current = queue.shift() as string;
        found.push(current);
        queue.push(...(childrenOf.get(current) ?? []));
      }
      return found;
    },
  };
}
