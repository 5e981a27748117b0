import { MeilisearchApiError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGigSearch } from '../../src/modules/gigs/gig-query.js';
import { tierRequests } from '../../src/modules/gigs/meili-search.js';
import { freshTierNeeded, publishFreshTop } from '../../src/search/tiers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';

describe('which tiers a gig search asks', () => {
  const query = parseGigSearch({ q: '电焊' }, { first: 20 }, new Date('2026-12-06T08:00:00Z'));
  const filters = (tiers: { bulk: number | null; freshTop: number | null }) =>
    tierRequests(query, tiers).map((r) => [
      r.indexName,
      [r.params.filter].flat(2).filter((f) => typeof f === 'string' && f.includes('postXid')),
    ]);

  it('asks the fresh tier whenever it may hold a gig at or above the watermark', () => {
    expect(filters({ bulk: 100, freshTop: null })).toEqual([
      ['gigs', ['postXid < 100']],
      ['gigsFresh', ['postXid >= 100']],
    ]);
    expect(filters({ bulk: 100, freshTop: 100 })).toHaveLength(2);
    expect(filters({ bulk: 100, freshTop: 250 })).toHaveLength(2);
  });

  it('asks the bulk tier alone, whole, when the fresh tier’s top is below the watermark or none is known', () => {
    expect(filters({ bulk: 100, freshTop: 99 })).toEqual([['gigs', []]]);
    expect(filters({ bulk: null, freshTop: 99 })).toEqual([['gigs', []]]);
    expect(filters({ bulk: null, freshTop: null })).toEqual([['gigs', []]]);
  });
});

describe('the fresh tier’s published top', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The bulk tier waits a minute after each batch: long enough to look between the two.
    t = await createTestApp({ env: { SEARCH_BULK_INTERVAL_MS: '60000' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const FIND = `query {
    gigs(search: { q: "电焊", near: { lat: 35.80, lng: 116.10, radiusKm: 20 } }, first: 20) {
      totalCount degraded edges { node { id } }
    }
  }`;
  type Found = { gigs: { totalCount: number; degraded: boolean; edges: { node: { id: string } }[] } };
  const inIndex = async (name: 'gigs' | 'gigsFresh', id: string) =>
    t.app.meili
      .index(name)
      .getDocument(id, { fields: ['id'] })
      .then(() => true)
      .catch((error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code === 'document_not_found') return false;
        throw error;
      });
  async function until(check: () => Promise<boolean>, what: string, withinMs = 5_000) {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`not within ${withinMs} ms: ${what}`);
  }

  it('lets searches skip an empty fresh tier, and a gig just posted is found by the very next search', async () => {
    const employer = await verifiedEmployer(t);
    const early = await postGig(t, employer.token, { title: '钢结构电焊 老活' });
    // The bulk dispatcher's own loop sends it, and then waits its minute.
    await until(() => inIndex('gigs', early.id), 'the first gig in the bulk tier');
    // Its watermark then rose only to the oldest transaction running when that batch began; an
    // empty batch now raises it past every gig (the loop's next batch waits its minute still).
    await t.app.outbox.drain();
    const tiers = t.app.services.searchTiers;
    const before = await tiers.reread();
    expect(before.bulk).not.toBeNull();
    expect(freshTierNeeded(before)).toBe(false); // searches now ask the bulk tier alone

    const gig = await postGig(t, employer.token, { title: '厂房电焊 新活', location: LIANGSHAN });
    // Asked of Meilisearch itself, not through the API: the moment the fresh tier has it.
    await until(() => inIndex('gigsFresh', gig.id), 'the new gig in the fresh tier');
    const found = (await t.gql<Found>(FIND)).data?.gigs; // one search, no second try
    expect(await inIndex('gigs', gig.id)).toBe(false); // only the fresh tier has it
    expect(found?.degraded).toBe(false);
    expect(found?.edges.map((e) => e.node.id).sort()).toEqual([early.id, gig.id].sort());
    expect(found?.totalCount).toBe(2);
  });

  it('is heard by every node at once, not at its next read', async () => {
    const tiers = t.app.services.searchTiers;
    const now = await tiers.reread(); // the next read is a second away
    const top = (now.freshTop ?? 0) + 1_000;
    // As another node's fresh dispatcher publishes it, in a statement of its own.
    await publishFreshTop(top, t.app.db);
    // Within half a second: the node's own read of the table comes only after a second.
    await until(async () => (await tiers.current()).freshTop === top, 'the notice', 500);
    // And only raised: a lower top changes nothing.
    await publishFreshTop(top - 500, t.app.db);
    expect((await tiers.reread()).freshTop).toBe(top);
  });
});
