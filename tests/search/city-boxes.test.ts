import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/modules/gigs/distance.js';
import { circleMeetsBox, citiesToAsk } from '../../src/search/cities.js';

describe('which cities a search asks (src/search/cities.ts)', () => {
  it('never leaves out a city with a point of its box inside the circle', () => {
    const coordinate = (min: number, max: number) => fc.double({ min, max, noNaN: true });
    fc.assert(
      fc.property(
        coordinate(18, 53),
        coordinate(73, 135),
        coordinate(0, 1.5),
        coordinate(0, 1.5),
        coordinate(18, 53),
        coordinate(73, 135),
        coordinate(1, 100),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lng, h, w, bearing, _unused, radiusKm, u, v) => {
          const box = { city: 'x', minLat: lat, maxLat: lat + h, minLng: lng, maxLng: lng + w };
          // A point of the box (mostly on its edge), and a centre just under the radius from it.
          const edge = (t: number) => (t < 0.3 ? 0 : t > 0.7 ? 1 : t);
          const point = { lat: lat + edge(u) * h, lng: lng + edge(v) * w };
          const angle = (bearing * Math.PI) / 18;
          const km = radiusKm * 0.999;
          const near = {
            lat: point.lat + (km * Math.cos(angle)) / 111.195,
            lng: point.lng + (km * Math.sin(angle)) / (111.195 * Math.cos((point.lat * Math.PI) / 180)),
            radiusKm,
          };
          if (distanceKm(near, point) <= radiusKm) expect(circleMeetsBox(near, box)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
    // And near points do, though the box's corner is far: 12 km east of a box's edge, 20 km reach.
    const box = { city: 'x', minLat: 35, maxLat: 36, minLng: 117, maxLng: 117.5 };
    expect(circleMeetsBox({ lat: 35.5, lng: 117.63, radiusKm: 20 }, box)).toBe(true);
    expect(circleMeetsBox({ lat: 35.5, lng: 117.9, radiusKm: 20 }, box)).toBe(false);
  });

  it('asks a region’s city, a province’s cities, and every city without a place', () => {
    const parents: Record<string, string> = { '370832': '370800', '370800': '370000', '371300': '370000' };
    const tree = {
      ancestors(code: string | null | undefined) {
        const chain: string[] = [];
        for (let at = code ?? undefined; at; at = parents[at]) chain.push(at);
        return chain;
      },
    };
    const box = { minLat: 0, maxLat: 1, minLng: 0, maxLng: 1 };
    const extents = [
      { city: '141000', ...box },
      { city: '370800', ...box },
      { city: '371300', ...box },
    ];
    expect(citiesToAsk({ regionCode: '370832' }, tree, extents)).toEqual(['370800']);
    expect(citiesToAsk({ regionCode: '370800' }, tree, extents)).toEqual(['370800']);
    expect(citiesToAsk({ regionCode: '370000' }, tree, extents)).toEqual(['370800', '371300']);
    expect(citiesToAsk({}, tree, extents)).toEqual(['141000', '370800', '371300']);
    expect(citiesToAsk({ near: { lat: 40, lng: 40, radiusKm: 10 } }, tree, extents)).toEqual([]);
  });
});
