import { type Text, text } from '../../i18n/text.js';
import type { CountyOutline, RegionTree } from './region-ancestry.js';

/**
 * How far outside a county's outline a point may lie and still count as in it. The outlines are
 * generalised (about 150 m) from a package whose borders are a few years old; a village or a pin
 * dropped on the border lands up to about 3 km on the wrong side of them (docs/county-check.md).
 */
export const BORDER_BUFFER_KM = 3;

const KM_PER_DEGREE = 111.195;
const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

type Point = { lat: number; lng: number };

export type CountyVerdict =
  | { inside: true }
  | { inside: false; countyCode: string; countyName: string; seatKm: number; outsideKm: number };

function haversineKm(a: Point, b: Point): number {
  const h =
    Math.sin(radians(b.lat - a.lat) / 2) ** 2 +
    Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(radians(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * How far a point lies outside an outline, km (0 inside). Measured on a plane tangent at the point:
 * within the few km that matter its error is metres, and far away only "far" matters.
 */
function kmOutside(outline: CountyOutline, point: Point): number {
  const xScale = KM_PER_DEGREE * Math.cos(radians(point.lat));
  let inside = false;
  let nearest = Number.POSITIVE_INFINITY;
  for (const ring of outline) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [lngA, latA] = ring[j] as [number, number];
      const [lngB, latB] = ring[i] as [number, number];
      const ax = (lngA - point.lng) * xScale;
      const ay = (latA - point.lat) * KM_PER_DEGREE;
      const bx = (lngB - point.lng) * xScale;
      const by = (latB - point.lat) * KM_PER_DEGREE;
      // Even–odd rule: a ray from the point eastwards crosses the border an odd number of times.
      if (ay > 0 !== by > 0 && 0 < ax + ((bx - ax) * -ay) / (by - ay)) inside = !inside;
      const dx = bx - ax;
      const dy = by - ay;
      const along =
        dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
      nearest = Math.min(nearest, Math.hypot(ax + along * dx, ay + along * dy));
    }
  }
  return inside ? 0 : nearest;
}

/**
 * Whether a point lies in a region: in its county's outline, or within `bufferKm` of it. A city or
 * province is the union of its counties; a region under a county (a town) is its county's. A region
 * without any outline is not judged (its code is checked elsewhere).
 */
export function pointInCounty(
  tree: RegionTree,
  regionCode: string,
  point: Point,
  bufferKm: number = BORDER_BUFFER_KM,
): CountyVerdict {
  const own = tree.ancestors(regionCode).find((code) => tree.outline(code));
  const codes = own ? [own] : tree.descendants(regionCode).filter((code) => tree.outline(code));
  if (codes.length === 0) return { inside: true };
  const outsideKm = Math.min(...codes.map((code) => kmOutside(tree.outline(code) as CountyOutline, point)));
  if (outsideKm <= bufferKm) return { inside: true };
  const region = tree.get(own ?? regionCode);
  if (!region) return { inside: true };
  return {
    inside: false,
    countyCode: region.code,
    countyName: region.name,
    seatKm: haversineKm(region, point),
    outsideKm,
  };
}

/** The refusal people read, or null when the point is in the region. */
export function countyAreaProblem(tree: RegionTree, regionCode: string, point: Point): Text | null {
  const verdict = pointInCounty(tree, regionCode, point);
  if (verdict.inside) return null;
  const { countyName: name, seatKm } = verdict;
  const km = seatKm < 10 ? seatKm.toFixed(1) : Math.round(seatKm);
  return text('reference:outsideCounty', { km: String(km), county: name });
}
