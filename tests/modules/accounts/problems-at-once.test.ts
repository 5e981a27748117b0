import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../../support/app.js';
import { adminToken, idNumberFor, registerWorker } from '../../support/people.js';

/**
 * Each mutation of the accounts and workers domains with several inputs lists every problem in one
 * answer (`extensions.problems`), naming the first field, and changes nothing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

function fieldsOf(answer: GraphQLResponse) {
  expect(answer.errors).toHaveLength(1);
  const [error] = answer.errors ?? [];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  const problems = (error?.extensions?.problems ?? []) as { field: string; message: string }[];
  for (const problem of problems) expect(problem.message, problem.field).toMatch(/[\u4e00-\u9fff]/);
  expect(error?.extensions?.field).toBe(problems[0]?.field);
  return problems.map((p) => p.field);
}

const accountCount = async () =>
  (await t.app.sql<{ n: number }[]>`select count(*)::int as n from accounts`)[0]?.n ?? -1;

describe('every problem at once', () => {
  it('createStaffAccount: the role, the phone, the password and the name', async () => {
    const admin = await adminToken(t);
    const before = await accountCount();
    const answer = await t.gql(
      'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      { i: { role: 'WORKER', phone: '1234', password: 'short', displayName: ' ' } },
      admin,
    );
    expect(fieldsOf(answer)).toEqual(['input.role', 'phone', 'password', 'displayName']);
    expect(await accountCount()).toBe(before);
  });

  it('changePassword: the wrong current password and a too short new one', async () => {
    const worker = await registerWorker(t);
    const answer = await t.gql(
      'mutation { changePassword(currentPassword: "not-mine-at-all", newPassword: "short") { token } }',
      {},
      worker.token,
    );
    expect(fieldsOf(answer)).toEqual(['currentPassword', 'newPassword']);
    // Nothing changed: the old password still signs in.
    const login = await t.gql<{ login: { token: string } }>(
      'mutation ($p: String!) { login(phone: $p, password: "worker-pass-1") { token } }',
      { p: worker.phone },
    );
    expect(login.errors).toBeUndefined();
  });

  it('resetPassword and unlockSignIn: the phone, the new password and the code', async () => {
    const reset = await t.gql(
      'mutation { resetPassword(phone: "+44 20 7946 0000", code: "12", newPassword: "short") { token } }',
    );
    expect(fieldsOf(reset)).toEqual(['phone', 'newPassword', 'code']);
    const unlock = await t.gql('mutation { unlockSignIn(phone: "12", code: "") { token } }');
    expect(fieldsOf(unlock)).toEqual(['phone', 'code']);
  });

  it('changePhone: the new number and the code', async () => {
    const worker = await registerWorker(t);
    const answer = await t.gql(
      'mutation { changePhone(newPhone: "1380000", code: "abc") { id } }',
      {},
      worker.token,
    );
    expect(fieldsOf(answer)).toEqual(['newPhone', 'code']);
  });

  it('suspendAccount: one’s own account and a reason too short', async () => {
    const admin = await adminToken(t);
    const me = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, admin);
    const answer = await t.gql(
      'mutation ($a: ID!) { suspendAccount(accountId: $a, reason: " ") { id } }',
      { a: me.data?.me.id },
      admin,
    );
    expect(fieldsOf(answer)).toEqual(['accountId', 'reason']);
  });

  it('verifyWorkerIdentity: a name that cannot be on a card and a number that is not the worker’s', async () => {
    const worker = await registerWorker(t, { idNumber: idNumberFor('1970-01-01') });
    const admin = await adminToken(t);
    const answer = await t.gql(
      'mutation ($w: ID!, $n: String!) { verifyWorkerIdentity(workerId: $w, idNumber: $n, name: "张") { identityStatus } }',
      { w: worker.id, n: idNumberFor('1980-02-02') },
      admin,
    );
    expect(fieldsOf(answer)).toEqual(['name', 'idNumber']);
    const status = await t.app.sql<
      { s: string }[]
    >`select identity_status as s from workers where id = ${worker.id}`;
    expect(status[0]?.s).toBe('SELF_DECLARED');
  });
});
