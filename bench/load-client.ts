// The benchmark's clients, in a process of their own: the API's event loop must not also parse the
// answers it is timed on. Run by bench/search.ts through fork(); one job per message.
import type { GigSearchInput } from '../src/modules/gigs/search/gig-query.js';
import { parseGigSearch } from '../src/modules/gigs/search/gig-query.js';
import { tierRequests } from '../src/modules/gigs/search/meili-search.js';
import { createSearch } from '../src/search/client.js';
import { GIGS_QUERY, PAGE } from './scenarios.js';

/** meili: the same search sent straight to Meilisearch, with the client the API itself uses. */
export type Engine = 'api' | 'meili';

export type LoadJob = {
  engine: Engine;
  apiUrl: string;
  meili: { url: string; apiKey: string | undefined; prefix: string; fresh: { url: string; apiKey?: string } };
  /** The search tiers' watermark as the API reads it (src/search/tiers.ts). */
  watermark: number | null;
  concurrency: number;
  warmup: GigSearchInput[];
  measured: GigSearchInput[];
};

export type LoadResult =
  | { ok: true; latencies: number[]; wallMs: number; hits: number[] }
  | { ok: false; error: string };

type Send = (search: GigSearchInput) => Promise<number>;
type GigsAnswer = {
  data?: { gigs?: { totalCount: number; degraded: boolean } } | null;
  errors?: unknown[];
};

function apiSender(job: LoadJob): Send {
  const url = `${job.apiUrl}/graphql`;
  return async (search) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: GIGS_QUERY, variables: { search, first: PAGE } }),
    });
    const answer = (await response.json()) as GigsAnswer;
    const gigs = answer.data?.gigs;
    if (!response.ok || answer.errors || !gigs) {
      throw new Error(
        `API ${response.status} for ${JSON.stringify(search)}: ${JSON.stringify(answer.errors)}`,
      );
    }
    if (gigs.degraded)
      throw new Error(`API answered degraded (from PostgreSQL) for ${JSON.stringify(search)}`);
    return gigs.totalCount;
  };
}

/** The requests the API would send for the same search (one per tier), built by the API's own code. */
function meiliSender(job: LoadJob): Send {
  const search = createSearch(job.meili);
  return async (input) => {
    const requests = tierRequests(parseGigSearch(input, { first: PAGE }, new Date()), job.watermark);
    const answers = await Promise.all(
      requests.map(({ indexName, q, params }) => search.index(indexName).search(q, params)),
    );
    let total = 0;
    for (const answer of answers) {
      for (const n of Object.values(answer.facetDistribution?.payUnit ?? {})) total += n;
    }
    return total;
  };
}

/** `concurrency` clients, each sending its next search as soon as its last one is answered. */
async function drive(searches: GigSearchInput[], concurrency: number, send: Send) {
  const latencies = new Array<number>(searches.length);
  const hits = new Array<number>(searches.length);
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < searches.length; i = next++) {
        const sent = performance.now();
        hits[i] = await send(searches[i] as GigSearchInput);
        latencies[i] = performance.now() - sent;
      }
    }),
  );
  return { latencies, hits, wallMs: performance.now() - began };
}

process.on('message', async (job: LoadJob) => {
  let result: LoadResult;
  try {
    const send = job.engine === 'api' ? apiSender(job) : meiliSender(job);
    await drive(job.warmup, job.concurrency, send);
    result = { ok: true, ...(await drive(job.measured, job.concurrency, send)) };
  } catch (error) {
    result = { ok: false, error: (error as Error).stack ?? String(error) };
  }
  process.send?.(result);
});
// The bench closes the channel when it is done (or dies): no client outlives it.
process.on('disconnect', () => process.exit(0));
