import { KIOSK_QUERIES, type KioskQueryName } from '../../src/kiosk/persisted-queries.js';
import type { GraphQLResponse, TestApp } from './app.js';
import { adminToken } from './people.js';

/** 拳铺镇, a township of 梁山县 about 9 km south-west of LIANGSHAN. */
export const QUANPU = { lat: 35.735, lng: 116.043 };

/** An older-friendly pear-picking gig near the station, 25 元 an hour: postGig overrides. */
export const PICKING = {
  title: '梨园采摘帮工',
  description: '摘梨装筐，活不重，管午饭。',
  skills: ['harvest_picking'],
  location: { lat: QUANPU.lat + 0.005, lng: QUANPU.lng + 0.004 },
  address: '梁山县拳铺镇李庄村梨园',
  payFen: 2_500,
  payUnit: 'HOUR',
  headcount: 6,
  olderFriendly: true,
};

export type KioskStation = { stationId: string; name: string; token: string };

/** A township station at 拳铺镇 with one kiosk, made as an admin would make them. */
export async function stationWithKiosk(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<KioskStation> {
  const admin = await adminToken(t);
  const created = await t.gql<{ createStation: { id: string; name: string } }>(
    'mutation ($input: CreateStationInput!) { createStation(input: $input) { id name } }',
    {
      input: {
        name: '拳铺镇零工驿站',
        regionCode: '370832',
        location: QUANPU,
        address: '梁山县拳铺镇人民政府东侧便民服务中心',
        phone: '0537-7361234',
        openingHours: '周一至周六 8:00–17:30',
        ...overrides,
      },
    },
    admin,
  );
  const station = created.data?.createStation;
  if (!station) throw new Error(`createStation failed: ${JSON.stringify(created.errors)}`);
  const issued = await t.gql<{ issueKioskToken: { token: string } }>(
    'mutation ($id: ID!) { issueKioskToken(stationId: $id, label: "大厅屏") { token } }',
    { id: station.id },
    admin,
  );
  const token = issued.data?.issueKioskToken.token;
  if (!token) throw new Error(`issueKioskToken failed: ${JSON.stringify(issued.errors)}`);
  return { stationId: station.id, name: station.name, token };
}

/** One of the kiosk page's persisted queries, sent by its hash as the page sends it. */
export async function kioskQuery<T = Record<string, unknown>>(
  t: TestApp,
  kioskToken: string,
  name: KioskQueryName,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { authorization: `Bearer ${kioskToken}` },
    payload: { persisted: true, query: KIOSK_QUERIES[name].hash, variables },
  });
  return response.json();
}

/** Waits until the kiosk's stationBoard lists every gig named (the search index follows the outbox). */
export async function untilOnBoard(t: TestApp, kioskToken: string, gigIds: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await kioskQuery<{ stationBoard: { edges: { node: { id: string } }[] } }>(
      t,
      kioskToken,
      'KioskBoard',
    );
    const listed = new Set(data?.stationBoard.edges.map((e) => e.node.id));
    if (gigIds.every((id) => listed.has(id))) return;
    if (Date.now() > deadline)
      throw new Error(`stationBoard did not list ${gigIds.join(', ')} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
