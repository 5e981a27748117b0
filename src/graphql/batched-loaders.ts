import type { IResolvers, MercuriusContext } from 'mercurius';
import type { Loader, LoaderQuery, ModuleLoaders } from './loader-types.js';

type Batch = {
  queries: LoaderQuery<unknown>[];
  settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void }[];
};

/**
 * The loaders as field resolvers that batch them as mercurius's `loaders` option does: every call
 * of one loader in one tick of one request's execution becomes one call with all their
 * `{ obj, params }`, in order. mercurius (through single-user-cache) first serializes each query
 * with safe-stable-stringify to dedupe it, and a parent is a whole record: for a page of 100 gigs
 * with their trades and employer preloaded, that serializing was most of the page's resolving time
 * (and blocked the event loop for tens of milliseconds under load). Here nothing is serialized; a
 * parent asked twice is in the batch twice, which every loader already answers.
 */
export function batchedLoaders(loaders: ModuleLoaders): IResolvers {
  const pending = new WeakMap<MercuriusContext, Map<Loader<unknown>, Batch>>();

  async function run(loader: Loader<unknown>, batch: Batch, context: MercuriusContext) {
    pending.get(context)?.delete(loader);
    try {
      const results = await loader(batch.queries, context);
      if (!Array.isArray(results) || results.length !== batch.queries.length) {
        throw new Error(`a loader answered ${results?.length} results for ${batch.queries.length} queries`);
      }
      for (const [i, { resolve }] of batch.settle.entries()) resolve(results[i]);
    } catch (error) {
      for (const { reject } of batch.settle) reject(error);
    }
  }

  function load(loader: Loader<unknown>, obj: unknown, params: unknown, context: MercuriusContext) {
    let batches = pending.get(context);
    if (!batches) {
      batches = new Map();
      pending.set(context, batches);
    }
    let batch = batches.get(loader);
    if (!batch) {
      const started: Batch = { queries: [], settle: [] };
      batches.set(loader, started);
      process.nextTick(() => void run(loader, started, context));
      batch = started;
    }
    const joined = batch;
    return new Promise((resolve, reject) => {
      joined.queries.push({ obj, params });
      joined.settle.push({ resolve, reject });
    });
  }

  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(loaders)) {
    resolvers[type] = {};
    for (const [field, loader] of Object.entries(fields)) {
      resolvers[type][field] = (obj: unknown, params: unknown, context: MercuriusContext) =>
        load(loader, obj, params, context);
    }
  }
  return resolvers as IResolvers;
}
