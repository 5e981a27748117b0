import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';
import { LIANGSHAN, WARNING_ENV } from './support.js';

const TODAY = `query ($r: ID!, $d: String) { countyWarnings(regionCode: $r, day: $d) { day level } }`;
const HISTORY = `query ($r: ID!, $f: String!, $t: String!) {
  countyWarningHistory(regionCode: $r, from: $f, to: $t) { day level }
}`;

/** Every problem of a refusal, field and message, in the order given. */
function problemsOf(res: GraphQLResponse) {
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  return (res.errors ?? []).flatMap((e) => e.extensions?.problems ?? []);
}

describe('the early warning refuses bad input by name, and anyone but an admin', () => {
  const clock = testClock(new Date(Date.parse('2026-11-16T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    admin = await adminToken(t);
    await t.app.services.warnings.computeAll();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names a day that is no date, in Chinese first', async () => {
    const problems = problemsOf(await t.gql(TODAY, { r: '370800', d: '2026-11-31' }, admin));
    expect(problems).toEqual([{ field: 'day', message: '日期（day）要写成日期，例如 2026-11-02。' }]);
  });

  it('names a region that does not exist, and one that is no region code at all', async () => {
    const unknown = problemsOf(await t.gql(TODAY, { r: '379999' }, admin));
    expect(unknown).toEqual([
      { field: 'regionCode', message: '地区编码（regionCode）379999 不存在，请从地区列表里选。' },
    ]);
    const history = problemsOf(
      await t.gql(HISTORY, { r: '379999', f: '2026-11-01', t: '2026-11-16' }, admin),
    );
    expect(history.map((p) => p.field)).toEqual(['regionCode']);
    expect(history[0]?.message).toMatch(/^地区编码（regionCode）379999 不存在/);
    const shape = problemsOf(await t.gql(TODAY, { r: '3708' }, admin));
    expect(shape[0]?.message).toMatch(/^地区编码（regionCode）是 6 位数字/);
  });

  it('asks a county of the history, not a city', async () => {
    const problems = problemsOf(
      await t.gql(HISTORY, { r: '370800', f: '2026-11-01', t: '2026-11-16' }, admin),
    );
    expect(problems).toEqual([
      {
        field: 'regionCode',
        message: '地区编码（regionCode）370800 不是区县：预警按区县计算，请选一个区或县。',
      },
    ]);
  });

  it('takes 92 days of history and refuses 93, or an end before the start', async () => {
    const ninetyTwo = await t.gql<{ countyWarningHistory: { day: string; level: string }[] }>(
      HISTORY,
      { r: LIANGSHAN, f: '2026-08-17', t: '2026-11-16' },
      admin,
    );
    expect(ninetyTwo.errors).toBeUndefined();
    expect(ninetyTwo.data?.countyWarningHistory).toEqual([{ day: '2026-11-16', level: 'BLUE' }]);
    const range = '结束日期（to）不能早于开始日期（from），一次最多看 92 天。';
    for (const [f, to] of [
      ['2026-08-16', '2026-11-16'],
      ['2026-11-16', '2026-11-15'],
    ]) {
      expect(problemsOf(await t.gql(HISTORY, { r: LIANGSHAN, f, t: to }, admin))).toEqual([
        { field: 'to', message: range },
      ]);
    }
  });

  it('names every bad field of the history at once, and answers in English when asked', async () => {
    const res = await t.gql(HISTORY, { r: '379999', f: '11/01/2026', t: '2026-13-01' }, admin);
    expect(problemsOf(res)).toEqual([
      { field: 'regionCode', message: '地区编码（regionCode）379999 不存在，请从地区列表里选。' },
      { field: 'from', message: '开始日期（from）要写成日期，例如 2026-11-02。' },
      { field: 'to', message: '结束日期（to）要写成日期，例如 2026-11-30。' },
    ]);
    const en = await t.gql(HISTORY, { r: LIANGSHAN, f: '11/01/2026', t: '2026-11-16' }, admin, {
      'accept-language': 'en',
    });
    expect(problemsOf(en)).toEqual([
      { field: 'from', message: 'The start (from) must be a date, such as 2026-11-02.' },
    ]);
  });

  it('refuses a worker, an employer and anyone not signed in, with no reading in the answer', async () => {
    const [worker] = await seedWorkers(t, 1);
    const employer = await verifiedEmployer(t);
    for (const token of [worker?.token, employer.token]) {
      for (const [query, vars] of [
        [TODAY, { r: '370800' }],
        [HISTORY, { r: LIANGSHAN, f: '2026-11-01', t: '2026-11-16' }],
      ] as const) {
        const res = await t.gql(query, vars, token);
        expect(res.data).toBeNull();
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
    const anonymous = await t.gql(TODAY, { r: '370800' });
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
