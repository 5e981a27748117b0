import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDevSmsGateway } from '../../src/modules/sms/sms.gateway.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { phoneCode, REGISTER_WORKER, registerWorker, withPhoneCode, workerInput } from '../support/people.js';
import { connectSocket } from '../support/sockets.js';

/**
 * The account's own language (accounts.locale, setMyLocale, `locale` at registration) comes before
 * what the device asks: its token carries it, so a signed-in request, and its socket, answer in it
 * whatever Accept-Language says.
 */
let t: TestApp;
let url: string;
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await createTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t?.close();
});

const SET_MY_LOCALE = 'mutation ($l: Locale!) { setMyLocale(locale: $l) { id locale } }';
const REFRESH = 'mutation ($r: String!) { refreshSession(refreshToken: $r) { token refreshToken } }';
// A window that ends before it starts: refused by the workers' rules, with words to read.
const tomorrow = (hours: number) => new Date(Date.now() + 86_400_000 + hours * 3_600_000).toISOString();
const badWindow = () => ({
  query: 'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
  variables: { w: [{ startsAt: tomorrow(2), endsAt: tomorrow(0) }] },
});
const CHINESE_WINDOW = '空闲时段的结束时间要晚于开始时间。';
const ENGLISH_WINDOW = 'A window must end after it starts.';

/** The message of a refused setAvailability, asked with `headers`. */
async function windowRefusal(token: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { authorization: `Bearer ${token}`, ...headers },
    payload: badWindow(),
  });
  const [error] = response.json().errors;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'windows[0].endsAt' });
  return error.message as string;
}

async function registeredWith(locale: 'EN' | 'ZH_CN' | null) {
  const input = await withPhoneCode(t, workerInput(locale ? { locale } : {}));
  const { data, errors } = await t.gql<{
    registerWorker: { token: string; refreshToken: string; account: { id: string } };
  }>(REGISTER_WORKER, { input });
  if (!data) throw new Error(JSON.stringify(errors));
  return data.registerWorker;
}

describe('an account that chose a language', () => {
  it('chose EN at registration: English errors with no Accept-Language, and me says EN', async () => {
    const { token } = await registeredWith('EN');
    expect(await windowRefusal(token)).toBe(ENGLISH_WINDOW);
    expect(await windowRefusal(token, { 'accept-language': 'zh-CN' })).toBe(ENGLISH_WINDOW);
    const me = await t.gql<{ me: { locale: string | null } }>('{ me { locale } }', {}, token);
    expect(me.data?.me.locale).toBe('EN');
  });

  it('chose ZH_CN with setMyLocale: Chinese even with accept-language en, from the next token on', async () => {
    const { token, refreshToken } = await registeredWith(null);
    const english = { 'accept-language': 'en' };
    // No choice yet: the device decides.
    expect(await windowRefusal(token, english)).toBe(ENGLISH_WINDOW);
    const set = await t.gql<{ setMyLocale: { locale: string } }>(SET_MY_LOCALE, { l: 'ZH_CN' }, token);
    expect(set.data?.setMyLocale.locale).toBe('ZH_CN');
    const refreshed = await t.gql<{ refreshSession: { token: string } }>(REFRESH, { r: refreshToken });
    const next = refreshed.data?.refreshSession.token as string;
    expect(await windowRefusal(next, english)).toBe(CHINESE_WINDOW);
    expect(await windowRefusal(next)).toBe(CHINESE_WINDOW);
  });

  it('a new sign-in carries the choice, and localeOfAccount gives it (Chinese when none was made)', async () => {
    const chose = await registerWorker(t);
    await t.gql(SET_MY_LOCALE, { l: 'EN' }, chose.token);
    const signedIn = await t.gql<{ login: { token: string } }>(
      'mutation ($p: String!) { login(phone: $p, password: "worker-pass-1") { token } }',
      { p: chose.phone },
    );
    expect(await windowRefusal(signedIn.data?.login.token as string)).toBe(ENGLISH_WINDOW);
    expect(await t.app.services.accounts.localeOfAccount(chose.accountId)).toBe('en');
    const none = await registerWorker(t);
    expect(await t.app.services.accounts.localeOfAccount(none.accountId)).toBe('zh-CN');
  });

  it('its socket speaks the chosen language whatever the handshake asked', async () => {
    const { token } = await registeredWith('EN');
    const socket = await connectSocket(url, { token, locale: 'zh-CN' });
    sockets.push(socket);
    const answer = await socket.emitWithAck('session:renew', { token: '' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    expect(answer.error.message).toBe('Send a fresh access token (from refreshSession) as token.');
    const chinese = await connectSocket(url, { token: (await registeredWith(null)).token });
    sockets.push(chinese);
    const chineseAnswer = await chinese.emitWithAck('session:renew', { token: '' });
    expect(chineseAnswer.error.message).toBe('请发送新的登录凭证（token）。');
  });

  it('texts without a request (a password reset code) are in the account’s language, Chinese when none was chosen', async () => {
    const gateway = t.app.services.sms.gateway;
    if (!isDevSmsGateway(gateway)) throw new Error('this test needs SMS_PROVIDER=dev');
    const purposeTexted = async (phone: string) => {
      await phoneCode(t, phone, 'PASSWORD_RESET');
      return gateway.outbox.filter((m) => m.to === phone && m.template === 'CODE').at(-1)?.params[1];
    };
    const english = await registerWorker(t, { locale: 'EN' });
    expect(await purposeTexted(english.phone)).toBe('resetting your password');
    const chinese = await registerWorker(t);
    expect(await purposeTexted(chinese.phone)).toBe('重置密码');
  });

  it('an unknown language is refused by the schema, naming the value', async () => {
    const { token } = await registeredWith(null);
    const refused = await t.gql(SET_MY_LOCALE, { l: 'FR' }, token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/FR/);
  });
});
