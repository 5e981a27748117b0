import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { adminToken, REGISTER_WORKER, registerWorker, workerInput } from '../support/people.js';

/**
 * A refusal of each of the people's domains (accounts, workers, privacy, audit, registry) reads in
 * Chinese by default and in English when the device asks, with the same code and field.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const ask = (
  query: string,
  variables: Record<string, unknown>,
  options: { token?: string; english?: boolean } = {},
) => t.gql(query, variables, options.token, options.english ? { 'accept-language': 'en-US,en;q=0.9' } : {});

/** The first error of the answer in Chinese and in English: same code and field, the words given. */
async function bothLanguages(
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  expected: { code: string; field?: string; chinese: string | RegExp; english: string | RegExp },
) {
  const [chinese] = (await ask(query, variables, { token })).errors ?? [];
  const [english] = (await ask(query, variables, { token, english: true })).errors ?? [];
  for (const error of [chinese, english]) {
    expect(error?.extensions?.code).toBe(expected.code);
    if (expected.field) expect(error?.extensions?.field).toBe(expected.field);
  }
  expect(chinese?.message).toMatch(expected.chinese);
  expect(english?.message).toMatch(expected.english);
  return { chinese, english };
}

describe('the people’s domains speak Chinese first, English on request', () => {
  it('accounts: a wrong password at sign-in', async () => {
    const worker = await registerWorker(t);
    await bothLanguages(
      'mutation ($p: String!) { login(phone: $p, password: "not-the-password") { token } }',
      { p: worker.phone },
      undefined,
      {
        code: 'UNAUTHENTICATED',
        chinese: '手机号或密码不对：请都核对一下再试。',
        english: 'The phone number or the password is wrong. Check both and try again.',
      },
    );
  });

  it('workers: availability windows that overlap', async () => {
    const worker = await registerWorker(t);
    const at = (hours: number) => new Date(Date.now() + 86_400_000 + hours * 3_600_000).toISOString();
    await bothLanguages(
      'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
      {
        w: [
          { startsAt: at(0), endsAt: at(4) },
          { startsAt: at(2), endsAt: at(6) },
        ],
      },
      worker.token,
      {
        code: 'BAD_USER_INPUT',
        field: 'windows[1]',
        chinese: '这个时段和第 1 个时段重叠了：请合成一个。',
        english: 'This window overlaps window 1: merge them into one.',
      },
    );
  });

  it('privacy: the wrong password to close an account, and the notice itself', async () => {
    const worker = await registerWorker(t);
    await bothLanguages('mutation { deleteMyAccount(password: "not-my-password") }', {}, worker.token, {
      code: 'BAD_USER_INPUT',
      field: 'password',
      chinese: '密码不对：请填您的登录密码来确认。',
      english: 'The password is wrong: give your password to confirm.',
    });
    const notice = '{ privacyNotice { version text } }';
    const chinese = (await ask(notice, {})).data?.privacyNotice as { version: string; text: string };
    const english = (await ask(notice, {}, { english: true })).data?.privacyNotice as typeof chinese;
    expect(chinese.version).toBe(english.version);
    expect(chinese.text).toMatch(/^零工市场个人信息保护告知书/);
    expect(english.text).toMatch(/^Lingong market: how we protect your personal information/);
  });

  it('audit: a search for an action that does not exist', async () => {
    const admin = await adminToken(t);
    const { chinese } = await bothLanguages(
      '{ auditLog(action: "NOPE", subjectId: "x", actorId: "me", first: 0) { totalCount } }',
      {},
      admin,
      {
        code: 'BAD_USER_INPUT',
        field: 'action',
        chinese: /^操作只能是：/,
        english: /^The action is one of /,
      },
    );
    // Every problem of the search in one answer.
    expect(((chinese?.extensions?.problems ?? []) as { field: string }[]).map((p) => p.field)).toEqual([
      'action',
      'subjectType',
      'actorId',
      'first',
    ]);
  });

  it('registry: an ID number with a letter in it, in the problems of a registration', async () => {
    const input = workerInput({ idNumber: '3708A2197506151234', phoneCode: '123456' });
    const { chinese, english } = await bothLanguages(REGISTER_WORKER, { input }, undefined, {
      code: 'BAD_USER_INPUT',
      field: 'idNumber',
      chinese: '身份证号只能有数字和最后一位的 X（第 5 位是字符“A”）：请核对。',
      english:
        "The ID number may contain only digits and a final X (found 'A' at position 5): check what you typed.",
    });
    expect(chinese?.extensions?.problems).toContainEqual({ field: 'idNumber', message: chinese?.message });
    expect(english?.extensions?.problems).toContainEqual({ field: 'idNumber', message: english?.message });
  });

  it('the export of one’s data has its instants in Asia/Shanghai with +08:00', async () => {
    const worker = await registerWorker(t);
    const answer = await ask('{ exportMyData }', {}, { token: worker.token });
    const exported = answer.data?.exportMyData as Record<string, unknown>;
    expect(exported.exportedAt).toMatch(/\+08:00$/);
    const instants = JSON.stringify(exported).match(/"\d{4}-\d\d-\d\dT[^"]*"/g) ?? [];
    expect(instants.length).toBeGreaterThan(2);
    for (const instant of instants) expect(instant).toMatch(/\+08:00"$/);
  });
});
