import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, count, expectAnswered, one, sql, TAPS } from '../support/double-tap.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, seedWorkers, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Every button of a hire pressed several times at once (a double tap, a retry on a slow network, the
 * worker's phone and a station operator together): each press is answered with the result or a
 * named refusal, and the tables hold one change, never two and never half of one.
 */
describe('double taps on hires, applications and wages', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { MUTATION_RATE_LIMIT: '100000', OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000' },
    });
  });
  afterAll(() => t.close());

  const gql = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ) => t.gql<T>(query, variables, token);

  async function market() {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!worker) throw new Error('no worker');
    return { employer, worker };
  }

  it('applies once to a gig however often the worker taps 报名', async () => {
    const { employer, worker } = await market();
    const gig = await postGig(t, employer.token, { skills: ['loading_unloading'] });
    const answers = await burst(TAPS, () =>
      gql<{ applyToGig: { id: string } }>(
        'mutation ($g: ID!) { applyToGig(gigId: $g) { id status } }',
        { g: gig.id },
        worker.token,
      ),
    );
    expectAnswered(answers);
    expect(await count(t, sql`select count(*) as n from applications where gig_id = ${gig.id}`)).toBe(1);
  });

  it('hires an applicant once when the employer taps 录用 again and again', async () => {
    const { employer, worker } = await market();
    const gig = await postGig(t, employer.token, { skills: ['loading_unloading'] });
    const applied = await gql<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
      { g: gig.id },
      worker.token,
    );
    const applicationId = applied.data?.applyToGig.id;
    const answers = await burst(TAPS, () =>
      gql(
        'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id status } }',
        { a: applicationId },
        employer.token,
      ),
    );
    expectAnswered(answers);
    expect(await count(t, sql`select count(*) as n from engagements where gig_id = ${gig.id}`)).toBe(1);
    expect(await count(t, sql`select filled as n from gigs where id = ${gig.id}`)).toBe(1);
  });

  it('cancels a gig once, freeing its hires once', async () => {
    const { employer, worker } = await market();
    const engagementId = await hireThroughApplication(t, employer.token, worker, 3);
    const { gig_id: gigId } = await one<{ gig_id: string }>(
      t,
      sql`select gig_id from engagements where id = ${engagementId}`,
    );
    const answers = await burst(TAPS, () =>
      gql(
        'mutation ($g: ID!) { cancelGig(gigId: $g, reason: "下雨停工") { id status filled } }',
        { g: gigId },
        employer.token,
      ),
    );
    expectAnswered(answers);
    expect(
      await count(t, sql`select count(*) as n from gigs where id = ${gigId} and status = 'CANCELLED'`),
    ).toBe(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where gig_id = ${gigId} and status = 'CONFIRMED'`,
      ),
    ).toBe(0);
  });

  it("calls off the worker's hire once: the seat reopens once", async () => {
    const { employer, worker } = await market();
    const gig = await postGig(t, employer.token, { skills: ['loading_unloading'], headcount: 2 });
    const [other] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    for (const w of [worker, other]) {
      if (!w) continue;
      const applied = await gql<{ applyToGig: { id: string } }>(
        'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
        { g: gig.id },
        w.token,
      );
      await gql(
        'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id } }',
        { a: applied.data?.applyToGig.id },
        employer.token,
      );
    }
    const { id: engagementId } = await one<{ id: string }>(
      t,
      sql`select id from engagements where gig_id = ${gig.id} and worker_id = ${worker.id}`,
    );
    const answers = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "家里有事") { id status } }',
        { e: engagementId },
        worker.token,
      ),
    );
    expectAnswered(answers);
    expect(await count(t, sql`select filled as n from gigs where id = ${gig.id}`)).toBe(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where gig_id = ${gig.id} and status = 'CONFIRMED'`,
      ),
    ).toBe(1);
  });

  it('acknowledges a contract once from each side', async () => {
    const { employer, worker } = await market();
    const engagementId = await hireThroughApplication(t, employer.token, worker, 3);
    const answers = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { acceptContract(engagementId: $e) { id status } }',
        { e: engagementId },
        worker.token,
      ),
    );
    const employerAnswers = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { acceptContract(engagementId: $e) { id status } }',
        { e: engagementId },
        employer.token,
      ),
    );
    expectAnswered([...answers, ...employerAnswers]);
  });

  it('checks in once, checks out once, and records and confirms one payment', async () => {
    const { employer, worker } = await market();
    const engagementId = await hireThroughApplication(t, employer.token, worker, 1);
    await coverHires(t, engagementId);
    const { starts_at: startsAt } = await one<{ starts_at: string }>(
      t,
      sql`select starts_at from engagements where id = ${engagementId}`,
    );
    clock.advance(new Date(startsAt).getTime() - clock.now().getTime() + 5 * 60_000);
    const checkIns = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id status } }',
        { e: engagementId, at: LIANGSHAN },
        worker.token,
      ),
    );
    expectAnswered(checkIns);
    clock.advance(8 * HOUR);
    const checkOuts = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { checkOut(engagementId: $e) { id status hoursWorked } }',
        { e: engagementId },
        worker.token,
      ),
    );
    expectAnswered(checkOuts);
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where id = ${engagementId} and status = 'COMPLETED'`,
      ),
    ).toBe(1);

    const { amount_due_fen: due } = await one<{ amount_due_fen: number }>(
      t,
      sql`select amount_due_fen from engagements where id = ${engagementId}`,
    );
    const payments = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!, $a: Int!) { recordPayment(engagementId: $e, amountFen: $a) { paidFen } }',
        { e: engagementId, a: due },
        employer.token,
      ),
    );
    const said = expectAnswered(payments);
    expect(said.filter((o) => o === 'OK')).toHaveLength(1);
    expect(
      await count(t, sql`select count(*) as n from payments where engagement_id = ${engagementId}`),
    ).toBe(1);
    expect(await count(t, sql`select paid_fen as n from engagements where id = ${engagementId}`)).toBe(
      Number(due),
    );
    const confirms = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen } }',
        { e: engagementId },
        worker.token,
      ),
    );
    expect(expectAnswered(confirms)).toEqual(Array(TAPS).fill('OK'));
    const ratings = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { rate(engagementId: $e, stars: 5, comment: "准时发工资") { id stars } }',
        { e: engagementId },
        worker.token,
      ),
    );
    expectAnswered(ratings);
    expect(await count(t, sql`select count(*) as n from ratings where engagement_id = ${engagementId}`)).toBe(
      1,
    );
    const disputes = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "工时少算了一小时") { id status } }',
        { e: engagementId },
        worker.token,
      ),
    );
    expectAnswered(disputes);
    expect(
      await count(t, sql`select count(*) as n from disputes where engagement_id = ${engagementId}`),
    ).toBe(1);

    // Each press of 补充说明 is a statement of its own, as it would be one after another.
    const { id: disputeId } = await one<{ id: string }>(
      t,
      sql`select id from disputes where engagement_id = ${engagementId}`,
    );
    const notes = await burst(TAPS, () =>
      gql(
        'mutation ($d: ID!) { addDisputeNote(disputeId: $d, note: "老板说月底结清") { id status } }',
        { d: disputeId },
        worker.token,
      ),
    );
    expect(expectAnswered(notes)).toEqual(Array(TAPS).fill('OK'));
    expect(await count(t, sql`select count(*) as n from dispute_notes where dispute_id = ${disputeId}`)).toBe(
      TAPS,
    );
  });

  it('marks a no-show once', async () => {
    const { employer, worker } = await market();
    const engagementId = await hireThroughApplication(t, employer.token, worker, 1);
    const { starts_at: startsAt } = await one<{ starts_at: string }>(
      t,
      sql`select starts_at from engagements where id = ${engagementId}`,
    );
    clock.advance(new Date(startsAt).getTime() - clock.now().getTime() + 2 * HOUR);
    const answers = await burst(TAPS, () =>
      gql(
        'mutation ($e: ID!) { markNoShow(engagementId: $e) { id status } }',
        { e: engagementId },
        employer.token,
      ),
    );
    expectAnswered(answers);
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where id = ${engagementId} and status = 'NO_SHOW'`,
      ),
    ).toBe(1);
    clock.advance(DAY);
  });
});
