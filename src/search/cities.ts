import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import type { RegionTree } from '../modules/reference/region-ancestry.js';
import type { DocumentBatch } from '../outbox/dispatcher.js';
import { type Search, settled } from './client.js';
import type { TaxonomyEntry } from './indexes.js';

/**
 * An index per city (SEARCH_GIG_INDEX=city): the bulk gig tier is split by the city of each gig's
 * county, `<prefix>_gigs_<city code>`, so a search near one county searches ~19,000 gigs of its
 * city rather than a province's 300,000 (docs/search.md "An index per city"). The fresh tier stays
 * one index: it holds only the last minutes' gigs.
 *
 * Which cities a search asks comes from `search_city_extents`: a row per city whose index exists,
 * with a box holding every gig ever sent to it. The region tree gives codes, parents, levels and
 * seats, and outlines for the seed's counties only (a generated county of bench:province has
 * none, and the API does not judge a point in a county without one), so the box is taken from the
 * gigs themselves: the bulk dispatcher widens it with each batch's documents, in the transaction
 * that raises the watermark. A node reads the watermark, then the boxes: every gig below the
 * watermark is in a listed city's index, inside its box.
 */
export type CityExtent = { city: string; minLat: number; maxLat: number; minLng: number; maxLng: number };

type Tree = Pick<RegionTree, 'ancestors' | 'get'>;

/** A region's city: its ancestor at the city level, or itself when it has none (a province). */
export function cityOf(tree: Tree, regionCode: string): string {
  return tree.ancestors(regionCode).find((code) => tree.get(code)?.level === 'city') ?? regionCode;
}

export async function readCityExtents(db: Executor): Promise<CityExtent[]> {
  const rows = await db.execute<CityExtent>(sql`
    select city_code as city, min_lat as "minLat", max_lat as "maxLat", min_lng as "minLng", max_lng as "maxLng"
    from search_city_extents order by city_code`);
  return [...rows];
}

/** Widens each city's box to hold these boxes (never narrows one). */
export async function widenCityExtents(boxes: CityExtent[], tx: Executor): Promise<void> {
  if (boxes.length === 0) return;
  const values = sql.join(
    boxes.map(
      (b) =>
        sql`(${b.city}, ${b.minLat}::float8, ${b.maxLat}::float8, ${b.minLng}::float8, ${b.maxLng}::float8)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into search_city_extents (city_code, min_lat, max_lat, min_lng, max_lng)
    values ${values}
    on conflict (city_code) do update set
      min_lat = least(search_city_extents.min_lat, excluded.min_lat),
      max_lat = greatest(search_city_extents.max_lat, excluded.max_lat),
      min_lng = least(search_city_extents.min_lng, excluded.min_lng),
      max_lng = greatest(search_city_extents.max_lng, excluded.max_lng),
      updated_at = now()
    where excluded.min_lat < search_city_extents.min_lat or excluded.max_lat > search_city_extents.max_lat
       or excluded.min_lng < search_city_extents.min_lng or excluded.max_lng > search_city_extents.max_lng`);
}

type GigDocument = Record<string, unknown>;
const pointOf = (doc: GigDocument) => doc._geo as { lat: number; lng: number };

/** The documents by city, and each city's box around them. */
export function byCity(tree: Tree, upserts: readonly GigDocument[]) {
  const documents = new Map<string, GigDocument[]>();
  const boxes = new Map<string, CityExtent>();
  for (const doc of upserts) {
    const city = cityOf(tree, String(doc.regionCode));
    documents.set(city, [...(documents.get(city) ?? []), doc]);
    const { lat, lng } = pointOf(doc);
    const box = boxes.get(city);
    boxes.set(
      city,
      box
        ? {
            city,
            minLat: Math.min(box.minLat, lat),
            maxLat: Math.max(box.maxLat, lat),
            minLng: Math.min(box.minLng, lng),
            maxLng: Math.max(box.maxLng, lng),
          }
        : { city, minLat: lat, maxLat: lat, minLng: lng, maxLng: lng },
    );
  }
  return { documents, boxes: [...boxes.values()] };
}

/**
 * The bulk dispatcher's send under SEARCH_GIG_INDEX=city: each document to its city's index
 * (created with the bulk tier's settings on first use), each delete to every city's (a deleted
 * gig's county is gone with its row), every task applied before it returns, then the cities' boxes
 * widened in the batch's transaction, before the watermark rises in the same transaction.
 */
export function createCitySender(deps: {
  search: Search;
  tree: (tx: Executor) => Promise<Tree>;
  taxonomy: (tx: Executor) => Promise<TaxonomyEntry[]>;
}) {
  const { search } = deps;
  /** City indexes this process has configured (created, settings applied). */
  const ready = new Set<string>();
  async function ensure(city: string, tx: Executor) {
    const uid = search.cityUid(city);
    if (ready.has(uid)) return;
    await search.configure(uid, 'gigs', await deps.taxonomy(tx));
    ready.add(uid);
  }
  return async ({ upserts, deletes }: DocumentBatch, tx: Executor): Promise<void> => {
    const { documents, boxes } = byCity(await deps.tree(tx), upserts);
    for (const city of documents.keys()) await ensure(city, tx);
    const known = deletes.length > 0 ? (await readCityExtents(tx)).map((e) => e.city) : [];
    const tasks = [...documents].map(([city, docs]) =>
      settled(search.client.index(search.cityUid(city)).addDocuments(docs, { primaryKey: 'id' })),
    );
    for (const city of new Set([...known, ...documents.keys()])) {
      if (deletes.length > 0)
        tasks.push(settled(search.client.index(search.cityUid(city)).deleteDocuments(deletes)));
    }
    // Every city's part applied (or the batch fails and its rows stay), then the boxes.
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await widenCityExtents(boxes, tx);
  };
}

const KM_PER_DEGREE = 111.195;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Whether a circle may reach a box: the box of the circle (its latitude span, and its longitude
 * span at the box's or centre's latitude furthest from the equator, where a degree is shortest)
 * meets the box. Never says no to a circle that reaches it; may say yes to one that passes a
 * corner, which only asks one more index. A kilometre of margin covers Meilisearch's own rounding.
 */
export function circleMeetsBox(
  near: { lat: number; lng: number; radiusKm: number },
  box: CityExtent,
): boolean {
  const reach = near.radiusKm + 1;
  const dLat =
    near.lat < box.minLat ? box.minLat - near.lat : near.lat > box.maxLat ? near.lat - box.maxLat : 0;
  if (dLat * KM_PER_DEGREE > reach) return false;
  const dLng =
    near.lng < box.minLng ? box.minLng - near.lng : near.lng > box.maxLng ? near.lng - box.maxLng : 0;
  const furthest = Math.min(
    89.9,
    Math.max(Math.abs(near.lat), Math.abs(box.minLat), Math.abs(box.maxLat)) + reach / KM_PER_DEGREE,
  );
  return dLng * KM_PER_DEGREE * Math.cos(radians(furthest)) <= reach;
}

/**
 * The cities a search must ask: those of its region (the region's city, or every city under a
 * province), those whose box its circle reaches, both when it has both; every city when neither.
 */
export function citiesToAsk(
  query: { regionCode?: string | null; near?: { lat: number; lng: number; radiusKm: number } | null },
  tree: Pick<RegionTree, 'ancestors'>,
  extents: readonly CityExtent[],
): string[] {
  let cities = [...extents];
  if (query.regionCode) {
    const region = query.regionCode;
    const above = new Set(tree.ancestors(region));
    // The region's own city (it lies in the city), or a city under the region (a province).
    cities = cities.filter((e) => above.has(e.city) || tree.ancestors(e.city).includes(region));
  }
  const near = query.near;
  if (near) cities = cities.filter((e) => circleMeetsBox(near, e));
  return cities.map((e) => e.city);
}
