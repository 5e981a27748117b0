import fc from 'fast-check';
import { MeilisearchApiError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGigSearch } from '../../src/modules/gigs/gig-query.js';
import { FRESH_SLACK, mergeTiers, type TierHit, tierOrder } from '../../src/modules/gigs/meili-search.js';
import { advanceWatermark, createPruneFloor, readWatermark } from '../../src/search/tiers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';

describe('merging the two tiers’ pages', () => {
  const sorts = ['SOONEST', 'HIGHEST_PAY', 'NEWEST', 'NEAREST'] as const;
  const hit = fc.record({
    startsAt: fc.integer({ min: 0, max: 20 }),
    hourlyFen: fc.integer({ min: 1, max: 5 }),
    postedAt: fc.integer({ min: 0, max: 20 }),
    _geoDistance: fc.integer({ min: 0, max: 30 }),
  });

  it('gives exactly the page of the whole order, for any split, page and sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hit, fc.boolean()), { maxLength: 200, size: 'max' }),
        fc.constantFrom(...sorts),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        (gigs, sort, place, first) => {
          const offset = place % (gigs.length + 1); // mostly pages inside the list
          const query = {
            ...parseGigSearch(
              { sort, near: sort === 'NEAREST' ? { lat: 35, lng: 116, radiusKm: 50 } : null },
              { first },
              new Date(),
            ),
            offset,
          };
          const order = tierOrder(query);
          const hits: (TierHit & { fresh: boolean })[] = gigs.map(([h, fresh], i) => ({
            ...h,
            id: `g${String(i).padStart(4, '0')}`,
            _geo: { lat: 35, lng: 116 },
            fresh,
          }));
          const whole = [...hits].sort(order);
          const bulkOrder = whole.filter((h) => !h.fresh);
          const freshOrder = whole.filter((h) => h.fresh);
          // What Meilisearch answers to the requests tierRequests makes.
          const ask = (from: number) => bulkOrder.slice(from, offset + first);
          const freshPage = freshOrder.slice(0, offset + first);
          let from = Math.max(0, offset - FRESH_SLACK);
          let page = mergeTiers(query, ask(from), from, freshPage, freshOrder.length);
          if (!page) {
            from = Math.max(0, offset - freshOrder.length);
            page = mergeTiers(query, ask(from), from, freshPage, freshOrder.length);
          }
          expect(page?.map((h) => h.id)).toEqual(whole.slice(offset, offset + first).map((h) => h.id));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the fresh tier’s pruning floor', () => {
  it('is the newest watermark at least the keeping time old, and none before', () => {
    const floor = createPruneFloor(60_000);
    expect(floor.next(10, 0)).toBeNull();
    expect(floor.next(20, 30_000)).toBeNull();
    expect(floor.next(30, 61_000)).toBe(10);
    expect(floor.next(40, 95_000)).toBe(20);
    expect(floor.next(50, 96_000)).toBeNull();
  });
});

describe('a gig in the fresh tier before the bulk tier has it', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The bulk tier waits a minute after each batch: long enough to look between the two.
    t = await createTestApp({ env: { SEARCH_BULK_INTERVAL_MS: '60000' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const FIND = `query ($first: Int, $after: String) {
    gigs(search: { q: "电焊", near: { lat: 35.80, lng: 116.10, radiusKm: 20 } }, first: $first, after: $after) {
      totalCount degraded pageInfo { hasNextPage endCursor } edges { distanceKm node { id } }
    }
  }`;
  type Found = {
    gigs: {
      totalCount: number;
      degraded: boolean;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { distanceKm: number; node: { id: string } }[];
    };
  };
  const inIndex = async (name: 'gigs' | 'gigsFresh', id: string) =>
    t.app.meili
      .index(name)
      .getDocument(id, { fields: ['id'] })
      .then(() => true)
      .catch((error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code === 'document_not_found') return false;
        throw error;
      });
  async function everyPage(first: number) {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data } = (await t.gql<Found>(FIND, { first, after })) as { data?: Found };
      if (!data) throw new Error('no answer');
      seen.push(...data.gigs.edges.map((e) => e.node.id));
      if (!data.gigs.pageInfo.hasNextPage) return { seen, totalCount: data.gigs.totalCount };
      after = data.gigs.pageInfo.endCursor;
    }
  }

  it('is found at once, once, with its distance; pages over both tiers neither repeat nor skip', async () => {
    const employer = await verifiedEmployer(t);
    const early = [];
    for (let i = 0; i < 4; i++)
      early.push(await postGig(t, employer.token, { title: `钢结构电焊 第${i}批` }));
    await t.app.outbox.drain(); // every tier has them, and the bulk tier now waits its minute
    const watermark = await readWatermark(t.app.db);
    expect(watermark).not.toBeNull();

    const late = [];
    for (let i = 0; i < 3; i++) {
      late.push(await postGig(t, employer.token, { title: `厂房电焊 新${i}`, location: LIANGSHAN }));
    }
    const last = late.at(-1)?.id as string;
    const deadline = Date.now() + 5_000;
    let found: Found['gigs'] | undefined;
    while (Date.now() < deadline) {
      found = (await t.gql<Found>(FIND, { first: 20 })).data?.gigs;
      if (found?.edges.some((e) => e.node.id === last)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(found?.degraded).toBe(false);
    // Only the fresh tier has the new gigs yet.
    for (const gig of late) {
      expect(await inIndex('gigsFresh', gig.id)).toBe(true);
      expect(await inIndex('gigs', gig.id)).toBe(false);
    }
    const all = [...early, ...late].map((g) => g.id).sort();
    expect(found?.totalCount).toBe(all.length);
    expect(found?.edges.map((e) => e.node.id).sort()).toEqual(all);
    expect(found?.edges.find((e) => e.node.id === last)?.distanceKm).toBeCloseTo(0.4, 1);

    for (const first of [1, 2, 3]) {
      const { seen, totalCount } = await everyPage(first);
      expect(totalCount).toBe(all.length);
      expect([...seen].sort()).toEqual(all);
    }

    // Once the bulk tier has them and the watermark passes them, each is still found once.
    await t.app.outbox.drain();
    expect(await inIndex('gigs', last)).toBe(true);
    expect(Number(await readWatermark(t.app.db))).toBeGreaterThan(Number(watermark));
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // this node reads it again
    const { seen, totalCount } = await everyPage(2);
    expect(totalCount).toBe(all.length);
    expect([...seen].sort()).toEqual(all);
  });

  it('never raises the watermark past a gig still waiting for the bulk tier, nor lowers it', async () => {
    await t.app.outbox.stop(); // the gig's rows stay where they are
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { title: '等待入库的电焊活' });
    const [row] = await t.app.sql<
      { xid: string }[]
    >`select post_xid::text as xid from gigs where id = ${gig.id}`;
    const postXid = Number(row?.xid);
    const before = Number(await readWatermark(t.app.db));

    await advanceWatermark(postXid + 1_000_000, t.app.db); // as if every transaction had ended
    const raised = Number(await readWatermark(t.app.db));
    expect(raised).toBeLessThanOrEqual(postXid);
    expect(raised).toBeGreaterThanOrEqual(before);

    await advanceWatermark(1, t.app.db);
    expect(Number(await readWatermark(t.app.db))).toBe(raised);
  });
});
