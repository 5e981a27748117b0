// The benchmark's clients, in a process of their own: the API's event loop must not also parse the
// answers it is timed on. Run by bench/search.ts through fork(); one job per message.

import { Pool } from 'undici';
import type { GigSearchInput } from '../src/modules/gigs/gig-query.js';
import { createSearch } from '../src/search/client.js';
import { searchTiers } from './bare-front.js';
import { GIGS_QUERY, PAGE } from './scenarios.js';

/**
 * meili: the same search sent straight to Meilisearch, with the client the API itself uses; front:
 * the API's request to a bare Node server that only sends those searches (bench/bare-front.ts).
 * All are asked over undici keep-alive connections, so no row carries a slower HTTP client.
 */
export type Engine = 'api' | 'meili' | 'front';

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
/** How one engine is asked, and how its connections are let go once the job is done. */
type Sender = { send: Send; close: () => Promise<void> };
type GigsAnswer = {
  data?: { gigs?: { totalCount: number; degraded: boolean } } | null;
  errors?: unknown[];
};

function apiSender(job: LoadJob): Sender {
  const pool = new Pool(job.apiUrl, { connections: job.concurrency });
  const send: Send = async (search) => {
    const response = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: GIGS_QUERY, variables: { search, first: PAGE } }),
    });
    const answer = (await response.body.json()) as GigsAnswer;
    const gigs = answer.data?.gigs;
    if (response.statusCode !== 200 || answer.errors || !gigs) {
      throw new Error(
        `${job.engine} ${response.statusCode} for ${JSON.stringify(search)}: ${JSON.stringify(answer.errors)}`,
      );
    }
    if (gigs.degraded)
      throw new Error(`API answered degraded (from PostgreSQL) for ${JSON.stringify(search)}`);
    return gigs.totalCount;
  };
  return { send, close: () => pool.close() };
}

/** The requests the API would send for the same search (one per tier), built by the API's own code. */
function meiliSender(job: LoadJob): Sender {
  const search = createSearch(job.meili);
  const send: Send = (input) => searchTiers(search, input, PAGE, job.watermark);
  return { send, close: () => search.close() };
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
  // The bare front takes the API's very request (job.apiUrl is its address then).
  const { send, close } = job.engine === 'meili' ? meiliSender(job) : apiSender(job);
  try {
    await drive(job.warmup, job.concurrency, send);
    result = { ok: true, ...(await drive(job.measured, job.concurrency, send)) };
  } catch (error) {
    result = { ok: false, error: (error as Error).stack ?? String(error) };
  } finally {
    await close();
  }
  process.send?.(result);
});
// The bench closes the channel when it is done (or dies): no client outlives it.
process.on('disconnect', () => process.exit(0));
