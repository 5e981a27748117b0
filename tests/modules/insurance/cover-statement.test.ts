import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, LIANGSHAN, POST_GIG, postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';

const MINUTE = 60_000;
const GIG_COVER = `query ($id: ID!) {
  gig(id: $id) { accidentCover { required provider payer insurer policyNumber reasons } }
}`;
const ARRANGE = 'mutation ($e: ID!) { arrangeAccidentCover(engagementId: $e) { id } }';
const CHECK_IN = 'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status } }';
const MY_CONTRACTS = '{ myEngagements { id contract { terms verified } } }';

const GROUP = {
  provider: 'EMPLOYER_GROUP_POLICY',
  insurer: '中国平安财产保险',
  policyNumber: 'PA-2026-GRP-0088',
};

type Problem = { field: string; message: string };

/**
 * The posting states who provides its accident cover (docs/insurance.md): per-day policies bought
 * through the platform's insurer, the employer's own group policy with its insurer and number, or
 * the bureau's pool for a public-welfare post. It is shown on the gig and named in the contract;
 * a wrong statement is refused with the posting's other problems, and nothing is posted.
 */
describe('the posting states who provides the accident cover', () => {
  const clock = testClock();
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let workers: SeededWorker[];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' } });
    employer = await verifiedEmployer(t);
    workers = await seedWorkers(t, 2);
  });
  afterAll(() => t?.close());

  const worker = (i: number) => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };

  async function coverOfGig(id: string) {
    const { data, errors } = await t.gql<{ gig: { accidentCover: Record<string, unknown> } }>(
      GIG_COVER,
      { id },
      employer.token,
    );
    expect(errors).toBeUndefined();
    return data?.gig.accidentCover;
  }

  async function statedRow(gigId: string) {
    return (await t.app.db.execute(
      sql`select provider, insurer, policy_number from gig_accident_cover where gig_id = ${gigId}`,
    )) as unknown as { provider: string; insurer: string | null; policy_number: string | null }[];
  }

  const count = async (table: string) => {
    const [row] = (await t.app.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
      n: number;
    }[];
    return row?.n ?? 0;
  };

  it('keeps the default when nothing is stated: per-day policies by the employer, the pool for public welfare', async () => {
    const risky = await postGig(t, employer.token, { skills: ['loading_unloading'] });
    expect(await coverOfGig(risky.id)).toEqual({
      required: true,
      provider: 'DAILY_POLICY',
      payer: 'EMPLOYER',
      insurer: '开发环境保险（未实际投保）',
      policyNumber: null,
      reasons: ['RISKY_TRADE'],
    });
    expect(await statedRow(risky.id)).toEqual([]);

    const welfare = await postGig(t, employer.token, {
      skills: ['cleaner'],
      publicWelfare: true,
      accidentCover: { provider: 'BUREAU_POOL' },
    });
    expect(await coverOfGig(welfare.id)).toMatchObject({ provider: 'BUREAU_POOL', payer: 'BUREAU_POOL' });
    expect(await statedRow(welfare.id)).toEqual([
      { provider: 'BUREAU_POOL', insurer: null, policy_number: null },
    ]);

    const plain = await postGig(t, employer.token, { skills: ['cleaner'] });
    expect(await coverOfGig(plain.id)).toEqual({
      required: false,
      provider: null,
      payer: null,
      insurer: null,
      policyNumber: null,
      reasons: [],
    });
  });

  it('records an employer’s group policy, shows it on the gig and its page, names it in the contract, and lets its hires check in', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(0), 1, {
      skills: ['construction_helper'],
      accidentCover: { ...GROUP, insurer: `  ${GROUP.insurer} ` },
    });
    const [row] = (await t.app.db.execute(
      sql`select gig_id, starts_at from engagements where id = ${hire}`,
    )) as unknown as { gig_id: string; starts_at: Date }[];
    if (!row) throw new Error('no engagement');

    expect(await coverOfGig(row.gig_id)).toEqual({
      required: true,
      provider: 'EMPLOYER_GROUP_POLICY',
      payer: 'EMPLOYER',
      insurer: GROUP.insurer,
      policyNumber: GROUP.policyNumber,
      reasons: ['RISKY_TRADE'],
    });
    expect(await statedRow(row.gig_id)).toEqual([
      { provider: 'EMPLOYER_GROUP_POLICY', insurer: GROUP.insurer, policy_number: GROUP.policyNumber },
    ]);
    const page = (await t.app.inject(`/g/${row.gig_id}`)).body;
    expect(page).toContain(
      `<b>含意外险</b>（用工单位团体意外险，${GROUP.insurer}，保单号 ${GROUP.policyNumber}）`,
    );

    const { data } = await t.gql<{
      myEngagements: { id: string; contract: { terms: string; verified: boolean } }[];
    }>(MY_CONTRACTS, {}, worker(0).token);
    const contract = data?.myEngagements.find((e) => e.id === hire)?.contract;
    expect(contract?.terms.split('\n').at(-2)).toBe(
      `意外保险：由用工单位的团体意外伤害保险承保，承保公司 ${GROUP.insurer}，保单号 ${GROUP.policyNumber}；劳动者不承担保费`,
    );
    expect(contract?.verified).toBe(true);

    // The group policy covers every day: nothing to buy per day, and check-in goes through without it.
    const arranged = await t.gql(ARRANGE, { e: hire }, employer.token);
    expect(arranged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    expect(arranged.errors?.[0]?.message).toBe(
      `本单由用工单位的团体意外险承保（${GROUP.insurer}，保单号 ${GROUP.policyNumber}），无需按日投保。`,
    );
    clock.advance(new Date(row.starts_at).getTime() - 30 * MINUTE - clock.now().getTime());
    const checkedIn = await t.gql<{ checkIn: { status: string } }>(
      CHECK_IN,
      { e: hire, at: LIANGSHAN },
      worker(0).token,
    );
    expect(checkedIn.errors).toBeUndefined();
    expect(checkedIn.data?.checkIn.status).toBe('CHECKED_IN');
    const policies = (await t.app.db.execute(
      sql`select id from accident_policies where engagement_id = ${hire}`,
    )) as unknown as unknown[];
    expect(policies).toEqual([]);
  });

  it('refuses a wrong statement with the posting’s other problems, all at once, and posts nothing', async () => {
    const before = await count('gigs');
    const stated = await count('gig_accident_cover');
    const post = async (overrides: Record<string, unknown>) => {
      const { data, errors } = await t.gql(
        POST_GIG,
        { input: gigInput(overrides, clock.now()) },
        employer.token,
      );
      expect(data?.postGig ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return (errors?.[0]?.extensions?.problems ?? []) as Problem[];
    };
    const fields = (problems: Problem[]) => problems.map((p) => p.field);

    // The pool on a post that is not public welfare, beside a bad title and headcount.
    const pool = await post({ title: '焊', headcount: 0, accidentCover: { provider: 'BUREAU_POOL' } });
    expect(fields(pool)).toEqual(['title', 'headcount', 'accidentCover.provider']);
    expect(pool[2]?.message).toBe('人社局统筹只为公益性岗位投保；请选用工单位按日投保或团体意外险。');

    // A group policy must name its insurer and number.
    const unnamed = await post({
      accidentCover: { provider: 'EMPLOYER_GROUP_POLICY', insurer: ' ', policyNumber: '号' },
    });
    expect(fields(unnamed)).toEqual(['accidentCover.insurer', 'accidentCover.policyNumber']);

    // Per-day policies carry no insurer or number of the employer's.
    const daily = await post({
      accidentCover: { provider: 'DAILY_POLICY', insurer: '某保险', policyNumber: 'X-0001' },
    });
    expect(fields(daily)).toEqual(['accidentCover.insurer', 'accidentCover.policyNumber']);

    // A gig that needs no cover states none.
    const plain = await post({ skills: ['cleaner'], accidentCover: GROUP });
    expect(fields(plain)).toEqual(['accidentCover']);

    // In English too.
    const { errors } = await t.gql(
      POST_GIG,
      { input: gigInput({ accidentCover: { provider: 'BUREAU_POOL' } }, clock.now()) },
      employer.token,
      { 'accept-language': 'en' },
    );
    expect(errors?.[0]?.message).toBe(
      "The bureau's pool insures only public-welfare posts; choose daily policies paid by the employer, or the employer's group policy.",
    );

    expect(await count('gigs')).toBe(before);
    expect(await count('gig_accident_cover')).toBe(stated);
  });
});
