import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/modules/gigs/distance.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';

const HOUR = 3_600_000;
const NEAR_LIANGSHAN = { lat: 35.84, lng: 116.12 };
const YANGZHOU = { lat: 32.39, lng: 119.41 };

const GIGS = `query ($search: GigSearch, $first: Int, $after: String) {
  gigs(search: $search, first: $first, after: $after) {
    totalCount degraded
    pageInfo { hasNextPage endCursor }
    edges { cursor distanceKm node { id title region { code } employer { name } skills { code } } }
    facets { skills { value label count } regions { value label count } payUnits { value label count } }
  }
}`;

type Facet = { value: string; label: string; count: number };
type Connection = {
  totalCount: number;
  degraded: boolean;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; distanceKm: number | null; node: { id: string; title: string } }[];
  facets: { skills: Facet[]; regions: Facet[]; payUnits: Facet[] };
};

let t: TestApp;
let pg: TestApp; // the same market with Meilisearch unreachable: PostgreSQL answers
const ids: Record<'weld' | 'garlic' | 'loading' | 'cleaning', string> = {} as never;

async function find(app: TestApp, search: Record<string, unknown>, first?: number, after?: string) {
  const { data, errors } = await app.gql<{ gigs: Connection }>(GIGS, { search, first, after });
  if (!data?.gigs) throw new Error(JSON.stringify(errors));
  return data.gigs;
}
const idsOf = (c: Connection) => c.edges.map((e) => e.node.id);

beforeAll(async () => {
  t = await createTestApp();
  const liangshan = await verifiedEmployer(t);
  const yangzhou = await verifiedEmployer(t, { regionCode: '321012', location: { lat: 32.43, lng: 119.56 } });
  const { data } = await t.gql<{ region: { minHourlyWageFen: number } }>(
    '{ region(code: "370832") { minHourlyWageFen } }',
  );
  const hourly = (data?.region.minHourlyWageFen ?? 0) + 500;
  const start = (hours: number) => {
    const at = new Date(Date.now() + hours * HOUR);
    return { startsAt: at.toISOString(), endsAt: new Date(at.getTime() + 8 * HOUR).toISOString() };
  };
  ids.weld = (
    await postGig(t, liangshan.token, { title: '钢结构厂房焊工', olderFriendly: true, ...start(36) })
  ).id;
  ids.garlic = (
    await postGig(t, liangshan.token, {
      title: '大蒜采收 日结',
      description: '金乡大蒜地里采收装袋，管午饭。',
      skills: ['harvest_picking'],
      regionCode: '370828',
      address: '金乡县鸡黍镇王庄村',
      location: { lat: 35.067, lng: 116.312 },
      payFen: 18_000,
      ...start(60),
    })
  ).id;
  ids.loading = (
    await postGig(t, yangzhou.token, {
      title: '物流园卸车',
      description: '整车卸货，按小时结算。',
      skills: ['loading_unloading'],
      regionCode: '321012',
      address: '江都区仙女镇物流园',
      location: { lat: 32.434, lng: 119.567 },
      payUnit: 'HOUR',
      payFen: 3000,
      instant: true,
      ...start(48),
    })
  ).id;
  ids.cleaning = (
    await postGig(t, liangshan.token, {
      title: '厂区保洁 半天',
      description: '办公楼和车间打扫。',
      skills: ['cleaner'],
      address: '梁山县馆驿镇工业路',
      location: { lat: 35.75, lng: 116.05 },
      payUnit: 'HOUR',
      payFen: hourly,
      instant: true,
      ...start(40),
    })
  ).id;
  await t.app.outbox.drain();
  pg = await createTestApp({ sameDatabaseAs: t, env: { MEILI_URL: 'http://127.0.0.1:9' } });
});
afterAll(async () => {
  await pg?.close();
  await t?.close();
});

describe('finding gigs', () => {
  it('finds the 梁山县 welding gig by 电焊 within 20 km, with its distance', async () => {
    const found = await find(t, { q: '电焊', near: { ...NEAR_LIANGSHAN, radiusKm: 20 } });
    expect(idsOf(found)).toEqual([ids.weld]);
    expect(found.degraded).toBe(false);
    const expected = distanceKm(NEAR_LIANGSHAN, LIANGSHAN);
    expect(found.edges[0]?.distanceKm).toBeCloseTo(expected, 1);
  });

  it('finds gigs by the city or province of their county', async () => {
    const jining = [ids.weld, ids.garlic, ids.cleaning].sort();
    expect(idsOf(await find(t, { regionCode: '370800' })).sort()).toEqual(jining);
    expect(idsOf(await find(t, { regionCode: '370000' })).sort()).toEqual(jining);
    expect(idsOf(await find(t, { regionCode: '321000' }))).toEqual([ids.loading]);
  });

  it('filters by trade, olderFriendly, instant, pay and start', async () => {
    expect(idsOf(await find(t, { skills: ['welder'] }))).toEqual([ids.weld]);
    expect(idsOf(await find(t, { olderFriendly: true }))).toEqual([ids.weld]);
    expect(idsOf(await find(t, { instant: true })).sort()).toEqual([ids.loading, ids.cleaning].sort());
    expect(idsOf(await find(t, { minHourlyFen: 3000 }))).toEqual([ids.loading]);
    const window = {
      startsAfter: new Date(Date.now() + 39 * HOUR).toISOString(),
      startsBefore: new Date(Date.now() + 50 * HOUR).toISOString(),
    };
    expect(idsOf(await find(t, window))).toEqual([ids.cleaning, ids.loading]);
  });

  it('does not find the 梁山 gig near 扬州', async () => {
    expect(idsOf(await find(t, { q: '电焊', near: { ...YANGZHOU, radiusKm: 20 } }))).toEqual([]);
    expect(idsOf(await find(t, { near: { ...YANGZHOU, radiusKm: 20 } }))).toEqual([ids.loading]);
  });

  it('sorts by distance when near is given, and by start otherwise', async () => {
    const nearest = await find(t, { near: { lat: 35.75, lng: 116.05, radiusKm: 150 } });
    expect(idsOf(nearest)).toEqual([ids.cleaning, ids.weld, ids.garlic]);
    const distances = nearest.edges.map((e) => e.distanceKm as number);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(idsOf(await find(t, {}))).toEqual([ids.weld, ids.cleaning, ids.loading, ids.garlic]);
  });

  it('counts facets over every match, with Chinese labels', async () => {
    const all = await find(t, {}, 1);
    expect(all.totalCount).toBe(4);
    expect(all.facets.payUnits).toEqual([
      { value: 'DAY', label: '按天', count: 2 },
      { value: 'HOUR', label: '按小时', count: 2 },
    ]);
    expect(all.facets.regions).toEqual(
      expect.arrayContaining([
        { value: '370000', label: '山东省', count: 3 },
        { value: '370800', label: '济宁市', count: 3 },
        { value: '370832', label: '梁山县', count: 2 },
        { value: '321012', label: '江都区', count: 1 },
      ]),
    );
    expect(all.facets.skills).toEqual(expect.arrayContaining([{ value: 'welder', label: '焊工', count: 1 }]));
  });

  it('pages with cursors that neither repeat nor skip, even when a gig is posted between pages', async () => {
    const seen: string[] = [];
    let page = await find(t, {}, 1);
    seen.push(...idsOf(page));
    const boss = await verifiedEmployer(t);
    await postGig(t, boss.token, { title: '翻页期间新发布的焊工活' });
    await t.app.outbox.drain();
    while (page.pageInfo.hasNextPage) {
      page = await find(t, {}, 1, page.pageInfo.endCursor as string);
      seen.push(...idsOf(page));
    }
    expect(seen).toEqual([ids.weld, ids.cleaning, ids.loading, ids.garlic]);
    expect((await find(t, {})).totalCount).toBe(5);
  });

  it('refuses a cursor from another search, naming after', async () => {
    const page = await find(t, {}, 1);
    const { errors } = await t.gql(GIGS, {
      search: { instant: true },
      first: 1,
      after: page.pageInfo.endCursor,
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('names the search field at fault', async () => {
    const { errors } = await t.gql(GIGS, { search: { near: { lat: 35, lng: 116, radiusKm: 0 } } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.near.radiusKm' });
    const sorted = await t.gql(GIGS, { search: { sort: 'NEAREST' } });
    expect(sorted.errors?.[0]?.extensions).toMatchObject({ field: 'search.sort' });
  });

  it('refuses a trade code no trade has, naming search.skills, rather than finding nothing', async () => {
    const { data, errors } = await t.gql(GIGS, { search: { skills: ['welder', 'nonexistent'] } });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.skills' });
    expect(errors?.[0]?.message).toContain('nonexistent');
    expect(errors?.[0]?.message).not.toContain('welder,');
  });

  it('lists only open gigs unless asked, and a cancelled gig leaves the list', async () => {
    const boss = await verifiedEmployer(t);
    const gig = await postGig(t, boss.token, { title: '临时取消的电焊活' });
    await t.app.outbox.drain();
    expect(idsOf(await find(t, { q: '临时取消' }))).toEqual([gig.id]);
    await t.gql(
      'mutation ($id: ID!) { cancelGig(gigId: $id, reason: "工期推迟") { id } }',
      { id: gig.id },
      boss.token,
    );
    await t.app.outbox.drain();
    expect(idsOf(await find(t, { q: '临时取消' }))).toEqual([]);
    expect(idsOf(await find(t, { q: '临时取消', statuses: ['CANCELLED'] }))).toEqual([gig.id]);
  });

  it('makes a posted gig searchable without anyone draining the outbox', async () => {
    const boss = await verifiedEmployer(t);
    const gig = await postGig(t, boss.token, { title: '自动同步的焊工活' });
    let found: string[] = [];
    for (let i = 0; i < 100 && found.length === 0; i++) {
      found = idsOf(await find(t, { q: '自动同步' }));
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toEqual([gig.id]);
  });
});

describe('when Meilisearch is unreachable', () => {
  const searches: [string, Record<string, unknown>][] = [
    ['text and radius', { q: '电焊', near: { ...NEAR_LIANGSHAN, radiusKm: 20 } }],
    ['city', { regionCode: '370800' }],
    ['trade', { skills: ['cleaner', 'harvest_picking'] }],
    ['older-friendly', { olderFriendly: true }],
    ['instant and pay', { instant: true, minHourlyFen: 2000 }],
    ['near 扬州', { near: { ...YANGZHOU, radiusKm: 20 } }],
    ['nearest first', { near: { lat: 35.75, lng: 116.05, radiusKm: 150 } }],
  ];

  it.each(searches)(
    'answers %s from PostgreSQL with the same gigs, distances and facets',
    async (_name, search) => {
      const [meili, fallback] = [await find(t, search), await find(pg, search)];
      expect(fallback.degraded).toBe(true);
      expect(meili.degraded).toBe(false);
      const sortedIfRelevance = (c: Connection) => (search.q ? idsOf(c).sort() : idsOf(c));
      expect(sortedIfRelevance(fallback)).toEqual(sortedIfRelevance(meili));
      expect(fallback.totalCount).toBe(meili.totalCount);
      expect(fallback.edges.map((e) => e.distanceKm)).toEqual(meili.edges.map((e) => e.distanceKm));
      const byValue = (facets: Facet[]) => [...facets].sort((a, b) => a.value.localeCompare(b.value));
      expect(byValue(fallback.facets.regions)).toEqual(byValue(meili.facets.regions));
      expect(byValue(fallback.facets.skills)).toEqual(byValue(meili.facets.skills));
      expect(fallback.facets.payUnits).toEqual(meili.facets.payUnits);
    },
  );

  it('pages from PostgreSQL too, in the same order', async () => {
    const everything = idsOf(await find(t, { regionCode: '370800' }));
    const paged: string[] = [];
    let page = await find(pg, { regionCode: '370800' }, 2);
    paged.push(...idsOf(page));
    while (page.pageInfo.hasNextPage) {
      page = await find(pg, { regionCode: '370800' }, 2, page.pageInfo.endCursor as string);
      paged.push(...idsOf(page));
    }
    expect(everything.length).toBeGreaterThan(2);
    expect(paged).toEqual(everything);
  });
});
