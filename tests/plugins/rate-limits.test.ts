import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../support/app.js';
import { testClock } from '../support/hiring.js';
import {
  adminToken,
  gqlFrom,
  idNumberFor,
  operatorToken,
  REQUEST_PHONE_CODE,
  registerWorker,
  uniquePhone,
  workerInput,
} from '../support/people.js';

/**
 * The limits as shipped: the test app raises the sign-in and code budgets per address for the
 * other files (every registration there comes from 127.0.0.1); this file sets them back to the
 * defaults, which are what a station or a village meets.
 */
const shipped = loadConfig({});
const SHIPPED_LIMITS = {
  AUTH_RATE_LIMIT_MAX: String(shipped.auth.rateLimit.max),
  AUTH_ACCOUNT_RATE_LIMIT_MAX: String(shipped.auth.rateLimit.accountMax),
  PHONE_CODE_ADDRESS_HOURLY: String(shipped.auth.phoneCodes.perAddress.hourly),
  PHONE_CODE_ADDRESS_DAILY: String(shipped.auth.phoneCodes.perAddress.daily),
  LOGIN_ADDRESS_MAX_FAILURES: String(shipped.auth.loginLockout.addressMaxFailures),
};

const LOGIN = 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }';
const WALK_IN = 'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }';
const SMS_OFFERS =
  'mutation ($w: ID, $e: Boolean!) { setSmsOffers(workerId: $w, enabled: $e) { id smsOffers } }';
const RESET =
  'mutation ($p: String!, $c: String!, $n: String!) { resetPassword(phone: $p, code: $c, newPassword: $n) { token } }';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const clock = testClock();
/** Accounts are made on an app with the test budgets; `t`, on the same database, has the shipped ones. */
let setup: TestApp;
let t: TestApp;
beforeAll(async () => {
  setup = await createTestApp({ clock });
  t = await createTestApp({ clock, sameDatabaseAs: setup, env: SHIPPED_LIMITS });
});
afterAll(async () => {
  await t?.close();
  await setup?.close();
});

let hosts = 0;
/** A client address of its own. */
const address = () => `10.50.${Math.floor(++hosts / 250)}.${(hosts % 250) + 1}`;

const codeOf = (answer: GraphQLResponse) => (answer.errors ? answer.errors[0]?.extensions?.code : 'OK');

/** An operator of a station of its own, signed in (on the setup app). */
async function stationOperator(): Promise<string> {
  const admin = await adminToken(setup);
  const created = await setup.gql<{ createStation: { id: string } }>(
    'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }',
    {
      i: {
        name: `拳铺镇零工驿站${++hosts}`,
        regionCode: '370832',
        location: { lat: 35.75, lng: 116.12 },
        address: '梁山县拳铺镇政府东100米',
        openingHours: '8:00-17:30',
      },
    },
    admin,
  );
  const operator = await operatorToken(setup);
  const { data: me } = await setup.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
  const assigned = await setup.gql(
    'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
    { s: created.data?.createStation.id, a: me?.me.id },
    admin,
  );
  if (assigned.errors) throw new Error(JSON.stringify(assigned.errors));
  return operator;
}

/** `n` workers registered one after the other (on the setup app). */
async function registerMany(n: number) {
  const people: Awaited<ReturnType<typeof registerWorker>>[] = [];
  for (let i = 0; i < n; i++) people.push(await registerWorker(setup));
  return people;
}

// Hundreds of calls each, and password hashes: slow when the machine's two cores are shared.
describe('limits that fit a station and a village network', { timeout: 120_000 }, () => {
  it('answers 12 code requests at once from one address, more than the database pool holds', async () => {
    const village = gqlFrom(t, address());
    const asking = Promise.all(
      Array.from({ length: 12 }, () => village(REQUEST_PHONE_CODE, { p: uniquePhone(), u: 'REGISTER' })),
    );
    const stuck = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 10_000).unref());
    const answers = await Promise.race([asking, stuck]);
    expect(answers === 'stuck' ? 'stuck' : answers.map(codeOf)).toEqual(Array(12).fill('OK'));
  });

  it('lets a station operator register 40 walk-ins in a few minutes from one address and act for each, and lets them sign in at its desk', async () => {
    const station = gqlFrom(t, address());
    const operator = await stationOperator();
    const walkIns: { id: string; phone: string }[] = [];
    const answers: unknown[] = [];
    for (let i = 0; i < 40; i++) {
      // A birthday each, so no two walk-ins' (verified) ID numbers can be the same.
      const born = `1970-${String((i % 12) + 1).padStart(2, '0')}-${String(Math.floor(i / 12) + 1).padStart(2, '0')}`;
      const input = workerInput({ name: '王大姐', idNumber: idNumberFor(born) });
      const registered = await station<{ registerWalkInWorker: { id: string } }>(
        WALK_IN,
        { i: input },
        operator,
      );
      answers.push(codeOf(registered));
      const id = registered.data?.registerWalkInWorker.id;
      if (id) {
        walkIns.push({ id, phone: String(input.phone) });
        answers.push(codeOf(await station(SMS_OFFERS, { w: id, e: true }, operator)));
      }
      clock.advance(4 * SECOND);
    }
    expect(answers.filter((a) => a !== 'OK')).toEqual([]);
    expect(walkIns).toHaveLength(40);
    // Each then signs in at the station's computer, behind the same address, while the operator helps.
    const signIns: unknown[] = [];
    for (const walkIn of walkIns) {
      signIns.push(codeOf(await station(LOGIN, { p: walkIn.phone, w: 'worker-pass-1' })));
      clock.advance(3 * SECOND);
    }
    expect(signIns.filter((a) => a !== 'OK')).toEqual([]);
  });

  it('counts an operator’s changes against its own allowance, larger than a worker’s, not the address’s', async () => {
    const desk = address();
    const station = gqlFrom(t, desk);
    const operator = await stationOperator();
    const { data } = await station<{ registerWalkInWorker: { id: string } }>(
      WALK_IN,
      { i: workerInput({ idNumber: idNumberFor('1966-01-01') }) },
      operator,
    );
    const workerId = data?.registerWalkInWorker.id;
    expect(workerId).toBeDefined();
    // A batch at the desk: 150 changes within one minute, more than a worker's 120.
    const codes: unknown[] = [];
    for (let i = 0; i < 150; i++) {
      codes.push(codeOf(await station(SMS_OFFERS, { w: workerId, e: i % 2 === 0 }, operator)));
    }
    expect(codes.filter((c) => c !== 'OK')).toEqual([]);
    // Another person at the same address is not held back by the operator's count.
    const neighbour = await registerWorker(setup);
    expect(codeOf(await station(SMS_OFFERS, { e: true }, neighbour.token))).toBe('OK');
  });

  it('lets 30 different people sign in from one address within a minute, some mistyping once', async () => {
    const people = await registerMany(30);
    clock.advance(MINUTE);
    const village = gqlFrom(t, address());
    const codes: unknown[] = [];
    for (const [i, person] of people.entries()) {
      if (i % 4 === 0) codes.push(codeOf(await village(LOGIN, { p: person.phone, w: 'worker-pass-2' })));
      codes.push(codeOf(await village(LOGIN, { p: person.phone, w: 'worker-pass-1' })));
      clock.advance(SECOND);
    }
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(8);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(30);
  });

  it('holds one signed-in account to its own budget from whatever address, and leaves its address to others', async () => {
    const hammer = await registerWorker(setup);
    clock.advance(MINUTE);
    const changes: unknown[] = [];
    for (let i = 0; i <= 120; i++) {
      changes.push(codeOf(await gqlFrom(t, address())(SMS_OFFERS, { e: i % 2 === 0 }, hammer.token)));
    }
    expect(changes.slice(0, 120).every((c) => c === 'OK')).toBe(true);
    expect(changes[120]).toBe('RATE_LIMITED');

    // Sign-in calls made while signed in (codes for a new number) count on the account too.
    const codes: unknown[] = [];
    for (let i = 0; i <= 30; i++) {
      const answer = await gqlFrom(t, address())(
        REQUEST_PHONE_CODE,
        { p: uniquePhone(), u: 'PHONE_CHANGE' },
        hammer.token,
      );
      codes.push(codeOf(answer));
    }
    expect(codes.slice(0, 30).every((c) => c === 'OK')).toBe(true);
    expect(codes[30]).toBe('RATE_LIMITED');

    // Its last address serves another person, and the account's minute ends.
    const last = `10.50.${Math.floor(hosts / 250)}.${(hosts % 250) + 1}`;
    const other = await registerWorker(setup);
    expect(codeOf(await gqlFrom(t, last)(SMS_OFFERS, { e: true }, other.token))).toBe('OK');
    clock.advance(MINUTE);
    expect(codeOf(await gqlFrom(t, address())(SMS_OFFERS, { e: true }, hammer.token))).toBe('OK');
  });
});

describe('a bigger address budget does not make guessing easier', { timeout: 120_000 }, () => {
  it('still locks one number guessed from many addresses', async () => {
    const victim = await registerWorker(setup);
    clock.advance(MINUTE);
    // LOGIN_NUMBER_MAX_FAILURES (30) from 10 addresses, 3 each: under each pair's lock and slow-down.
    const answers: unknown[] = [];
    for (let a = 0; a < 10; a++) {
      const from = gqlFrom(t, address());
      for (let i = 0; i < 3; i++)
        answers.push(codeOf(await from(LOGIN, { p: victim.phone, w: `guess-${a}-${i}` })));
    }
    expect(answers.slice(0, 29).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(answers[29]).toBe('RATE_LIMITED');
    const owner = await gqlFrom(t, address())(LOGIN, { p: victim.phone, w: 'worker-pass-1' });
    expect(owner.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'NUMBER' });
  });

  it('holds one address to 10 wrong passwords a minute across numbers, whoever it claims to forward for', async () => {
    const people = await registerMany(12);
    clock.advance(MINUTE);
    const sprayer = address();
    // TRUST_PROXY is off: X-Forwarded-For does not change the address the limits count.
    const from = async (phone: string, password: string, forwardedFor: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress: sprayer,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { query: LOGIN, variables: { p: phone, w: password } },
      });
      return response.json() as Promise<GraphQLResponse>;
    };
    const answers: GraphQLResponse[] = [];
    for (const person of people.slice(0, 11)) answers.push(await from(person.phone, '12345678', address()));
    expect(answers.slice(0, 10).map(codeOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    expect(answers[10]?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'NETWORK' });
    // Until the minute ends, not even a right password is checked from there; elsewhere it is.
    const last = people[11] as (typeof people)[number];
    expect(codeOf(await from(last.phone, 'worker-pass-1', address()))).toBe('RATE_LIMITED');
    expect(codeOf(await gqlFrom(t, address())(LOGIN, { p: last.phone, w: 'worker-pass-1' }))).toBe('OK');
    clock.advance(MINUTE);
    expect(codeOf(await from(last.phone, 'worker-pass-1', address()))).toBe('OK');
  });

  it('sends a village 100 codes in an hour, but no more to an address whose codes drew 250 wrong tries', async () => {
    const village = gqlFrom(t, address());
    const asked: unknown[] = [];
    for (let i = 0; i < 100; i++) {
      asked.push(codeOf(await village(REQUEST_PHONE_CODE, { p: uniquePhone(), u: 'REGISTER' })));
      clock.advance(30 * SECOND);
    }
    expect(asked.filter((c) => c !== 'OK')).toEqual([]);

    // The attacker asks for reset codes and guesses each one 5 times, from other addresses.
    const attacker = gqlFrom(t, address());
    let refused: GraphQLResponse | undefined;
    let codes = 0;
    for (let i = 0; i < 60 && !refused; i++) {
      const phone = uniquePhone();
      const answer = await attacker(REQUEST_PHONE_CODE, { p: phone, u: 'PASSWORD_RESET' });
      if (answer.errors) {
        refused = answer;
        break;
      }
      codes++;
      for (let g = 0; g < 5; g++) {
        await gqlFrom(t, address())(RESET, { p: phone, c: String(100000 + g), n: 'new-password-1' });
      }
      clock.advance(20 * SECOND);
    }
    expect(codes).toBe(50);
    expect(refused?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused?.errors?.[0]?.message).toMatch(/明天再试/);
  });
});
