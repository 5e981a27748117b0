import { distanceKm } from '../gigs/distance.js';

/**
 * A worker's home as others may know it: the centre of the square cell of a fixed grid it falls
 * in (docs/security.md, "Nothing private can be inferred"). The grid does not depend on any gig,
 * so however many gigs an employer places, and wherever, what it is shown is a function of the
 * cell alone: at best it learns the cell. A uniform point lies on average 0.383 × the side from
 * its cell's centre (1.15 km for the default 3 km).
 *
 * The grid: rows of `cellKm` in latitude from the equator; in each row, columns of `cellKm` in
 * longitude at the row's middle latitude, from the meridian of Greenwich.
 */

const EARTH_RADIUS_KM = 6371;
/** Kilometres in one degree of latitude (and of longitude at the equator) on distanceKm's sphere. */
export const KM_PER_DEGREE = (2 * Math.PI * EARTH_RADIUS_KM) / 360;

/** Others see a worker's distances in steps of this (from the cell's centre). */
export const SHOWN_STEP_KM = 0.5;

export type Point = { lat: number; lng: number };

/** The centre of the grid cell of side `cellKm` that `point` lies in. */
export function cellCentre(point: Point, cellKm: number): Point {
  const dLat = cellKm / KM_PER_DEGREE;
  const row = Math.floor(point.lat / dLat);
  const lat = Math.min(89.9, Math.max(-89.9, (row + 0.5) * dLat));
  const dLng = cellKm / (KM_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 1e-6));
  const column = Math.floor(point.lng / dLng);
  return { lat, lng: (column + 0.5) * dLng };
}

/**
 * How much nearer than its cell's centre a point may be to anything (the half diagonal, with room
 * to spare): a prefilter on the exact point widened by this keeps everyone the cell would admit,
 * so what passes both is decided by the cell alone.
 */
export const cellReachKm = (cellKm: number) => cellKm;

/** A distance as others see it: to the nearest SHOWN_STEP_KM. */
export const shownKm = (km: number) => Math.round(km / SHOWN_STEP_KM) * SHOWN_STEP_KM;

/** The distance from a worker's cell to a place, unrounded (what matching and ranking use). */
export const cellDistanceKm = (home: Point, place: Point, cellKm: number) =>
  distanceKm(cellCentre(home, cellKm), place);

/** The distance from a worker to a place as anyone but the worker sees it. */
export const shownDistanceKm = (home: Point, place: Point, cellKm: number) =>
  shownKm(cellDistanceKm(home, place, cellKm));
