import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/security/passwords.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../../support/app.js';
import { testClock } from '../../support/hiring.js';
import { gqlFrom, phoneCode, registerWorker, uniquePhone } from '../../support/people.js';

const LOGIN = 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token refreshToken } }';
const PASSWORD = 'worker-pass-1';
const MINUTE = 60_000;
/** LOGIN_SLOW_AFTER and LOGIN_SLOW_SECONDS's defaults. */
const SLOW_AFTER = 3;
const SLOW_MS = 2000;
const HOME = '127.0.0.1';

type Answer = {
  code: string | undefined;
  message: string | undefined;
  retryAfterSeconds: unknown;
  scope?: unknown;
};

const clock = testClock();
let t: TestApp;
beforeAll(async () => {
  // The lock-out's defaults (slow after 3, 5 failures in 15 minutes); a small mutation limit to reach.
  t = await createTestApp({ clock, env: { MUTATION_RATE_LIMIT: '3' } });
});
afterAll(() => t?.close());

async function signIn(phone: string, password: string, from = HOME, app: TestApp = t): Promise<Answer> {
  const { data, errors } = await gqlFrom(app, from)(LOGIN, { p: phone, w: password });
  const error = errors?.[0];
  return {
    code: data ? 'OK' : error?.extensions?.code,
    message: error?.message,
    retryAfterSeconds: error?.extensions?.retryAfterSeconds,
    scope: error?.extensions?.scope,
  };
}

/** `times` wrong passwords from `from`, waiting out the slow-down as a patient attacker does. */
async function failTimes(phone: string, times: number, from = HOME): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) {
    if (i >= SLOW_AFTER) clock.advance(SLOW_MS * 2 ** (i - SLOW_AFTER));
    answers.push(await signIn(phone, 'not-the-password', from));
  }
  return answers;
}

let hosts = 0;
/** A client address of its own: an attacker's, or the owner's phone elsewhere. */
const address = () => `10.30.${Math.floor(++hosts / 250)}.${(hosts % 250) + 1}`;

describe('lock-out after failed sign-ins, per number and client address', () => {
  it('slows down after 3 failures, then locks this address out of the number after 5, even to the right password, for 15 minutes', async () => {
    const worker = await registerWorker(t);
    const first = await failTimes(worker.phone, 3);
    expect(first.map((a) => a.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const hasty = await signIn(worker.phone, 'not-the-password');
    expect(hasty).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    expect(hasty.message).toMatch(/请等 2 秒再试/);
    clock.advance(SLOW_MS);
    expect((await signIn(worker.phone, 'not-the-password')).code).toBe('UNAUTHENTICATED');
    expect(await signIn(worker.phone, PASSWORD)).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 4,
    });
    clock.advance(2 * SLOW_MS);
    const locked = await signIn(worker.phone, 'not-the-password');
    expect(locked).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 15 * 60, scope: 'ADDRESS' });
    expect(locked.message).toMatch(
      /在这里登录失败太多次。请在北京时间 \d{4}\/\d{1,2}\/\d{1,2} \d\d:\d\d 以后再试（还要 15 分钟）.*验证码解锁/,
    );

    const right = await signIn(worker.phone, PASSWORD);
    expect(right.code).toBe('RATE_LIMITED');
    expect(right.message).toBe(locked.message);

    clock.advance(14 * MINUTE);
    const later = await signIn(worker.phone, PASSWORD);
    expect(later).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });

    clock.advance(MINUTE + 1000);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
  });

  it('answers a phone without an account exactly as one with', async () => {
    const worker = await registerWorker(t);
    // The lock's clock time moves with the test clock; the rest must be the same.
    const plain = (answers: Answer[]) =>
      answers.map((a) => ({ ...a, message: a.message?.replace(/\d\d:\d\d/, 'HH:MM') }));
    const known = plain(await failTimes(worker.phone, 6));
    const unknown = plain(await failTimes(uniquePhone(), 6));
    expect(unknown).toEqual(known);
    expect(unknown.at(-1)?.code).toBe('RATE_LIMITED');
  });

  it('starts the count again after a sign-in that succeeds', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 3);
    clock.advance(SLOW_MS);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
    const again = await failTimes(worker.phone, 3);
    expect(again.every((a) => a.code === 'UNAUTHENTICATED')).toBe(true);
    clock.advance(SLOW_MS);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
  });

  it('forgets failures older than the window', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 4);
    clock.advance(16 * MINUTE);
    const again = await Promise.all([0, 1, 2].map(() => signIn(worker.phone, 'not-the-password')));
    expect(again.every((a) => a.code === 'UNAUTHENTICATED')).toBe(true);
  });

  it('checks at most 3 passwords at once when attempts race, and the right one then waits', async () => {
    const worker = await registerWorker(t);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => signIn(worker.phone, 'not-the-password')),
    );
    expect(answers.filter((a) => a.code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(SLOW_AFTER);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(9);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('RATE_LIMITED');
  });

  it('holds on another API node and after a restart, on the same database', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 5);
    const other = await createTestApp({ clock, sameDatabaseAs: t, env: { MUTATION_RATE_LIMIT: '3' } });
    try {
      expect((await signIn(worker.phone, PASSWORD, HOME, other)).code).toBe('RATE_LIMITED');
    } finally {
      await other.close();
    }
  });

  it('records the lock of an account in the audit log, once, with the address it came from', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 7);
    const entries = await t.app.sql<
      { actor_role: string; ip: string | null; details: { failures: number; scope: string } }[]
    >`
      select actor_role, ip, details from audit_log
      where action = 'LOGIN_LOCKED' and subject_type = 'ACCOUNT' and subject_id = ${worker.accountId}`;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_role: 'SYSTEM',
      ip: HOME,
      details: { failures: 5, scope: 'ADDRESS' },
    });
  });

  it('keeps no phone number and no address in its table', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 1);
    const rows = await t.app.sql`select phone_key, number_key from login_failures`;
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(worker.phone);
    expect(JSON.stringify(rows)).not.toContain(HOME);
  });
});

describe('a lock-out that protects the owner', () => {
  it("does not stop the owner signing in from another address, however often an attacker's address fails", async () => {
    const worker = await registerWorker(t);
    const attacker = address();
    const tries = await failTimes(worker.phone, 8, attacker);
    expect(tries.at(-1)).toMatchObject({ code: 'RATE_LIMITED', scope: 'ADDRESS' });
    expect((await signIn(worker.phone, PASSWORD, address())).code).toBe('OK');
    expect((await signIn(worker.phone, PASSWORD, attacker)).code).toBe('RATE_LIMITED');
  });

  it('protects admins the same way', async () => {
    await failTimes(TEST_ADMIN.phone, 6, address());
    expect((await signIn(TEST_ADMIN.phone, TEST_ADMIN.password, address())).code).toBe('OK');
  });

  it('lets one address keep none of 30 numbers locked for their owners', async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const phones = Array.from({ length: 30 }, () => uniquePhone());
    for (const phone of phones) {
      await t.app.sql`insert into accounts (role, phone, password_hash, display_name)
        values ('EMPLOYER', ${phone}, ${passwordHash}, '梁山县某厂')`;
    }
    const attacker = address();
    for (const phone of phones) {
      expect((await failTimes(phone, 5, attacker)).at(-1)?.code, phone).toBe('RATE_LIMITED');
    }
    // Every number is still closed to the attacker, and open to its owner.
    for (const phone of phones) {
      expect((await signIn(phone, PASSWORD, attacker)).code, phone).toBe('RATE_LIMITED');
      expect((await signIn(phone, PASSWORD, address())).code, phone).toBe('OK');
    }
  });

  it('locks a number everywhere only at LOGIN_NUMBER_MAX_FAILURES, and its owner unlocks it with a code', async () => {
    const worker = await registerWorker(t);
    // Six addresses, five failures each: 30, the number's ceiling.
    for (let i = 0; i < 6; i++) await failTimes(worker.phone, 5, address());
    const owner = address();
    const locked = await signIn(worker.phone, PASSWORD, owner);
    expect(locked).toMatchObject({ code: 'RATE_LIMITED', scope: 'NUMBER' });
    expect(locked.message).toMatch(/用手机验证码解锁登录/);

    const code = await phoneCode(t, worker.phone, 'UNLOCK');
    const unlocked = await gqlFrom(t, owner)<{ unlockSignIn: { token: string; account: { id: string } } }>(
      'mutation ($p: String!, $c: String!) { unlockSignIn(phone: $p, code: $c) { token account { id } } }',
      { p: worker.phone, c: code },
    );
    expect(unlocked.errors).toBeUndefined();
    expect(unlocked.data?.unlockSignIn.account.id).toBe(worker.accountId);
    expect((await signIn(worker.phone, PASSWORD, owner)).code).toBe('OK');
    const audited = await t.app.sql`
      select details from audit_log where action = 'LOGIN_LOCKED' and subject_id = ${worker.accountId}
        and details->>'scope' = 'NUMBER'`;
    expect(audited).toHaveLength(1);
  });

  it('is cleared by a password reset too', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 5);
    const code = await phoneCode(t, worker.phone, 'PASSWORD_RESET');
    const reset = await t.gql(
      'mutation ($p: String!, $c: String!) { resetPassword(phone: $p, code: $c, newPassword: "a-new-password-2") { token } }',
      { p: worker.phone, c: code },
    );
    expect(reset.errors).toBeUndefined();
    expect((await signIn(worker.phone, 'a-new-password-2')).code).toBe('OK');
  });
});

describe('mutations per account (MUTATION_RATE_LIMIT)', () => {
  const SAVE = `mutation ($n: String!) { saveSearch(name: $n, search: { q: "焊工" }) { id } }`;
  const savedBy = async (workerId: string) =>
    (await t.app.sql`select count(*)::int as n from saved_searches where worker_id = ${workerId}`)[0]?.n;

  it('refuses the mutation past the limit with RATE_LIMITED and a wait, and runs nothing of it', async () => {
    const worker = await registerWorker(t);
    for (const name of ['one', 'two', 'three']) {
      expect((await t.gql(SAVE, { n: name }, worker.token)).errors).toBeUndefined();
    }
    const refused = await t.gql(SAVE, { n: 'four' }, worker.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors?.[0]?.message).toMatch(/每分钟最多 3 次/);
    expect(await savedBy(worker.id)).toBe(3);

    // Reading is not counted; another account has its own minute.
    expect((await t.gql('{ me { id } }', {}, worker.token)).errors).toBeUndefined();
    const other = await registerWorker(t);
    expect((await t.gql(SAVE, { n: 'mine' }, other.token)).errors).toBeUndefined();
  });

  it('counts every aliased mutation of a request, and runs none of them past the limit', async () => {
    const worker = await registerWorker(t);
    const four = `mutation {
      a: saveSearch(name: "a", search: {}) { id } b: saveSearch(name: "b", search: {}) { id }
      c: saveSearch(name: "c", search: {}) { id } d: saveSearch(name: "d", search: {}) { id } }`;
    const { data, errors } = await t.gql(four, {}, worker.token);
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await savedBy(worker.id)).toBe(0);
  });

  it('leaves sign-in and registration to their own limit', async () => {
    // Past 3 in this minute from one address; the sign-in limit of the test app is high.
    const workers = [];
    for (let i = 0; i < 4; i++) workers.push(await registerWorker(t));
    for (const worker of workers) expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
  });
});
