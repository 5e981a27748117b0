import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/modules/gigs/gig-query.js';
import { pageOf } from '../../../src/modules/gigs/search-result.js';

describe('a search page’s edges', () => {
  const query = { fingerprint: 'abc123def456', offset: 40, first: 3, asOf: new Date('2026-12-06T08:00:00Z') };
  const result = {
    hits: [
      { id: 'a', distanceKm: 1.5 },
      { id: 'gone', distanceKm: 2 },
      { id: 'c', distanceKm: null },
    ],
    totalCount: 90,
    facets: {},
    depth: 2000,
    degraded: false,
  };
  const rows = [{ id: 'a' }, { id: 'c' }];

  it('carry the cursor of their place in the search, made when read, also in JSON (the kiosk board cache)', () => {
    const page = pageOf(query, result, rows, () => true);
    expect(page.edges.map((e) => e.cursor)).toEqual([encodeCursor(query, 41), encodeCursor(query, 43)]);
    expect(page.pageInfo.endCursor).toBe(encodeCursor(query, 43));
    const copied = JSON.parse(JSON.stringify(page)) as { edges: { cursor: string; node: { id: string } }[] };
    expect(copied.edges.map((e) => [e.node.id, e.cursor])).toEqual([
      ['a', encodeCursor(query, 41)],
      ['c', encodeCursor(query, 43)],
    ]);
  });
});
