import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testClock } from '../../support/hiring.js';
import { registerWorker, uniquePhone } from '../../support/people.js';

const LOGIN = 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token refreshToken } }';
const PASSWORD = 'worker-pass-1';
const MINUTE = 60_000;

type Answer = { code: string | undefined; message: string | undefined; retryAfterSeconds: unknown };

const clock = testClock();
let t: TestApp;
beforeAll(async () => {
  // The lock-out's defaults (5 failures in 15 minutes); a small mutation limit to reach.
  t = await createTestApp({ clock, env: { MUTATION_RATE_LIMIT: '3' } });
});
afterAll(() => t?.close());

async function signIn(phone: string, password: string, app: TestApp = t): Promise<Answer> {
  const { data, errors } = await app.gql(LOGIN, { p: phone, w: password });
  const error = errors?.[0];
  return {
    code: data ? 'OK' : error?.extensions?.code,
    message: error?.message,
    retryAfterSeconds: error?.extensions?.retryAfterSeconds,
  };
}

async function failTimes(phone: string, times: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) answers.push(await signIn(phone, 'not-the-password'));
  return answers;
}

describe('lock-out after failed sign-ins (LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES)', () => {
  it('locks a phone after 5 failures, even to the right password, and opens it 15 minutes later', async () => {
    const worker = await registerWorker(t);
    const answers = await failTimes(worker.phone, 5);
    expect(answers.map((a) => a.code)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    expect(answers[4]?.message).toMatch(/Try again after \d\d:\d\d Beijing time \(in 15 minutes\)/);
    expect(answers[4]?.retryAfterSeconds).toBe(15 * 60);

    const right = await signIn(worker.phone, PASSWORD);
    expect(right.code).toBe('RATE_LIMITED');
    expect(right.message).toBe(answers[4]?.message);

    clock.advance(14 * MINUTE);
    const later = await signIn(worker.phone, PASSWORD);
    expect(later.code).toBe('RATE_LIMITED');
    expect(later.retryAfterSeconds).toBe(60);

    clock.advance(MINUTE + 1000);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
  });

  it('answers a phone without an account exactly as one with', async () => {
    const worker = await registerWorker(t);
    const known = await failTimes(worker.phone, 6);
    const unknown = await failTimes(uniquePhone(), 6);
    expect(unknown).toEqual(known);
    expect(unknown.at(-1)?.code).toBe('RATE_LIMITED');
  });

  it('starts the count again after a sign-in that succeeds', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 4);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
    const again = await failTimes(worker.phone, 4);
    expect(again.every((a) => a.code === 'UNAUTHENTICATED')).toBe(true);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('OK');
  });

  it('forgets failures older than the window', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 4);
    clock.advance(16 * MINUTE);
    const again = await failTimes(worker.phone, 4);
    expect(again.every((a) => a.code === 'UNAUTHENTICATED')).toBe(true);
  });

  it('checks at most 5 passwords when attempts race, and the right one then waits', async () => {
    const worker = await registerWorker(t);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => signIn(worker.phone, 'not-the-password')),
    );
    expect(answers.filter((a) => a.code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(8);
    expect((await signIn(worker.phone, PASSWORD)).code).toBe('RATE_LIMITED');
  });

  it('holds on another API node and after a restart, on the same database', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 5);
    const other = await createTestApp({ clock, sameDatabaseAs: t, env: { MUTATION_RATE_LIMIT: '3' } });
    try {
      expect((await signIn(worker.phone, PASSWORD, other)).code).toBe('RATE_LIMITED');
    } finally {
      await other.close();
    }
  });

  it('records the lock of an account in the audit log, once, with the address it came from', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 7);
    const entries = await t.app.sql<
      { actor_role: string; ip: string | null; details: { failures: number } }[]
    >`
      select actor_role, ip, details from audit_log
      where action = 'LOGIN_LOCKED' and subject_type = 'ACCOUNT' and subject_id = ${worker.accountId}`;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_role: 'SYSTEM', ip: '127.0.0.1', details: { failures: 5 } });
  });

  it('keeps no phone number in its table', async () => {
    const worker = await registerWorker(t);
    await failTimes(worker.phone, 1);
    const rows = await t.app
      .sql`select phone_key from login_failures where phone_key like ${`%${worker.phone}%`}`;
    expect(rows).toHaveLength(0);
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
    expect(refused.errors?.[0]?.message).toMatch(/at most 3 a minute/);
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
