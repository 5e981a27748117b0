import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, count, expectAnswered, one, sql, TAPS } from '../support/double-tap.js';
import { staffedStation } from '../support/followup.js';
import {
  adminToken,
  idNumberFor,
  phoneCode,
  REGISTER_WORKER,
  REQUEST_PHONE_CODE,
  registerEmployer,
  registerWorker,
  uniquePhone,
  withPhoneCode,
  workerInput,
} from '../support/people.js';
import { LOGIN, REFRESH, signIn } from '../support/sessions.js';

/**
 * The sign-in and registry buttons pressed several times at once: a registration sent twice on a
 * slow network, a code asked for again, two devices refreshing, an admin's double click. Every
 * press is answered with the result or a named refusal, a code works once, and the registry holds
 * one account, one worker, one operator where one is meant.
 */
describe('double taps on accounts and the registry', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: { MUTATION_RATE_LIMIT: '100000', STATION_MUTATION_RATE_LIMIT: '100000' },
    });
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  const ok = (said: string[]) => said.filter((o) => o === 'OK').length;

  it('registers a worker once when the same form and code are sent several times at once', async () => {
    const input = await withPhoneCode(t, workerInput());
    const answers = await burst(TAPS, () => t.gql(REGISTER_WORKER, { input }));
    expect(ok(expectAnswered(answers))).toBe(1);
    expect(await count(t, sql`select count(*) as n from accounts where phone = ${input.phone}`)).toBe(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from workers w join accounts a on a.id = w.account_id where a.phone = ${input.phone}`,
      ),
    ).toBe(1);
  });

  it('asks for one code at a time, and spends a code once', async () => {
    const phone = uniquePhone();
    const asks = await burst(TAPS, () => t.gql(REQUEST_PHONE_CODE, { p: phone, u: 'REGISTER' }));
    expectAnswered(asks);
    await t.app.services.phones.drain();

    const worker = await registerWorker(t);
    const code = await phoneCode(t, worker.phone, 'PASSWORD_RESET');
    const resets = await burst(TAPS, () =>
      t.gql(
        'mutation ($p: String!, $c: String!, $w: String!) { resetPassword(phone: $p, code: $c, newPassword: $w) { token } }',
        { p: worker.phone, c: code, w: 'new-pass-123' },
      ),
    );
    expect(ok(expectAnswered(resets))).toBe(1);

    const unlockCode = await phoneCode(t, worker.phone, 'UNLOCK');
    const unlocks = await burst(TAPS, () =>
      t.gql('mutation ($p: String!, $c: String!) { unlockSignIn(phone: $p, code: $c) { token } }', {
        p: worker.phone,
        c: unlockCode,
      }),
    );
    expect(ok(expectAnswered(unlocks))).toBe(1);

    const token = (await signIn(t, worker.phone, 'new-pass-123')).token;
    const newPhone = uniquePhone();
    const changeCode = await phoneCode(t, newPhone, 'PHONE_CHANGE', token);
    const changes = await burst(TAPS, () =>
      t.gql(
        'mutation ($p: String!, $c: String!) { changePhone(newPhone: $p, code: $c) { id phone } }',
        { p: newPhone, c: changeCode },
        token,
      ),
    );
    expect(ok(expectAnswered(changes))).toBe(1);
    expect(await count(t, sql`select count(*) as n from accounts where phone = ${newPhone}`)).toBe(1);
  });

  it('signs in, refreshes, changes a password and signs out under repeats', async () => {
    const worker = await registerWorker(t);
    // Up to LOGIN_SLOW_AFTER (3) at once all sign in; past it an attempt is counted before its
    // password is checked (login-lockout.ts), so a crowd of taps is partly told to wait, by name.
    const logins = await burst(3, () => t.gql(LOGIN, { p: worker.phone, w: 'worker-pass-1' }));
    expect(expectAnswered(logins)).toEqual(Array(3).fill('OK'));
    const crowd = expectAnswered(
      await burst(TAPS, () => t.gql(LOGIN, { p: worker.phone, w: 'worker-pass-1' })),
    );
    expect(crowd.filter((o) => o !== 'OK' && o !== 'RATE_LIMITED')).toEqual([]);
    expect(ok(crowd)).toBeGreaterThanOrEqual(1);

    const session = await signIn(t, worker.phone, 'worker-pass-1');
    const refreshes = await burst(TAPS, () => t.gql(REFRESH, { r: session.refreshToken }));
    expect(ok(expectAnswered(refreshes))).toBeLessThanOrEqual(1);

    const other = await signIn(t, worker.phone, 'worker-pass-1');
    const locales = await burst(TAPS, () =>
      t.gql('mutation { setMyLocale(locale: EN) { id } }', {}, other.token),
    );
    expect(expectAnswered(locales)).toEqual(Array(TAPS).fill('OK'));
    const changes = await burst(TAPS, () =>
      t.gql(
        'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
        { c: 'worker-pass-1', n: 'worker-pass-2' },
        other.token,
      ),
    );
    expect(ok(expectAnswered(changes))).toBeGreaterThanOrEqual(1);

    const last = await signIn(t, worker.phone, 'worker-pass-2');
    const outs = await burst(TAPS, () => t.gql('mutation { signOut }', {}, last.token));
    expectAnswered(outs);
  });

  it('erases an account once', async () => {
    const worker = await registerWorker(t);
    const answers = await burst(TAPS, () =>
      t.gql('mutation ($p: String!) { deleteMyAccount(password: $p) }', { p: 'worker-pass-1' }, worker.token),
    );
    expect(ok(expectAnswered(answers))).toBeGreaterThanOrEqual(1);
    expect(await count(t, sql`select count(*) as n from accounts where phone = ${worker.phone}`)).toBe(0);
    expect(
      await count(t, sql`select count(*) as n from workers where id = ${worker.id} and name like '已注销-%'`),
    ).toBe(1);
  });

  it("an admin's double clicks: one staff account, one verification, one operator, one suspension", async () => {
    const phone = uniquePhone();
    const staff = await burst(TAPS, () =>
      t.gql(
        'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
        { i: { role: 'STATION_OPERATOR', phone, password: 'operator-pass-1', displayName: '馆驿镇驿站' } },
        admin,
      ),
    );
    expect(ok(expectAnswered(staff))).toBe(1);
    expect(await count(t, sql`select count(*) as n from accounts where phone = ${phone}`)).toBe(1);

    const employer = await registerEmployer(t);
    const verifications = await burst(TAPS, () =>
      t.gql(
        'mutation ($e: ID!) { verifyEmployer(employerId: $e) { id verified } }',
        { e: employer.id },
        admin,
      ),
    );
    expect(expectAnswered(verifications)).toEqual(Array(TAPS).fill('OK'));

    const { stationId, operator } = await staffedStation(t, {
      name: '馆驿镇',
      location: { lat: 35.77, lng: 116.05 },
      serviceRadiusKm: 20,
    });
    const { id: accountId } = await one<{ id: string }>(
      t,
      sql`select id from accounts where phone = ${phone}`,
    );
    const assigns = await burst(TAPS, () =>
      t.gql(
        'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
        { s: stationId, a: accountId },
        admin,
      ),
    );
    expect(expectAnswered(assigns)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(t, sql`select count(*) as n from station_operators where account_id = ${accountId}`),
    ).toBe(1);

    const walkIn = workerInput({ idNumber: idNumberFor('1961-02-03') });
    const walkIns = await burst(TAPS, () =>
      t.gql(
        'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
        { i: walkIn },
        operator,
      ),
    );
    expect(ok(expectAnswered(walkIns))).toBe(1);
    expect(await count(t, sql`select count(*) as n from accounts where phone = ${walkIn.phone}`)).toBe(1);

    const { id: walkInId } = await one<{ id: string }>(
      t,
      sql`select w.id from workers w join accounts a on a.id = w.account_id where a.phone = ${walkIn.phone}`,
    );
    const identities = await burst(TAPS, () =>
      t.gql(
        'mutation ($w: ID!, $n: String!, $m: String!, $s: ID) { verifyWorkerIdentity(workerId: $w, idNumber: $n, name: $m, stationId: $s) { id identityStatus } }',
        { w: walkInId, n: walkIn.idNumber, m: walkIn.name, s: stationId },
        operator,
      ),
    );
    expect(expectAnswered(identities)).toEqual(Array(TAPS).fill('OK'));

    const target = await registerWorker(t);
    const suspensions = await burst(TAPS, () =>
      t.gql(
        'mutation ($a: ID!) { suspendAccount(accountId: $a, reason: "冒用他人身份") { id } }',
        { a: target.accountId },
        admin,
      ),
    );
    expectAnswered(suspensions);
    const reinstated = await burst(TAPS, () =>
      t.gql('mutation ($a: ID!) { reinstateAccount(accountId: $a) { id } }', { a: target.accountId }, admin),
    );
    expectAnswered(reinstated);
    expect(
      await count(
        t,
        sql`select count(*) as n from accounts where id = ${target.accountId} and suspended_at is null`,
      ),
    ).toBe(1);

    const wages = await burst(TAPS, () =>
      t.gql(
        'mutation { setMinimumWage(regionCode: "370832", hourlyFen: 2300, effectiveFrom: "2027-01-01") { code } }',
        {},
        admin,
      ),
    );
    // Each setting is a row of the region's history, one after another as at once.
    expect(expectAnswered(wages)).toEqual(Array(TAPS).fill('OK'));
  });
});
