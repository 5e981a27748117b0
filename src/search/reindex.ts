import type { EnqueuedTaskPromise } from 'meilisearch';
import type { DocumentBatch } from '../outbox/dispatcher.js';
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
  const inFlight: { task: EnqueuedTaskPromise; documents: number }[] = [];
  let indexed = 0;
  const settleOldest = async () => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    await settled(oldest.task, 300_000);
    indexed += oldest.documents;
    options.onProgress?.(indexed);
  };

  let afterId: string | null = null;
  for (;;) {
    const ids = await source.idsAfter(afterId, batchSize);
    if (ids.length === 0) break;
    afterId = ids.at(-1) ?? null;
    const { upserts } = await source.build(ids);
    if (upserts.length === 0) continue;
    inFlight.push({
      task: search.client.index(staging).addDocuments(upserts, { primaryKey: 'id' }),
      documents: upserts.length,
    });
    if (inFlight.length >= IN_FLIGHT) await settleOldest();
  }
  while (inFlight.length > 0) await settleOldest();

  const swapped = await search.client.swapIndexes([{ indexes: [live, staging], rename: false }]).waitTask();
  if (swapped.status !== 'succeeded') throw new SearchTaskError(swapped);
  await settled(search.client.deleteIndex(staging));
  return { documents: indexed };
}
