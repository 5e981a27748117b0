import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;
const ARRANGE = 'mutation ($e: ID!) { arrangeAccidentCover(engagementId: $e) { coveredOn policyNumber } }';
const CHECK_IN = 'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status } }';

type ExportedPolicy = {
  engagementId: string;
  coveredOn: string;
  insurer: string;
  policyNumber: string;
  payer: string;
  gigId: string;
  gigTitle: string;
};

/**
 * A worker's accident policies are theirs to see in the PIPL export (exportMyData), and the
 * refusal at check-in lists the missing days in the reader's language (、 in Chinese, ", " in English).
 */
describe('a worker’s accident policies', () => {
  const clock = testClock();
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let workers: SeededWorker[];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' } });
    employer = await verifiedEmployer(t);
    workers = await seedWorkers(t, 3);
  });
  afterAll(() => t?.close());

  const worker = (i: number) => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };

  /** A night shift, 20:00 to 04:00 market time: two market days, each its own policy. */
  async function nightShift(i: number, daysAhead: number, title: string) {
    const start = new Date(clock.now().getTime() + daysAhead * DAY);
    start.setUTCHours(12, 0, 0, 0);
    return hireThroughApplication(t, employer.token, worker(i), daysAhead, {
      title,
      skills: ['loading_unloading'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
  }

  it('are in the worker’s data export, with the gig each covered, and nobody else’s are', async () => {
    const mine = await nightShift(0, 2, '夜班物流装卸');
    const theirs = await nightShift(1, 2, '夜班仓库装卸');
    for (const hire of [mine, theirs]) {
      const arranged = await t.gql(ARRANGE, { e: hire }, employer.token);
      expect(arranged.errors).toBeUndefined();
    }
    const stored = (await t.app.db.execute(
      sql`select covered_on::text as day, policy_number from accident_policies
        where engagement_id = ${mine} order by covered_on`,
    )) as unknown as { day: string; policy_number: string }[];
    expect(stored).toHaveLength(2);

    const { data, errors } = await t.gql<{
      exportMyData: { worker: { accidentPolicies: ExportedPolicy[] } };
    }>('{ exportMyData }', {}, worker(0).token);
    expect(errors).toBeUndefined();
    const exported = data?.exportMyData.worker.accidentPolicies ?? [];
    expect(
      exported.map((p) => ({
        engagementId: p.engagementId,
        coveredOn: p.coveredOn,
        insurer: p.insurer,
        policyNumber: p.policyNumber,
        payer: p.payer,
        gigTitle: p.gigTitle,
      })),
    ).toEqual(
      stored.map((row) => ({
        engagementId: mine,
        coveredOn: row.day,
        insurer: '开发环境保险（未实际投保）',
        policyNumber: row.policy_number,
        payer: 'EMPLOYER',
        gigTitle: '夜班物流装卸',
      })),
    );
    expect(JSON.stringify(exported)).not.toContain(theirs);
  });

  it('are refused at check-in naming each missing day, joined as the reader’s language joins a list', async () => {
    const hire = await nightShift(2, 3, '夜班码头装卸');
    const [row] = (await t.app.db.execute(
      sql`select starts_at from engagements where id = ${hire}`,
    )) as unknown as { starts_at: Date }[];
    if (!row) throw new Error('no engagement');
    clock.advance(new Date(row.starts_at).getTime() - 30 * MINUTE - clock.now().getTime());
    const day = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
    const first = day(new Date(row.starts_at).getTime());
    const second = day(new Date(row.starts_at).getTime() + 8 * HOUR);

    const chinese = await t.gql(CHECK_IN, { e: hire, at: LIANGSHAN }, worker(2).token);
    expect(chinese.errors?.[0]?.extensions).toMatchObject({
      code: 'INSURANCE_REQUIRED',
      missingDays: [first, second],
    });
    expect(chinese.errors?.[0]?.message).toBe(
      `本单需按日投保意外险，${first}、${second}尚无保单，请用工单位投保后再签到。`,
    );
    const english = await t.gql(CHECK_IN, { e: hire, at: LIANGSHAN }, worker(2).token, {
      'accept-language': 'en',
    });
    expect(english.errors?.[0]?.message).toBe(
      `This hire needs accident insurance for each day; there is no policy for ${first}, ${second}. It must be arranged by the employer before check-in.`,
    );
  });
});
