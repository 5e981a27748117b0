import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../../support/app.js';
import {
  adminToken,
  employerInput,
  operatorToken,
  phoneCode,
  REGISTER_EMPLOYER,
  REGISTER_WORKER,
  uniquePhone,
  workerInput,
} from '../../support/people.js';

/**
 * Registration answers every problem at once (issue 25, point 3): the phone, its code, the password
 * and every field of the profile come back in one answer's `extensions.problems`, and nothing is
 * written. Before, the phone, then the password, then the rest came back one round at a time.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const accountCount = async () =>
  (await t.app.sql<{ n: number }[]>`select count(*)::int as n from accounts`)[0]?.n ?? -1;

type Problem = { field: string; message: string };

/** The one error of a refused registration, and the fields its problems name. */
function refusal(answer: GraphQLResponse) {
  expect(answer.errors).toHaveLength(1);
  const [error] = answer.errors ?? [];
  const problems = (error?.extensions?.problems ?? []) as Problem[];
  return { error, problems, fields: new Set(problems.map((p) => p.field)) };
}

/** Every message a person reads is Chinese (the test app sends no Accept-Language). */
function expectChinese(problems: Problem[]) {
  for (const problem of problems) expect(problem.message, problem.field).toMatch(/[\u4e00-\u9fff]/);
}

describe('a registration wrong in every field', () => {
  it('registerWorker lists the phone, code, password, consent and every profile field in one answer, and creates nothing', async () => {
    const before = await accountCount();
    const answer = await t.gql(REGISTER_WORKER, {
      input: {
        phone: '12345',
        password: 'short',
        phoneCode: '12ab',
        consentVersion: '1999-01',
        name: '张',
        idNumber: '37083219750615123',
        homeRegionCode: '999999',
        residenceRegionCode: '888888',
        location: { lat: 116.1, lng: 35.8 },
        travelRadiusKm: 0,
        skills: [{ code: 'no-such-trade', level: 9 }],
        laborBrand: '梁山'.repeat(20),
        priorityGroups: [],
      },
    });
    const { error, problems, fields } = refusal(answer);
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.field).toBe('phone');
    expect([...fields].sort()).toEqual(
      [
        'phone',
        'password',
        'phoneCode',
        'consentVersion',
        'name',
        'idNumber',
        'homeRegionCode',
        'residenceRegionCode',
        'location',
        'travelRadiusKm',
        'skills[0].code',
        'skills[0].level',
        'laborBrand',
      ].sort(),
    );
    expectChinese(problems);
    expect(await accountCount()).toBe(before);
  });

  it('registerWorker with a good phone checks its code with the rest: a wrong code is one more problem', async () => {
    const phone = uniquePhone();
    const code = await phoneCode(t, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const before = await accountCount();
    const answer = await t.gql(REGISTER_WORKER, {
      input: workerInput({ phone, phoneCode: wrong, password: 'short', travelRadiusKm: 500 }),
    });
    const { problems, fields } = refusal(answer);
    expect([...fields].sort()).toEqual(['password', 'phoneCode', 'travelRadiusKm']);
    expect(problems.find((p) => p.field === 'phoneCode')?.message).toMatch(/验证码不对/);
    expect(await accountCount()).toBe(before);
    // The right code was not spent by the refused registration: fixed, it registers.
    const fixed = await t.gql(REGISTER_WORKER, { input: workerInput({ phone, phoneCode: code }) });
    expect(fixed.errors).toBeUndefined();
    expect(await accountCount()).toBe(before + 1);
  });

  it('registerEmployer lists the phone, code, password and every field in one answer, and creates nothing', async () => {
    const before = await accountCount();
    const answer = await t.gql(REGISTER_EMPLOYER, {
      input: employerInput({
        phone: '+1 555 0100',
        password: '',
        phoneCode: null,
        name: '厂',
        creditCode: '9137083200000001AI',
        regionCode: '000000',
        location: { lat: 0, lng: 0 },
      }),
    });
    const { error, problems, fields } = refusal(answer);
    expect(error?.extensions?.field).toBe('phone');
    expect([...fields].sort()).toEqual(
      ['phone', 'password', 'phoneCode', 'name', 'creditCode', 'regionCode', 'location'].sort(),
    );
    // The sign-in details' words are the accounts namespace's; the employer's own fields are the
    // employers namespace's.
    expectChinese(problems.filter((p) => ['phone', 'password', 'phoneCode', 'creditCode'].includes(p.field)));
    expect(await accountCount()).toBe(before);
  });

  it('registerWalkInWorker (an operator, no code) lists the phone, password and every profile field in one answer', async () => {
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
    const before = await accountCount();
    const answer = await t.gql(
      'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
      {
        i: workerInput({
          phone: '1381234',
          password: 'short',
          name: ' ',
          idNumber: 'X'.repeat(18),
          skills: [],
          travelRadiusKm: 300,
        }),
      },
      operator,
    );
    const { problems, fields } = refusal(answer);
    expect([...fields].sort()).toEqual(
      ['phone', 'password', 'name', 'idNumber', 'skills', 'travelRadiusKm'].sort(),
    );
    expectChinese(problems);
    expect(await accountCount()).toBe(before);
  });
});
