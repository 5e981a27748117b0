// The benchmark's clients, in a process of their own: the API's event loop must not also parse the
// answers it is timed on. Run by bench/search.ts through fork(); one job per message.

import { Pool } from 'undici';
import { readTaxonomy } from '../src/db/seed/reference.js';
import type { GigSearchInput } from '../src/modules/gigs/gig-query.js';
import { type CourseSearchInput, parseCourseSearch } from '../src/modules/training/course-query.js';
import { courseRequest } from '../src/modules/training/course-search.meili.js';
import { createSearch } from '../src/search/client.js';
import type { TierState } from '../src/search/tiers.js';
import { searchTiers } from './bare-front.js';
import { COURSES_QUERY } from './courses.js';
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
  /** What the search tiers hold, as the API reads it (src/search/tiers.ts); null for courses. */
  tiers: TierState | null;
  /** Each region's parent, when the tiers have an index per city (tiers.cities). */
  regionParents?: [string, string | null][];
  concurrency: number;
  /** Which search: the gigs query (the default) or the courses query. */
  kind?: 'gigs' | 'courses';
  warmup: (GigSearchInput | CourseSearchInput)[];
  measured: (GigSearchInput | CourseSearchInput)[];
};

export type LoadResult =
  | { ok: true; latencies: number[]; wallMs: number; hits: number[] }
  | { ok: false; error: string };

type Send = (search: GigSearchInput | CourseSearchInput) => Promise<number>;
/** How one engine is asked, and how its connections are let go once the job is done. */
type Sender = { send: Send; close: () => Promise<void> };
type GigsAnswer = {
  data?: Record<string, { totalCount: number; degraded: boolean } | undefined> | null;
  errors?: unknown[];
};

function apiSender(job: LoadJob): Sender {
  const pool = new Pool(job.apiUrl, { connections: job.concurrency });
  const send: Send = async (search) => {
    const response = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: job.kind === 'courses' ? COURSES_QUERY : GIGS_QUERY,
        variables: { search, first: PAGE },
      }),
    });
    const answer = (await response.body.json()) as GigsAnswer;
    const gigs = answer.data?.[job.kind ?? 'gigs'];
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
  // A region's ancestors from the parents the job carries (an index per city: a region's city).
  const parentOf = new Map(job.regionParents ?? []);
  const tree = {
    ancestors(code: string | null | undefined) {
      const chain: string[] = [];
      for (let at = code ?? null; at && chain.length < 5; at = parentOf.get(at) ?? null) chain.push(at);
      return chain;
    },
  };
  const send: Send = (input) =>
    searchTiers(search, input as GigSearchInput, PAGE, job.tiers ?? { bulk: null, freshTop: null }, tree);
  return { send, close: () => search.close() };
}

/** The course search's request, built by the API's own code (course-query.ts, course-search.meili.ts). */
function courseMeiliSender(job: LoadJob): Sender {
  const search = createSearch(job.meili);
  const taxonomy = readTaxonomy();
  const send: Send = async (input) => {
    const query = parseCourseSearch(input as CourseSearchInput, { first: PAGE }, new Date(), await taxonomy);
    const { q, params } = courseRequest(query);
    const answer = await search.query('courses', q, params);
    return Object.values(answer.facetDistribution?.subsidised ?? {}).reduce((sum, n) => sum + n, 0);
  };
  return { send, close: () => search.close() };
}

/** `concurrency` clients, each sending its next search as soon as its last one is answered. */
async function drive(searches: (GigSearchInput | CourseSearchInput)[], concurrency: number, send: Send) {
  const latencies = new Array<number>(searches.length);
  const hits = new Array<number>(searches.length);
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < searches.length; i = next++) {
        const sent = performance.now();
        hits[i] = await send(searches[i] as GigSearchInput | CourseSearchInput);
        latencies[i] = performance.now() - sent;
      }
    }),
  );
  return { latencies, hits, wallMs: performance.now() - began };
}

process.on('message', async (job: LoadJob) => {
  let result: LoadResult;
  // The bare front takes the API's very request (job.apiUrl is its address then).
  const { send, close } =
    job.engine !== 'meili'
      ? apiSender(job)
      : job.kind === 'courses'
        ? courseMeiliSender(job)
        : meiliSender(job);
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
