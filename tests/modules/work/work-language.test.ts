import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { coverHires } from '../../support/insurance.js';
import { adminToken } from '../../support/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CJK = /[\u3400-\u9fff]/;

/**
 * Work and wages speak the reader's language: Chinese by default, English when the device asks;
 * the times in a refusal's data are ISO-8601 in +08:00 and read in words as Asia/Shanghai time; a
 * mutation with several inputs names every bad one in one answer.
 */
describe('work and wages in the reader’s language', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let worker: SeededWorker;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000', NO_SHOW_GRACE_MINUTES: '30' },
    });
    admin = await adminToken(t);
    employer = await verifiedEmployer(t);
    const [seeded] = await seedWorkers(t, 1);
    if (!seeded) throw new Error('no worker');
    worker = seeded;
  });
  afterAll(() => t?.close());

  /** A GraphQL call as a device sends it: a token, and Accept-Language when given. */
  const ask = (query: string, variables: Record<string, unknown>, token: string, language?: string) =>
    t.gql(query, variables, token, language ? { 'accept-language': language } : {});

  const CHECK_IN =
    'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status } }';

  it('refuses a check-in too early in Chinese, with opensAt in +08:00 and the Shanghai time in words', async () => {
    // A hire two days ahead, 08:00–16:00 market time (00:00–08:00 UTC): check-in opens at 07:00.
    const hire = await hireThroughApplication(t, employer.token, worker, 2);
    const chinese = await ask(CHECK_IN, { e: hire, at: LIANGSHAN }, worker.token);
    const refusal = chinese.errors?.[0];
    expect(refusal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    expect(refusal?.extensions?.opensAt).toMatch(/^\d{4}-\d{2}-\d{2}T07:00:00\.000\+08:00$/);
    expect(refusal?.message).toMatch(/^开工前一小时才能签到，请在 \d{4}\/\d{1,2}\/\d{1,2} 07:00 以后再来。$/);

    const english = await ask(CHECK_IN, { e: hire, at: LIANGSHAN }, worker.token, 'en-US,en;q=0.9');
    expect(english.errors?.[0]?.extensions).toEqual(refusal?.extensions);
    expect(english.errors?.[0]?.message).toMatch(
      /^Check-in opens an hour before the work starts, at .*07:00/,
    );
    expect(english.errors?.[0]?.message).not.toMatch(CJK);
  });

  it('refuses a no-show marked too early with allowedFrom in +08:00, and its words in either language', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker, 3);
    const MARK = 'mutation ($e: ID!) { markNoShow(engagementId: $e) { status } }';
    const chinese = await ask(MARK, { e: hire }, employer.token);
    // The grace is 30 minutes after the 08:00 start.
    expect(chinese.errors?.[0]?.extensions?.allowedFrom).toMatch(/T08:30:00\.000\+08:00$/);
    expect(chinese.errors?.[0]?.message).toMatch(
      /^开工 30 分钟以后才能记为未到岗.*\d{4}\/\d{1,2}\/\d{1,2} 08:30 以后再记。$/,
    );
    const english = await ask(MARK, { e: hire }, employer.token, 'en');
    expect(english.errors?.[0]?.message).toMatch(
      /^A no-show can be marked from 30 minutes after the start, at .*08:30/,
    );
  });

  it('refuses a check-out before the start with startsAt in +08:00', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker, 4);
    const startsAt = new Date(clock.now().getTime() + 4 * 24 * HOUR);
    startsAt.setUTCHours(0, 0, 0, 0);
    clock.advance(startsAt.getTime() - 30 * MINUTE - clock.now().getTime());
    await coverHires(t, hire);
    const checkedIn = await ask(CHECK_IN, { e: hire, at: LIANGSHAN }, worker.token);
    expect(checkedIn.data).toEqual({ checkIn: { status: 'CHECKED_IN' } });
    const out = await ask(
      'mutation ($e: ID!) { checkOut(engagementId: $e) { status } }',
      { e: hire },
      worker.token,
    );
    expect(out.errors?.[0]?.extensions?.startsAt).toMatch(/T08:00:00\.000\+08:00$/);
    expect(out.errors?.[0]?.message).toMatch(/^活还没开工（\d{4}\/\d{1,2}\/\d{1,2} 08:00 开工）/);
  });

  /** Each mutation of work with several inputs, given every input wrong: every field in one answer. */
  const EVERY_PROBLEM: [
    string,
    string,
    Record<string, unknown>,
    'worker' | 'employer' | 'admin',
    string[],
  ][] = [
    [
      'checkIn',
      CHECK_IN,
      { e: 'hire-1', at: { lat: 135.8, lng: 216.1 } },
      'worker',
      ['engagementId', 'at.lat', 'at.lng'],
    ],
    [
      'checkInWithCode',
      'mutation ($e: ID!) { checkInWithCode(engagementId: $e, code: "12ab") { id } }',
      { e: 'hire-1' },
      'employer',
      ['engagementId', 'code'],
    ],
    [
      'confirmAttendance',
      'mutation ($e: ID!) { confirmAttendance(engagementId: $e, workedHours: -2) { id } }',
      { e: 'hire-1' },
      'employer',
      ['engagementId', 'workedHours'],
    ],
    [
      'contestAttendance',
      'mutation ($e: ID!) { contestAttendance(engagementId: $e, reason: " ") { id } }',
      { e: 'hire-1' },
      'employer',
      ['engagementId', 'reason'],
    ],
    [
      'settleAttendance',
      'mutation ($e: ID!) { settleAttendance(engagementId: $e, workedHours: -1, note: "") { id } }',
      { e: 'hire-1' },
      'admin',
      ['engagementId', 'workedHours', 'note'],
    ],
    [
      'cancelEngagement',
      'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "") { id } }',
      { e: 'hire-1' },
      'worker',
      ['engagementId', 'reason'],
    ],
    [
      'recordPayment',
      'mutation ($e: ID!) { recordPayment(engagementId: $e, amountFen: 0) { amountFen } }',
      { e: 'hire-1' },
      'employer',
      ['engagementId', 'amountFen'],
    ],
    [
      'rate',
      'mutation ($e: ID!, $c: String) { rate(engagementId: $e, stars: 6, comment: $c) { stars } }',
      { e: 'hire-1', c: '好'.repeat(501) },
      'worker',
      ['engagementId', 'stars', 'comment'],
    ],
    [
      'openDispute',
      'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "钱") { id } }',
      { e: 'hire-1' },
      'worker',
      ['engagementId', 'reason'],
    ],
    [
      'mediateDispute',
      'mutation ($d: ID!) { mediateDispute(disputeId: $d, note: "") { id } }',
      { d: 'dispute-1' },
      'admin',
      ['disputeId', 'note'],
    ],
    [
      'addDisputeNote',
      'mutation ($d: ID!) { addDisputeNote(disputeId: $d, note: "") { id } }',
      { d: 'dispute-1' },
      'worker',
      ['disputeId', 'note'],
    ],
    [
      'resolveDispute',
      'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "") { id } }',
      { d: 'dispute-1' },
      'admin',
      ['disputeId', 'resolution'],
    ],
    [
      'resolveArrears',
      'mutation ($c: ID!) { resolveArrears(caseId: $c, resolution: "") { id } }',
      { c: 'case-1' },
      'admin',
      ['caseId', 'resolution'],
    ],
  ];

  it.each(EVERY_PROBLEM)(
    '%s names every bad input in one answer, in Chinese',
    async (_name, query, variables, who, fields) => {
      const token = who === 'worker' ? worker.token : who === 'employer' ? employer.token : admin;
      const answer = await ask(query, variables, token);
      const refusal = answer.errors?.[0];
      expect(refusal?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refusal?.extensions?.field).toBe(fields[0]);
      const problems = refusal?.extensions?.problems ?? [];
      expect(problems.map((p) => p.field)).toEqual(fields);
      for (const problem of problems) expect(problem.message).toMatch(CJK);
    },
  );

  it('names the hours and the note of a real hire together, and changes nothing', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker, 6);
    const SETTLE =
      'mutation ($e: ID!) { settleAttendance(engagementId: $e, workedHours: -1, note: " ") { id } }';
    const answer = await ask(SETTLE, { e: hire }, admin);
    expect(answer.errors?.[0]?.extensions?.problems?.map((p) => p.field)).toEqual(['workedHours', 'note']);
    const english = await ask(SETTLE, { e: hire }, admin, 'en');
    expect(english.errors?.[0]?.extensions?.problems?.map((p) => p.message)).toEqual([
      'Give the hours worked as a number, 0 or more.',
      'Write down what the bureau found (2 to 2000 characters); both sides see it.',
    ]);
    const RATE = 'mutation ($e: ID!, $c: String) { rate(engagementId: $e, stars: 0, comment: $c) { stars } }';
    const rated = await ask(RATE, { e: hire, c: '差'.repeat(501) }, employer.token);
    expect(rated.errors?.[0]?.extensions?.problems?.map((p) => p.field)).toEqual(['stars', 'comment']);
    // Nothing of the hire was touched by either refusal.
    const { data } = await t.gql<{ myEngagements: { id: string; status: string; attendance: unknown }[] }>(
      '{ myEngagements { id status attendance { status } } }',
      {},
      worker.token,
    );
    expect(data?.myEngagements.find((e) => e.id === hire)).toEqual({
      id: hire,
      status: 'CONFIRMED',
      attendance: null,
    });
  });
});
