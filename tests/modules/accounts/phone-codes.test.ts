import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDevSmsGateway } from '../../../src/modules/sms/sms.gateway.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { createFingerprinter } from '../../support/db-fingerprint.js';
import { testClock } from '../../support/hiring.js';
import {
  codesTextedTo,
  gqlFrom,
  REGISTER_WORKER,
  REQUEST_PHONE_CODE,
  registerWorker,
  uniquePhone,
  workerInput,
} from '../../support/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const clock = testClock();
let t: TestApp;
let fingerprints: Awaited<ReturnType<typeof createFingerprinter>>;

beforeAll(async () => {
  // The limits' defaults, except 127.0.0.1's own (every registration of this file asks from there).
  t = await createTestApp({
    clock,
    env: { PHONE_CODE_ADDRESS_HOURLY: '20', PHONE_CODE_ADDRESS_DAILY: '50' },
  });
  fingerprints = await createFingerprinter(t.databaseUrl, ['outbox', 'search_watermarks']);
});
afterAll(async () => {
  await fingerprints?.close();
  await t?.close();
});

/** A fresh client address: each test's attacker and owner are people of their own. */
let hosts = 0;
const address = () => `10.20.${Math.floor(++hosts / 250)}.${(hosts % 250) + 1}`;

type Sent = { message: string; expiresAt: string; retryAfter: string };
type Answer = {
  data?: { requestPhoneCode: Sent } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

async function ask(from: string, phone: string, purpose = 'REGISTER'): Promise<Answer> {
  const answer = (await gqlFrom(t, from)(REQUEST_PHONE_CODE, { p: phone, u: purpose })) as Answer;
  await t.app.services.phones.drain();
  return answer;
}

const refusal = (answer: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({
  code: answer.errors?.[0]?.extensions?.code,
  field: answer.errors?.[0]?.extensions?.field,
  message: answer.errors?.[0]?.message,
});

function textsTo(phone: string) {
  const gateway = t.app.services.sms.gateway;
  if (!isDevSmsGateway(gateway)) throw new Error('these tests need SMS_PROVIDER=dev');
  return gateway.outbox.filter((m) => m.to === phone);
}

const register = (from: string, input: Record<string, unknown>) =>
  gqlFrom(t, from)<{ registerWorker: { account: { id: string } } }>(REGISTER_WORKER, { input });

describe('registration needs the phone', () => {
  it("refuses a stranger's number without its code, and changes nothing", async () => {
    const owner = await registerWorker(t);
    const attacker = address();
    const before = await fingerprints.take();
    const free = uniquePhone();
    for (const phone of [owner.phone, free]) {
      for (const phoneCode of [undefined, null, '', '000000', '123456', '12345']) {
        const answer = await register(attacker, workerInput({ phone, phoneCode }));
        expect(answer.data?.registerWorker ?? null).toBeNull();
        expect(refusal(answer), String(phoneCode)).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'phoneCode',
        });
        expect(refusal(answer).message).not.toMatch(/already|has an account|registered|注册过|有账号/i);
      }
    }
    expect(fingerprints.changed(before, await fingerprints.take())).toEqual([]);
    const [row] = await t.app.sql<{ n: number; sms: number }[]>`
      select count(*)::int as n, count(*) filter (where w.sms_offers)::int as sms
      from accounts a left join workers w on w.account_id = a.id where a.phone in (${owner.phone}, ${free})`;
    expect(row).toEqual({ n: 1, sms: 0 });
  });

  it('sends no code for a number that has an account: the owner is warned, and the answers are identical', async () => {
    const owner = await registerWorker(t);
    const free = uniquePhone();
    const attacker = address();
    const taken = await ask(attacker, owner.phone);
    const open = await ask(attacker, free);
    expect(taken.errors).toBeUndefined();
    expect(JSON.stringify(taken)).toBe(JSON.stringify(open));
    expect(taken.data?.requestPhoneCode.message).toMatch(/验证码/);
    expect(Date.parse(taken.data?.requestPhoneCode.expiresAt ?? '')).toBe(
      clock.now().getTime() + 10 * MINUTE,
    );
    expect(Date.parse(taken.data?.requestPhoneCode.retryAfter ?? '')).toBe(clock.now().getTime() + MINUTE);

    // The owner: the code of their own registration, then a warning, never a code for the attacker.
    const toOwner = textsTo(owner.phone);
    expect(toOwner.map((m) => m.template)).toEqual(['CODE', 'NOTICE']);
    expect(toOwner[1]?.text).toMatch(/有人正在用您的手机号注册零工.*可直接登录.*重置/);
    expect(textsTo(free).map((m) => m.template)).toEqual(['CODE']);
    expect(textsTo(free)[0]?.text).toMatch(/^【零工】验证码\d{6}，用于注册零工账号，10分钟内有效/);

    // Guessing at the taken number is answered as guessing at the free one, try by try.
    const wrong = codesTextedTo(t, free)[0] === '000000' ? '000001' : '000000';
    const guesses = async (phone: string) => {
      const seen = [];
      for (let i = 0; i < 6; i++) {
        seen.push(refusal(await register(attacker, workerInput({ phone, phoneCode: wrong }))));
      }
      return seen;
    };
    const atTaken = await guesses(owner.phone);
    expect(atTaken).toEqual(await guesses(free));
    expect(atTaken.at(-1)?.message).toMatch(/验证码错的次数太多/);
  });

  it('registers with the code texted to the phone, once, and marks the phone proven', async () => {
    const me = address();
    const phone = uniquePhone();
    await ask(me, phone);
    const [code] = codesTextedTo(t, phone);
    const answer = await register(me, workerInput({ phone, phoneCode: code }));
    expect(answer.errors).toBeUndefined();
    const [row] = await t.app.sql<{ proven: boolean }[]>`
      select phone_verified_at is not null as proven from accounts where phone = ${phone}`;
    expect(row?.proven).toBe(true);
    // The same code again (another registration racing it, say): used up.
    const again = await register(me, workerInput({ phone, phoneCode: code }));
    expect(refusal(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phoneCode' });
  });

  it('tells a caller who proved the phone that it has an account (sign in instead)', async () => {
    const phone = uniquePhone();
    const me = address();
    await ask(me, phone);
    const [code] = codesTextedTo(t, phone);
    // The number is registered meanwhile (by a station, say): the code still proves the phone.
    await t.app.sql`insert into accounts (role, phone, display_name) values ('WORKER', ${phone}, '王五')`;
    expect(refusal(await register(me, workerInput({ phone, phoneCode: code })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'phone',
      message: expect.stringMatching(/已经注册过了：请直接登录/),
    });
  });
});

describe('one-time codes', () => {
  it('expire after PHONE_CODE_TTL_MINUTES', async () => {
    const me = address();
    const phone = uniquePhone();
    await ask(me, phone);
    const [code] = codesTextedTo(t, phone);
    clock.advance(10 * MINUTE + 1000);
    expect(refusal(await register(me, workerInput({ phone, phoneCode: code })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'phoneCode',
      message: expect.stringMatching(/验证码不对或已失效/),
    });
  });

  it('are used up by 5 wrong tries, after which the right one no longer works', async () => {
    const me = address();
    const phone = uniquePhone();
    await ask(me, phone);
    const [code] = codesTextedTo(t, phone);
    const wrong = code === '999999' ? '999998' : '999999';
    const tries = [];
    for (let i = 0; i < 5; i++)
      tries.push(refusal(await register(me, workerInput({ phone, phoneCode: wrong }))));
    expect(tries.map((r) => r.message)).toEqual([
      expect.stringMatching(/还能试 4 次/),
      expect.stringMatching(/还能试 3 次/),
      expect.stringMatching(/还能试 2 次/),
      expect.stringMatching(/还能试 1 次/),
      expect.stringMatching(/验证码错的次数太多/),
    ]);
    expect(refusal(await register(me, workerInput({ phone, phoneCode: code }))).field).toBe('phoneCode');
    // Only the newest code counts: a new one works.
    clock.advance(MINUTE);
    await ask(me, phone);
    const fresh = codesTextedTo(t, phone).at(-1);
    expect((await register(me, workerInput({ phone, phoneCode: fresh }))).errors).toBeUndefined();
  });

  it('are not stored in clear: neither the code nor the number is in the table', async () => {
    const phone = uniquePhone();
    await ask(address(), phone);
    const [code] = codesTextedTo(t, phone);
    const rows = await t.app.sql`select * from phone_codes`;
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(dump).not.toContain(phone);
    expect(dump).not.toMatch(new RegExp(`"${code}"|:${code}\\b`));
    expect(rows.every((r) => r.code_hash === null || /^[0-9a-f]{64}$/.test(String(r.code_hash)))).toBe(true);
  });

  it('are limited per number from one address: a minute apart, 5 an hour', async () => {
    const attacker = address();
    const phone = uniquePhone();
    expect((await ask(attacker, phone)).errors).toBeUndefined();
    const soon = await ask(attacker, phone);
    expect(refusal(soon).code).toBe('RATE_LIMITED');
    expect(soon.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    for (let i = 0; i < 4; i++) {
      clock.advance(MINUTE);
      expect((await ask(attacker, phone)).errors, `request ${i + 2}`).toBeUndefined();
    }
    clock.advance(MINUTE);
    expect(refusal(await ask(attacker, phone)).code).toBe('RATE_LIMITED');
    // The owner, elsewhere, still gets a code: one address cannot use up a number's codes.
    expect((await ask(address(), phone)).errors).toBeUndefined();
    expect(codesTextedTo(t, phone)).toHaveLength(6);
  });

  it('are limited per number across addresses (PHONE_CODE_NUMBER_DAILY_CEILING) and per address across numbers', async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 20; i++) expect((await ask(address(), phone)).errors, `address ${i}`).toBeUndefined();
    expect(refusal(await ask(address(), phone)).code).toBe('RATE_LIMITED');
    expect(codesTextedTo(t, phone)).toHaveLength(20);

    const crawler = address();
    for (let i = 0; i < 20; i++)
      expect((await ask(crawler, uniquePhone())).errors, `number ${i}`).toBeUndefined();
    const refused = await ask(crawler, uniquePhone());
    expect(refusal(refused).code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBe(HOUR / 1000);
  });

  it('for a new number go to a signed-in account only', async () => {
    const answer = await ask(address(), uniquePhone(), 'PHONE_CHANGE');
    expect(refusal(answer).code).toBe('UNAUTHENTICATED');
  });
});
