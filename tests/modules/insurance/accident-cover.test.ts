import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hireDays } from '../../../src/modules/insurance/insurance.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const CHECK_IN =
  'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status checkedInAt } }';
const CHECK_IN_WITH_CODE =
  'mutation ($e: ID!, $c: String!) { checkInWithCode(engagementId: $e, code: $c) { status } }';
const ARRANGE = `mutation ($e: ID!) {
  arrangeAccidentCover(engagementId: $e) { id coveredOn insurer policyNumber payer issuedAt }
}`;
const MY_HIRES = `{
  myEngagements {
    id
    gig { accidentCover { required payer reasons riskyTrades { code accidentRisk } } }
    accidentPolicies { coveredOn policyNumber payer }
  }
}`;

type HireCover = {
  id: string;
  gig: {
    accidentCover: { required: boolean; payer: string | null; reasons: string[]; riskyTrades: unknown[] };
  };
  accidentPolicies: { coveredOn: string; policyNumber: string; payer: string }[];
};

type Policy = { id: string; coveredOn: string; insurer: string; policyNumber: string; payer: string };

/**
 * Per-day accident insurance (docs/insurance.md): a hire of a risky trade or a public-welfare post
 * checks in only with a policy for its day, arranged by whoever pays (the employer, or an admin for
 * the bureau's pool); a hire that needs none checks in as before.
 */
describe('accident cover before check-in', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let otherEmployer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let workers: SeededWorker[];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' } });
    admin = await adminToken(t);
    employer = await verifiedEmployer(t);
    otherEmployer = await verifiedEmployer(t);
    workers = await seedWorkers(t, 4);
  });
  afterAll(() => t?.close());

  const worker = (i: number) => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };

  /** The hire as its worker or employer reads it: the gig's cover and the hire's policies. */
  async function hireCover(engagementId: string, token: string): Promise<HireCover | undefined> {
    const { data, errors } = await t.gql<{ myEngagements: HireCover[] }>(MY_HIRES, {}, token);
    expect(errors).toBeUndefined();
    return data?.myEngagements.find((e) => e.id === engagementId);
  }

  async function engagementRow(id: string) {
    const [row] = (await t.app.db.execute(
      sql`select status, checked_in_at, check_in_code, starts_at from engagements where id = ${id}`,
    )) as unknown as {
      status: string;
      checked_in_at: Date | null;
      check_in_code: string | null;
      starts_at: Date;
    }[];
    if (!row) throw new Error('no engagement');
    return row;
  }

  async function policyRows(engagementId: string) {
    return (await t.app.db.execute(
      sql`select covered_on::text as covered_on, provider, insurer, policy_number, payer, arranged_by_account_id
        from accident_policies where engagement_id = ${engagementId} order by covered_on`,
    )) as unknown as {
      covered_on: string;
      provider: string;
      insurer: string;
      policy_number: string;
      payer: string;
      arranged_by_account_id: string | null;
    }[];
  }

  /** Moves the market clock to half an hour before the hire starts: inside the check-in window. */
  async function toCheckInTime(engagementId: string) {
    const { starts_at } = await engagementRow(engagementId);
    const target = new Date(starts_at).getTime() - 30 * MINUTE;
    clock.advance(target - clock.now().getTime());
  }

  it('flags the risky trades in the taxonomy, in the table and through the API', async () => {
    const rows = (await t.app.db.execute(
      sql`select code from skills where accident_risk order by code`,
    )) as unknown as { code: string }[];
    const risky = rows.map((r) => r.code);
    for (const code of ['welder', 'scaffolder', 'loading_unloading', 'construction_helper']) {
      expect(risky).toContain(code);
    }
    for (const code of ['cleaner', 'cook', 'sewing']) expect(risky).not.toContain(code);

    const { data } = await t.gql<{ skills: { code: string; accidentRisk: boolean }[] }>(
      '{ skills { code accidentRisk } }',
      {},
      admin,
    );
    const byCode = new Map(data?.skills.map((s) => [s.code, s.accidentRisk]));
    expect(byCode.get('welder')).toBe(true);
    expect(byCode.get('loading_unloading')).toBe(true);
    expect(byCode.get('cleaner')).toBe(false);
  });

  it('refuses check-in on a risky trade without cover, names the day and the payer, and changes nothing', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(0), 1, {
      skills: ['loading_unloading'],
    });
    const cover = await hireCover(hire, employer.token);
    expect(cover?.gig.accidentCover).toEqual({
      required: true,
      payer: 'EMPLOYER',
      reasons: ['RISKY_TRADE'],
      riskyTrades: [{ code: 'loading_unloading', accidentRisk: true }],
    });
    expect(cover?.accidentPolicies).toEqual([]);

    await toCheckInTime(hire);
    const { starts_at, check_in_code } = await engagementRow(hire);
    const day = hireDays({
      startsAt: new Date(starts_at),
      endsAt: new Date(new Date(starts_at).getTime() + HOUR),
    })[0];

    const refused = await t.gql(CHECK_IN, { e: hire, at: LIANGSHAN }, worker(0).token);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INSURANCE_REQUIRED',
      missingDays: [day],
      payer: 'EMPLOYER',
      reasons: ['RISKY_TRADE'],
    });
    expect(refused.errors?.[0]?.message).toBe(
      `本单需按日投保意外险，${day}尚无保单，请用工单位投保后再签到。`,
    );

    const english = await t.gql(CHECK_IN, { e: hire, at: LIANGSHAN }, worker(0).token, {
      'accept-language': 'en',
    });
    expect(english.errors?.[0]?.message).toBe(
      `This hire needs accident insurance for each day; there is no policy for ${day}. It must be arranged by the employer before check-in.`,
    );

    // The employer's code check-in is held to the same rule.
    const byCode = await t.gql(CHECK_IN_WITH_CODE, { e: hire, c: check_in_code }, employer.token);
    expect(byCode.errors?.[0]?.extensions?.code).toBe('INSURANCE_REQUIRED');

    const after = await engagementRow(hire);
    expect(after.status).toBe('CONFIRMED');
    expect(after.checked_in_at).toBeNull();
    expect(await policyRows(hire)).toEqual([]);
  });

  it('lets only the payer arrange cover: the gig’s employer, once per day, audited; then check-in goes through', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(1), 1, {
      skills: ['construction_helper'],
    });
    await toCheckInTime(hire);

    const byWorker = await t.gql(ARRANGE, { e: hire }, worker(1).token);
    expect(byWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStranger = await t.gql(ARRANGE, { e: hire }, otherEmployer.token);
    expect(byStranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byAdmin = await t.gql(ARRANGE, { e: hire }, admin);
    expect(byAdmin.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', payer: 'EMPLOYER' });
    expect(await policyRows(hire)).toEqual([]);

    const arranged = await t.gql<{ arrangeAccidentCover: Policy[] }>(ARRANGE, { e: hire }, employer.token);
    expect(arranged.errors).toBeUndefined();
    const policies = arranged.data?.arrangeAccidentCover ?? [];
    expect(policies).toHaveLength(1);
    expect(policies[0]).toMatchObject({ payer: 'EMPLOYER', insurer: '开发环境保险（未实际投保）' });
    expect(policies[0]?.policyNumber).toMatch(/^DEV-\d{8}-[0-9A-F]{8}$/);

    // Asking again issues nothing new: the day keeps its policy.
    const again = await t.gql<{ arrangeAccidentCover: Policy[] }>(ARRANGE, { e: hire }, employer.token);
    expect(again.data?.arrangeAccidentCover.map((p) => p.policyNumber)).toEqual([policies[0]?.policyNumber]);

    const rows = await policyRows(hire);
    expect(rows).toEqual([
      {
        covered_on: policies[0]?.coveredOn,
        provider: 'dev',
        insurer: '开发环境保险（未实际投保）',
        policy_number: policies[0]?.policyNumber,
        payer: 'EMPLOYER',
        arranged_by_account_id: employer.accountId,
      },
    ]);
    const audit = (await t.app.db.execute(
      sql`select action, actor_account_id, details from audit_log
        where subject_type = 'ENGAGEMENT' and subject_id = ${hire}`,
    )) as unknown as {
      action: string;
      actor_account_id: string;
      details: { payer: string; days: string[] };
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'ACCIDENT_COVER_ARRANGED',
      actor_account_id: employer.accountId,
      details: { payer: 'EMPLOYER', days: [policies[0]?.coveredOn] },
    });

    expect((await hireCover(hire, worker(1).token))?.accidentPolicies).toEqual([
      { coveredOn: policies[0]?.coveredOn, policyNumber: policies[0]?.policyNumber, payer: 'EMPLOYER' },
    ]);

    const checkedIn = await t.gql<{ checkIn: { status: string } }>(
      CHECK_IN,
      { e: hire, at: LIANGSHAN },
      worker(1).token,
    );
    expect(checkedIn.errors).toBeUndefined();
    expect(checkedIn.data?.checkIn.status).toBe('CHECKED_IN');
  });

  it('has the bureau’s pool pay for a public-welfare post: an admin arranges it, not the employer', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(2), 1, {
      skills: ['cleaner'],
      publicWelfare: true,
    });
    expect((await hireCover(hire, worker(2).token))?.gig.accidentCover).toEqual({
      required: true,
      payer: 'BUREAU_POOL',
      reasons: ['PUBLIC_WELFARE'],
      riskyTrades: [],
    });
    await toCheckInTime(hire);
    const refused = await t.gql(CHECK_IN, { e: hire, at: LIANGSHAN }, worker(2).token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INSURANCE_REQUIRED',
      payer: 'BUREAU_POOL',
    });
    expect(refused.errors?.[0]?.message).toContain('请人社局统筹（公益性岗位）投保');

    const byEmployer = await t.gql(ARRANGE, { e: hire }, employer.token);
    expect(byEmployer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', payer: 'BUREAU_POOL' });
    expect(byEmployer.errors?.[0]?.message).toBe('本单的意外险由人社局统筹（公益性岗位）投保。');

    const arranged = await t.gql<{ arrangeAccidentCover: Policy[] }>(ARRANGE, { e: hire }, admin);
    expect(arranged.errors).toBeUndefined();
    expect(arranged.data?.arrangeAccidentCover.map((p) => p.payer)).toEqual(['BUREAU_POOL']);
    expect((await policyRows(hire)).map((r) => r.payer)).toEqual(['BUREAU_POOL']);

    const checkedIn = await t.gql<{ checkIn: { status: string } }>(
      CHECK_IN,
      { e: hire, at: LIANGSHAN },
      worker(2).token,
    );
    expect(checkedIn.data?.checkIn.status).toBe('CHECKED_IN');
  });

  it('needs no cover for a trade not risky on an ordinary post: check-in as before, and nothing to arrange', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(3), 1, { skills: ['cleaner'] });
    expect((await hireCover(hire, employer.token))?.gig.accidentCover).toEqual({
      required: false,
      payer: null,
      reasons: [],
      riskyTrades: [],
    });
    const arranged = await t.gql(ARRANGE, { e: hire }, employer.token);
    expect(arranged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    expect(await policyRows(hire)).toEqual([]);

    await toCheckInTime(hire);
    const checkedIn = await t.gql<{ checkIn: { status: string } }>(
      CHECK_IN,
      { e: hire, at: LIANGSHAN },
      worker(3).token,
    );
    expect(checkedIn.errors).toBeUndefined();
    expect(checkedIn.data?.checkIn.status).toBe('CHECKED_IN');
  });

  it('shows 含意外险 and who insures on the public gig page, and nothing on a gig that needs no cover', async () => {
    const risky = await postGig(t, employer.token, { skills: ['loading_unloading'] });
    const welfare = await postGig(t, employer.token, { skills: ['cleaner'], publicWelfare: true });
    const plain = await postGig(t, employer.token, { skills: ['cleaner'] });
    const page = async (id: string) => (await t.app.inject(`/g/${id}`)).body;

    const riskyPage = await page(risky.id);
    expect(riskyPage).toContain('<span class="tag insured">含意外险</span>');
    expect(riskyPage).toContain('<b>含意外险</b>（用工单位按日投保）');
    expect(await page(welfare.id)).toContain('<b>含意外险</b>（人社局统筹按日投保）');
    expect(await page(plain.id)).not.toContain('意外险');
  });
});

describe('hire-days of a window', () => {
  it('counts every market day (Asia/Shanghai) a window touches, a night shift two', () => {
    // 08:00–17:00 on 6 December in Shanghai: one day.
    expect(
      hireDays({ startsAt: new Date('2026-12-06T00:00:00Z'), endsAt: new Date('2026-12-06T09:00:00Z') }),
    ).toEqual(['2026-12-06']);
    // 20:00 on the 6th to 04:00 on the 7th: two days, each its own policy.
    expect(
      hireDays({ startsAt: new Date('2026-12-06T12:00:00Z'), endsAt: new Date('2026-12-06T20:00:00Z') }),
    ).toEqual(['2026-12-06', '2026-12-07']);
    // Ending at midnight exactly covers no minute of the next day.
    expect(
      hireDays({ startsAt: new Date('2026-12-06T08:00:00Z'), endsAt: new Date('2026-12-06T16:00:00Z') }),
    ).toEqual(['2026-12-06']);
    // Three days, 07:00 on the 6th to 18:00 on the 8th.
    expect(
      hireDays({ startsAt: new Date('2026-12-05T23:00:00Z'), endsAt: new Date('2026-12-08T10:00:00Z') }),
    ).toEqual(['2026-12-06', '2026-12-07', '2026-12-08']);
  });
});
