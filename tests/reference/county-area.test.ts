import { describe, expect, it } from 'vitest';
import { readCountyOutlines } from '../../src/db/seed/reference.js';
import regionsFile from '../../src/db/seed/regions.json' with { type: 'json' };
import { BORDER_BUFFER_KM, pointInCounty } from '../../src/modules/reference/county-area.js';
import type { RegionRecord } from '../../src/modules/reference/reference.repository.js';
import { createRegionTree } from '../../src/modules/reference/region-ancestry.js';

const regions = regionsFile as RegionRecord[];
const counties = regions.filter((r) => r.level === 'county');
const tree = createRegionTree(regions, await readCountyOutlines());
const seat = (code: string) => {
  const { lat, lng } = tree.get(code) as RegionRecord;
  return { lat, lng };
};
const km = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) =>
  Math.hypot((a.lat - b.lat) * 111.2, (a.lng - b.lng) * 111.2 * Math.cos((a.lat * Math.PI) / 180));

/** Far enough apart that no county here reaches from one seat past the other's border buffer. */
const FAR_KM = 25;

describe('pointInCounty', () => {
  it('has an outline for every county in regions.json', () => {
    expect(counties.filter((c) => !tree.outline(c.code)).map((c) => c.name)).toEqual([]);
  });

  it("accepts every county's own seat", () => {
    const refused = counties.filter((c) => !pointInCounty(tree, c.code, seat(c.code)).inside);
    expect(refused.map((c) => c.name)).toEqual([]);
  });

  it(`refuses, for every county, each other county's seat more than ${FAR_KM} km away`, () => {
    const wrongly: string[] = [];
    for (const county of counties)
      for (const other of counties) {
        if (other.code === county.code || km(seat(county.code), seat(other.code)) <= FAR_KM) continue;
        if (pointInCounty(tree, county.code, seat(other.code)).inside)
          wrongly.push(`${other.name}'s seat in ${county.name}`);
      }
    expect(wrongly).toEqual([]);
  });

  it("refuses a neighbour's seat unless it lies within the border buffer", () => {
    // 任城区 is 梁山县's neighbour across 嘉祥县; 嘉祥县 borders 梁山县 itself.
    expect(pointInCounty(tree, '370832', seat('370811')).inside).toBe(false);
    expect(pointInCounty(tree, '370832', seat('370829')).inside).toBe(false);
    // 临沂's three districts meet in the city: their seats are 6 to 9 km apart.
    expect(pointInCounty(tree, '371302', seat('371311')).inside).toBe(false);
  });

  it('refuses Beijing for 梁山县, saying how far the seat is', () => {
    const verdict = pointInCounty(tree, '370832', { lat: 39.904, lng: 116.407 });
    expect(verdict).toMatchObject({ inside: false, countyName: '梁山县', countyCode: '370832' });
    expect(verdict.inside === false && Math.round(verdict.seatKm)).toBeGreaterThan(450);
  });

  it(`accepts a pin just outside the outline, within ${BORDER_BUFFER_KM} km, and refuses one beyond`, () => {
    // 梁山县's seat due east: the outline ends near 116.33°E on this line (1° of lng ≈ 90 km here).
    const edge = eastEdge('370832', seat('370832'));
    const perKm = 1 / (111.2 * Math.cos((35.8 * Math.PI) / 180));
    expect(pointInCounty(tree, '370832', { lat: 35.802, lng: edge + 1 * perKm }).inside).toBe(true);
    expect(pointInCounty(tree, '370832', { lat: 35.802, lng: edge + 6 * perKm }).inside).toBe(false);
  });

  it('takes a city as the union of its counties', () => {
    expect(pointInCounty(tree, '370800', seat('370832')).inside).toBe(true);
    expect(pointInCounty(tree, '370800', seat('371302')).inside).toBe(false);
  });

  it('does not judge a region it has no outline for', () => {
    expect(pointInCounty(tree, '999999', { lat: 39.9, lng: 116.4 }).inside).toBe(true);
  });
});

/** Where the county's outline crosses the parallel through a point, going east (by bisection). */
function eastEdge(code: string, from: { lat: number; lng: number }): number {
  let inside = from.lng;
  let outside = from.lng + 2;
  const strictly = (lng: number) =>
    pointInCounty(
      createRegionTree(regions, { [code]: tree.outline(code) ?? [] }),
      code,
      { lat: from.lat, lng },
      0,
    ).inside;
  for (let i = 0; i < 40; i++) {
    const middle = (inside + outside) / 2;
    if (strictly(middle)) inside = middle;
    else outside = middle;
  }
  return inside;
}
