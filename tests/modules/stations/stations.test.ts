import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows } from '../../support/hiring.js';
import { adminToken, idNumberFor, login, operatorToken, workerInput } from '../../support/people.js';
import { connectSocket } from '../../support/sockets.js';

// 拳铺镇, about 5 km from 梁山县's seat.
const QUANPU = { lat: 35.84, lng: 116.12 };
const CREATE =
  'mutation ($i: CreateStationInput!) { createStation(input: $i) { id name kind serviceRadiusKm region { name } } }';
const ISSUE =
  'mutation ($s: ID!, $l: String!) { issueKioskToken(stationId: $s, label: $l) { id label token station { name } } }';
const BOARD = `query ($s: GigSearch) {
  stationBoard(search: $s) { totalCount edges { distanceKm node { id title } } }
}`;
type Board = {
  stationBoard: { totalCount: number; edges: { distanceKm: number; node: { id: string; title: string } }[] };
};

describe('job stations and kiosks', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let stationId: string;
  let kiosk: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(t);
    const created = await t.gql<{ createStation: { id: string } }>(
      CREATE,
      {
        i: {
          name: '拳铺镇零工驿站',
          regionCode: '370832',
          location: QUANPU,
          address: '梁山县拳铺镇政府东100米',
          openingHours: '8:00-17:30',
        },
      },
      admin,
    );
    stationId = created.data?.createStation.id as string;
    const issued = await t.gql<{ issueKioskToken: { token: string } }>(
      ISSUE,
      { s: stationId, l: '大厅屏' },
      admin,
    );
    kiosk = issued.data?.issueKioskToken.token as string;
  });
  afterAll(() => t.close());

  it('creates a station with defaults, and names every field at fault', async () => {
    const bad = await t.gql(
      CREATE,
      {
        i: {
          name: 'X',
          regionCode: '999999',
          location: { lat: 116.1, lng: 35.8 },
          address: '镇',
          serviceRadiusKm: 500,
        },
      },
      admin,
    );
    const problems = (bad.errors?.[0]?.extensions?.problems ?? []) as { field: string }[];
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual([
      'input.name',
      'input.regionCode',
      'input.location',
      'input.address',
      'input.serviceRadiusKm',
    ]);
    // In Chinese by default; in English when the device asks, with the same codes and fields.
    expect(bad.errors?.[0]?.message).toBe('驿站名称要 2 到 40 个字，例如：拳铺镇零工驿站。');
    expect(problems).toContainEqual({
      field: 'input.serviceRadiusKm',
      message: '服务半径要大于 0 公里，最多 200 公里。',
    });
    const english = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'en-GB,en;q=0.8' },
      payload: {
        query: CREATE,
        variables: {
          i: {
            name: 'X',
            regionCode: '999999',
            location: QUANPU,
            address: '梁山县拳铺镇',
            serviceRadiusKm: 500,
          },
        },
      },
    });
    expect(english.json().errors[0]).toMatchObject({
      message: 'A station name has 2 to 40 characters, e.g. 拳铺镇零工驿站.',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'input.name',
        problems: [
          { field: 'input.name', message: 'A station name has 2 to 40 characters, e.g. 拳铺镇零工驿站.' },
          { field: 'input.regionCode', message: 'No region 999999: pick one from the regions list.' },
          { field: 'input.serviceRadiusKm', message: 'The service radius is above 0 and at most 200 km.' },
        ],
      },
    });
    const good = await t.gql(
      CREATE,
      { i: { name: '馆驿镇零工驿站', regionCode: '370832', location: LIANGSHAN, address: '梁山县馆驿镇' } },
      admin,
    );
    expect(good.data).toMatchObject({
      createStation: { kind: 'TOWNSHIP_STATION', serviceRadiusKm: 30, region: { name: '梁山县' } },
    });
  });

  it('shows a kiosk token once, keeps only its hash, and lets only the station’s own staff issue one', async () => {
    const issued = await t.gql<{ issueKioskToken: { id: string; token: string } }>(
      ISSUE,
      { s: stationId, l: '门口屏' },
      admin,
    );
    const { id, token } = issued.data?.issueKioskToken ?? { id: '', token: '' };
    expect(token).toMatch(/^kiosk_[A-Za-z0-9_-]{32}$/);
    const [row] = (await t.app.db.execute(
      sql`select token_hash from kiosk_tokens where id = ${id}`,
    )) as unknown as { token_hash: string }[];
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toContain(token);

    const stranger = await operatorToken(t); // an operator of no station
    const refused = await t.gql(ISSUE, { s: stationId, l: '偷偷的' }, stranger);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await operatorToken(t);
    const { data: me } = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, own);
    await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: stationId, a: me?.me.id },
      admin,
    );
    const byOperator = await t.gql(ISSUE, { s: stationId, l: '二楼屏' }, own);
    expect(byOperator.errors).toBeUndefined();
  });

  it('lets a kiosk token read its board, gigs and trades, and nothing else', async () => {
    const employer = await verifiedEmployer(t);
    const near = await postGig(t, employer.token, { title: '拳铺镇钢构焊工' });
    // 济宁市区, about 60 km away: outside the 30 km service radius.
    const far = await postGig(t, employer.token, {
      title: '任城区焊工',
      regionCode: '370811',
      location: { lat: 35.41, lng: 116.59 },
    });
    await t.app.outbox.drain(); // the board reads the gigs index, fed through the outbox
    const { data, errors } = await t.gql<Board>(BOARD, {}, kiosk);
    expect(errors).toBeUndefined();
    const ids = data?.stationBoard.edges.map((e) => e.node.id) ?? [];
    expect(ids).toContain(near.id);
    expect(ids).not.toContain(far.id);
    expect(data?.stationBoard.edges[0]?.distanceKm).toBeLessThan(30);

    expect(
      (await t.gql('query ($g: ID!) { gig(id: $g) { title } }', { g: near.id }, kiosk)).errors,
    ).toBeUndefined();
    expect((await t.gql('{ skills(category: "建筑") { code } }', {}, kiosk)).errors).toBeUndefined();
    for (const query of [
      '{ myOffers { id } }',
      'mutation { verifyEmployer(employerId: "00000000-0000-4000-8000-000000000000") { id } }',
      '{ stations { id } }',
    ]) {
      const refused = await t.gql(query, {}, kiosk);
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const [seen] = (await t.app.db.execute(
      sql`select last_seen_at from kiosk_tokens where station_id = ${stationId} and label = '大厅屏'`,
    )) as unknown as {
      last_seen_at: Date | null;
    }[];
    expect(seen?.last_seen_at).not.toBeNull();
  });

  it('pushes board:upsert when a gig near the station opens or changes, and board:remove when it closes', async () => {
    const socket = await connectSocket(baseUrl, { token: kiosk });
    type Card = { id: string; placesLeft: number; startsAt: string; endsAt: string };
    const events: { event: string; payload: { gig?: Card; gigId?: string } }[] = [];
    socket.onAny((event, payload) => events.push({ event, payload }));
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      title: '拳铺镇装卸工',
      headcount: 1,
      skills: ['loading_unloading'],
    });
    await postGig(t, employer.token, {
      title: '远处的活',
      regionCode: '370811',
      location: { lat: 35.41, lng: 116.59 },
    });
    await expect
      .poll(() => events.filter((e) => e.event === 'board:upsert').map((e) => e.payload.gig?.id))
      .toEqual([gig.id]);
    expect(events[0]?.payload.gig).toMatchObject({ title: '拳铺镇装卸工', placesLeft: 1, payUnit: 'DAY' });
    // The card's times are Asia/Shanghai with their offset, the same instants as the gig's.
    const sent = events[0]?.payload.gig ?? { startsAt: '', endsAt: '' };
    expect(sent.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(sent.endsAt).toMatch(/\+08:00$/);
    expect(new Date(sent.startsAt).getTime()).toBe(new Date(String(gig.startsAt)).getTime());

    await t.gql(
      'mutation ($g: ID!) { cancelGig(gigId: $g, reason: "货车改期") { id } }',
      { g: gig.id },
      employer.token,
    );
    await expect
      .poll(() => events.find((e) => e.event === 'board:remove')?.payload)
      .toEqual({ gigId: gig.id });
    socket.disconnect();
  });

  it('refuses a revoked kiosk token', async () => {
    const issued = await t.gql<{ issueKioskToken: { id: string; token: string } }>(
      ISSUE,
      { s: stationId, l: '旧屏' },
      admin,
    );
    const { id, token } = issued.data?.issueKioskToken ?? { id: '', token: '' };
    expect((await t.gql(BOARD, {}, token)).errors).toBeUndefined();
    const revoked = await t.gql('mutation ($k: ID!) { revokeKioskToken(id: $k) }', { k: id }, admin);
    expect(revoked.data).toEqual({ revokeKioskToken: true });
    const after = await t.gql(BOARD, {}, token);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.message).toBe('这个屏幕令牌已经停用了：请向驿站要一个新的。');
    await expect(connectSocket(baseUrl, { token })).rejects.toThrow('这个屏幕令牌已经停用了');
  });

  it('registers a walk-in worker without a phone, and lets the station’s operator act for them, recorded', async () => {
    const operator = await operatorToken(t);
    const { data: me } = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
    await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: stationId, a: me?.me.id },
      admin,
    );
    const registered = await t.gql<{ registerWalkInWorker: { id: string; name: string } }>(
      'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id name } }',
      {
        i: {
          ...workerInput({ name: '李大爷', idNumber: idNumberFor('1962-03-08') }),
          phone: null,
          password: null,
        },
      },
      operator,
    );
    expect(registered.errors).toBeUndefined();
    const workerId = registered.data?.registerWalkInWorker.id as string;
    const [row] = (await t.app.db.execute(
      sql`select registered_at_station_id, registered_by_account_id from workers where id = ${workerId}`,
    )) as unknown as {
      registered_at_station_id: string;
      registered_by_account_id: string;
    }[];
    expect(row).toEqual({ registered_at_station_id: stationId, registered_by_account_id: me?.me.id });

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      olderFriendly: true,
      title: '公园绿化养护',
      skills: ['flowers_nursery'],
    });
    const applied = await t.gql<{ applyToGig: { id: string; worker: { id: string } } }>(
      'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id worker { id } } }',
      { g: gig.id, w: workerId },
      operator,
    );
    expect(applied.data?.applyToGig.worker.id).toBe(workerId);
    const [acted] = (await t.app.db.execute(
      sql`select acted_by_account_id from applications where id = ${applied.data?.applyToGig.id}`,
    )) as unknown as {
      acted_by_account_id: string;
    }[];
    expect(acted?.acted_by_account_id).toBe(me?.me.id);
    // Without naming the worker, or for someone else's walk-in, the operator is refused.
    const unnamed = await t.gql(
      'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
      { g: gig.id },
      operator,
    );
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workerId' });
    const otherOperator = await operatorToken(t);
    const foreign = await t.gql(
      'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id } }',
      { g: gig.id, w: workerId },
      otherOperator,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A walk-in worker cannot sign in: there is no phone or password to sign in with.
    await expect(login(t, '', '')).rejects.toThrow();
  });

  it('lets the operator accept an instant offer on a walk-in worker’s behalf', async () => {
    const operator = await operatorToken(t);
    const { data: me } = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
    await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: stationId, a: me?.me.id },
      admin,
    );
    const registered = await t.gql<{ registerWalkInWorker: { id: string } }>(
      'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
      {
        i: {
          ...workerInput({ skills: [{ code: 'greenhouse_management', level: 4 }] }),
          phone: null,
          password: null,
        },
      },
      operator,
    );
    const workerId = registered.data?.registerWalkInWorker.id as string;
    const now = t.app.clock.now();
    await t.app.services.workers.setAvailability(workerId, [
      { startsAt: now, endsAt: new Date(now.getTime() + 5 * 86_400_000) },
    ]);
    await t.app.outbox.drain();
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['greenhouse_management'],
    });
    await t.app.services.hiring.drain();
    const offers = await t.gql<{ myOffers: { id: string }[] }>(
      'query ($w: ID) { myOffers(status: PENDING, workerId: $w) { id } }',
      { w: workerId },
      operator,
    );
    expect(offers.data?.myOffers).toHaveLength(1);
    const accepted = await t.gql<{ acceptOffer: { worker: { id: string } } }>(
      'mutation ($o: ID!) { acceptOffer(offerId: $o) { worker { id } } }',
      { o: offers.data?.myOffers[0]?.id },
      operator,
    );
    expect(accepted.data?.acceptOffer.worker.id).toBe(workerId);
    const [offer] = await offerRows(t, gig.id);
    expect(offer?.status).toBe('ACCEPTED');
    const [acted] = (await t.app.db.execute(
      sql`select acted_by_account_id from engagements where gig_id = ${gig.id}`,
    )) as unknown as {
      acted_by_account_id: string;
    }[];
    expect(acted?.acted_by_account_id).toBe(me?.me.id);
  });
});
