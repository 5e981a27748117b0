import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { httpInsurerEnv, issueEach, type LocalInsurer, startLocalInsurer } from '../../support/insurer.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ARRANGE = `mutation ($e: ID!) {
  arrangeAccidentCover(engagementId: $e) { coveredOn policyNumber }
}`;

type Policy = { coveredOn: string; policyNumber: string };

/**
 * Two arrangeAccidentCover calls at once (docs/insurance.md, "Arranging cover"): the days are
 * reserved before the insurer is asked, so it is asked once for each day, every caller gets the
 * one set of policies, and there is one audit entry. The insurer here is slow, on purpose.
 */
describe('arranging cover at once', () => {
  const clock = testClock();
  let t: TestApp;
  let insurer: LocalInsurer;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let workers: SeededWorker[];

  beforeAll(async () => {
    insurer = await startLocalInsurer();
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', ...httpInsurerEnv(insurer) } });
    employer = await verifiedEmployer(t);
    workers = await seedWorkers(t, 3);
  });
  afterAll(async () => {
    await t?.close();
    await insurer?.close();
  });

  const worker = (i: number) => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };

  /** A night shift, 20:00 to 04:00 market time, `daysAhead` days on: two market days to cover. */
  async function nightShift(i: number, daysAhead: number) {
    const start = new Date(clock.now().getTime() + daysAhead * DAY);
    start.setUTCHours(12, 0, 0, 0); // 20:00 in Asia/Shanghai
    return hireThroughApplication(t, employer.token, worker(i), daysAhead, {
      skills: ['loading_unloading'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
  }

  async function rows(engagementId: string) {
    return (await t.app.db.execute(
      sql`select covered_on::text as day, status, policy_number from accident_policies
        where engagement_id = ${engagementId} order by covered_on`,
    )) as unknown as { day: string; status: string; policy_number: string | null }[];
  }

  async function audits(engagementId: string) {
    return (await t.app.db.execute(
      sql`select details from audit_log where action = 'ACCIDENT_COVER_ARRANGED' and subject_id = ${engagementId}`,
    )) as unknown as { details: { days: string[]; provider: string; requestId: string } }[];
  }

  it('asks the insurer once when five calls come at once, and every caller gets the same two policies', async () => {
    const hire = await nightShift(0, 2);
    insurer.answerWith((call) => ({
      ...(issueEach(call) as { status: number; body: unknown }),
      delayMs: 400,
    }));
    const before = insurer.calls.length;

    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.gql<{ arrangeAccidentCover: Policy[] }>(ARRANGE, { e: hire }, employer.token),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const sets = answers.map((a) => JSON.stringify(a.data?.arrangeAccidentCover));
    expect(new Set(sets).size).toBe(1);

    const asked = insurer.calls.slice(before);
    expect(asked).toHaveLength(1);
    const sent = asked[0]?.body as { days: string[]; requestId: string };
    const days = sent.days;
    expect(days).toHaveLength(2);

    const stored = await rows(hire);
    expect(stored.map((r) => [r.day, r.status])).toEqual(days.map((day) => [day, 'ISSUED']));
    expect(answers[0]?.data?.arrangeAccidentCover).toEqual(
      stored.map((r) => ({ coveredOn: r.day, policyNumber: r.policy_number })),
    );
    const entries = await audits(hire);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toMatchObject({
      days,
      provider: 'http',
      requestId: sent.requestId,
    });
  });

  it('gives the days back when the insurer fails, so the next call asks again and records them', async () => {
    const hire = await nightShift(1, 3);
    insurer.answerWith(() => ({ status: 503, body: { error: 'busy' }, delayMs: 200 }));
    const failed = await Promise.all(
      Array.from({ length: 3 }, () => t.gql(ARRANGE, { e: hire }, employer.token)),
    );
    // The caller that asked is told the insurer failed; those that waited for it find no policy.
    const codes = failed.map((f) => f.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'SERVICE_UNAVAILABLE')).toHaveLength(1);
    expect(failed.find((f) => f.errors)?.errors?.[0]?.message).toBe(
      '保险公司暂时没有出具保单，请稍后再试；未出单的日子仍未投保。',
    );
    for (const answer of failed.filter((f) => !f.errors)) {
      expect((answer.data as { arrangeAccidentCover: Policy[] }).arrangeAccidentCover).toEqual([]);
    }
    expect(await rows(hire)).toEqual([]);
    expect(await audits(hire)).toEqual([]);

    insurer.answerWith(issueEach);
    const again = await t.gql<{ arrangeAccidentCover: Policy[] }>(ARRANGE, { e: hire }, employer.token);
    expect(again.errors).toBeUndefined();
    expect(again.data?.arrangeAccidentCover).toHaveLength(2);
    expect((await rows(hire)).map((r) => r.status)).toEqual(['ISSUED', 'ISSUED']);
  });

  it('takes over a day whose reservation was left by a request that died', async () => {
    const hire = await nightShift(2, 4);
    const { starts_at } = (
      (await t.app.db.execute(sql`select starts_at from engagements where id = ${hire}`)) as unknown as {
        starts_at: Date;
      }[]
    )[0] as { starts_at: Date };
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(starts_at));
    // A reservation from ten minutes ago whose request never came back.
    await t.app.db.execute(sql`
      insert into accident_policies (engagement_id, covered_on, status, provider, insurer, payer, request_id, reserved_at)
      values (${hire}, ${day}::date, 'RESERVED', 'http', '本地测试保险公司', 'EMPLOYER', gen_random_uuid(),
        ${new Date(clock.now().getTime() - 10 * 60_000).toISOString()}::timestamptz)`);
    const before = insurer.calls.length;
    const arranged = await t.gql<{ arrangeAccidentCover: Policy[] }>(ARRANGE, { e: hire }, employer.token);
    expect(arranged.errors).toBeUndefined();
    expect(arranged.data?.arrangeAccidentCover.map((p) => p.coveredOn)).toContain(day);
    const sent = insurer.calls[before]?.body as { days: string[] };
    expect(sent.days).toContain(day);
    expect((await rows(hire)).every((r) => r.status === 'ISSUED')).toBe(true);
  });
});
