import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { testClock } from '../../support/hiring.js';
import { adminToken, registerWorker } from '../../support/people.js';
import { refusalOf, rows, trainingProvider } from '../../support/training-enrolments.js';

const REPORT = `query ($r: ID!, $from: String!, $to: String!) {
  shortageReport(regionCode: $r, from: $from, to: $to) {
    rows { region { code } skill { code } seatsPosted workersAvailable workersMatching certifiedHolders trainingWishes }
  }
}`;
type Row = {
  region: { code: string };
  skill: { code: string };
  seatsPosted: number;
  workersAvailable: number;
  workersMatching: number;
};

/**
 * The shortage report read by the wrong people, over absurd ranges, and counting people who cannot
 * work: an erased person is nobody's supply, and neither is a suspended account (it cannot sign
 * in, so it takes no gig).
 */
describe('the shortage report, attacked', () => {
  const clock = testClock(new Date(Date.parse('2026-11-01T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { OFFER_SWEEP_MS: '60000', GIG_SWEEP_MS: '3600000' } });
    admin = await adminToken(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts neither erased nor suspended plasterers as available supply', async () => {
    const employer = await verifiedEmployer(t);
    await postGig(t, employer.token, {
      skills: ['plasterer'],
      title: '住宅抹灰工',
      description: '室内墙面抹灰，包午饭。',
      headcount: 3,
      startsAt: '2026-11-03T08:00:00+08:00',
      endsAt: '2026-11-03T17:00:00+08:00',
    });
    const people = [];
    for (let i = 0; i < 3; i++) {
      const w = await registerWorker(
        t,
        { skills: [{ code: 'plasterer', level: 3 }] },
        { operationCertificate: false },
      );
      const set = await t.gql(
        'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
        { w: [{ startsAt: '2026-11-03T00:00:00+08:00', endsAt: '2026-11-06T00:00:00+08:00' }] },
        w.token,
      );
      expect(set.errors).toBeUndefined();
      people.push(w);
    }
    const [free, suspended, erased] = people;
    if (!free || !suspended || !erased) throw new Error('no workers');
    const report = async () => {
      const answer = await t.gql<{ shortageReport: { rows: Row[] } }>(
        REPORT,
        { r: '370832', from: '2026-11-01', to: '2026-11-07' },
        admin,
      );
      expect(answer.errors).toBeUndefined();
      return answer.data?.shortageReport.rows.find((r) => r.skill.code === 'plasterer');
    };
    expect(await report()).toMatchObject({ seatsPosted: 3, workersAvailable: 3, workersMatching: 3 });

    const suspend = await t.gql(
      'mutation ($a: ID!, $r: String!) { suspendAccount(accountId: $a, reason: $r) { id } }',
      { a: suspended.accountId, r: '冒用他人身份证登记，待核实' },
      admin,
    );
    expect(suspend.errors).toBeUndefined();
    expect(
      (await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, erased.token)).errors,
    ).toBeUndefined();
    expect(
      await rows(
        t,
        sql`select count(*)::int as n from accounts where id = ${suspended.accountId} and suspended_at is not null`,
      ),
    ).toEqual([{ n: 1 }]);

    expect(await report()).toMatchObject({ seatsPosted: 3, workersAvailable: 1, workersMatching: 1 });
  });

  it('answers only the bureau, and refuses a range over a year, naming the field', async () => {
    const employer = await verifiedEmployer(t);
    const provider = await trainingProvider(t);
    for (const token of [employer.token, provider.token]) {
      const answer = await t.gql(REPORT, { r: '370800', from: '2026-11-01', to: '2026-11-07' }, token);
      expect(refusalOf(answer).code).toBe('FORBIDDEN');
      const csv = await t.app.inject({
        method: 'GET',
        url: '/training/shortage.csv?regionCode=370800&from=2026-11-01&to=2026-11-07',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(csv.statusCode).toBe(403);
    }
    const huge = await t.gql(REPORT, { r: '370000', from: '2000-01-01', to: '2026-11-07' }, admin);
    expect(refusalOf(huge).code).toBe('BAD_USER_INPUT');
    expect(refusalOf(huge).problems.map((p) => p.field)).toContain('to');
    const unknown = await t.gql(REPORT, { r: '999999', from: '2026-11-01', to: '2026-11-07' }, admin);
    expect(refusalOf(unknown).problems.map((p) => p.field)).toEqual(['regionCode']);
  });
});
