import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/modules/registry/id-number.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../support/app.js';
import {
  adminToken,
  idNumberFor,
  operatorToken,
  registerEmployer,
  withPhoneCode,
  workerInput,
} from '../support/people.js';

const PUBLIC_FIELDS = `id name idNumberMasked age skills { skill { code name } level certified }
  homeRegion { code name } residenceRegion { code name } travelRadiusKm availability { startsAt endsAt }
  laborBrand reliability`;
const ALL_FIELDS = `${PUBLIC_FIELDS} location { lat lng } priorityGroups`;

const REGISTER = `mutation ($input: RegisterWorkerInput!) {
  registerWorker(input: $input) {
    token refreshToken expiresAt account { id role displayName worker { ${PUBLIC_FIELDS} } }
  }
}`;
const ME = `{ me { id role phone displayName worker { ${ALL_FIELDS} } employer { id name creditCode } } }`;
const WORKER = `query ($id: ID!) { worker(id: $id) { ${ALL_FIELDS} } }`;
const EXPORT = '{ exportMyData }';

type Worker = { id: string; idNumberMasked: string; age: number; priorityGroups?: string[] } & Record<
  string,
  unknown
>;
type Registered = { idNumber: string; token: string; workerId: string; worker: Worker };

/** A birth date `years` years and a month before today, so the age is exactly `years`. */
function bornYearsAgo(years: number): string {
  const date = new Date(Date.now() - 30 * 86_400_000);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/** An ID number whose check character is X, the one a person may type as a lower-case x. */
function idNumberEndingInX(birthDate: string): string {
  for (let serial = 1; serial < 1000; serial++) {
    const first17 = `370832${birthDate.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
    if (idCheckCharacter(first17) === 'X') return `${first17}X`;
  }
  throw new Error(`no X check character for ${birthDate}`);
}

const masked = (idNumber: string) => `3708**********${idNumber.slice(-4)}`;

let t: TestApp;
/** Second registrations of the people's numbers (self-declared), counted in the rows below. */
let duplicates = 0;
const people: Registered[] = [];
/** Every response body this file saw, by what was asked. */
const bodies: { label: string; body: string }[] = [];

async function ask<T = Record<string, unknown>>(
  label: string,
  query: string,
  variables = {},
  token?: string,
) {
  const response = await t.gql<T>(query, variables, token);
  bodies.push({ label, body: JSON.stringify(response) });
  return response;
}

/** The forms in which a full ID number could slip out: as stored, with a lower-case x, its first 17. */
const leakForms = () =>
  people.flatMap(({ idNumber }) => [idNumber, idNumber.toLowerCase(), idNumber.slice(0, 17)]);

beforeAll(async () => {
  t = await createTestApp();
  const ids = [
    idNumberFor('1988-04-09'),
    idNumberFor(bornYearsAgo(70)),
    idNumberEndingInX('1979-11-23'),
    idNumberFor('2001-01-31'),
  ];
  for (const [i, idNumber] of ids.entries()) {
    // The X number is typed with a lower-case x, as people do.
    const typed = i === 2 ? idNumber.toLowerCase() : idNumber;
    const { data, errors } = await ask<{
      registerWorker: { token: string; account: { worker: Worker } };
    }>(`registerWorker #${i}`, REGISTER, {
      input: await withPhoneCode(t, workerInput({ idNumber: typed, name: `李${'四五六七'[i]}` })),
    });
    if (!data?.registerWorker) throw new Error(`registerWorker failed: ${JSON.stringify(errors)}`);
    const { token, account } = data.registerWorker;
    people.push({ idNumber, token, workerId: account.worker.id, worker: account.worker });
  }
});
afterAll(() => t?.close());

describe('the ID number as the API shows it', () => {
  it('is masked to the first four and the last four in the registration response', () => {
    for (const { idNumber, worker } of people) {
      expect(worker.idNumberMasked).toBe(masked(idNumber));
      expect(worker.idNumberMasked).toMatch(/^3708\*{10}[0-9]{3}[0-9X]$/);
    }
    expect(people[2]?.worker.idNumberMasked.endsWith('X')).toBe(true);
  });

  it('is masked in the worker’s own profile, which shows the older-worker status', async () => {
    for (const { idNumber, token, workerId } of people) {
      const { data, errors } = await ask<{ me: { worker: Worker } }>('me as the worker', ME, {}, token);
      expect(errors).toBeUndefined();
      expect(data?.me.worker).toMatchObject({ id: workerId, idNumberMasked: masked(idNumber) });
    }
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const set = await ask<{ setAvailability: Worker }>(
      'setAvailability',
      `mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { ${ALL_FIELDS} } }`,
      { w: [{ startsAt, endsAt }] },
      people[0]?.token,
    );
    expect(set.data?.setAvailability.idNumberMasked, JSON.stringify(set)).toBe(
      masked(people[0]?.idNumber ?? ''),
    );
    const older = await t.gql<{ me: { worker: Worker } }>(ME, {}, people[1]?.token);
    expect(older.data?.me.worker.age).toBe(70);
    expect(older.data?.me.worker.priorityGroups).toContain('OLDER_WORKER');
  });

  it('is masked in the data export', async () => {
    for (const { idNumber, token } of people) {
      const { data, errors } = await ask<{ exportMyData: { worker: Worker } }>('export', EXPORT, {}, token);
      expect(errors).toBeUndefined();
      expect(data?.exportMyData.worker.idNumberMasked).toBe(masked(idNumber));
    }
  });

  it('is masked for an admin, who sees every field', async () => {
    const admin = await adminToken(t);
    await ask('me as admin', ME, {}, admin);
    await ask('export as admin', EXPORT, {}, admin);
    for (const { idNumber, workerId } of people) {
      const { data, errors } = await ask<{ worker: Worker }>(
        'worker as admin',
        WORKER,
        { id: workerId },
        admin,
      );
      expect(errors).toBeUndefined();
      expect(data?.worker).toMatchObject({ id: workerId, idNumberMasked: masked(idNumber) });
      expect(data?.worker.location).toEqual({ lat: 35.8, lng: 116.1 });
    }
    const older = await t.gql<{ worker: Worker }>(WORKER, { id: people[1]?.workerId }, admin);
    expect(older.data?.worker.priorityGroups).toContain('OLDER_WORKER');
  });

  /** The operator's view of each worker asking `fields`: the refused fields, and what was returned. */
  async function asOperator(fields: string, expectRefused: string[], workerShown = true) {
    const operator = await operatorToken(t);
    await ask('me as operator', ME, {}, operator);
    await ask('export as operator', EXPORT, {}, operator);
    for (const { idNumber, workerId } of people) {
      const query = `query ($id: ID!) { worker(id: $id) { ${fields} } }`;
      const response = await ask<{ worker: Worker | null }>(
        'worker as operator',
        query,
        { id: workerId },
        operator,
      );
      const shown = JSON.stringify(response);
      const refused = (response.errors ?? []).map((e) => `${e.path?.join('.')} ${e.extensions?.code}`);
      expect(refused.sort(), shown).toEqual(expectRefused.map((field) => `worker.${field} FORBIDDEN`));
      const worker = { id: workerId, idNumberMasked: masked(idNumber), age: expect.any(Number) };
      if (workerShown) expect(response.data?.worker, shown).toMatchObject(worker);
      else expect(response.data?.worker, shown).toBeNull();
    }
  }

  it('is masked for a station operator, who is refused the location only', () =>
    asOperator(`${PUBLIC_FIELDS} location { lat lng }`, ['location']));

  // The contract makes priorityGroups non-null and FORBIDDEN to others, so by GraphQL's rules the
  // refusal empties the whole worker: a client asks for the fields it may read.
  it('refuses a station operator the location and priority groups, which empties the worker', () =>
    asOperator(ALL_FIELDS, ['location', 'priorityGroups'], false));

  it('is not shown to other workers, employers or anonymous callers', async () => {
    const employer = (await registerEmployer(t)).token;
    const callers: [string, string | undefined][] = [
      ['another worker', people[0]?.token],
      ['an employer', employer],
      ['anonymous', undefined],
    ];
    for (const [caller, token] of callers) {
      await ask(`me as ${caller}`, ME, {}, token);
      await ask(`export as ${caller}`, EXPORT, {}, token);
      for (const { workerId } of people.slice(1)) {
        const { data, errors } = await ask<{ worker: Worker | null }>(
          `worker as ${caller}`,
          WORKER,
          { id: workerId },
          token,
        );
        expect(data?.worker ?? null).toBeNull();
        expect(errors?.[0]?.extensions?.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
    }
  });

  it('is not echoed when the same number registers again, typed either way', async () => {
    // Only a verified number is unique (docs/security.md, "Real-name"): a second self-declared
    // account with the same number registers like any other, and its answer shows the mask only.
    for (const { idNumber } of people) {
      for (const typed of [idNumber, idNumber.toLowerCase(), ` ${idNumber} `]) {
        const response: GraphQLResponse = await ask('duplicate registration', REGISTER, {
          input: await withPhoneCode(t, workerInput({ idNumber: typed })),
        });
        expect(response.errors).toBeUndefined();
        expect(JSON.stringify(response)).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
        duplicates++;
      }
    }
  });

  it('never appears in full in any response body of this file', () => {
    expect(bodies.length).toBeGreaterThan(30);
    const forms = leakForms();
    const leaks = bodies.flatMap(({ label, body }) =>
      forms.filter((form) => body.includes(form)).map((form) => `${label}: ${form}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe('the ID number in the database', () => {
  it('is stored encrypted (v1.) and masked, never in full', async () => {
    const sql = postgres(t.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ id_number_encrypted: string | null; id_number_masked: string }[]>`
        select id_number_encrypted, id_number_masked from workers`;
      expect(rows.length).toBe(people.length + duplicates);
      const forms = leakForms();
      for (const row of rows) {
        expect(row.id_number_encrypted).toMatch(/^v1\./);
        const text = JSON.stringify(row);
        expect(forms.filter((form) => text.includes(form))).toEqual([]);
      }
      expect([...new Set(rows.map((r) => r.id_number_masked))].sort()).toEqual(
        people.map(({ idNumber }) => masked(idNumber)).sort(),
      );
      // No other column of the workers table holds it either.
      const whole = await sql<{ row: string }[]>`select row_to_json(w)::text as row from workers w`;
      const leaks = whole.flatMap(({ row }) => forms.filter((form) => row.includes(form)));
      expect(leaks).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
