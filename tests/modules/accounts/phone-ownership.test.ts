import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDevSmsGateway } from '../../../src/modules/sms/sms.gateway.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testClock } from '../../support/hiring.js';
import {
  adminToken,
  operatorToken,
  phoneCode,
  registerWorker,
  uniquePhone,
  workerInput,
} from '../../support/people.js';

const MINUTE = 60_000;
const PASSWORD = 'worker-pass-1';
const LOGIN = 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token refreshToken } }';
const RESET = `mutation ($p: String!, $c: String!, $n: String!) {
  resetPassword(phone: $p, code: $c, newPassword: $n) { token refreshToken account { id } }
}`;
const CHANGE = 'mutation ($p: String!, $c: String!) { changePhone(newPhone: $p, code: $c) { id phone } }';
const REFRESH = 'mutation ($r: String!) { refreshSession(refreshToken: $r) { token } }';

const clock = testClock();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t?.close());

const codeOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  answer.errors?.[0]?.extensions;

describe('resetPassword', () => {
  it('sets a new password with a code, ends the other sessions, and signs in', async () => {
    const worker = await registerWorker(t);
    const other = await t.gql<{ login: { refreshToken: string } }>(LOGIN, { p: worker.phone, w: PASSWORD });
    const code = await phoneCode(t, worker.phone, 'PASSWORD_RESET');
    const reset = await t.gql<{ resetPassword: { token: string; account: { id: string } } }>(RESET, {
      p: worker.phone,
      c: code,
      n: 'a-new-password-2',
    });
    expect(reset.errors).toBeUndefined();
    expect(reset.data?.resetPassword.account.id).toBe(worker.accountId);
    expect(codeOf(await t.gql(LOGIN, { p: worker.phone, w: PASSWORD }))?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { p: worker.phone, w: 'a-new-password-2' })).errors).toBeUndefined();
    // The session signed in before the reset can no longer be renewed.
    const renewed = await t.gql(REFRESH, { r: other.data?.login.refreshToken });
    expect(codeOf(renewed)?.code).toBe('UNAUTHENTICATED');
    const [row] = await t.app.sql<{ token_version: number; audited: number }[]>`
      select token_version, (select count(*)::int from audit_log where action = 'PASSWORD_RESET' and subject_id = a.id::text) as audited
      from accounts a where id = ${worker.accountId}`;
    expect(row).toEqual({ token_version: 1, audited: 1 });
  });

  it('is single use, and refuses a wrong code on code, changing nothing', async () => {
    const worker = await registerWorker(t);
    const code = await phoneCode(t, worker.phone, 'PASSWORD_RESET');
    const wrong = code === '111111' ? '111112' : '111111';
    const refused = await t.gql(RESET, { p: worker.phone, c: wrong, n: 'a-new-password-2' });
    expect(codeOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect((await t.gql(LOGIN, { p: worker.phone, w: PASSWORD })).errors).toBeUndefined();
    expect((await t.gql(RESET, { p: worker.phone, c: code, n: 'a-new-password-2' })).errors).toBeUndefined();
    const again = await t.gql(RESET, { p: worker.phone, c: code, n: 'a-third-password-3' });
    expect(codeOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect((await t.gql(LOGIN, { p: worker.phone, w: 'a-new-password-2' })).errors).toBeUndefined();
  });

  it('texts nobody for a number without an account, and answers it as one with', async () => {
    const nobody = uniquePhone();
    const worker = await registerWorker(t);
    const ask = (p: string) =>
      t.gql(
        'mutation ($p: String!) { requestPhoneCode(phone: $p, purpose: PASSWORD_RESET) { message expiresAt retryAfter } }',
        { p },
      );
    expect(JSON.stringify(await ask(nobody))).toBe(JSON.stringify(await ask(worker.phone)));
    await t.app.services.phones.drain();
    const gateway = t.app.services.sms.gateway;
    if (!isDevSmsGateway(gateway)) throw new Error('dev gateway expected');
    expect(gateway.outbox.filter((m) => m.to === nobody)).toEqual([]);
    const refused = await t.gql(RESET, { p: nobody, c: '123456', n: 'a-new-password-2' });
    expect(codeOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });
});

describe('changePhone', () => {
  it('moves the account to a number proven with a code sent to it, and tells the old number', async () => {
    const worker = await registerWorker(t);
    const next = uniquePhone();
    const code = await phoneCode(t, next, 'PHONE_CHANGE', worker.token);
    const changed = await t.gql<{ changePhone: { phone: string } }>(
      CHANGE,
      { p: next, c: code },
      worker.token,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.changePhone.phone).toBe(next);
    expect((await t.gql(LOGIN, { p: next, w: PASSWORD })).errors).toBeUndefined();
    expect(codeOf(await t.gql(LOGIN, { p: worker.phone, w: PASSWORD }))?.code).toBe('UNAUTHENTICATED');
    await t.app.services.phones.drain();
    const gateway = t.app.services.sms.gateway;
    if (!isDevSmsGateway(gateway)) throw new Error('dev gateway expected');
    expect(gateway.outbox.filter((m) => m.to === worker.phone).at(-1)?.text).toMatch(/已换绑新手机号/);
  });

  it("refuses another account's code, and a number another account has", async () => {
    const worker = await registerWorker(t);
    const other = await registerWorker(t);
    const next = uniquePhone();
    // A code another account asked for the number does not work for this one.
    const theirs = await phoneCode(t, next, 'PHONE_CHANGE', other.token);
    const refused = await t.gql(CHANGE, { p: next, c: theirs }, worker.token);
    expect(codeOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    // The holder of `other`'s number proves it, but it is taken.
    clock.advance(MINUTE);
    const code = await phoneCode(t, other.phone, 'PHONE_CHANGE', worker.token);
    const taken = await t.gql(CHANGE, { p: other.phone, c: code }, worker.token);
    expect(codeOf(taken)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPhone' });
    const [row] = await t.app.sql<
      { phone: string }[]
    >`select phone from accounts where id = ${worker.accountId}`;
    expect(row?.phone).toBe(worker.phone);
  });
});

describe('a walk-in worker an operator registers', () => {
  it('needs no code, and has an unverified phone until the worker proves it', async () => {
    const admin = await adminToken(t);
    const station = await t.gql<{ createStation: { id: string } }>(
      'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }',
      {
        i: {
          name: '馆驿镇零工驿站',
          regionCode: '370832',
          location: { lat: 35.81, lng: 116.1 },
          address: '梁山县馆驿镇政府西50米',
        },
      },
      admin,
    );
    const operator = await operatorToken(t);
    const me = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
    await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: station.data?.createStation.id, a: me.data?.me.id },
      admin,
    );
    const phone = uniquePhone();
    const walkIn = await t.gql<{ registerWalkInWorker: { id: string } }>(
      'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
      { i: { ...workerInput({ name: '王大叔' }), phone, password: null } },
      operator,
    );
    expect(walkIn.errors).toBeUndefined();
    const proven = async () =>
      (
        await t.app.sql<{ proven: boolean }[]>`
        select phone_verified_at is not null as proven from accounts where phone = ${phone}`
      )[0]?.proven;
    expect(await proven()).toBe(false);
    // The worker sets a password with a code sent to the phone, which proves it.
    const code = await phoneCode(t, phone, 'PASSWORD_RESET');
    expect((await t.gql(RESET, { p: phone, c: code, n: 'my-own-password-1' })).errors).toBeUndefined();
    expect(await proven()).toBe(true);
    expect((await t.gql(LOGIN, { p: phone, w: 'my-own-password-1' })).errors).toBeUndefined();
  });
});
