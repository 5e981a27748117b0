import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, count, expectAnswered, one, sql, TAPS } from '../support/double-tap.js';
import { LIANGSHAN, verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, seedWorkers, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { adminToken } from '../support/people.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** About 2 km north of the gig: an off-site check-in, doubtful attendance. */
const NEARBY = { lat: LIANGSHAN.lat + 0.018, lng: LIANGSHAN.lng };

/**
 * The answers to doubtful attendance and the bureau's mediation pressed several times at once:
 * the employer's confirm or contest, the admin's mediation, resolution and an arrears case closed.
 * Each press is answered by name; one dispute, one decision, one closing.
 */
describe('double taps on attendance, disputes and arrears', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        MUTATION_RATE_LIMIT: '100000',
        OFFER_SWEEP_MS: '60000',
        WORK_SWEEP_MS: '3600000',
      },
    });
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  /** A hire worked off site: completed with its attendance UNCONFIRMED. */
  async function doubtfulHire() {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!worker) throw new Error('no worker');
    const engagementId = await hireThroughApplication(t, employer.token, worker, 1);
    await coverHires(t, engagementId);
    const { starts_at: startsAt } = await one<{ starts_at: string }>(
      t,
      sql`select starts_at from engagements where id = ${engagementId}`,
    );
    clock.advance(new Date(startsAt).getTime() - clock.now().getTime() + 5 * 60_000);
    const checkedIn = await t.gql(
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { e: engagementId, at: NEARBY },
      worker.token,
    );
    if (checkedIn.errors) throw new Error(`checkIn failed: ${JSON.stringify(checkedIn.errors)}`);
    clock.advance(8 * HOUR);
    const out = await t.gql(
      'mutation ($e: ID!) { checkOut(engagementId: $e) { id } }',
      { e: engagementId },
      worker.token,
    );
    if (out.errors) throw new Error(`checkOut failed: ${JSON.stringify(out.errors)}`);
    return { employer, worker, engagementId };
  }

  it('confirms a doubtful attendance once', async () => {
    const { employer, engagementId } = await doubtfulHire();
    const answers = await burst(TAPS, () =>
      t.gql(
        'mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id attendance { status } } }',
        { e: engagementId },
        employer.token,
      ),
    );
    expect(expectAnswered(answers).filter((o) => o === 'OK').length).toBeGreaterThanOrEqual(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where id = ${engagementId} and attendance_status = 'CONFIRMED'`,
      ),
    ).toBe(1);
    clock.advance(DAY);
  });

  it('contests once, and the bureau mediates and resolves once', async () => {
    const { employer, engagementId } = await doubtfulHire();
    const contests = await burst(TAPS, () =>
      t.gql(
        'mutation ($e: ID!) { contestAttendance(engagementId: $e, reason: "他没在工地") { id } }',
        { e: engagementId },
        employer.token,
      ),
    );
    expectAnswered(contests);
    expect(
      await count(t, sql`select count(*) as n from disputes where engagement_id = ${engagementId}`),
    ).toBe(1);
    const { id: disputeId } = await one<{ id: string }>(
      t,
      sql`select id from disputes where engagement_id = ${engagementId}`,
    );
    const mediations = await burst(TAPS, () =>
      t.gql(
        'mutation ($d: ID!) { mediateDispute(disputeId: $d, note: "已电话联系双方") { id status } }',
        { d: disputeId },
        admin,
      ),
    );
    expect(expectAnswered(mediations)).toEqual(Array(TAPS).fill('OK'));
    const settles = await burst(TAPS, () =>
      t.gql(
        'mutation ($e: ID!) { settleAttendance(engagementId: $e, workedHours: 6, note: "核实工作6小时") { id } }',
        { e: engagementId },
        admin,
      ),
    );
    expect(expectAnswered(settles).filter((o) => o === 'OK').length).toBeGreaterThanOrEqual(1);
    const resolutions = await burst(TAPS, () =>
      t.gql(
        'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "按6小时结算") { id status } }',
        { d: disputeId },
        admin,
      ),
    );
    expect(expectAnswered(resolutions).filter((o) => o === 'OK').length).toBeGreaterThanOrEqual(1);
    expect(
      await count(t, sql`select count(*) as n from disputes where id = ${disputeId} and status = 'RESOLVED'`),
    ).toBe(1);
    clock.advance(DAY);
  });

  it('checks a worker in once by the code they show', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!worker) throw new Error('no worker');
    const engagementId = await hireThroughApplication(t, employer.token, worker, 1);
    await coverHires(t, engagementId);
    const hire = await one<{ starts_at: string; check_in_code: string }>(
      t,
      sql`select starts_at, check_in_code from engagements where id = ${engagementId}`,
    );
    clock.advance(new Date(hire.starts_at).getTime() - clock.now().getTime() + 5 * 60_000);
    const answers = await burst(TAPS, () =>
      t.gql(
        'mutation ($e: ID!, $c: String!) { checkInWithCode(engagementId: $e, code: $c) { id status } }',
        { e: engagementId, c: hire.check_in_code },
        employer.token,
      ),
    );
    expect(expectAnswered(answers)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where id = ${engagementId} and status = 'CHECKED_IN'`,
      ),
    ).toBe(1);
    clock.advance(DAY);
  });

  it('closes an arrears case once', async () => {
    const { employer, engagementId } = await doubtfulHire();
    await t.gql(
      'mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }',
      { e: engagementId },
      employer.token,
    );
    clock.advance(10 * DAY);
    await t.app.services.work.sweep();
    const { id: caseId } = await one<{ id: string }>(
      t,
      sql`select id from arrears_cases where engagement_id = ${engagementId}`,
    );
    const answers = await burst(TAPS, () =>
      t.gql(
        'mutation ($c: ID!) { resolveArrears(caseId: $c, resolution: "已调解，老板当场付清") { id status } }',
        { c: caseId },
        admin,
      ),
    );
    expect(expectAnswered(answers).filter((o) => o === 'OK').length).toBeGreaterThanOrEqual(1);
    expect(
      await count(t, sql`select count(*) as n from arrears_cases where engagement_id = ${engagementId}`),
    ).toBe(1);
  });
});
