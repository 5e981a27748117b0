import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeptBoard } from '../../src/kiosk/board-cache.js';
import { answerFirst, createBoardFront } from '../../src/kiosk/board-front.js';
import { KIOSK_QUERIES } from '../../src/kiosk/persisted-queries.js';
import type { Viewer } from '../../src/modules/accounts/viewer.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, stationWithKiosk, untilOnBoard } from '../support/kiosk.js';
import { adminToken } from '../support/people.js';

const TTL_MS = 1500;
const BOARD = KIOSK_QUERIES.KioskBoard.hash;
const boardPath = (extra: Record<string, string> = {}) =>
  `/graphql?${new URLSearchParams({ persisted: 'true', query: BOARD, variables: '{"after":null}', ...extra })}`;

/** An HTTP answer as the client sees it, bytes as sent; headers every answer differs in left out. */
async function fetchRaw(base: string, path: string, headers: Record<string, string>, body?: string) {
  const answer = await request(`${base}${path}`, { method: body ? 'POST' : 'GET', headers, body });
  const bytes = Buffer.from(await answer.body.arrayBuffer());
  const { date: _date, ...kept } = answer.headers;
  return { status: answer.statusCode, headers: kept, bytes };
}

describe('the front of the kiosk board cache, in the app', () => {
  let t: TestApp;
  let base: string;
  let station: KioskStation;

  const get = (token: string, headers: Record<string, string> = {}, extra?: Record<string, string>) =>
    fetchRaw(base, boardPath(extra), {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'gzip, deflate, br',
      ...headers,
    });
  const counts = async () => {
    const text = (await t.app.inject('/metrics')).body;
    const count = (result: string) =>
      Number(
        text.match(new RegExp(`^lingong_kiosk_board_cache_total\\{result="${result}"\\} (\\d+)`, 'm'))?.[1] ??
          0,
      );
    return { hit: count('hit'), miss: count('miss') };
  };

  beforeAll(async () => {
    t = await createTestApp({
      env: { KIOSK_CACHE_MS: String(TTL_MS), KIOSK_PERSISTED_QUERIES_ONLY: 'true' },
    });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    station = await stationWithKiosk(t);
    const gig = await postGig(t, (await verifiedEmployer(t)).token);
    await untilOnBoard(t, station.token, [gig.id]);
  });
  afterAll(() => t?.close());

  it('sends a kept board with the same bytes and headers as the full path that ran it', async () => {
    // Once its time is up a board is run again, not sent from the front: a miss, then a hit.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 50));
    const before = await counts();
    const ran = await get(station.token);
    const kept = await get(station.token);
    expect(await counts()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
    expect(kept.status).toBe(200);
    expect(kept.bytes.equals(ran.bytes)).toBe(true);
    expect(kept.headers).toEqual(ran.headers);
    expect(kept.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-encoding': 'gzip',
      vary: 'Accept, Accept-Encoding',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(String(kept.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(JSON.parse(gunzipSync(kept.bytes).toString()).data.stationBoard.edges.length).toBeGreaterThan(0);

    // Media type and encoding follow the request as on the full path (a POST of the same board).
    const asks = { accept: 'application/graphql-response+json', 'accept-encoding': 'identity' };
    const plain = await get(station.token, asks);
    const posted = await fetchRaw(
      base,
      '/graphql',
      { ...asks, authorization: `Bearer ${station.token}`, 'content-type': 'application/json' },
      JSON.stringify({ persisted: true, query: BOARD, variables: { after: null } }),
    );
    expect(plain.headers).toEqual(posted.headers);
    expect(plain.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(plain.bytes.equals(posted.bytes)).toBe(true);
    expect(plain.bytes.equals(gunzipSync(kept.bytes))).toBe(true);
  });

  it('answers a kiosk that has the board already with a 304, on the full path and the front alike', async () => {
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 50));
    const ran = await get(station.token);
    const etag = String(ran.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(ran.headers['cache-control']).toBe('private, no-cache');
    const kept = await get(station.token);
    expect(kept.headers.etag).toBe(etag);

    // The full path (a board run again) and the front (a kept one) both say: not modified.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 50));
    const before = await counts();
    const full = await get(station.token, { 'if-none-match': etag });
    const front = await get(station.token, { 'if-none-match': `"other", ${etag}` });
    expect(await counts()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
    for (const answer of [full, front]) {
      expect(answer.status).toBe(304);
      expect(answer.bytes.length).toBe(0);
      expect(answer.headers).toMatchObject({
        etag,
        'cache-control': 'private, no-cache',
        vary: 'Accept, Accept-Encoding',
      });
      expect(answer.headers['content-encoding']).toBeUndefined();
    }
    expect(front.headers).toEqual(full.headers);

    // Another board's tag, or none, gets the board.
    const changed = await get(station.token, { 'if-none-match': 'W/"not-this-board"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe(etag); // run again since, with nothing changed: the same tag
    expect(JSON.parse(gunzipSync(changed.bytes).toString()).data.stationBoard.edges.length).toBeGreaterThan(
      0,
    );

    // A gig more on the board: the old tag no longer matches.
    const added = await postGig(t, (await verifiedEmployer(t)).token);
    await untilOnBoard(t, station.token, [added.id]);
    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 50));
    const grown = await get(station.token, { 'if-none-match': etag });
    expect(grown.status).toBe(200);
    expect(grown.headers.etag).not.toBe(etag);
  });

  it('refuses an unknown or revoked kiosk token while the board is kept', async () => {
    expect((await get(station.token)).status).toBe(200);
    const unknown = JSON.parse(
      (
        await get(`kiosk_${randomBytes(24).toString('base64url')}`, { 'accept-encoding': 'identity' })
      ).bytes.toString(),
    );
    expect(unknown.data ?? null).toBeNull();
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const admin = await adminToken(t);
    const { data } = await t.gql<{ kioskTokens: { id: string }[] }>(
      'query ($id: ID!) { kioskTokens(stationId: $id) { id } }',
      { id: station.stationId },
      admin,
    );
    const revoke = 'mutation ($id: ID!) { revokeKioskToken(id: $id) }';
    expect((await t.gql(revoke, { id: data?.kioskTokens[0]?.id }, admin)).errors).toBeUndefined();
    const refused = JSON.parse(
      (await get(station.token, { 'accept-encoding': 'identity' })).bytes.toString(),
    );
    expect(refused.data?.stationBoard ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the front of the kiosk board cache, alone', () => {
  const KIOSK: Viewer = { kind: 'kiosk', kioskTokenId: 'k1', stationId: 's1' };
  const kept: KeptBoard = {
    payload: Buffer.from('{"data":{"kept":true}}'),
    etag: 'W/"kept"',
    refreshAt: Number.POSITIVE_INFINITY,
    until: Number.POSITIVE_INFINITY,
  };
  let closing = false;
  const failures: unknown[] = [];
  // The full path: every request the front leaves.
  const server = createServer((_request, response) => response.end('{"data":{"ranInFull":true}}'));
  answerFirst(
    server,
    createBoardFront({
      // One board is kept: station s1's for { after: null }.
      boards: {
        fresh: (stationId, variables) =>
          stationId === 's1' && variables === '{"after":null}' ? kept : undefined,
      },
      knownKiosk: (authorization) => {
        if (authorization === 'Bearer broken') throw new Error('the cache is broken');
        return authorization === 'Bearer good' ? KIOSK : null;
      },
      headers: { 'x-frame-options': 'SAMEORIGIN' },
      closing: () => closing,
    }),
    (error) => failures.push(error),
  );
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const ask = async (path: string, headers: Record<string, string> = {}, body?: string) => {
    const answer = await fetchRaw(base, path, { authorization: 'Bearer good', ...headers }, body);
    return JSON.parse(answer.bytes.toString()).data;
  };

  it('answers a fresh board itself, with its headers', async () => {
    const answer = await fetchRaw(base, boardPath(), { authorization: 'Bearer good' });
    expect(JSON.parse(answer.bytes.toString()).data).toEqual({ kept: true });
    expect(answer.headers).toMatchObject({
      'x-frame-options': 'SAMEORIGIN',
      'content-type': 'application/json; charset=utf-8',
      vary: 'Accept, Accept-Encoding',
      'content-length': String(kept.payload.length),
    });
  });

  it('leaves everything else to the full path', async () => {
    const full = { ranInFull: true };
    expect(await ask(boardPath(), { authorization: 'Bearer revoked' })).toEqual(full);
    expect(await ask(boardPath(), { authorization: '' })).toEqual(full);
    expect(await ask(boardPath({ variables: '{"after":"abc"}' }))).toEqual(full);
    expect(await ask(boardPath({ variables: 'not json' }))).toEqual(full);
    expect(await ask(boardPath({ operationName: 'KioskBoard' }))).toEqual(full);
    expect(await ask(`${boardPath()}&variables=%7B%7D`)).toEqual(full);
    expect(await ask(boardPath({ query: KIOSK_QUERIES.KioskSkills.hash }))).toEqual(full);
    expect(await ask(boardPath({ persisted: 'false' }))).toEqual(full);
    expect(await ask(boardPath(), { origin: 'https://elsewhere.example' })).toEqual(full);
    expect(await ask('/graphql?query=%7B__typename%7D')).toEqual(full);
    expect(await ask('/graphql', {}, '{}')).toEqual(full);
    expect(failures).toEqual([]);
    expect(await ask(boardPath(), { authorization: 'Bearer broken' })).toEqual(full);
    expect(failures).toHaveLength(1);
    closing = true;
    expect(await ask(boardPath())).toEqual(full);
    closing = false;
  });
});
