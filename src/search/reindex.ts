import type { EnqueuedTaskPromise } from 'meilisearch';
import type { Executor } from '../db/client.js';
import type { RegionTree } from '../modules/reference/region-ancestry.js';
import type { DocumentBatch } from '../outbox/dispatcher.js';
import { byCity, type CityExtent, readCityExtents, widenCityExtents } from './cities.js';
import { type Search, SearchTaskError, settled } from './client.js';
import type { IndexName, TaxonomyEntry } from './indexes.js';

/** What a rebuild reads from PostgreSQL for one index. */
export type IndexSource = {
  count(): Promise<number>;
  /** Ids in id order after `afterId`: the rebuild walks the table by keyset, not by offset. */
  idsAfter(afterId: string | null, limit: number): Promise<string[]>;
  build(ids: string[]): Promise<DocumentBatch>;
};

const IN_FLIGHT = 4;

/**
 * Walks the source by keyset in batches of `batchSize`, hands each batch's documents to `send`
 * (which enqueues their Meilisearch tasks), keeps IN_FLIGHT batches queued at once, and resolves
 * with the number of documents once every task is applied.
 */
async function sendAll(
  source: IndexSource,
  batchSize: number,
  onProgress: ((indexed: number) => void) | undefined,
  send: (upserts: DocumentBatch['upserts']) => Promise<EnqueuedTaskPromise[]>,
): Promise<number> {
  const inFlight: { tasks: EnqueuedTaskPromise[]; documents: number }[] = [];
  let indexed = 0;
  const settleOldest = async () => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    for (const task of oldest.tasks) await settled(task, 300_000);
    indexed += oldest.documents;
    onProgress?.(indexed);
  };
  let afterId: string | null = null;
  for (;;) {
    const ids = await source.idsAfter(afterId, batchSize);
    if (ids.length === 0) break;
    afterId = ids.at(-1) ?? null;
    const { upserts } = await source.build(ids);
    if (upserts.length === 0) continue;
    inFlight.push({ tasks: await send(upserts), documents: upserts.length });
    if (inFlight.length >= IN_FLIGHT) await settleOldest();
  }
  while (inFlight.length > 0) await settleOldest();
  return indexed;
}

/**
 * Rebuilds an index from PostgreSQL into a staging copy with the same settings, then swaps the two
 * in one Meilisearch task: searches see the old index until the new one is complete, never a
 * half-built one. Writes that land meanwhile go to the old index through the outbox, so after the
 * swap the caller re-sends everything that changed since `startedAt` (see scripts/reindex.ts).
 */
export async function rebuildIndex(options: {
  search: Search;
  name: IndexName;
  taxonomy: TaxonomyEntry[];
  source: IndexSource;
  batchSize?: number;
  onStart?: (total: number) => void;
  onProgress?: (indexed: number) => void;
}): Promise<{ documents: number }> {
  const { search, name, source } = options;
  const batchSize = options.batchSize ?? 5_000;
  const live = search.uid(name);
  const staging = `${live}_rebuild`;
  const leftover = await search.client.deleteIndex(staging).waitTask(); // an earlier rebuild that died
  if (leftover.status !== 'succeeded' && leftover.error?.code !== 'index_not_found') {
    throw new SearchTaskError(leftover);
  }
  await search.configure(staging, name, options.taxonomy);
  await search.configure(live, name, options.taxonomy); // the swap needs both to exist

  options.onStart?.(await source.count());
  const indexed = await sendAll(source, batchSize, options.onProgress, async (upserts) => [
    search.client.index(staging).addDocuments(upserts, { primaryKey: 'id' }),
  ]);

  const swapped = await search.client.swapIndexes([{ indexes: [live, staging], rename: false }]).waitTask();
  if (swapped.status !== 'succeeded') throw new SearchTaskError(swapped);
  await settled(search.client.deleteIndex(staging));
  return { documents: indexed };
}

/**
 * The bulk gig tier's rebuild under SEARCH_GIG_INDEX=city: every gig to a staging copy of its
 * city's index (each city with an index already gets one too, emptied of gigs no longer there),
 * the cities' boxes widened to hold them, then every city swapped in with one Meilisearch task.
 * As rebuildIndex, writes meanwhile go to the live indexes and are re-sent by the caller.
 */
export async function rebuildCityIndexes(options: {
  search: Search;
  taxonomy: TaxonomyEntry[];
  source: IndexSource;
  tree: Pick<RegionTree, 'ancestors' | 'get'>;
  db: Executor;
  batchSize?: number;
  onStart?: (total: number) => void;
  onProgress?: (indexed: number) => void;
}): Promise<{ documents: number; cities: string[] }> {
  const { search, source } = options;
  const batchSize = options.batchSize ?? 5_000;
  const staging = (city: string) => `${search.cityUid(city)}_rebuild`;
  const prepared = new Set<string>();
  async function prepare(city: string) {
    if (prepared.has(city)) return;
    const leftover = await search.client.deleteIndex(staging(city)).waitTask();
    if (leftover.status !== 'succeeded' && leftover.error?.code !== 'index_not_found') {
      throw new SearchTaskError(leftover);
    }
    await search.configure(staging(city), 'gigs', options.taxonomy);
    await search.configure(search.cityUid(city), 'gigs', options.taxonomy); // the swap needs both
    prepared.add(city);
  }
  for (const { city } of await readCityExtents(options.db)) await prepare(city);

  options.onStart?.(await source.count());
  const boxes = new Map<string, CityExtent>();
  const indexed = await sendAll(source, batchSize, options.onProgress, async (upserts) => {
    const split = byCity(options.tree, upserts);
    for (const box of split.boxes) {
      const had = boxes.get(box.city);
      boxes.set(box.city, had ? widest(had, box) : box);
    }
    const tasks: EnqueuedTaskPromise[] = [];
    for (const [city, docs] of split.documents) {
      await prepare(city);
      tasks.push(search.client.index(staging(city)).addDocuments(docs, { primaryKey: 'id' }));
    }
    return tasks;
  });

  // The boxes first: a search that learns of a city asks its live index, which exists already.
  await widenCityExtents([...boxes.values()], options.db);
  const cities = [...prepared].sort();
  if (cities.length > 0) {
    const swaps = cities.map((city) => ({
      indexes: [search.cityUid(city), staging(city)] as [string, string],
      rename: false,
    }));
    const swapped = await search.client.swapIndexes(swaps).waitTask();
    if (swapped.status !== 'succeeded') throw new SearchTaskError(swapped);
    for (const city of cities) await settled(search.client.deleteIndex(staging(city)));
  }
  return { documents: indexed, cities };
}

const widest = (a: CityExtent, b: CityExtent): CityExtent => ({
  city: a.city,
  minLat: Math.min(a.minLat, b.minLat),
  maxLat: Math.max(a.maxLat, b.maxLat),
  minLng: Math.min(a.minLng, b.minLng),
  maxLng: Math.max(a.maxLng, b.maxLng),
});
