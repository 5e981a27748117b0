import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { stationWithKiosk } from '../support/kiosk.js';
import { adminToken } from '../support/people.js';
import { connectSocket } from '../support/sockets.js';

/**
 * What the edge of the API says before any domain runs — no token, a bad token, a kiosk token
 * where it may not go, a hidden character in an argument, a socket without a sign-in — reads in
 * Chinese, or in English when the device asks.
 */
describe('the API’s own refusals in the reader’s language', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let kiosk: string;
  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    admin = await adminToken(t);
    kiosk = (await stationWithKiosk(t)).token;
  });
  afterAll(() => t?.close());

  const ask = async (
    query: string,
    headers: Record<string, string>,
    variables: Record<string, unknown> = {},
  ) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers,
      payload: { query, variables },
    });
    return response.json().errors[0] as { message: string; extensions: Record<string, unknown> };
  };
  const EN = { 'accept-language': 'en-US,en;q=0.9' };

  it('asks for a sign-in, and says when a token is not valid', async () => {
    expect(await ask('{ stations { id } }', {})).toMatchObject({
      message: '请先登录：在请求头 Authorization 里写 Bearer，后面跟上令牌。',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await ask('{ stations { id } }', EN)).message).toBe(
      'Sign in first: send your token as "Authorization: Bearer …" (the token after it).',
    );
    const forged = { authorization: 'Bearer not.a.jwt' };
    expect(await ask('{ stations { id } }', forged)).toMatchObject({
      message: '登录令牌无效：请重新登录。',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await ask('{ stations { id } }', { ...forged, ...EN })).message).toBe(
      'The token is not valid: sign in again.',
    );
  });

  it('keeps a kiosk token to the board, in words a station reads', async () => {
    const bearer = { authorization: `Bearer ${kiosk}` };
    expect(await ask('{ stations { id } }', bearer)).toMatchObject({
      message: '屏幕令牌只能看驿站的活和零工信息。',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await ask('{ stations { id } }', { ...bearer, ...EN })).message).toBe(
      'A kiosk token can only show the station board and gigs.',
    );
  });

  it('names each argument holding a hidden character, all at once', async () => {
    const CREATE = 'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }';
    const input = {
      name: '拳铺镇\u202e驿站',
      regionCode: '370832',
      location: { lat: 35.84, lng: 116.12 },
      address: '梁山县\n拳铺镇',
    };
    const error = await ask(CREATE, { authorization: `Bearer ${admin}` }, { i: input });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
      problems: [
        {
          field: 'input.name',
          message:
            'input.name 里有隐藏的文字方向控制符（U+202E）：这里只能填一行看得见的文字。请删掉它（重新输入，不要粘贴），再提交。',
        },
        {
          field: 'input.address',
          message:
            'input.address 里有换行符（U+000A）：这里只能填一行看得见的文字。请删掉它（重新输入，不要粘贴），再提交。',
        },
      ],
    });
    const english = await ask(CREATE, { authorization: `Bearer ${admin}`, ...EN }, { i: input });
    expect(english.message).toMatch(/^input\.name holds a hidden text-direction control \(U\+202E\)/);
    expect(await t.gql('{ stations { name } }', {}, admin)).not.toMatchObject({
      data: { stations: expect.arrayContaining([expect.objectContaining({ name: input.name })]) },
    });
  });

  it('refuses a socket without a good token in Chinese, or in English when its handshake asks', async () => {
    await expect(connectSocket(baseUrl, {})).rejects.toThrow('请先登录：连接时在 auth.token 里带上令牌。');
    await expect(connectSocket(baseUrl, { token: 'kiosk_unknown' })).rejects.toThrow(
      '这个屏幕令牌不认识：请向驿站要一个新的。',
    );
    await expect(connectSocket(baseUrl, { token: 'kiosk_unknown', locale: 'en' })).rejects.toThrow(
      'This kiosk token is not known: ask the station for a new one.',
    );
  });
});
