/**
 * An attacker's arithmetic, written without the app's code: great-circle distance, a local frame
 * in km, and the least-squares point that best fits a set of measured distances.
 */

export type Point = { lat: number; lng: number };
/** A measurement: the distance shown from `at` to the unknown point, with a weight. */
export type Ring = { at: Point; km: number; weight?: number };

const R = 6371;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

export function haversineKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `km` from `from` towards `bearing` (radians from east, counter-clockwise), locally. */
export function offset(from: Point, km: number, bearing: number): Point {
  const kmPerDegree = (2 * Math.PI * R) / 360;
  return {
    lat: from.lat + (km * Math.sin(bearing)) / kmPerDegree,
    lng: from.lng + (km * Math.cos(bearing)) / (kmPerDegree * Math.cos(rad(from.lat))),
  };
}

/** A seeded generator (mulberry32): the same points on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const misfit = (p: Point, rings: readonly Ring[]) =>
  rings.reduce((sum, r) => sum + (r.weight ?? 1) * (haversineKm(p, r.at) - r.km) ** 2, 0);

/**
 * The point whose distances to the rings' centres best fit the distances shown (weighted least
 * squares): a grid search around `near` for a start, then Gauss–Newton in a local km frame.
 */
export function trilaterate(rings: readonly Ring[], near: Point, spanKm = 8): Point {
  let best = near;
  let bestMisfit = misfit(near, rings);
  for (let dx = -spanKm; dx <= spanKm; dx += 0.25) {
    for (let dy = -spanKm; dy <= spanKm; dy += 0.25) {
      const p = offset(offset(near, dx, 0), dy, Math.PI / 2);
      const m = misfit(p, rings);
      if (m < bestMisfit) {
        best = p;
        bestMisfit = m;
      }
    }
  }
  const step = 0.001; // 1 m, for the numerical Jacobian
  for (let iteration = 0; iteration < 50; iteration++) {
    let a11 = 0;
    let a12 = 0;
    let a22 = 0;
    let b1 = 0;
    let b2 = 0;
    for (const ring of rings) {
      const w = ring.weight ?? 1;
      const r0 = haversineKm(best, ring.at) - ring.km;
      const jx = (haversineKm(offset(best, step, 0), ring.at) - ring.km - r0) / step;
      const jy = (haversineKm(offset(best, step, Math.PI / 2), ring.at) - ring.km - r0) / step;
      a11 += w * jx * jx;
      a12 += w * jx * jy;
      a22 += w * jy * jy;
      b1 -= w * jx * r0;
      b2 -= w * jy * r0;
    }
    const det = a11 * a22 - a12 * a12;
    if (Math.abs(det) < 1e-12) break;
    const dx = (a22 * b1 - a12 * b2) / det;
    const dy = (a11 * b2 - a12 * b1) / det;
    best = offset(offset(best, dx, 0), dy, Math.PI / 2);
    if (Math.hypot(dx, dy) < 1e-5) break;
  }
  return best;
}

export const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
