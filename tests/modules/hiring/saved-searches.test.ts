import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTaxonomy } from '../../../src/db/seed/reference.js';
import { parseGigSearch } from '../../../src/modules/gigs/gig-query.js';
import { type AlertGig, gigMatches } from '../../../src/modules/hiring/saved-searches.service.js';
import { createRegionTree } from '../../../src/modules/reference/region-ancestry.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers } from '../../support/hiring.js';
import { connectSocket } from '../../support/sockets.js';

const now = new Date('2026-11-23T00:00:00Z');
const tree = createRegionTree([
  { code: '370000', name: '山东省', level: 'province', parentCode: null },
  { code: '370800', name: '济宁市', level: 'city', parentCode: '370000' },
  { code: '370832', name: '梁山县', level: 'county', parentCode: '370800' },
  { code: '370831', name: '泗水县', level: 'county', parentCode: '370800' },
] as never);

const gig: AlertGig = {
  id: 'g1',
  title: '钢结构厂房电焊工',
  description: '厂房钢梁焊接',
  address: '梁山县拳铺镇工业园区8号',
  regionCode: '370832',
  lat: LIANGSHAN.lat,
  lng: LIANGSHAN.lng,
  startsAt: new Date('2026-11-25T00:00:00Z'),
  hourlyFen: 2500,
  olderFriendly: true,
  instant: false,
  publicWelfare: false,
  status: 'OPEN',
  employerName: '梁山县好运钢结构有限公司',
  skills: [{ code: 'welder', name: '焊工' }],
};
const garlic: AlertGig = {
  ...gig,
  id: 'g2',
  title: '大蒜采收 日结',
  description: '金乡大蒜地里采收装袋，管午饭。',
  employerName: '金乡县蒜农合作社',
  skills: [{ code: 'harvest_picking', name: '采摘' }],
};
const taxonomy = await readTaxonomy();
const matches = (search: Record<string, unknown>, target = gig) =>
  gigMatches(target, parseGigSearch(search, {}, now), tree, taxonomy);

describe('a saved search against one gig', () => {
  it('matches on each filter, and misses when any filter misses', () => {
    expect(matches({})).toBe(true);
    expect(matches({ skills: ['welder'] })).toBe(true);
    expect(matches({ skills: ['cook'] })).toBe(false);
    expect(matches({ regionCode: '370800' })).toBe(true); // a county gig is in its city
    expect(matches({ regionCode: '370831' })).toBe(false);
    expect(matches({ near: { ...LIANGSHAN, radiusKm: 1 } })).toBe(true);
    expect(matches({ near: { lat: LIANGSHAN.lat + 0.5, lng: LIANGSHAN.lng, radiusKm: 10 } })).toBe(false);
    expect(matches({ minHourlyFen: 2500 })).toBe(true);
    expect(matches({ minHourlyFen: 2501 })).toBe(false);
    expect(matches({ olderFriendly: true, instant: false })).toBe(true);
    expect(matches({ publicWelfare: true })).toBe(false);
    expect(matches({ startsAfter: new Date('2026-11-24T00:00:00Z') })).toBe(true);
    expect(matches({ startsBefore: new Date('2026-11-24T00:00:00Z') })).toBe(false);
  });

  it('finds text in the gig and through trade synonyms, every word', () => {
    expect(matches({ q: '钢梁' })).toBe(true);
    expect(matches({ q: '好运' })).toBe(true);
    expect(matches({ q: '电焊' })).toBe(true); // a synonym of 焊工
    expect(matches({ q: '电焊工' })).toBe(true); // another, through the trade's name 焊工
    expect(matches({ q: '焊接 拳铺' })).toBe(true);
    expect(matches({ q: '电焊 厨师' })).toBe(false);
    expect(matches({ q: '氩弧焊' })).toBe(false); // one kind of welding: only a gig that says so
    expect(matches({ q: '保洁' })).toBe(false);
  });

  it('finds a crop through the gig text only, never through a trade synonym', () => {
    expect(matches({ q: '苹果' }, garlic)).toBe(false);
    expect(matches({ q: '摘苹果' }, garlic)).toBe(false);
    expect(matches({ q: '采摘苹果' }, garlic)).toBe(false);
    expect(matches({ q: '摘果' }, garlic)).toBe(true);
    expect(matches({ q: '大蒜采摘' }, garlic)).toBe(true);
    expect(matches({ q: '大蒜' }, garlic)).toBe(true);
  });
});

describe('saved searches', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const SAVE =
    'mutation ($n: String!, $s: GigSearch!) { saveSearch(name: $n, search: $s) { id name search } }';

  it('pushes a newly posted gig that matches as gig:alert, and nothing for one that does not', async () => {
    const [worker] = await seedWorkers(t, 1);
    const saved = await t.gql<{ saveSearch: { id: string; search: Record<string, unknown> } }>(
      SAVE,
      { n: '附近电焊', s: { q: '电焊', near: { ...LIANGSHAN, radiusKm: 15 } } },
      worker?.token,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveSearch.search).toMatchObject({ q: '电焊' });
    const socket = await connectSocket(baseUrl, { token: worker?.token });
    const alerts: { gigId: string; savedSearchId: string; distanceKm: number }[] = [];
    socket.on('gig:alert', (payload) => alerts.push(payload));

    const employer = await verifiedEmployer(t);
    await postGig(t, employer.token, { skills: ['cook'], title: '食堂厨师', description: '工地食堂做饭' });
    const welding = await postGig(t, employer.token);
    await expect.poll(() => alerts.length).toBe(1);
    expect(alerts[0]).toMatchObject({ gigId: welding.id, savedSearchId: saved.data?.saveSearch.id });
    expect(alerts[0]?.distanceKm).toBeLessThan(1);

    const listed = await t.gql<{ mySavedSearches: { id: string }[] }>(
      '{ mySavedSearches { id } }',
      {},
      worker?.token,
    );
    expect(listed.data?.mySavedSearches).toHaveLength(1);
    const deleted = await t.gql(
      'mutation ($id: ID!) { deleteSavedSearch(id: $id) }',
      { id: saved.data?.saveSearch.id },
      worker?.token,
    );
    expect(deleted.data).toEqual({ deleteSavedSearch: true });
    await postGig(t, employer.token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts).toHaveLength(1);
    socket.disconnect();
  });

  it('refuses a search that would not run, naming the field', async () => {
    const [worker] = await seedWorkers(t, 1);
    const bad = await t.gql(SAVE, { n: '远处', s: { near: { ...LIANGSHAN, radiusKm: 900 } } }, worker?.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'search.near.radiusKm',
    });
    const unnamed = await t.gql(SAVE, { n: ' ', s: {} }, worker?.token);
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });
});
