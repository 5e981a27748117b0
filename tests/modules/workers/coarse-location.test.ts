import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/modules/gigs/distance.js';
import {
  cellCentre,
  cellReachKm,
  SHOWN_STEP_KM,
  shownDistanceKm,
  shownKm,
} from '../../../src/modules/workers/coarse-location.js';
import { LIANGSHAN } from '../../support/gigs.js';
import { offset, seeded } from '../../support/trilateration.js';

const CELL_KM = 3;

/** Points spread evenly at random over a 40 × 40 km square around 梁山县's seat. */
function points(count: number, seed = 7) {
  const random = seeded(seed);
  return Array.from({ length: count }, () =>
    offset(offset(LIANGSHAN, (random() - 0.5) * 40, 0), (random() - 0.5) * 40, Math.PI / 2),
  );
}

describe('the grid a home is known by', () => {
  it('puts a point at most half a diagonal from its cell centre, and on average 0.38 of a side', () => {
    const far = points(20_000).map((p) => distanceKm(p, cellCentre(p, CELL_KM)));
    expect(Math.max(...far)).toBeLessThanOrEqual((CELL_KM * Math.SQRT2) / 2 + 0.01);
    expect(Math.max(...far)).toBeLessThanOrEqual(cellReachKm(CELL_KM));
    const average = far.reduce((s, d) => s + d, 0) / far.length;
    // A uniform point in a square of side s lies 0.3826 s from its centre on average.
    expect(average).toBeGreaterThan(0.37 * CELL_KM);
    expect(average).toBeLessThan(0.39 * CELL_KM);
  });

  it('gives every point of a cell the same centre, a centre its own cell, and neighbours a side apart', () => {
    for (const p of points(500, 11)) {
      const centre = cellCentre(p, CELL_KM);
      expect(cellCentre(centre, CELL_KM)).toEqual(centre);
      const halfWay = { lat: (p.lat + centre.lat) / 2, lng: (p.lng + centre.lng) / 2 };
      expect(cellCentre(halfWay, CELL_KM)).toEqual(centre);
      const north = cellCentre(offset(centre, CELL_KM, Math.PI / 2), CELL_KM);
      const east = cellCentre(offset(centre, CELL_KM, 0), CELL_KM);
      // Rows are a side apart; each row's columns start at Greenwich, so they need not line up.
      expect(distanceKm(centre, { lat: north.lat, lng: centre.lng })).toBeCloseTo(CELL_KM, 1);
      expect(distanceKm(centre, east)).toBeCloseTo(CELL_KM, 1);
    }
  });

  it('shows distances in half-kilometre steps, from the cell and not the home', () => {
    expect(SHOWN_STEP_KM).toBe(0.5);
    expect([0.2, 0.26, 2.74, 2.76, 10].map(shownKm)).toEqual([0, 0.5, 2.5, 3, 10]);
    const [home] = points(1, 3);
    if (!home) throw new Error('no point');
    const centre = cellCentre(home, CELL_KM);
    const gig = offset(LIANGSHAN, 5, 1);
    expect(shownDistanceKm(home, gig, CELL_KM)).toBe(shownKm(distanceKm(centre, gig)));
  });
});
