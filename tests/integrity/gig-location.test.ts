import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { gigInput, POST_GIG, verifiedEmployer } from '../support/gigs.js';
import { adminToken, REGISTER_WORKER, withPhoneCode, workerInput } from '../support/people.js';

// Issue 23: a gig at Beijing's coordinates was accepted as 梁山县 and showed on 梁山's kiosks.
const BEIJING = { lat: 39.904, lng: 116.407 };
/** 汶上县's seat: 梁山县's neighbour to the east, 35 km from 梁山's seat. */
const WENSHANG = { lat: 35.732, lng: 116.489 };
/** Due east of 梁山县's seat, the outline ends at about 116.300°E. */
const EDGE_INSIDE = { lat: 35.802, lng: 116.29 };
const EDGE_JUST_OVER = { lat: 35.802, lng: 116.3055 };
const FIVE_KM_OVER = { lat: 35.802, lng: 116.3605 };

const CREATE_STATION =
  'mutation ($i: CreateStationInput!) { createStation(input: $i) { id region { name } } }';
const WALK_IN =
  'mutation ($i: RegisterWorkerInput!, $s: ID) { registerWalkInWorker(input: $i, stationId: $s) { id } }';

type Errors = { message: string; extensions?: { code?: string; field?: string } }[] | undefined;

let t: TestApp;
let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  employer = await verifiedEmployer(t);
  admin = await adminToken(t);
});
afterAll(() => t?.close());

/** Every row a refused write could have left, and what reached the search engine. */
async function footprint() {
  await t.app.outbox.drain();
  const [row] = await t.app.sql`select
    (select count(*)::int from gigs) as gigs, (select count(*)::int from outbox) as outbox,
    (select count(*)::int from stations) as stations, (select count(*)::int from workers) as workers,
    (select count(*)::int from accounts) as accounts`;
  const indexed = async (name: 'gigs' | 'workers') =>
    (await t.app.meili.index(name).getDocuments({ limit: 1000, fields: ['id'] })).results.length;
  return { ...row, gigDocuments: await indexed('gigs'), workerDocuments: await indexed('workers') };
}

function expectRefusal(errors: Errors, field: string, county: string) {
  expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(errors?.[0]?.message).toMatch(new RegExp(`公里，不在${county}内`));
}

const post = (location: { lat: number; lng: number }, regionCode = '370832') =>
  t.gql<{ postGig: { id: string } }>(POST_GIG, { input: gigInput({ location, regionCode }) }, employer.token);

describe('a gig lies in its county', () => {
  it('refuses a gig at Beijing filed under 梁山县, naming the county, and writes nothing', async () => {
    const before = await footprint();
    const { data, errors } = await post(BEIJING);
    expect(data?.postGig ?? null).toBeNull();
    expectRefusal(errors, 'location', '梁山县');
    expect(errors?.[0]?.message).toMatch(/^这个位置离梁山县县城 457 公里/);
    expect(await footprint()).toEqual(before);
  });

  it('refuses a point in the neighbouring county 汶上县 filed under 梁山县', async () => {
    const { data, errors } = await post(WENSHANG);
    expect(data?.postGig ?? null).toBeNull();
    expectRefusal(errors, 'location', '梁山县');
    // The same point under its own county is fine.
    expect((await post(WENSHANG, '370830')).errors).toBeUndefined();
  });

  it('accepts points near the edge of the right county, and refuses one 5 km past it', async () => {
    expect((await post(EDGE_INSIDE)).errors).toBeUndefined();
    expect((await post(EDGE_JUST_OVER)).errors).toBeUndefined();
    expectRefusal((await post(FIVE_KM_OVER)).errors, 'location', '梁山县');
  });
});

describe('a station lies in its county', () => {
  const station = (location: { lat: number; lng: number }) =>
    t.gql<{ createStation: { id: string } }>(
      CREATE_STATION,
      { i: { name: '拳铺镇零工驿站', regionCode: '370832', location, address: '梁山县拳铺镇政府东100米' } },
      admin,
    );

  it('refuses a station at Beijing or in 汶上县 filed under 梁山县, and writes nothing', async () => {
    const before = await footprint();
    expectRefusal((await station(BEIJING)).errors, 'input.location', '梁山县');
    expectRefusal((await station(WENSHANG)).errors, 'input.location', '梁山县');
    expect(await footprint()).toEqual(before);
  });

  it('accepts a station near the edge of its county', async () => {
    expect((await station(EDGE_JUST_OVER)).data?.createStation.id).toBeTruthy();
  });
});

describe("a worker's 常住地 holds their location", () => {
  const register = async (overrides: Record<string, unknown>) =>
    t.gql<{ registerWorker: { token: string } }>(REGISTER_WORKER, {
      input: await withPhoneCode(t, workerInput(overrides)),
    });

  it('refuses a worker living in 梁山县 whose pin is at Beijing, and writes nothing', async () => {
    const before = await footprint();
    const { data, errors } = await register({ residenceRegionCode: '370832', location: BEIJING });
    expect(data?.registerWorker ?? null).toBeNull();
    expectRefusal(errors, 'location', '梁山县');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a walk-in worker living in 梁山县 pinned in 汶上县', async () => {
    const { data: made } = await t.gql<{ createStation: { id: string } }>(
      CREATE_STATION,
      {
        i: {
          name: '梁山县零工市场',
          regionCode: '370832',
          location: EDGE_INSIDE,
          address: '梁山县水泊中路1号',
        },
      },
      admin,
    );
    const before = await footprint();
    const { errors } = await t.gql(
      WALK_IN,
      { i: workerInput({ residenceRegionCode: '370832', location: WENSHANG }), s: made?.createStation.id },
      admin,
    );
    expectRefusal(errors, 'location', '梁山县');
    expect(await footprint()).toEqual(before);
  });

  it('accepts a worker near the edge of their 常住地, and a migrant whose 户籍地 is elsewhere', async () => {
    expect(
      (await register({ residenceRegionCode: '370832', location: EDGE_JUST_OVER })).errors,
    ).toBeUndefined();
    // 户籍地 兰山区 (临沂), living and pinned in 梁山县: the 外出 workers the statistics count.
    expect((await register({ homeRegionCode: '371302', location: EDGE_INSIDE })).errors).toBeUndefined();
  });
});
