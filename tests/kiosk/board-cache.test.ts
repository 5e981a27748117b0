import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_QUERIES } from '../../src/kiosk/persisted-queries.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, kioskQuery, stationWithKiosk, untilOnBoard } from '../support/kiosk.js';
import { adminToken } from '../support/people.js';

type Board = { stationBoard: { edges: { node: { id: string } }[] } };
const TTL_MS = 1500;

/** The cache's hits and misses so far, as /metrics shows them. */
async function cacheCounts(t: TestApp) {
  const text = (await t.app.inject('/metrics')).body;
  const count = (result: string) =>
    Number(
      text.match(new RegExp(`^lingong_kiosk_board_cache_total\\{result="${result}"\\} (\\d+)`, 'm'))?.[1] ??
        0,
    );
  return { hit: count('hit'), miss: count('miss'), refresh: count('refresh') };
}

const boardIds = async (t: TestApp, token: string) => {
  const answer = await kioskQuery<Board>(t, token, 'KioskBoard', { after: null });
  expect(answer.errors).toBeUndefined();
  return answer.data?.stationBoard.edges.map((e) => e.node.id) ?? [];
};

describe('the kiosk board cache (KIOSK_CACHE_MS)', () => {
  let t: TestApp;
  let quanpu: KioskStation;
  let faraway: KioskStation;
  let employer: { token: string };

  beforeAll(async () => {
    t = await createTestApp({
      env: { KIOSK_CACHE_MS: String(TTL_MS), KIOSK_PERSISTED_QUERIES_ONLY: 'true' },
    });
    quanpu = await stationWithKiosk(t);
    // 扬州, far from every gig of this file: its board is empty.
    faraway = await stationWithKiosk(t, {
      name: '江都区零工驿站',
      regionCode: '321012',
      location: { lat: 32.434, lng: 119.567 },
      address: '江都区仙女镇便民服务中心',
    });
    employer = await verifiedEmployer(t);
  });
  afterAll(() => t?.close());

  it('answers a repeated board from memory, the same as it ran, until the time is up', async () => {
    const first = await postGig(t, employer.token);
    await untilOnBoard(t, quanpu.token, [first.id]);
    // A fresh window: wait the cache out, then one miss fills it.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 50));
    const before = await cacheCounts(t);
    const ran = await kioskQuery<Board>(t, quanpu.token, 'KioskBoard', { after: null });
    const kept = await kioskQuery<Board>(t, quanpu.token, 'KioskBoard', { after: null });
    expect(kept).toEqual(ran);
    expect(ran.data?.stationBoard.edges.map((e) => e.node.id)).toContain(first.id);
    const after = await cacheCounts(t);
    expect(after.miss - before.miss).toBe(1);
    expect(after.hit - before.hit).toBe(1);

    // A gig posted now is not on the kept board; once the time is up, it is.
    const second = await postGig(t, employer.token, { title: '拳铺镇钢结构补焊临时工' });
    const stale = await boardIds(t, quanpu.token);
    expect(stale).not.toContain(second.id);
    await untilOnBoard(t, quanpu.token, [second.id], TTL_MS * 4);
  });

  it('runs a board again in the background in its last third, and answers from the kept one meanwhile', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(TTL_MS + 50);
    const before = await cacheCounts(t);
    const ran = await kioskQuery<Board>(t, quanpu.token, 'KioskBoard', { after: null });
    await sleep(TTL_MS * 0.7);
    const kept = await kioskQuery<Board>(t, quanpu.token, 'KioskBoard', { after: null });
    expect(kept).toEqual(ran);
    // Past the first board's time: the one run in the background answers, no request waits.
    await sleep(TTL_MS * 0.5);
    expect(await boardIds(t, quanpu.token)).toEqual(ran.data?.stationBoard.edges.map((e) => e.node.id));
    const after = await cacheCounts(t);
    expect(after.miss - before.miss).toBe(1);
    expect(after.refresh - before.refresh).toBe(1);
    expect(after.hit - before.hit).toBe(2);
  });

  it('sends a kept board gzipped to a client that accepts it, the same bytes unpacked', async () => {
    const ask = (encoding?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          authorization: `Bearer ${quanpu.token}`,
          ...(encoding ? { 'accept-encoding': encoding } : {}),
        },
        payload: { persisted: true, query: KIOSK_QUERIES.KioskBoard.hash, variables: { after: null } },
      });
    const plain = await ask();
    const packed = await ask('gzip, deflate, br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toMatch(/Accept-Encoding/);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(gunzipSync(packed.rawPayload).toString()).toBe(plain.body);
    expect(JSON.parse(plain.body).data.stationBoard.edges.length).toBeGreaterThan(0);
  });

  it('keeps each station’s board apart: another station’s kiosk never gets this one', async () => {
    const near = await boardIds(t, quanpu.token);
    expect(near.length).toBeGreaterThan(0);
    expect(await boardIds(t, faraway.token)).toEqual([]);
    expect(await boardIds(t, quanpu.token)).toEqual(near);
  });

  it('asks the token first: a revoked kiosk is refused at once, cached board or not', async () => {
    const admin = await adminToken(t);
    const { data } = await t.gql<{ kioskTokens: { id: string; revokedAt: string | null }[] }>(
      'query ($id: ID!) { kioskTokens(stationId: $id) { id revokedAt } }',
      { id: quanpu.stationId },
      admin,
    );
    await boardIds(t, quanpu.token); // the board is cached
    const [token] = data?.kioskTokens ?? [];
    const revoked = await t.gql(
      'mutation ($id: ID!) { revokeKioskToken(id: $id) }',
      { id: token?.id },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    const refused = await kioskQuery<Board>(t, quanpu.token, 'KioskBoard', { after: null });
    expect(refused.data?.stationBoard ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never serves the board to a caller without a kiosk token, nor caches a refusal', async () => {
    const before = await cacheCounts(t);
    for (const token of [undefined, (await verifiedEmployer(t)).token]) {
      const answer = await kioskQuery<Board>(t, token as string, 'KioskBoard', { after: null });
      expect(answer.data?.stationBoard ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    }
    // A bad cursor: the error comes from the query itself, every time, and nothing is kept.
    for (let i = 0; i < 2; i++) {
      const bad = await kioskQuery<Board>(t, faraway.token, 'KioskBoard', { after: 'not-a-cursor' });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const after = await cacheCounts(t);
    expect(after.hit).toBe(before.hit);
  });
});
