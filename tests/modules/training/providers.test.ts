import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { adminToken, login, withPhoneCode } from '../../support/people.js';
import { providerInput, REGISTER_PROVIDER, registerProvider } from '../../support/training-courses.js';

type Problem = { field: string; message: string };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const count = async (table: string) => {
  const [row] = (await t.app.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
    n: number;
  }[];
  return row?.n ?? 0;
};

const VERIFY =
  'mutation ($id: ID!) { verifyTrainingProvider(providerId: $id) { id name verified region { code } } }';

describe('registering a training provider', () => {
  it('names every problem of the form at once, in Chinese, and creates nothing', async () => {
    const [providers, accounts] = [await count('training_providers'), await count('accounts')];
    const input = providerInput({
      phone: '12345',
      password: 'short',
      name: '校',
      creditCode: '91370832MA0000000X',
      regionCode: '370800',
      location: { lat: 116.09, lng: 35.79 },
    });
    const { data, errors } = await t.gql(REGISTER_PROVIDER, { input: { ...input, phoneCode: '12' } });
    expect(data).toBeNull();
    const [error] = errors ?? [];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    const problems = error?.extensions?.problems as Problem[];
    expect(problems.map((p) => p.field)).toEqual([
      'phone',
      'password',
      'name',
      'creditCode',
      'regionCode',
      'location',
      'phoneCode',
    ]);
    const said = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(said.name).toContain('2 到 60 个字');
    expect(said.regionCode).toBe('济宁市不是区县，请选所在的区或县。');
    expect(said.location).toContain('不在中国境内');
    expect([await count('training_providers'), await count('accounts')]).toEqual([providers, accounts]);
  });

  it('signs the provider in as TRAINING_PROVIDER, unverified, and lets it sign in again by password', async () => {
    const input = await withPhoneCode(t, providerInput({ name: '梁山县蓝翔职业培训学校' }));
    const { data, errors } = await t.gql<{
      registerTrainingProvider: { token: string; account: { id: string; role: string } };
    }>(REGISTER_PROVIDER, { input });
    expect(errors).toBeUndefined();
    expect(data?.registerTrainingProvider.account.role).toBe('TRAINING_PROVIDER');
    const token = await login(t, input.phone, input.password);
    const mine = await t.gql<{
      myTrainingProvider: { name: string; verified: boolean; region: { code: string } };
    }>('{ myTrainingProvider { name verified region { code } creditCode location { lat lng } } }', {}, token);
    expect(mine.data?.myTrainingProvider).toMatchObject({
      name: '梁山县蓝翔职业培训学校',
      verified: false,
      region: { code: '370832' },
    });
  });

  it('refuses a second provider with the same credit code, naming the field', async () => {
    const first = providerInput();
    await registerProvider(t, { creditCode: first.creditCode });
    const input = await withPhoneCode(t, providerInput({ creditCode: first.creditCode }));
    const { errors } = await t.gql(REGISTER_PROVIDER, { input });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  });
});

describe('verifying a training provider', () => {
  it('is done by an admin, audited once, and idempotent', async () => {
    const provider = await registerProvider(t, { name: '梁山县众诚职业培训学校' });
    const admin = await adminToken(t);
    const waiting = await t.gql<{ trainingProviders: { id: string }[] }>(
      '{ trainingProviders(verified: false) { id } }',
      {},
      admin,
    );
    expect(waiting.data?.trainingProviders.map((p) => p.id)).toContain(provider.id);

    const refused = await t.gql(VERIFY, { id: provider.id }, provider.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const first = await t.gql<{ verifyTrainingProvider: { verified: boolean } }>(
      VERIFY,
      { id: provider.id },
      admin,
    );
    expect(first.data?.verifyTrainingProvider.verified).toBe(true);
    const again = await t.gql<{ verifyTrainingProvider: { verified: boolean } }>(
      VERIFY,
      { id: provider.id },
      admin,
    );
    expect(again.data?.verifyTrainingProvider.verified).toBe(true);

    const audit = (await t.app.db.execute(sql`select action, subject_type, details from audit_log
      where subject_id = ${provider.id}`)) as unknown as {
      action: string;
      subject_type: string;
      details: unknown;
    }[];
    expect(audit).toEqual([
      {
        action: 'TRAINING_PROVIDER_VERIFIED',
        subject_type: 'TRAINING_PROVIDER',
        details: expect.objectContaining({ name: '梁山县众诚职业培训学校', regionCode: '370832' }),
      },
    ]);
    const verified = await t.gql<{ trainingProviders: { id: string }[] }>(
      '{ trainingProviders(verified: true) { id } }',
      {},
      admin,
    );
    expect(verified.data?.trainingProviders.map((p) => p.id)).toContain(provider.id);
  });

  it('answers NOT_FOUND for a provider that does not exist', async () => {
    const { errors } = await t.gql(
      VERIFY,
      { id: '00000000-0000-4000-8000-000000000000' },
      await adminToken(t),
    );
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
