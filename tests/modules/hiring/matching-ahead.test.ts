import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { createMatcher, type MatchGig } from '../../../src/modules/hiring/matching.js';
import type { MatchingRepository } from '../../../src/modules/hiring/matching.repository.js';
import type { Search } from '../../../src/search/client.js';

const gig: MatchGig = {
  id: '00000000-0000-4000-8000-000000000001',
  employerId: '00000000-0000-4000-8000-000000000002',
  lat: 35.8,
  lng: 116.1,
  searchRadiusKm: 20,
  startsAt: new Date('2026-12-08T00:00:00Z'),
  endsAt: new Date('2026-12-08T08:00:00Z'),
  publicWelfare: false,
  skills: ['welder'],
  minSkillLevel: null,
};

/** A matcher whose Meilisearch answers `asked-now`; records the ids PostgreSQL is handed. */
function matcher() {
  const handed: (string[] | null)[] = [];
  const repository = {
    specialOperations: async () => [],
    offeredCount: async () => 0,
    eligible: async (_gig: MatchGig, options: { ids: string[] | null }) => {
      handed.push(options.ids);
      return [];
    },
  } as Pick<MatchingRepository, 'specialOperations' | 'offeredCount' | 'eligible'> as MatchingRepository;
  const search = {
    query: async () => ({ hits: [{ id: 'asked-now' }], processingTimeMs: 1, query: '' }),
  } as Pick<Search, 'query'> as Search;
  const match = createMatcher({
    repository,
    search,
    clock: systemClock,
    timeoutMs: 1000,
    onSearchDown: () => {},
    cellKm: 3,
  });
  return { match, handed };
}

describe("a first wave's Meilisearch answer, asked ahead", () => {
  it('is what PostgreSQL checks while nobody was offered the gig, and never once someone was', async () => {
    const { match, handed } = matcher();
    const near = Promise.resolve(['asked-ahead']);
    await match.candidates(gig, { fresh: true, offered: 0, near });
    // A later wave (someone offered already) asks afresh, past those offered.
    await match.candidates(gig, { fresh: true, offered: 3, near });
    expect(handed).toEqual([['asked-ahead'], ['asked-now']]);
  });
});
