import { describe, expect, it } from 'vitest';
import { parseGigSearch } from '../../src/modules/gigs/gig-query.js';
import { searchMeili } from '../../src/modules/gigs/meili-search.js';
import type { Search } from '../../src/search/client.js';

const query = parseGigSearch({ q: '电焊' }, { first: 20 }, new Date('2026-12-06T08:00:00Z'));
const answer = { hits: [], facetDistribution: { payUnit: {} } };

/** A search engine whose fresh tier answers only when `freshAnswers`, else waits until its signal aborts. */
function engine(freshAnswers: boolean) {
  const signals: AbortSignal[] = [];
  const search: Pick<Search, 'query'> = {
    query: (name, _q, _params, signal) => {
      if (signal) signals.push(signal);
      if (name !== 'gigsFresh' || freshAnswers) return Promise.resolve(answer) as never;
      return new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    },
  };
  return { search, signals };
}

describe('a gig search over both tiers', () => {
  it('gives up when a tier does not answer within the timeout, so PostgreSQL can answer', async () => {
    const { search, signals } = engine(false);
    const began = performance.now();
    await expect(searchMeili(search, query, 100, { bulk: 7, freshTop: null })).rejects.toThrow(
      /no answer within 100 ms/,
    );
    expect(performance.now() - began).toBeLessThan(1_000);
    expect(signals.length).toBe(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('leaves nothing to run out once both tiers have answered', async () => {
    const { search, signals } = engine(true);
    await searchMeili(search, query, 50, { bulk: 7, freshTop: null });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(signals.length).toBe(2);
    expect(signals.some((s) => s.aborted)).toBe(false);
  });
});
