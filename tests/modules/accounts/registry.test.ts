import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import {
  adminToken,
  employerInput,
  idNumberFor,
  REGISTER_EMPLOYER,
  REGISTER_WORKER,
  registerEmployer,
  registerWorker,
  withPhoneCode,
  workerInput,
} from '../../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

type Errors = {
  extensions?: { code?: string; field?: string; problems?: { field: string }[] };
  message: string;
}[];

/** The refusal of a registration; `withCode`: with the phone's code (a refusal found at the insert). */
async function registerErrors(overrides: Record<string, unknown>, withCode = false): Promise<Errors> {
  const input = withCode ? await withPhoneCode(t, workerInput(overrides)) : workerInput(overrides);
  const { errors } = await t.gql(REGISTER_WORKER, { input });
  return (errors ?? []) as Errors;
}

describe('worker registration (实名登记)', () => {
  it('registers a worker and shows only the masked ID number', async () => {
    const idNumber = idNumberFor('1970-03-08');
    const { data, errors } = await t.gql<{
      registerWorker: {
        token: string;
        account: { role: string; worker: { idNumberMasked: string; age: number } };
      };
    }>(REGISTER_WORKER, { input: await withPhoneCode(t, workerInput({ idNumber })) });
    expect(errors).toBeUndefined();
    expect(data?.registerWorker.account.role).toBe('WORKER');
    expect(data?.registerWorker.account.worker.idNumberMasked).toBe(`3708**********${idNumber.slice(-4)}`);
    expect(data?.registerWorker.account.worker.age).toBeGreaterThanOrEqual(56);
    expect(JSON.stringify(data)).not.toContain(idNumber);
  });

  it('refuses a wrong check character, naming idNumber', async () => {
    const valid = idNumberFor();
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const [error] = await registerErrors({ idNumber: wrong });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(error?.message).toBe('身份证号最后一位和前面的对不上：请逐位核对后重新填写。');
  });

  it('lets a second account declare the same ID number, without saying it is taken (only verified numbers are unique)', async () => {
    const idNumber = idNumberFor('1980-01-01');
    await registerWorker(t, { idNumber });
    const { data, errors } = await t.gql<{
      registerWorker: { account: { worker: { idNumberMasked: string } } };
    }>(REGISTER_WORKER, { input: await withPhoneCode(t, workerInput({ idNumber: idNumber.toLowerCase() })) });
    expect(errors).toBeUndefined();
    expect(data?.registerWorker.account.worker.idNumberMasked).toBe(`3708**********${idNumber.slice(-4)}`);
  });

  it('refuses a second account for the same phone on phoneCode, without saying the phone is taken', async () => {
    // tests/modules/accounts/phone-codes.test.ts tries this as an attacker would.
    const first = await registerWorker(t);
    const [error] = await registerErrors({ phone: first.phone, phoneCode: '123456' });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phoneCode' });
    expect(error?.message).not.toMatch(/已经注册|已有账号|already|account/i);
  });

  it('refuses anyone under 16, and has no upper age limit', async () => {
    const [young] = await registerErrors({ idNumber: idNumberFor('2015-01-01') });
    expect(young?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    const old = await registerWorker(t, { idNumber: idNumberFor('1950-05-05') });
    const { data } = await t.gql<{ me: { worker: { age: number; priorityGroups: string[] } } }>(
      '{ me { worker { age priorityGroups } } }',
      {},
      old.token,
    );
    expect(data?.me.worker.age).toBeGreaterThanOrEqual(76);
    expect(data?.me.worker.priorityGroups).toContain('OLDER_WORKER');
  });

  it('lists every wrong field at once', async () => {
    const [error] = await registerErrors({
      name: '张',
      homeRegionCode: '999999',
      location: { lat: 116.1, lng: 35.8 },
      travelRadiusKm: 0,
      skills: [{ code: 'astronaut', level: 9 }],
    });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.problems?.map((p) => p.field)).toEqual([
      'name',
      'homeRegionCode',
      'location',
      'travelRadiusKm',
      'skills[0].code',
      'skills[0].level',
      // Sent without the phone's code: that is one more problem of the same answer.
      'phoneCode',
    ]);
  });

  it('refuses a phone that is not a mainland mobile number, and a short password', async () => {
    expect((await registerErrors({ phone: '12345' }))[0]?.extensions?.field).toBe('phone');
    expect((await registerErrors({ password: 'short' }))[0]?.extensions?.field).toBe('password');
  });

  it('keeps the ID number encrypted at rest', async () => {
    const idNumber = idNumberFor('1988-08-08');
    const worker = await registerWorker(t, { idNumber });
    const [row] = await t.app
      .sql`select id_number_encrypted, id_number_hmac from workers where id = ${worker.id}`;
    expect(row?.id_number_encrypted).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(idNumber.slice(0, 17));
  });
});

describe('availability', () => {
  const SET = `mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { availability { startsAt endsAt } } }`;
  const day = (n: number, hour: number) =>
    new Date(Date.now() + n * 86_400_000 + hour * 3_600_000).toISOString();

  it('replaces the windows and answers them in Asia/Shanghai time', async () => {
    const worker = await registerWorker(t);
    await t.gql(SET, { w: [{ startsAt: day(1, 0), endsAt: day(1, 8) }] }, worker.token);
    const { data, errors } = await t.gql<{ setAvailability: { availability: { startsAt: string }[] } }>(
      SET,
      {
        w: [
          { startsAt: day(2, 0), endsAt: day(2, 8) },
          { startsAt: day(3, 0), endsAt: day(3, 8) },
        ],
      },
      worker.token,
    );
    expect(errors).toBeUndefined();
    expect(data?.setAvailability.availability).toHaveLength(2);
    expect(data?.setAvailability.availability[0]?.startsAt).toMatch(/\+08:00$/);
  });

  it('refuses overlapping or backwards windows, naming the window', async () => {
    const worker = await registerWorker(t);
    const overlapping = await t.gql(
      SET,
      {
        w: [
          { startsAt: day(1, 0), endsAt: day(1, 8) },
          { startsAt: day(1, 4), endsAt: day(1, 10) },
        ],
      },
      worker.token,
    );
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'windows[1]',
    });
    const backwards = await t.gql(SET, { w: [{ startsAt: day(1, 8), endsAt: day(1, 0) }] }, worker.token);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'windows[0].endsAt',
    });
  });

  it('takes the same change sent several times at once (a double tap) and keeps one set of windows', async () => {
    const worker = await registerWorker(t);
    // A worker with no windows yet: nothing to delete, so nothing but the worker orders the writes.
    const sets = [0, 1, 2, 3, 4, 5].map((k) => [{ startsAt: day(1, k), endsAt: day(1, k + 8) }]);
    const answers = await Promise.all(sets.map((w) => t.gql(SET, { w }, worker.token)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    const { data } = await t.gql<{ me: { worker: { availability: { startsAt: string }[] } } }>(
      '{ me { worker { availability { startsAt } } } }',
      {},
      worker.token,
    );
    expect(data?.me.worker.availability).toHaveLength(1);
  });
});

describe('employers', () => {
  it('registers an unverified employer, which an admin verifies', async () => {
    const employer = await registerEmployer(t);
    const admin = await adminToken(t);
    const pending = await t.gql<{ employers: { id: string }[] }>(
      '{ employers(verified: false) { id } }',
      {},
      admin,
    );
    expect(pending.data?.employers.map((e) => e.id)).toContain(employer.id);
    const { data } = await t.gql<{ verifyEmployer: { verified: boolean; region: { name: string } } }>(
      'mutation ($id: ID!) { verifyEmployer(employerId: $id) { verified region { name } } }',
      { id: employer.id },
      admin,
    );
    expect(data?.verifyEmployer).toEqual({ verified: true, region: { name: '梁山县' } });
  });

  it('does not let an employer verify itself', async () => {
    const employer = await registerEmployer(t);
    const { errors } = await t.gql(
      'mutation ($id: ID!) { verifyEmployer(employerId: $id) { verified } }',
      { id: employer.id },
      employer.token,
    );
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a credit code with a wrong check character, naming creditCode', async () => {
    const valid = employerInput().creditCode as string;
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const { errors } = await t.gql(REGISTER_EMPLOYER, { input: employerInput({ creditCode: wrong }) });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });

  it('answers NOT_FOUND-free BAD_USER_INPUT for an id that is not an id', async () => {
    const { errors } = await t.gql(
      'mutation { verifyEmployer(employerId: "nope") { id } }',
      {},
      await adminToken(t),
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'employerId' });
  });
});
