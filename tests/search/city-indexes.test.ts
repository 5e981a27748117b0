import { sql } from 'drizzle-orm';
import { MeilisearchApiError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGigSearch } from '../../src/modules/gigs/gig-query.js';
import { createGigsRepository } from '../../src/modules/gigs/gigs.repository.js';
import { searchMeili } from '../../src/modules/gigs/meili-search.js';
import { enqueueOutbox } from '../../src/outbox/outbox.js';
import { readCityExtents } from '../../src/search/cities.js';
import { settled } from '../../src/search/client.js';
import { rebuildCityIndexes } from '../../src/search/reindex.js';
import { readWatermark } from '../../src/search/tiers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { gigInput, LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';

// SEARCH_GIG_INDEX=city: the bulk tier is one index per city (src/search/cities.ts). Every listing
// read here goes through GraphQL; what one index would answer is asked of the app's own one-index
// `gigs` index, filled with the same documents, through the same search code.

const JINING = '370800';
const LINYI = '371300';
/** A point on the border of 泗水县 (济宁市) and 平邑县 (临沂市), from the seed's outlines. */
const BORDER = { lat: 35.5322, lng: 117.5049 };
/** A kilometre from the border into 泗水县 (towards its seat), and into 平邑县. */
const SISHUI_SIDE = { lat: 35.537, lng: 117.4956 };
const PINGYI_SIDE = { lat: 35.5298, lng: 117.5157 };
/** Three kilometres into 平邑县: a searcher on the 临沂 side of the border. */
const LINYI_SEARCHER = { lat: 35.526, lng: 117.5373 };

const HOUR = 3_600_000;
const jitter = (p: { lat: number; lng: number }, i: number) => ({
  lat: Number((p.lat + ((i % 5) - 2) * 0.004).toFixed(4)),
  lng: Number((p.lng + ((i % 3) - 1) * 0.005).toFixed(4)),
});

describe('an index per city', () => {
  let t: TestApp;
  let token: string;
  const posted: string[] = [];

  beforeAll(async () => {
    // The bulk tier waits a minute after each batch: drain() sends it when the test says.
    t = await createTestApp({ env: { SEARCH_GIG_INDEX: 'city', SEARCH_BULK_INTERVAL_MS: '60000' } });
    token = (await verifiedEmployer(t)).token;
    const places = [
      { regionCode: '370832', at: LIANGSHAN, n: 7 }, // 梁山县, 济宁市
      { regionCode: '370831', at: { lat: 35.664, lng: 117.251 }, n: 5 }, // 泗水县, 济宁市
      { regionCode: '371326', at: { lat: 35.506, lng: 117.64 }, n: 5 }, // 平邑县, 临沂市
      { regionCode: '371325', at: { lat: 35.266, lng: 117.978 }, n: 4 }, // 费县, 临沂市
    ];
    const base = gigInput();
    let i = 0;
    for (const place of places) {
      for (let k = 0; k < place.n; k++, i++) {
        const start = new Date(Date.parse(base.startsAt) + (i % 4) * 24 * HOUR);
        const gig = await postGig(t, token, {
          title: i % 3 === 0 ? `搬运装卸 第${i}批` : `钢结构电焊 第${i}批`,
          skills: i % 3 === 0 ? ['construction_helper'] : ['welder'],
          regionCode: place.regionCode,
          location: jitter(place.at, i),
          payFen: 20_000 + (i % 6) * 2_500,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
        });
        posted.push(gig.id);
      }
    }
    for (const [regionCode, location] of [
      ['370831', SISHUI_SIDE],
      ['371326', PINGYI_SIDE],
    ] as const) {
      posted.push((await postGig(t, token, { title: '边界厂房电焊', regionCode, location })).id);
    }
    await t.app.outbox.drain();
    // The one-index answer: the same documents in the app's (otherwise empty) one bulk index.
    const { upserts } = await t.app.services.documents.gigs(posted);
    await settled(t.app.meili.index('gigs').addDocuments(upserts, { primaryKey: 'id' }));
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the node reads the watermark and cities again
  });
  afterAll(async () => {
    await t?.close();
  });

  const FIND = `query ($s: GigSearch, $first: Int, $after: String) {
    gigs(search: $s, first: $first, after: $after) {
      totalCount degraded pageInfo { hasNextPage endCursor } edges { node { id } }
    }
  }`;
  type Found = {
    gigs: {
      totalCount: number;
      degraded: boolean;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string } }[];
    };
  };
  /** Every page of a listing through GraphQL, `first` at a time. */
  async function listing(search: Record<string, unknown>, first = 4) {
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const { data, errors } = (await t.gql<Found>(FIND, { s: search, first, after })) as {
        data?: Found;
        errors?: unknown;
      };
      if (!data) throw new Error(`no answer: ${JSON.stringify(errors)}`);
      expect(data.gigs.degraded).toBe(false);
      seen.push(...data.gigs.edges.map((e) => e.node.id));
      totalCount = data.gigs.totalCount;
      if (!data.gigs.pageInfo.hasNextPage) return { ids: seen, totalCount };
      after = data.gigs.pageInfo.endCursor;
    }
  }
  /** What one bulk index answers to the same search, in one page. */
  async function oneIndex(search: Record<string, unknown>) {
    const query = parseGigSearch(search, { first: 100 }, new Date());
    const result = await searchMeili(t.app.meili, query, 5_000, { bulk: null, freshTop: null });
    return { ids: result.hits.map((h) => h.id), totalCount: result.totalCount };
  }
  const cityIndexes = async () =>
    (await t.app.meili.client.getIndexes({ limit: 1000 })).results
      .map((i) => i.uid)
      .filter((uid) => uid.startsWith(`${t.app.meili.uid('gigs')}_`) && /_\d{6}$/.test(uid))
      .sort();
  const inCity = async (city: string, id: string) =>
    t.app.meili.client
      .index(t.app.meili.cityUid(city))
      .getDocument(id, { fields: ['id', 'status'] })
      .then((doc) => String(doc.status))
      .catch((error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code === 'document_not_found') return null;
        throw error;
      });

  it('keeps each gig in its city’s index, and each city’s box around its gigs', async () => {
    expect(await cityIndexes()).toEqual([t.app.meili.cityUid(JINING), t.app.meili.cityUid(LINYI)]);
    const [first, , , , , , , , , , , , last] = posted;
    expect(await inCity(JINING, first as string)).toBe('OPEN');
    expect(await inCity(LINYI, first as string)).toBeNull();
    expect(await inCity(LINYI, last as string)).toBe('OPEN');
    const boxes = await readCityExtents(t.app.db);
    expect(boxes.map((b) => b.city)).toEqual([JINING, LINYI]);
    const jining = boxes[0];
    expect(jining?.maxLng).toBeCloseTo(SISHUI_SIDE.lng, 4); // the border gig is 济宁's easternmost
    expect(await t.app.meili.index('gigs').getStats()).toMatchObject({ numberOfDocuments: posted.length });
  });

  const searches: [string, Record<string, unknown>][] = [
    [
      'text + trade + a radius across the border, nearest first',
      { q: '电焊', skills: ['welder'], near: { lat: 35.58, lng: 117.45, radiusKm: 25 } },
    ],
    [
      'a radius across the border, soonest first',
      { near: { lat: 35.58, lng: 117.45, radiusKm: 25 }, sort: 'SOONEST' },
    ],
    ['text over every city, soonest', { q: '电焊', sort: 'SOONEST' }],
    ['filter only over every city, best paid', { sort: 'HIGHEST_PAY' }],
    ['filter only over every city, newest', { sort: 'NEWEST' }],
    ['a trade over every city, default order', { skills: ['construction_helper'] }],
    ['a city', { regionCode: LINYI, sort: 'HIGHEST_PAY' }],
    ['a county', { regionCode: '370831', q: '电焊' }],
    ['the province', { regionCode: '370000', sort: 'SOONEST' }],
    ['a wide radius over both cities, nearest', { near: { lat: 35.5, lng: 117.2, radiusKm: 100 } }],
  ];
  it.each(searches)('lists the same gigs in the same order as one index: %s', async (_name, search) => {
    const expected = await oneIndex(search);
    expect(expected.ids.length).toBeGreaterThan(1);
    for (const first of [3, 50]) {
      const found = await listing(search, first);
      expect(found.ids).toEqual(expected.ids);
      expect(found.totalCount).toBe(expected.totalCount);
    }
  });

  it('finds a gig near the border from the other city’s side', async () => {
    const search = { near: { ...LINYI_SEARCHER, radiusKm: 6 } };
    const { ids } = await listing(search);
    expect(ids).toEqual((await oneIndex(search)).ids);
    const border = posted.slice(-2); // 泗水 side (济宁), 平邑 side (临沂)
    expect(ids).toEqual([border[1], border[0]]);
    // With only 济宁's index in reach the 临沂 searcher still finds 济宁's gig.
    const { ids: west } = await listing({
      near: { lat: BORDER.lat + 0.03, lng: BORDER.lng - 0.03, radiusKm: 3.5 },
    });
    expect(west).toContain(border[0]);
  });

  it('takes a cancelled gig out of the listing and a deleted one out of its city’s index', async () => {
    const cancelled = posted[1] as string;
    const { errors } = await t.gql(
      'mutation ($id: ID!, $r: String!) { cancelGig(gigId: $id, reason: $r) { status } }',
      { id: cancelled, r: '工程推迟，暂不需要' },
      token,
    );
    expect(errors).toBeUndefined();
    const deleted = (
      await postGig(t, token, { title: '临时电焊活 即将撤下', regionCode: '371326', location: PINGYI_SIDE })
    ).id;
    await t.app.outbox.drain();
    expect(await inCity(LINYI, deleted)).toBe('OPEN');
    await t.app.db.transaction(async (tx) => {
      await tx.execute(sql`delete from gig_skills where gig_id = ${deleted}`);
      await tx.execute(sql`delete from gigs where id = ${deleted}`);
      await enqueueOutbox('gigs', [deleted], tx);
    });
    await t.app.outbox.drain();
    expect(await inCity(JINING, cancelled)).toBe('CANCELLED');
    expect(await inCity(LINYI, deleted)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { ids } = await listing({ q: '电焊', sort: 'SOONEST' }, 50);
    expect(ids).not.toContain(cancelled);
    expect(ids).not.toContain(deleted);
  });

  it('finds a new gig once, before and after the bulk tier has it, in a city that had no index', async () => {
    const before = Number(await readWatermark(t.app.db));
    // 临汾市 (山西): no gig there yet, so no index.
    const fresh = [];
    for (let i = 0; i < 3; i++) {
      fresh.push(
        (
          await postGig(t, token, {
            title: `临汾电焊 新${i}`,
            regionCode: '141002',
            payFen: 30_000,
            location: { lat: 36.083, lng: 111.526 },
          })
        ).id,
      );
    }
    const search = { q: '临汾电焊', sort: 'SOONEST' };
    const deadline = Date.now() + 5_000;
    let found: string[] = [];
    while (Date.now() < deadline && found.length < 3) {
      found = (await listing(search, 2)).ids;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect([...found].sort()).toEqual([...fresh].sort());
    expect(await cityIndexes()).not.toContain(t.app.meili.cityUid('141000'));

    await t.app.outbox.drain();
    expect(Number(await readWatermark(t.app.db))).toBeGreaterThan(before);
    expect(await cityIndexes()).toContain(t.app.meili.cityUid('141000'));
    for (const wait of [0, 1_100]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const { ids, totalCount } = await listing(search, 2);
      expect(totalCount).toBe(3);
      expect([...ids].sort()).toEqual([...fresh].sort());
    }
  });

  it('rebuilds the city indexes from PostgreSQL (reindex), and lists as before', async () => {
    const search = { q: '电焊', sort: 'SOONEST' };
    const before = await listing(search, 50);
    // A stray document only a rebuild takes out: the staging copies hold PostgreSQL's gigs alone.
    await settled(
      t.app.meili.client
        .index(t.app.meili.cityUid(JINING))
        .addDocuments([{ id: '00000000-0000-4000-8000-000000000000', status: 'OPEN' }], { primaryKey: 'id' }),
    );
    const reference = t.app.services.reference;
    const { documents, cities } = await rebuildCityIndexes({
      search: t.app.meili,
      taxonomy: await reference.taxonomy(),
      source: { ...createGigsRepository(t.app.db), build: t.app.services.documents.gigs },
      tree: await reference.regionTree(),
      db: t.app.db,
    });
    const [{ n }] = (await t.app.db.execute(sql`select count(*)::int as n from gigs`)) as unknown as [
      { n: number },
    ];
    expect(documents).toBe(n);
    expect(cities).toEqual(['141000', JINING, LINYI]);
    let inCities = 0;
    for (const city of cities) {
      inCities += (await t.app.meili.client.index(t.app.meili.cityUid(city)).getStats()).numberOfDocuments;
    }
    expect(inCities).toBe(n);
    expect(await cityIndexes()).toEqual(cities.map((c) => t.app.meili.cityUid(c)));
    expect(await listing(search, 50)).toEqual(before);
  });
});
