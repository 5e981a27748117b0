import { type Index, Meilisearch, type Task } from 'meilisearch';
import {
  type IndexName,
  indexDefinitions,
  indexNames,
  synonymsFromTaxonomy,
  type TaxonomyEntry,
} from './indexes.js';

export class SearchTaskError extends Error {
  constructor(task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) failed: ${task.error?.message ?? task.status}`);
    this.name = 'SearchTaskError';
  }
}

/** Waits for a task and fails loudly if Meilisearch could not apply it. */
export async function settled(
  promise: { waitTask: (o?: { timeout?: number }) => Promise<Task> },
  timeout = 30_000,
) {
  const task = await promise.waitTask({ timeout });
  if (task.status !== 'succeeded') throw new SearchTaskError(task);
  return task;
}

/**
 * The search engine as Lingong uses it. Index names carry a prefix so that test files, tenants or
 * a second installation can share one Meilisearch without touching each other's indexes.
 */
export function createSearch(options: { url: string; apiKey?: string; prefix: string; timeoutMs?: number }) {
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.apiKey,
    timeout: options.timeoutMs ?? 5_000,
    // Uncompressed answers: with gzip negotiated, Meilisearch sends the body about 40 ms after the
    // headers (a Nagle/delayed-ACK stall, measured by bench/search.ts), which dwarfed the search.
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  });
  const uid = (name: IndexName) => `${options.prefix}_${name}`;

  /**
   * Creates an index under any uid (the live one, or a rebuild's staging copy) with the settings
   * of `name` and the taxonomy's synonyms, waiting for each task. Safe to repeat.
   */
  async function configure(indexUid: string, name: IndexName, taxonomy: TaxonomyEntry[]): Promise<void> {
    const definition = indexDefinitions[name];
    const created = await client.createIndex(indexUid, { primaryKey: definition.primaryKey }).waitTask();
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') {
      throw new SearchTaskError(created);
    }
    await settled(
      client
        .index(indexUid)
        .updateSettings({ ...definition.settings(), synonyms: synonymsFromTaxonomy(taxonomy) }),
    );
  }

  return {
    client,
    uid,
    index<T extends Record<string, unknown> = Record<string, unknown>>(name: IndexName): Index<T> {
      return client.index<T>(uid(name));
    },

    async isHealthy(): Promise<boolean> {
      return client.isHealthy();
    },

    configure,

    /**
     * Creates the indexes and applies their settings (synonyms from the taxonomy). Safe to repeat:
     * Meilisearch leaves settings that did not change as they are.
     */
    async prepare(taxonomy: TaxonomyEntry[]): Promise<void> {
      for (const name of indexNames) await configure(uid(name), name, taxonomy);
      await settled(
        client.index(uid('skills')).addDocuments(
          taxonomy.map(({ code, name, category, synonyms: words }) => ({
            code,
            name,
            category,
            synonyms: words,
          })),
          { primaryKey: 'code' },
        ),
      );
    },

    /** Drops every index of this prefix; used by tests and by `reindex` for the staging copies. */
    async dropAll(): Promise<void> {
      const { results } = await client.getIndexes({ limit: 1000 });
      for (const index of results.filter((i) => i.uid.startsWith(`${options.prefix}_`))) {
        await settled(client.deleteIndex(index.uid));
      }
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
