import {
  type Index,
  Meilisearch,
  MeilisearchTaskTimeOutError,
  type SearchParams,
  type SearchResponse,
  type Task,
} from 'meilisearch';
import { Pool } from 'undici';
import {
  type IndexName,
  indexDefinitions,
  indexNames,
  synonymsFromTaxonomy,
  type TaxonomyEntry,
  uidSuffix,
} from './indexes.js';

export class SearchTaskError extends Error {
  constructor(task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) failed: ${task.error?.message ?? task.status}`);
    this.name = 'SearchTaskError';
  }
}

/** Meilisearch refused a search: its own code and message, and the index asked. */
export class SearchRequestError extends Error {
  constructor(
    readonly indexUid: string,
    readonly status: number,
    readonly answer: { code?: string; message?: string } | undefined,
  ) {
    super(
      `Meilisearch answered ${status} to a search of ${indexUid}: ${answer?.code ?? ''} ${answer?.message ?? ''}`.trim(),
    );
    this.name = 'SearchRequestError';
  }
}

/** A /multi-search request: queries of their own (each with `indexUid`), merged when `federation` is given. */
export type MultiSearchBody = {
  queries: (SearchParams & { indexUid: string; q: string | null })[];
  federation?: {
    offset: number;
    limit: number;
    facetsByIndex?: Record<string, string[]>;
    mergeFacets?: { maxValuesPerFacet?: number };
  };
};

/** At most this many searches at once to one server; more wait in the pool for a free connection. */
const SEARCH_CONNECTIONS = 64;

/**
 * Searches one server over kept-alive connections with undici's `request`. The official client
 * sends every request through `fetch`, whose WHATWG streams, Headers and Request objects cost the
 * API more CPU per search than the rest of a gig search's own code: 3–4 ms against 1.1–2.2 ms for
 * the two tier requests of a filter-only search (scratch measurement, one process, same searches).
 * Everything else (settings, documents, tasks) still goes through the official client.
 */
function createSearcher(host: string, apiKey: string | undefined, timeoutMs: number) {
  const base = new URL(host);
  const prefix = base.pathname.replace(/\/$/, '');
  const pool = new Pool(base.origin, {
    connections: SEARCH_CONNECTIONS,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return {
    async search<T>(indexUid: string, q: string | null, params: SearchParams, signal?: AbortSignal) {
      const { statusCode, body } = await pool.request({
        path: `${prefix}/indexes/${encodeURIComponent(indexUid)}/search`,
        method: 'POST',
        headers,
        body: JSON.stringify({ q, ...params }),
        signal,
      });
      const answer = (await body.json()) as SearchResponse<T> & { code?: string; message?: string };
      if (statusCode !== 200) throw new SearchRequestError(indexUid, statusCode, answer);
      return answer;
    },
    /** Meilisearch's /multi-search: several indexes in one request, federated or not. */
    async multi<T>(body: MultiSearchBody, signal?: AbortSignal): Promise<T> {
      const { statusCode, body: answerBody } = await pool.request({
        path: `${prefix}/multi-search`,
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
      });
      const answer = (await answerBody.json()) as T & { code?: string; message?: string };
      if (statusCode !== 200) throw new SearchRequestError('multi-search', statusCode, answer);
      return answer;
    },
    close: () => pool.close(),
  };
}

/** A task is asked after every 10 ms for this long, then every SLOW_ASK_MS. */
const QUICK_FOR_MS = 150;
const SLOW_ASK_MS = 50;

/** Waits for a task and fails loudly if Meilisearch could not apply it. */
export async function settled(
  promise: { waitTask: (o?: { timeout?: number; interval?: number }) => Promise<Task> },
  timeout = 30_000,
) {
  // Asked every 10 ms rather than the client's 50 at first: a new gig's batch takes about 100 ms,
  // and the question is a cheap GET on a nearby server. A task not done by then is on a busy
  // server (or node: an accept race's hires are reindexed while the race runs), which 100
  // questions a second would only keep busier: the client's 50 ms from then on.
  let task: Task;
  try {
    task = await promise.waitTask({ timeout: Math.min(timeout, QUICK_FOR_MS), interval: 10 });
  } catch (error) {
    if (!(error instanceof MeilisearchTaskTimeOutError) || timeout <= QUICK_FOR_MS) throw error;
    task = await promise.waitTask({ timeout: timeout - QUICK_FOR_MS, interval: SLOW_ASK_MS });
  }
  if (task.status !== 'succeeded') throw new SearchTaskError(task);
  return task;
}

/**
 * The search engine as Lingong uses it. Index names carry a prefix so that test files, tenants or
 * a second installation can share one Meilisearch without touching each other's indexes.
 */
export function createSearch(options: {
  url: string;
  apiKey?: string;
  prefix: string;
  timeoutMs?: number;
  /**
   * The server of the small index of new gigs (see tiers.ts); the same server when not given.
   * Meilisearch applies one batch at a time across all its indexes, so only a server of its own
   * keeps a new gig from waiting behind a slow batch of the bulk index.
   */
  fresh?: { url: string; apiKey?: string };
}) {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const connect = (host: string, apiKey: string | undefined) =>
    new Meilisearch({
      host,
      apiKey,
      timeout: timeoutMs,
      // Uncompressed answers: with gzip negotiated, Meilisearch sends the body about 40 ms after the
      // headers (a Nagle/delayed-ACK stall, measured by bench/search.ts), which dwarfed the search.
      requestInit: { headers: { 'Accept-Encoding': 'identity' } },
    });
  const client = connect(options.url, options.apiKey);
  const searcher = createSearcher(options.url, options.apiKey, timeoutMs);
  /** The fresh tier's own server, when it has one. */
  const apart = options.fresh && options.fresh.url !== options.url ? options.fresh : undefined;
  const freshClient = apart ? connect(apart.url, apart.apiKey) : client;
  const freshSearcher = apart ? createSearcher(apart.url, apart.apiKey, timeoutMs) : searcher;
  /** The server an index lives on. */
  const serverOf = (name: IndexName) => (name === 'gigsFresh' ? freshClient : client);
  const searcherOf = (name: IndexName) => (name === 'gigsFresh' ? freshSearcher : searcher);
  const uid = (name: IndexName) => `${options.prefix}_${uidSuffix(name)}`;
  /** A city's bulk gig index (SEARCH_GIG_INDEX=city, src/search/cities.ts), on the main server. */
  const cityUid = (cityCode: string) => `${uid('gigs')}_${cityCode}`;

  /**
   * Creates an index under any uid (the live one, or a rebuild's staging copy) with the settings
   * of `name` and the taxonomy's synonyms, waiting for each task. Safe to repeat.
   */
  async function configure(indexUid: string, name: IndexName, taxonomy: TaxonomyEntry[]): Promise<void> {
    const definition = indexDefinitions[name];
    const client = serverOf(name);
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
    /** Whether the index of new gigs has a server of its own. */
    freshApart: freshClient !== client,
    uid,
    cityUid,
    /** The server an index lives on (the fresh gig tier may have its own). */
    server: serverOf,
    index<T extends Record<string, unknown> = Record<string, unknown>>(name: IndexName): Index<T> {
      return serverOf(name).index<T>(uid(name));
    },

    /**
     * Searches an index: the hot path of gig search, matching and the trade picker. Throws on a
     * refusal (`SearchRequestError`), on no answer within the timeout, or when `signal` aborts.
     */
    query<T extends Record<string, unknown> = Record<string, unknown>>(
      name: IndexName,
      q: string | null,
      params: SearchParams,
      signal?: AbortSignal,
    ): Promise<SearchResponse<T>> {
      return searcherOf(name).search<T>(uid(name), q, params, signal);
    },

    /** Searches an index of the main server by its uid (a city's bulk gig index). */
    queryUid<T extends Record<string, unknown> = Record<string, unknown>>(
      indexUid: string,
      q: string | null,
      params: SearchParams,
      signal?: AbortSignal,
    ): Promise<SearchResponse<T>> {
      return searcher.search<T>(indexUid, q, params, signal);
    },

    /** One /multi-search request to the main server (the city indexes of the bulk gig tier). */
    multi<T>(body: MultiSearchBody, signal?: AbortSignal): Promise<T> {
      return searcher.multi<T>(body, signal);
    },

    /** Closes the search connections (the official client keeps none of its own). */
    async close(): Promise<void> {
      await Promise.all([...new Set([searcher, freshSearcher])].map((s) => s.close()));
    },

    async isHealthy(): Promise<boolean> {
      const [main, fresh] = await Promise.all([client.isHealthy(), freshClient.isHealthy()]);
      return main && fresh;
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

    /** Drops every index of this prefix, on both servers; used by tests. */
    async dropAll(): Promise<void> {
      for (const server of new Set([client, freshClient])) {
        const { results } = await server.getIndexes({ limit: 1000 });
        for (const index of results.filter((i) => i.uid.startsWith(`${options.prefix}_`))) {
          await settled(server.deleteIndex(index.uid));
        }
      }
    },
  };
}

export type Search = ReturnType<typeof createSearch>;
