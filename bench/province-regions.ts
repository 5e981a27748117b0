// The regions and stations of bench:province's market: the seed holds a few of Shandong's counties
// (济宁市 and 临沂市, with their outlines); the rest of the province's 136 county-level regions are
// generated here, under the province's other cities, each with a centre and a box its homes and
// gigs lie in. A generated county has no outline, so the API's county check does not judge a
// point in it (src/modules/reference/county-area.ts: "a region without any outline is not
// judged"); its points stay inside its box all the same.
import { sql } from 'drizzle-orm';
import { pgArray } from '../src/db/arrays.js';
import type { Database } from '../src/db/client.js';
import type { Town } from './gig-generator.js';

export const PROVINCE = '370000';
/** The county both markets share: the county-sized market is this county alone. */
export const HOME_COUNTY = '370832';
/** Half the side of a generated county's box, degrees (about 30 km across). */
export const BOX_HALF_DEG = 0.13;

/** Shandong's other cities (real codes and seats); 济宁市 370800 and 临沂市 371300 are in the seed. */
const CITIES: [string, string, number, number][] = [
  ['370100', '济南市', 36.651, 117.12],
  ['370200', '青岛市', 36.067, 120.383],
  ['370300', '淄博市', 36.813, 118.055],
  ['370400', '枣庄市', 34.81, 117.323],
  ['370500', '东营市', 37.434, 118.675],
  ['370600', '烟台市', 37.464, 121.448],
  ['370700', '潍坊市', 36.707, 119.162],
  ['370900', '泰安市', 36.2, 117.088],
  ['371000', '威海市', 37.513, 122.12],
  ['371100', '日照市', 35.417, 119.527],
  ['371400', '德州市', 37.435, 116.359],
  ['371500', '聊城市', 36.457, 115.985],
  ['371600', '滨州市', 37.382, 117.971],
  ['371700', '菏泽市', 35.234, 115.481],
];

export type County = { code: string; name: string; lat: number; lng: number; generated: boolean };

/**
 * Adds the generated cities and counties so that the province has `total` county-level regions,
 * and returns every county of the province (seed and generated). `only` limits the market to one
 * county (the county-sized market), generating nothing.
 */
export async function provinceCounties(db: Database, total: number, only?: string): Promise<County[]> {
  const seed = (await db.execute<{ code: string; name: string; lat: number; lng: number }>(sql`
    select c.code, c.name, c.lat, c.lng from regions c join regions city on city.code = c.parent_code
    where c.level = 'county' and city.parent_code = ${PROVINCE} order by c.code`)) as unknown as County[];
  const seedCounties = seed.map((c) => ({ ...c, generated: false }));
  if (only) return seedCounties.filter((c) => c.code === only);
  const missing = Math.max(0, total - seedCounties.length);
  const generated: County[] = [];
  const cityRows: string[] = [];
  for (let i = 0; i < missing; i++) {
    const [cityCode, cityName, lat, lng] = CITIES[i % CITIES.length] as [string, string, number, number];
    const k = Math.floor(i / CITIES.length);
    if (k === 0) cityRows.push(cityCode);
    // Counties on rings around the city's seat, ~30 km apart.
    const ring = k === 0 ? 0 : k <= 6 ? 1 : 2;
    const slot = k === 0 ? 0 : k <= 6 ? k - 1 : k - 7;
    const slots = ring === 1 ? 6 : 12;
    const angle = (2 * Math.PI * slot) / slots + ring * 0.3;
    const r = ring * 0.27;
    generated.push({
      code: `${cityCode.slice(0, 4)}${String(81 + k).padStart(2, '0')}`,
      name: `${cityName.replace('市', '')}${k + 1}县`,
      lat: Math.round((lat + r * Math.sin(angle)) * 1000) / 1000,
      lng: Math.round((lng + (r * Math.cos(angle)) / Math.cos((lat * Math.PI) / 180)) * 1000) / 1000,
      generated: true,
    });
  }
  if (generated.length > 0) {
    const cities = CITIES.filter(([code]) => cityRows.includes(code));
    await db.execute(
      sql`insert into regions (code, name, level, parent_code, lat, lng) values ${sql.join(
        cities.map(([code, name, lat, lng]) => sql`(${code}, ${name}, 'city', ${PROVINCE}, ${lat}, ${lng})`),
        sql`, `,
      )} on conflict (code) do nothing`,
    );
    await db.execute(
      sql`insert into regions (code, name, level, parent_code, lat, lng) values ${sql.join(
        generated.map(
          (c) => sql`(${c.code}, ${c.name}, 'county', ${`${c.code.slice(0, 4)}00`}, ${c.lat}, ${c.lng})`,
        ),
        sql`, `,
      )} on conflict (code) do nothing`,
    );
  }
  return [...seedCounties, ...generated];
}

/** Towns of a generated county: its seat and four places about 7 km from it, inside its box. */
export function generatedTowns(county: County): Town[] {
  const offsets = [
    [0, 0],
    [0.06, 0.06],
    [-0.06, 0.06],
    [0.06, -0.06],
    [-0.06, -0.06],
  ] as const;
  return offsets.map(([dLat, dLng], i) => ({
    countyCode: county.code,
    name: i === 0 ? `${county.name}城关镇` : `${county.name}${['东', '西', '南', '北'][i - 1]}镇`,
    lat: county.lat + dLat,
    lng: county.lng + dLng,
  }));
}

/**
 * Job stations (驿站): `perCounty` a county, on a line through its seat; the province's ~400 is 3
 * a county over 136 counties.
 */
export async function writeStations(db: Database, counties: County[], perCounty: number) {
  await db.execute(sql`
    insert into stations (name, kind, region_code, lat, lng, address, service_radius_km, created_at)
    select c.name || '就业驿站' || i, 'TOWNSHIP_STATION', c.code, c.lat + (i - 1) * 0.05, c.lng,
           c.name || '就业驿站' || i || '号', 10, now()
    from regions c, generate_series(0, ${perCounty - 1}::int) i
    where c.code = any(${pgArray(counties.map((c) => c.code))}::text[])`);
}
