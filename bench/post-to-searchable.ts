import { setTimeout as sleep } from 'node:timers/promises';
import { type Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { Database } from '../src/db/client.js';
import { createGigGenerator, loadMarketContext } from './gig-generator.js';
import { benchEmployer } from './offers-market.js';

const POLL_MS = 5;
const GIVE_UP_MS = 10_000;

type Answer<T> = { data?: T | null; errors?: unknown[] };

function graphql(apiUrl: string) {
  return async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as Answer<T>;
    if (answer.errors || !answer.data) throw new Error(`GraphQL failed: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  };
}

/** The moment a document is in the index, by asking for it every few milliseconds. */
async function waitForDocument(meili: Meilisearch, indexUid: string, id: string): Promise<number> {
  const index = meili.index(indexUid);
  const deadline = performance.now() + GIVE_UP_MS;
  while (performance.now() < deadline) {
    try {
      await index.getDocument(id, { fields: ['id'] });
      return performance.now();
    } catch (error) {
      if (!(error instanceof MeilisearchApiError) || error.cause?.code !== 'document_not_found') throw error;
    }
    await sleep(POLL_MS);
  }
  throw new Error(`gig ${id} was not searchable ${GIVE_UP_MS / 1000} s after it was posted`);
}

export type PostTimings = {
  postMs: number[];
  searchableMs: number[];
  /** Meilisearch's own account of the indexing batches the posts caused. */
  batches: { medianMs: number; slowestStep: string; slowestStepMedianMs: number };
};

/** "1.64s", "34.75ms", "269.02µs" → milliseconds. */
const traceMs = (text: string) => {
  const value = Number.parseFloat(text);
  return text.endsWith('µs') ? value / 1000 : text.endsWith('ms') ? value : value * 1000;
};
/** ISO 8601 "PT1.766S" → milliseconds. */
const durationMs = (iso: string | null) => Number.parseFloat(iso?.match(/PT([\d.]+)S/)?.[1] ?? 'NaN') * 1000;
const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Which step of Meilisearch's indexing took longest, in the median over the batches. */
async function indexingBatches(meili: Meilisearch, indexUid: string, count: number) {
  const { results } = await meili.batches.getBatches({
    limit: count,
    types: ['documentAdditionOrUpdate'],
    indexUids: [indexUid],
  });
  const steps = new Map<string, number[]>();
  for (const batch of results) {
    for (const [step, took] of Object.entries((batch.stats.progressTrace ?? {}) as Record<string, string>)) {
      // Only the steps directly under indexing: their parents would always win, their children repeat them.
      const name = step.split(' > ');
      if (name.length !== 3 || name[1] !== 'indexing') continue;
      steps.set(name[2] as string, [...(steps.get(name[2] as string) ?? []), traceMs(took)]);
    }
  }
  const [slowestStep = 'unknown', slowestStepMedianMs = Number.NaN] =
    [...steps].map(([step, times]) => [step, middle(times)] as const).sort((a, b) => b[1] - a[1])[0] ?? [];
  return { medianMs: middle(results.map((b) => durationMs(b.duration))), slowestStep, slowestStepMedianMs };
}

/**
 * Posts `count` generated gigs one after another through the API and times, for each, the
 * moment its id is in Meilisearch, counted from when postGig was sent. The next post waits, so
 * each gig is timed on its own, as an employer posting one gig sees it.
 */
export async function postToSearchable(options: {
  apiUrl: string;
  db: Database;
  meili: Meilisearch;
  indexUid: string;
  count: number;
}): Promise<PostTimings> {
  const gql = graphql(options.apiUrl);
  const employer = await benchEmployer(options.db, gql);
  const next = createGigGenerator(
    await loadMarketContext(options.db, [{ id: employer.id, regionCode: '370832' }]),
    Date.now() % 2 ** 31,
  );
  const timings = { postMs: [] as number[], searchableMs: [] as number[] };
  for (let i = 0; i < options.count; i++) {
    const { gig, skills } = next();
    const input = {
      title: gig.title,
      description: gig.description,
      skills,
      headcount: gig.headcount,
      startsAt: gig.startsAt.toISOString(),
      endsAt: gig.endsAt.toISOString(),
      regionCode: gig.regionCode,
      address: gig.address,
      location: { lat: gig.lat, lng: gig.lng },
      payFen: gig.payFen,
      payUnit: gig.payUnit,
      payDueDays: gig.payDueDays,
      hoursPerDay: gig.hoursPerDay,
      piecesPerHour: gig.piecesPerHour,
      olderFriendly: gig.olderFriendly,
      publicWelfare: gig.publicWelfare,
      instant: gig.instant,
      searchRadiusKm: gig.searchRadiusKm,
    };
    const sent = performance.now();
    const { postGig } = await gql<{ postGig: { id: string } }>(
      'mutation ($input: PostGigInput!) { postGig(input: $input) { id } }',
      { input },
      employer.token,
    );
    timings.postMs.push(performance.now() - sent);
    timings.searchableMs.push((await waitForDocument(options.meili, options.indexUid, postGig.id)) - sent);
  }
  return { ...timings, batches: await indexingBatches(options.meili, options.indexUid, options.count) };
}
