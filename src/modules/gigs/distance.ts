import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in km (haversine), the formula Meilisearch's _geoRadius uses too. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Kilometres to one decimal place, as people read them (3.2 km). */
export const roundKm = (km: number) => Math.round(km * 10) / 10;

/**
 * The same haversine in SQL, from a row's lat/lng (columns or expressions) to a point, km: the
 * formula Meilisearch's _geoRadius uses, so both engines agree on who is near.
 */
export const distanceSql = (lat: SQLWrapper, lng: SQLWrapper, p: { lat: number; lng: number }): SQL<number> =>
  sql<number>`(12742 * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${p.lat}) / 2), 2) +
    cos(radians(${p.lat})) * cos(radians(${lat})) * power(sin(radians(${lng} - ${p.lng}) / 2), 2)))))`;
