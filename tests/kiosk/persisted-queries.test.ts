import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_QUERIES } from '../../src/kiosk/persisted-queries.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, kioskQuery, stationWithKiosk, untilOnBoard } from '../support/kiosk.js';

describe('the kiosk page’s persisted queries', () => {
  let t: TestApp;
  let station: KioskStation;
  const persisted = (query: unknown, token?: string, accept?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(accept ? { accept } : {}) },
      payload: { persisted: true, query },
    });

  beforeAll(async () => {
    // As in production: a kiosk token runs persisted queries only.
    t = await createTestApp({ env: { KIOSK_PERSISTED_QUERIES_ONLY: 'true' } });
    station = await stationWithKiosk(t);
  });
  afterAll(() => t?.close());

  it('serves the page the SHA-256 of each document, and runs each by its hash', async () => {
    const module = await t.app.inject('/kiosk/queries.js');
    expect(module.statusCode).toBe(200);
    expect(module.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const [name, { document, hash }] of Object.entries(KIOSK_QUERIES)) {
      expect(hash).toBe(createHash('sha256').update(document).digest('hex'));
      expect(module.body).toContain(`"${name}": "${hash}"`);
    }
    expect(module.body).not.toContain('stationBoard');

    const gig = await postGig(t, (await verifiedEmployer(t)).token);
    await untilOnBoard(t, station.token, [gig.id]);
    const skills = await kioskQuery<{ skills: { code: string }[] }>(t, station.token, 'KioskSkills');
    expect(skills.errors).toBeUndefined();
    expect(skills.data?.skills.length).toBeGreaterThan(10);
    const board = await kioskQuery<{ stationBoard: { edges: { node: { title: string } }[] } }>(
      t,
      station.token,
      'KioskBoard',
      { after: null },
    );
    expect(board.errors).toBeUndefined();
    expect(board.data?.stationBoard.edges[0]?.node.title).toBe(gig.title);
    // Other clients may send a hash too; the fields' own rules still apply.
    const anonymous = (await persisted(KIOSK_QUERIES.KioskSkills.hash)).json();
    expect(anonymous.errors).toBeUndefined();
  });

  it('says plainly that a hash is unknown, and that the page should be reloaded', async () => {
    for (const hash of ['0'.repeat(64), 'constructor', '__proto__']) {
      const response = await persisted(hash, station.token);
      const [error] = response.json().errors;
      expect(error.extensions, hash).toEqual({ code: 'NOT_FOUND', persistedQuery: hash });
      expect(error.message, hash).toBe(`没有哈希为 "${hash}" 的预存查询：请刷新屏幕页面，拿到最新的查询。`);
    }
    const noHash = (await persisted(undefined, station.token)).json();
    expect(noHash.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(noHash.errors[0]).toMatchObject({
      message: '预存查询请这样发：persisted 填 true，query 填它的 SHA-256（十六进制）。',
      extensions: { code: 'BAD_USER_INPUT', field: 'query' },
    });
  });

  it('refuses a written query with a kiosk token, even the kiosk’s own text, and not without the token', async () => {
    for (const query of ['{ skills { code } }', KIOSK_QUERIES.KioskBoard.document, '{ stations { id } }']) {
      const refused = await t.gql(query, {}, station.token);
      expect(refused.data ?? null, query).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message, query).toMatch(/^屏幕令牌只能运行屏幕页面自己的查询/);
    }
    expect((await t.gql('{ skills { code } }')).errors).toBeUndefined();
    const spec = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${station.token}`, accept: 'application/graphql-response+json' },
      payload: { query: '{ skills { code } }' },
    });
    expect(spec.statusCode).toBe(403);
  });
});
