import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { assertHiringInvariants, offerRows, seedWorkers, testClock } from '../../support/hiring.js';
import { coverHires } from '../../support/insurance.js';
import { adminToken, idNumberFor } from '../../support/people.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Every timer is run by hand with the test's clock; the intervals stay out of the way.
const ENV = {
  OFFER_FAN_OUT: '1',
  OFFER_SWEEP_MS: '60000',
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
  NO_SHOW_GRACE_MINUTES: '30',
  CHECK_OUT_GRACE_MINUTES: '120',
  LATE_CANCEL_HOURS: '12',
};

const ENGAGEMENT = `id status startsAt endsAt checkInCode hoursWorked checkedOutAutomatically completedAt
  attendance { status doubts recordedHours settledHours decidedBy answerBy }
  cancelledLate cancelledBy
  contract { terms hash workerAcceptedAt employerAcceptedAt version verified }
  checkIn { offSite distanceM offSiteConfirmedAt byCode }
  checkedInAt checkedOutAt
  payment { amountFen dueAt paidAt confirmedByWorkerAt overdue paidFen confirmedFen outstandingFen
    records { amountFen } arrears { id status owedFen closeReason } }
  ratings { byWorker { stars } byEmployer { stars } }`;

type Engagement = {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  checkInCode: string | null;
  hoursWorked: number | null;
  checkedOutAutomatically: boolean;
  cancelledLate: boolean;
  contract: {
    terms: string;
    hash: string;
    workerAcceptedAt: string | null;
    employerAcceptedAt: string | null;
    version: number;
    verified: boolean;
  };
  checkIn: {
    offSite: boolean;
    distanceM: number | null;
    offSiteConfirmedAt: string | null;
    byCode: boolean;
  } | null;
  checkedOutAt: string | null;
  attendance: {
    status: string;
    doubts: string[];
    recordedHours: number;
    settledHours: number | null;
    decidedBy: string | null;
    answerBy: string | null;
  } | null;
  payment: {
    amountFen: number;
    dueAt: string;
    paidAt: string | null;
    confirmedByWorkerAt: string | null;
    overdue: boolean;
    paidFen: number;
    confirmedFen: number;
    outstandingFen: number;
    records: { amountFen: number }[];
    arrears: { id: string; status: string; owedFen: number; closeReason: string | null } | null;
  };
};

/** A day's work starting `daysAhead` days from the test clock, 08:00–17:00 market time. */
function day(t: TestApp, daysAhead: number) {
  const start = new Date(t.app.clock.now().getTime() + daysAhead * DAY);
  start.setUTCHours(0, 0, 0, 0);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 9 * HOUR).toISOString() };
}

describe('work and wages, from hire to paid', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  async function mutate<T>(query: string, variables: Record<string, unknown>, token: string) {
    const response = await t.gql<T>(query, variables, token);
    if (!response.data) throw new Error(`${query.slice(0, 60)} failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }
  const engagement = async (id: string, token: string) => {
    const { myEngagements } = await mutate<{ myEngagements: Engagement[] }>(
      `{ myEngagements { ${ENGAGEMENT} } }`,
      {},
      token,
    );
    const found = myEngagements.find((e) => e.id === id);
    if (!found) throw new Error(`hire ${id} not among the caller's`);
    return found;
  };
  /** A listed gig's hire: the worker applies and the employer accepts. */
  async function hire(employerToken: string, gigId: string, workerToken: string): Promise<string> {
    const applied = await mutate<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
      { g: gigId },
      workerToken,
    );
    await mutate(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id } }',
      { a: applied.applyToGig.id },
      employerToken,
    );
    const [row] = (await t.app.db.execute(
      sql`select e.id from engagements e join applications a on a.id = e.application_id where a.id = ${applied.applyToGig.id}`,
    )) as unknown as { id: string }[];
    if (!row) throw new Error('no hire after accepting the application');
    return row.id;
  }
  /** A verified employer's one-seat gig tomorrow, and one worker hired for it. */
  async function oneHire(gig: Record<string, unknown> = {}) {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const window = day(t, 1);
    const posted = await postGig(t, employer.token, { headcount: 1, ...window, ...gig });
    const id = await hire(employer.token, posted.id, worker.token);
    return { employer, worker, window, id, gigId: posted.id };
  }
  /** The clock past the end of the work and the check-out grace, and the sweep that completes it. */
  async function pastTheEnd(window: { endsAt: string }) {
    clock.advance(new Date(window.endsAt).getTime() + 3 * HOUR - clock.now().getTime());
    await t.app.services.work.sweep();
  }
  /** The employer vouches for a hire nobody checked in: the contract's hours stand. */
  const confirmWorked = (id: string, employerToken: string) =>
    mutate('mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }', { e: id }, employerToken);
  const openArrears = async (employerId: string) =>
    (
      await mutate<{ arrearsCases: { employer: { id: string; openArrears: number } }[] }>(
        'query ($e: ID) { arrearsCases(status: OPEN, employerId: $e) { employer { id openArrears } } }',
        { e: employerId },
        admin,
      )
    ).arrearsCases.length;

  it('walks the whole path: contract, check-in on and off site, check-out, arrears, payment, case closed', async () => {
    const employer = await verifiedEmployer(t);
    const [onSite, offSite] = await seedWorkers(t, 2);
    if (!onSite || !offSite) throw new Error('no workers');
    const window = day(t, 2);
    const gig = await postGig(t, employer.token, { headcount: 2, ...window });
    const first = await hire(employer.token, gig.id, onSite.token);
    const second = await hire(employer.token, gig.id, offSite.token);

    // The contract: readable Chinese terms, their SHA-256, both sides' acknowledgements, once each.
    const ACCEPT = `mutation ($e: ID!) { acceptContract(engagementId: $e) { contract { workerAcceptedAt employerAcceptedAt } } }`;
    await mutate(ACCEPT, { e: first }, onSite.token);
    clock.advance(MINUTE);
    await mutate(ACCEPT, { e: first }, employer.token);
    const again = await mutate<{ acceptContract: { contract: Engagement['contract'] } }>(
      ACCEPT,
      { e: first },
      onSite.token,
    );
    const hired = await engagement(first, onSite.token);
    expect(hired.contract.workerAcceptedAt).not.toBeNull();
    expect(hired.contract.employerAcceptedAt).not.toBeNull();
    expect(again.acceptContract.contract.workerAcceptedAt).toBe(hired.contract.workerAcceptedAt);
    expect(hired.contract.terms).toContain('零工用工协议');
    expect(hired.contract.terms).toContain('应付金额：200.00 元');
    // The hash is of the contract's record, from which the terms are rendered (contract-record.ts).
    expect(hired.contract).toMatchObject({
      version: 2,
      verified: true,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Nobody, not even a direct write, changes what was agreed.
    await expect(
      t.app.db.execute(sql`update engagements set contract_text = 'changed' where id = ${first}`),
    ).rejects.toThrow();
    await expect(
      t.app.db.execute(sql`update engagements set amount_due_fen = 1 where id = ${first}`),
    ).rejects.toThrow();
    // The employer may not accept for the worker, and a stranger sees no such hire.
    const stranger = await verifiedEmployer(t);
    const foreign = await t.gql(ACCEPT, { e: first }, stranger.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Check-in opens an hour before the start.
    const CHECK_IN =
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status checkIn { offSite distanceM } } }';
    const early = await t.gql(CHECK_IN, { e: first, at: LIANGSHAN }, onSite.token);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });

    const start = new Date(window.startsAt).getTime();
    clock.advance(start + 10 * MINUTE - clock.now().getTime());
    // Every hire here is covered (per-day accident insurance is tested in tests/modules/insurance/).
    await coverHires(t);
    const employerSocket = await connectSocket(baseUrl, { token: employer.token });
    try {
      const onSiteIn = await mutate<{
        checkIn: { status: string; checkIn: { offSite: boolean; distanceM: number } };
      }>(CHECK_IN, { e: first, at: LIANGSHAN }, onSite.token);
      expect(onSiteIn.checkIn).toEqual({ status: 'CHECKED_IN', checkIn: { offSite: false, distanceM: 0 } });
      // About 2 km away: recorded all the same, flagged off-site, and the employer hears of it.
      const flagged = new Promise<Record<string, unknown>>((resolve) => {
        employerSocket.on('engagement:updated', (event: Record<string, unknown>) => {
          if (event.engagementId === second) resolve(event);
        });
      });
      const offSiteIn = await mutate<{
        checkIn: { status: string; checkIn: { offSite: boolean; distanceM: number } };
      }>(CHECK_IN, { e: second, at: { lat: LIANGSHAN.lat + 0.018, lng: LIANGSHAN.lng } }, offSite.token);
      expect(offSiteIn.checkIn.status).toBe('CHECKED_IN');
      expect(offSiteIn.checkIn.checkIn.offSite).toBe(true);
      expect(offSiteIn.checkIn.checkIn.distanceM).toBeGreaterThan(1900);
      expect(await flagged).toMatchObject({ engagementId: second, offSite: true });
    } finally {
      employerSocket.close();
    }
    const confirmed = await mutate<{
      confirmOffSiteCheckIn: { checkIn: { offSiteConfirmedAt: string | null } };
    }>(
      'mutation ($e: ID!) { confirmOffSiteCheckIn(engagementId: $e) { checkIn { offSiteConfirmedAt } } }',
      { e: second },
      employer.token,
    );
    expect(confirmed.confirmOffSiteCheckIn.checkIn.offSiteConfirmedAt).not.toBeNull();

    // The first worker checks out after 8 of the 9 hours; the second forgets, and the clock does
    // it. Both records are clean (the off-site check-in was confirmed), so they stand at once, and
    // each is owed what its hours earn of the 200 元 day: 8/9 and 8.83/9 of it.
    clock.advance(8 * HOUR);
    const out = await mutate<{ checkOut: Engagement }>(
      `mutation ($e: ID!) { checkOut(engagementId: $e) { ${ENGAGEMENT} } }`,
      { e: first },
      onSite.token,
    );
    expect(out.checkOut).toMatchObject({
      status: 'COMPLETED',
      hoursWorked: 8,
      checkedOutAutomatically: false,
      attendance: { status: 'CONFIRMED', doubts: [], settledHours: 8, decidedBy: 'RECORD' },
      payment: { amountFen: 17_778 },
    });
    expect(new Date(out.checkOut.payment.dueAt).getTime()).toBe(clock.now().getTime() + 3 * DAY);
    const end = new Date(window.endsAt).getTime();
    clock.advance(end + 2 * HOUR + MINUTE - clock.now().getTime());
    expect((await t.app.services.work.sweep()).completed).toBe(1);
    const auto = await engagement(second, offSite.token);
    expect(auto).toMatchObject({ status: 'COMPLETED', checkedOutAutomatically: true });
    expect(new Date(auto.checkedOutAt ?? 0).getTime()).toBe(end);
    expect(auto.hoursWorked).toBeCloseTo(8.83, 2);
    // The clock's check-out is not the worker's word: the employer answers, and vouches for it.
    expect(auto.attendance).toMatchObject({ status: 'UNCONFIRMED', doubts: ['NO_CHECK_OUT'] });
    await confirmWorked(second, employer.token);
    const vouched = await engagement(second, offSite.token);
    expect(vouched.attendance).toMatchObject({
      status: 'CONFIRMED',
      decidedBy: 'EMPLOYER',
      settledHours: 8.83,
    });
    expect(vouched.payment.amountFen).toBe(19_622);

    // Pay: the first worker in full, confirmed; the second underpaid.
    const RECORD =
      'mutation ($e: ID!, $f: Int!) { recordPayment(engagementId: $e, amountFen: $f) { paidFen paidAt outstandingFen } }';
    const CONFIRM =
      'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen confirmedByWorkerAt outstandingFen } }';
    await mutate(RECORD, { e: first, f: 17_778 }, employer.token);
    const settled = await mutate<{ confirmPayment: { confirmedByWorkerAt: string | null } }>(
      CONFIRM,
      { e: first },
      onSite.token,
    );
    expect(settled.confirmPayment.confirmedByWorkerAt).not.toBeNull();
    const nothingYet = await t.gql(CONFIRM, { e: second }, offSite.token);
    expect(nothingYet.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'engagementId',
    });
    const half = await mutate<{
      recordPayment: { paidFen: number; paidAt: string | null; outstandingFen: number };
    }>(RECORD, { e: second, f: 10_000 }, employer.token);
    expect(half.recordPayment).toEqual({ paidFen: 10_000, paidAt: null, outstandingFen: 9_622 });
    const tooMuch = await t.gql(RECORD, { e: second, f: 30_000 }, employer.token);
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountFen' });
    const zero = await t.gql(RECORD, { e: second, f: 0 }, employer.token);
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountFen' });
    const byWorker = await t.gql(RECORD, { e: second, f: 100 }, offSite.token);
    expect(byWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Past the pay-by date without the second worker's confirmation: a case opens by itself.
    const dueAt = new Date((await engagement(second, offSite.token)).payment.dueAt).getTime();
    clock.advance(dueAt + MINUTE - clock.now().getTime());
    const workerSocket = await connectSocket(baseUrl, { token: offSite.token });
    const adminSocket = await connectSocket(baseUrl, { token: admin });
    try {
      const told = waitFor<{ engagementId: string; owedFen: number }>(workerSocket, 'arrears:opened');
      const bureauTold = waitFor<{ engagementId: string }>(adminSocket, 'arrears:opened');
      expect((await t.app.services.work.sweep()).arrearsOpened).toBe(1);
      expect(await told).toMatchObject({ engagementId: second, owedFen: 19_622 });
      expect(await bureauTold).toMatchObject({ engagementId: second });
    } finally {
      workerSocket.close();
      adminSocket.close();
    }
    expect((await t.app.services.work.sweep()).arrearsOpened).toBe(0); // once per hire
    const owed = await engagement(second, offSite.token);
    expect(owed.payment).toMatchObject({ overdue: true, arrears: { status: 'OPEN', owedFen: 19_622 } });
    expect((await engagement(first, onSite.token)).payment).toMatchObject({ overdue: false, arrears: null });
    expect(await openArrears(employer.id)).toBe(1);
    const listed = await mutate<{ gig: { employerHasArrears: boolean; employer: { openArrears: number } } }>(
      'query ($g: ID!) { gig(id: $g) { employerHasArrears employer { openArrears } } }',
      { g: gig.id },
      onSite.token,
    );
    expect(listed.gig).toEqual({ employerHasArrears: true, employer: { openArrears: 1 } });

    // No instant gigs while the case is open; listed gigs still go up, marked.
    const instant = await t.gql(
      'mutation ($i: PostGigInput!) { postGig(input: $i) { id } }',
      { i: gigInput({ instant: true, ...day(t, 3) }) },
      employer.token,
    );
    expect(instant.errors?.[0]?.extensions).toMatchObject({ code: 'EMPLOYER_HAS_ARREARS', openArrears: 1 });
    await postGig(t, employer.token, day(t, 3));

    // Confirming the half leaves the rest owed and the case open; the rest, confirmed, closes it.
    const partly = await mutate<{
      confirmPayment: { confirmedFen: number; confirmedByWorkerAt: string | null };
    }>(CONFIRM, { e: second }, offSite.token);
    expect(partly.confirmPayment).toMatchObject({ confirmedFen: 10_000, confirmedByWorkerAt: null });
    expect(await openArrears(employer.id)).toBe(1);
    await mutate(RECORD, { e: second, f: 9_622 }, employer.token);
    await mutate(CONFIRM, { e: second }, offSite.token);
    const paid = await engagement(second, offSite.token);
    expect(paid.payment).toMatchObject({
      paidFen: 19_622,
      confirmedFen: 19_622,
      outstandingFen: 0,
      overdue: false,
      records: [{ amountFen: 10_000 }, { amountFen: 9_622 }],
      arrears: { status: 'CLOSED', closeReason: 'PAID' },
    });
    expect(await openArrears(employer.id)).toBe(0);
    const allowed = await t.gql(
      'mutation ($i: PostGigInput!) { postGig(input: $i) { id instant } }',
      { i: gigInput({ instant: true, ...day(t, 3) }) },
      employer.token,
    );
    expect(allowed.data).toMatchObject({ postGig: { instant: true } });
    // Payments are a record: no rewriting them.
    await expect(t.app.db.execute(sql`update payments set amount_fen = 1`)).rejects.toThrow();
    await expect(t.app.db.execute(sql`delete from payments`)).rejects.toThrow();
  });

  it('marks a no-show after the grace, reopens the seat and sends a backfill offer at once', async () => {
    const skills = [{ code: 'plasterer', level: 3 }];
    const workers = await seedWorkers(t, 3, { skills });
    const employer = await verifiedEmployer(t);
    const window = {
      startsAt: day(t, 1).startsAt,
      endsAt: new Date(new Date(day(t, 1).startsAt).getTime() + 9 * HOUR).toISOString(),
    };
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['plasterer'],
      ...window,
    });
    await t.app.services.hiring.drain();
    const [first] = await offerRows(t, gig.id);
    const absent = workers.find((w) => w.id === first?.worker_id);
    if (!first || !absent) throw new Error('no first offer');
    const accepted = await mutate<{ acceptOffer: { id: string } }>(
      'mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }',
      { o: first.id },
      absent.token,
    );
    const hireId = accepted.acceptOffer.id;

    const start = new Date(window.startsAt).getTime();
    clock.advance(start + 10 * MINUTE - clock.now().getTime());
    // Every hire here is covered (per-day accident insurance is tested in tests/modules/insurance/).
    await coverHires(t);
    await t.app.services.gigs.advanceByTime();
    const NO_SHOW = 'mutation ($e: ID!) { markNoShow(engagementId: $e) { status } }';
    const tooSoon = await t.gql(NO_SHOW, { e: hireId }, employer.token);
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });

    clock.advance(21 * MINUTE);
    const others = workers.filter((w) => w.id !== absent.id);
    const sockets = await Promise.all([
      connectSocket(baseUrl, { token: employer.token }),
      ...others.map((w) => connectSocket(baseUrl, { token: w.token })),
    ]);
    try {
      const [employerSocket, ...workerSockets] = sockets;
      if (!employerSocket) throw new Error('no employer socket');
      const seatFreed = waitFor<{ filled: number; status: string }>(employerSocket, 'gig:updated');
      const backfill = Promise.race(
        workerSockets.map((s) => waitFor<{ offerId: string; startsAt: string }>(s, 'offer')),
      );
      expect(await mutate(NO_SHOW, { e: hireId }, employer.token)).toEqual({
        markNoShow: { status: 'NO_SHOW' },
      });
      expect(await seatFreed).toMatchObject({ filled: 0, status: 'IN_PROGRESS' });
      const offer = await backfill;
      const takerId = offerRowsByWorker(await offerRows(t, gig.id), offer.offerId);
      const taker = others.find((w) => w.id === takerId);
      if (!taker) throw new Error('backfill offer went to nobody we know');
      const late = await mutate<{
        acceptOffer: { startsAt: string; gig: { filled: number; status: string } };
      }>(
        'mutation ($o: ID!) { acceptOffer(offerId: $o) { startsAt gig { filled status } } }',
        { o: offer.offerId },
        taker.token,
      );
      // The backfill hire starts now (the next whole minute), and the gig stays in progress.
      expect(new Date(late.acceptOffer.startsAt).getTime()).toBe(
        Math.ceil(clock.now().getTime() / MINUTE) * MINUTE,
      );
      expect(late.acceptOffer.gig).toEqual({ filled: 1, status: 'IN_PROGRESS' });
    } finally {
      for (const s of sockets) s.close();
    }
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });

    // The no-show counts against the worker, who sees why.
    const report = await mutate<{
      me: {
        worker: {
          reliability: number;
          reliabilityReport: { noShows: number; score: number; reasons: string[] };
        };
      };
    }>('{ me { worker { reliability reliabilityReport { noShows score reasons } } } }', {}, absent.token);
    expect(report.me.worker.reliabilityReport.noShows).toBe(1);
    expect(report.me.worker.reliabilityReport.score).toBeLessThan(1);
    expect(report.me.worker.reliability).toBe(report.me.worker.reliabilityReport.score);
    expect(report.me.worker.reliabilityReport.reasons.join('')).toContain('未到岗 1 次');
  });

  it('lets a worker call off before the start; late ones count, and the seat reopens', async () => {
    const employer = await verifiedEmployer(t);
    const [early, late] = await seedWorkers(t, 2);
    if (!early || !late) throw new Error('no workers');
    const window = day(t, 3);
    const gig = await postGig(t, employer.token, { headcount: 2, ...window });
    const a = await hire(employer.token, gig.id, early.token);
    const b = await hire(employer.token, gig.id, late.token);
    const CANCEL =
      'mutation ($e: ID!, $r: String!) { cancelEngagement(engagementId: $e, reason: $r) { status cancelledLate gig { status filled } } }';
    const noReason = await t.gql(CANCEL, { e: a, r: ' ' }, early.token);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await mutate(CANCEL, { e: a, r: '家里老人生病' }, early.token)).toEqual({
      cancelEngagement: { status: 'CANCELLED', cancelledLate: false, gig: { status: 'OPEN', filled: 1 } },
    });
    clock.advance(new Date(window.startsAt).getTime() - 2 * HOUR - clock.now().getTime());
    expect(await mutate(CANCEL, { e: b, r: '临时有事去不了' }, late.token)).toMatchObject({
      cancelEngagement: { status: 'CANCELLED', cancelledLate: true },
    });
    const REPORT = '{ me { worker { reliabilityReport { lateCancellations hiresCounted } } } }';
    expect(await mutate(REPORT, {}, early.token)).toEqual({
      me: { worker: { reliabilityReport: { lateCancellations: 0, hiresCounted: 1 } } },
    });
    expect(await mutate(REPORT, {}, late.token)).toEqual({
      me: { worker: { reliabilityReport: { lateCancellations: 1, hiresCounted: 1 } } },
    });
  });

  it('checks a worker in with their code, for someone without GPS', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const window = day(t, 2);
    const gig = await postGig(t, employer.token, { headcount: 1, ...window });
    const id = await hire(employer.token, gig.id, worker.token);
    const { checkInCode } = await engagement(id, worker.token);
    expect(checkInCode).toMatch(/^\d{6}$/);
    expect((await engagement(id, employer.token)).checkInCode).toBeNull(); // only the worker sees it
    clock.advance(new Date(window.startsAt).getTime() - clock.now().getTime());
    await coverHires(t, id);
    const BY_CODE =
      'mutation ($e: ID!, $c: String!) { checkInWithCode(engagementId: $e, code: $c) { status checkIn { byCode offSite } } }';
    const wrong = await t.gql(
      BY_CODE,
      { e: id, c: checkInCode === '000000' ? '111111' : '000000' },
      employer.token,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(await mutate(BY_CODE, { e: id, c: checkInCode }, employer.token)).toEqual({
      checkInWithCode: { status: 'CHECKED_IN', checkIn: { byCode: true, offSite: false } },
    });
  });

  it('takes a dispute from opening through mediation to resolution, closing its arrears case', async () => {
    const { employer, worker, window, id } = await oneHire({ payDueDays: 1 });
    // Nobody checked in or out: past the grace it waits for the employer, who vouches for the day.
    await pastTheEnd(window);
    await confirmWorked(id, employer.token);
    clock.advance(DAY + MINUTE);
    await t.app.services.work.sweep();
    expect(await openArrears(employer.id)).toBe(1);

    const OPEN =
      'mutation ($e: ID!, $r: String!) { openDispute(engagementId: $e, reason: $r) { id kind status arrears { status } } }';
    const opened = await mutate<{ openDispute: { id: string; kind: string; status: string } }>(
      OPEN,
      { e: id, r: '干完活一天了，工钱一分没给' },
      worker.token,
    );
    expect(opened.openDispute).toMatchObject({ kind: 'WAGE', status: 'OPEN', arrears: { status: 'OPEN' } });
    const twice = await t.gql(OPEN, { e: id, r: '再催一次工资的事情' }, worker.token);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    const disputeId = opened.openDispute.id;
    clock.advance(MINUTE);
    await mutate(
      'mutation ($d: ID!, $n: String!) { addDisputeNote(disputeId: $d, note: $n) { id } }',
      { d: disputeId, n: '工人当天提前两小时离开，工钱需要商量' },
      employer.token,
    );
    const listedOpen = await mutate<{ disputes: { id: string }[] }>(
      '{ disputes(status: OPEN) { id } }',
      {},
      admin,
    );
    expect(listedOpen.disputes.map((d) => d.id)).toContain(disputeId);
    clock.advance(MINUTE);
    const mediating = await mutate<{ mediateDispute: { status: string; notes: { by: string }[] } }>(
      'mutation ($d: ID!, $n: String!) { mediateDispute(disputeId: $d, note: $n) { status notes { by } } }',
      { d: disputeId, n: '已电话联系双方，约定周五到驿站面谈' },
      admin,
    );
    expect(mediating.mediateDispute).toEqual({
      status: 'MEDIATING',
      notes: [{ by: 'EMPLOYER' }, { by: 'ADMIN' }],
    });
    const resolved = await mutate<{
      resolveDispute: { status: string; resolution: string; arrears: { status: string } };
    }>(
      'mutation ($d: ID!, $r: String!) { resolveDispute(disputeId: $d, resolution: $r) { status resolution arrears { status closeReason } } }',
      { d: disputeId, r: '调解成功：雇主当场现金支付200元，工人确认' },
      admin,
    );
    expect(resolved.resolveDispute).toMatchObject({
      status: 'RESOLVED',
      arrears: { status: 'CLOSED', closeReason: 'RESOLVED' },
    });
    expect(await openArrears(employer.id)).toBe(0);
    const again = await t.gql(
      'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "再次处理此事") { id } }',
      { d: disputeId },
      admin,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'disputeId' });
    const mine = await mutate<{ myDisputes: { id: string; status: string }[] }>(
      '{ myDisputes { id status } }',
      {},
      worker.token,
    );
    expect(mine.myDisputes).toEqual([{ id: disputeId, status: 'RESOLVED' }]);
  });

  it('takes one rating from each side, after the work only', async () => {
    const { employer, worker, window, id, gigId } = await oneHire();
    const RATE =
      'mutation ($e: ID!, $s: Int!, $c: String) { rate(engagementId: $e, stars: $s, comment: $c) { stars comment } }';
    const before = await t.gql(RATE, { e: id, s: 5 }, worker.token);
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    await pastTheEnd(window);
    // Nobody checked in: no rating until the employer vouches for the work.
    const undecided = await t.gql(RATE, { e: id, s: 5 }, worker.token);
    expect(undecided.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'engagementId',
    });
    await confirmWorked(id, employer.token);

    const six = await t.gql(RATE, { e: id, s: 6 }, worker.token);
    expect(six.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stars' });
    expect(await mutate(RATE, { e: id, s: 5, c: '工钱当天结清' }, worker.token)).toEqual({
      rate: { stars: 5, comment: '工钱当天结清' },
    });
    await mutate(RATE, { e: id, s: 4 }, employer.token);
    const twice = await t.gql(RATE, { e: id, s: 1 }, worker.token);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    const hire_ = await engagement(id, worker.token);
    expect(hire_).toMatchObject({ ratings: { byWorker: { stars: 5 }, byEmployer: { stars: 4 } } });
    const EMPLOYER_STARS = 'query ($g: ID!) { gig(id: $g) { employer { averageStars ratingsCounted } } }';
    // The worker is self-declared: the rating is kept, but moves nothing until they are verified.
    const unverified = await mutate<{ gig: { employer: { averageStars: number | null } } }>(
      EMPLOYER_STARS,
      { g: gigId },
      worker.token,
    );
    expect(unverified.gig.employer).toEqual({ averageStars: null, ratingsCounted: 0 });
    await mutate(
      'mutation ($w: ID!, $n: String!, $m: String!) { verifyWorkerIdentity(workerId: $w, idNumber: $n, name: $m) { id } }',
      { w: worker.id, n: idNumberFor(), m: worker.name },
      admin,
    );
    const stars = await mutate<{ gig: { employer: { averageStars: number } } }>(
      EMPLOYER_STARS,
      { g: gigId },
      worker.token,
    );
    expect(stars.gig.employer).toEqual({ averageStars: 5, ratingsCounted: 1 });
    const report = await mutate<{
      me: { worker: { reliabilityReport: { averageStars: number; ratingsCounted: number } } };
    }>('{ me { worker { reliabilityReport { averageStars ratingsCounted } } } }', {}, worker.token);
    expect(report.me.worker.reliabilityReport).toEqual({ averageStars: 4, ratingsCounted: 1 });
  });

  it('keeps pay whole under concurrency: racing payments never pass the amount due, racing sweeps open one case', async () => {
    const { employer, worker, window, id } = await oneHire({ payDueDays: 1 });
    await pastTheEnd(window);
    await confirmWorked(id, employer.token);

    // Eight payments of 50 yuan race for 200 yuan owed: exactly four are recorded.
    const RECORD = 'mutation ($e: ID!) { recordPayment(engagementId: $e, amountFen: 5000) { paidFen } }';
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.gql(RECORD, { e: id }, employer.token)),
    );
    expect(results.filter((r) => r.data).length).toBe(4);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.field === 'amountFen').length).toBe(4);
    const [row] = (await t.app.db.execute(
      sql`select paid_fen, (select coalesce(sum(amount_fen), 0)::int from payments where engagement_id = ${id}) as recorded
          from engagements where id = ${id}`,
    )) as unknown as { paid_fen: number; recorded: number }[];
    expect(row).toEqual({ paid_fen: 20_000, recorded: 20_000 });

    // Unconfirmed past the pay-by date; three nodes sweep at once and one case opens.
    clock.advance(DAY + MINUTE);
    const cases = async (where = sql`true`) =>
      Number(
        (
          (await t.app.db.execute(
            sql`select count(*)::int as n from arrears_cases where ${where}`,
          )) as unknown as { n: number }[]
        )[0]?.n,
      );
    const before = await cases();
    const sweeps = await Promise.all([1, 2, 3].map(() => t.app.services.work.sweep()));
    // Other hires of this file may fall due in the same minute; each case is counted once.
    expect(sweeps.reduce((n, s) => n + s.arrearsOpened, 0)).toBe((await cases()) - before);
    expect(await cases(sql`engagement_id = ${id}`)).toBe(1);
    expect(await openArrears(employer.id)).toBe(1);
    await mutate(
      'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen } }',
      { e: id },
      worker.token,
    );
    expect(await openArrears(employer.id)).toBe(0);
  });

  it('sends no offers into a started gig unless a seat was given back', async () => {
    const skills = [{ code: 'tile_setter', level: 3 }];
    const [only] = await seedWorkers(t, 1, { skills });
    if (!only) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const window = day(t, 1);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 2,
      skills: ['tile_setter'],
      ...window,
    });
    await t.app.services.hiring.drain();
    const [offer] = await offerRows(t, gig.id);
    await mutate('mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }', { o: offer?.id }, only.token);
    // Started with one seat never filled; a tile setter who turns up later is not offered it.
    clock.advance(new Date(window.startsAt).getTime() + 5 * MINUTE - clock.now().getTime());
    await t.app.services.gigs.advanceByTime();
    await seedWorkers(t, 1, { skills });
    clock.advance(2 * MINUTE);
    await t.app.services.hiring.sweep();
    await t.app.services.hiring.drain();
    expect((await offerRows(t, gig.id)).length).toBe(1);
  });
});

function offerRowsByWorker(rows: Awaited<ReturnType<typeof offerRows>>, offerId: string) {
  return rows.find((r) => r.id === offerId)?.worker_id;
}
