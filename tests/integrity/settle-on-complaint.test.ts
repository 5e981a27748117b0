import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../src/time.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, expectAnswered } from '../support/double-tap.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, offerRows, seedWorkers, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { adminToken } from '../support/people.js';
import { connectSocket, waitFor } from '../support/sockets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** About 2 km north of the gig: an off-site check-in. */
const NEARBY = { lat: LIANGSHAN.lat + 0.018, lng: LIANGSHAN.lng };

const HIRE = `id status completedAt noShowAt
  attendance { status settledHours decidedBy }
  payment { amountFen dueAt paidAt confirmedByWorkerAt paidFen confirmedFen outstandingFen arrears { owedFen } }`;
const SETTLE = `mutation ($e: ID!, $h: Float!, $n: String!) {
  settleAttendance(engagementId: $e, workedHours: $h, note: $n) { ${HIRE} } }`;
const OPEN_DISPUTE = `mutation ($e: ID!, $r: String!, $k: DisputeKind) {
  openDispute(engagementId: $e, reason: $r, kind: $k) { id } }`;
const RESOLVE = 'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "双方已经说清楚了") { id } }';

type Hire = {
  id: string;
  status: string;
  completedAt: string | null;
  noShowAt: string | null;
  attendance: { status: string; settledHours: number | null; decidedBy: string | null } | null;
  payment: {
    amountFen: number;
    dueAt: string;
    paidAt: string | null;
    confirmedByWorkerAt: string | null;
    paidFen: number;
    confirmedFen: number;
    outstandingFen: number;
    arrears: { owedFen: number } | null;
  };
};

/**
 * The worker's complaint against what the employer decided alone: a no-show marked on a worker who
 * came, hours confirmed short. The bureau, on the worker's WORK dispute under way, settles the
 * hours it finds; without such a complaint it cannot touch them. Through the public API, the
 * tables read after every refusal for proof that nothing changed.
 */
describe('the bureau corrects a hire on the worker’s complaint', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        OFFER_FAN_OUT: '50',
        OFFER_SWEEP_MS: '60000',
        WORK_SWEEP_MS: '3600000',
        GIG_SWEEP_MS: '3600000',
        CHECK_OUT_GRACE_MINUTES: '120',
        MUTATION_RATE_LIMIT: '100000',
      },
    });
    admin = await adminToken(t);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const response = await t.gql<T>(query, variables, token);
    if (!response.data) throw new Error(`${query.slice(0, 70)} failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }
  const hireOf = async (id: string, token: string) => {
    const { myEngagements } = await ok<{ myEngagements: Hire[] }>(`{ myEngagements { ${HIRE} } }`, {}, token);
    const found = myEngagements.find((e) => e.id === id);
    if (!found) throw new Error(`hire ${id} not the caller's`);
    return found;
  };
  const until = (at: number) => clock.advance(at - clock.now().getTime());
  const settle = (id: string, hours: number, note = '工友和监控都证实他整天在工地') =>
    t.gql<{ settleAttendance: Hire }>(SETTLE, { e: id, h: hours, n: note }, admin);
  const openDispute = async (id: string, token: string, kind: string) =>
    (
      await ok<{ openDispute: { id: string } }>(
        OPEN_DISPUTE,
        { e: id, r: '我那天一直在干活', k: kind },
        token,
      )
    ).openDispute.id;
  const resolve = (disputeId: string) => ok(RESOLVE, { d: disputeId }, admin);
  const markNoShow = (id: string, token: string) =>
    ok('mutation ($e: ID!) { markNoShow(engagementId: $e) { status } }', { e: id }, token);

  /** Everything a settlement could change: the hire, its gig, the worker, the dispute's record, cases. */
  const tables = async (id: string) =>
    t.app.db.execute(sql`
      select e.status, e.attendance_status, e.attendance_decided_by, e.settled_hours, e.amount_due_fen,
             e.pay_due_at, e.paid_at, e.payment_confirmed_at, e.completed_at, e.no_show_at, e.hours_worked,
             g.filled, g.status as gig_status, w.reliability,
             (select count(*)::int from dispute_notes n join disputes d on d.id = n.dispute_id
               where d.engagement_id = e.id) as notes,
             (select count(*)::int from arrears_cases a where a.engagement_id = e.id) as cases
      from engagements e join gigs g on g.id = e.gig_id join workers w on w.id = e.worker_id
      where e.id = ${id}`);
  /** A refusal with its field, and the tables as they were. */
  async function expectRefused(id: string, hours: number, field = 'engagementId') {
    const before = await tables(id);
    const refused = await settle(id, hours);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(refused.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await tables(id)).toEqual(before);
    return refused.errors?.[0]?.message;
  }
  const reliabilityOf = async (workerId: string) =>
    (
      await ok<{ worker: { reliabilityReport: { completed: number; noShows: number; score: number } } }>(
        'query ($w: ID!) { worker(id: $w) { reliabilityReport { completed noShows score } } }',
        { w: workerId },
        admin,
      )
    ).worker.reliabilityReport;

  /** An instant gig tomorrow 08:00–17:00 (Asia/Shanghai) at 200 元 the day, paid the same day, taken by one worker. */
  async function instantHire(overrides: Record<string, unknown> = {}) {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      payDueDays: 0,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
      ...overrides,
    });
    await t.app.services.hiring.drain();
    const offer = (await offerRows(t, gig.id)).find((o) => o.worker_id === worker.id);
    const accepted = await ok<{ acceptOffer: { id: string } }>(ACCEPT_OFFER, { id: offer?.id }, worker.token);
    await coverHires(t, accepted.acceptOffer.id);
    return {
      employer,
      worker,
      gig,
      id: accepted.acceptOffer.id,
      start: start.getTime(),
      end: start.getTime() + 9 * HOUR,
    };
  }

  /** The backfill offer a freed seat sends `workerId` (the wave runs in the background). */
  async function backfillOffer(gigId: string, workerId: string) {
    let offer: { id: string; status: string } | undefined;
    for (let tries = 0; tries < 50 && !offer; tries++) {
      await t.app.services.hiring.drain();
      offer = (await offerRows(t, gigId)).find((o) => o.worker_id === workerId && o.status === 'PENDING');
      if (!offer) await new Promise((r) => setTimeout(r, 100));
    }
    return offer;
  }

  /** Another employer's instant gig from the fourth hour to the end, taken by `worker`. */
  async function afternoonElsewhere(worker: { id: string; token: string }, start: number, end: number) {
    const other = await verifiedEmployer(t);
    const afternoon = await postGig(t, other.token, {
      instant: true,
      headcount: 1,
      startsAt: new Date(start + 4 * HOUR).toISOString(),
      endsAt: new Date(end).toISOString(),
    });
    await t.app.services.hiring.drain();
    const offer = (await offerRows(t, afternoon.id)).find((o) => o.worker_id === worker.id);
    await ok(ACCEPT_OFFER, { id: offer?.id }, worker.token);
  }

  /** A worker who came marked a no-show an hour into the work. */
  async function falseNoShow() {
    const hire = await instantHire();
    until(hire.start + HOUR);
    await markNoShow(hire.id, hire.employer.token);
    return hire;
  }

  it("makes a false no-show a completed hire at the hours the bureau finds, on the worker's WORK dispute", async () => {
    const { employer, worker, gig, id, end } = await falseNoShow();
    expect(await reliabilityOf(worker.id)).toMatchObject({ noShows: 1, completed: 0 });
    until(end + 3 * HOUR);
    await openDispute(id, worker.token, 'WORK');

    const [workerSocket, employerSocket] = await Promise.all([
      connectSocket(baseUrl, { token: worker.token }),
      connectSocket(baseUrl, { token: employer.token }),
    ]);
    try {
      const told = [workerSocket, employerSocket].map((s: Socket) =>
        waitFor<{ engagementId: string; what: string; hours: number; status: string }>(
          s,
          'engagement:updated',
        ),
      );
      const settled = await settle(id, 9);
      expect(settled.errors).toBeUndefined();
      for (const payload of await Promise.all(told)) {
        expect(payload).toMatchObject({
          engagementId: id,
          what: 'ATTENDANCE_SETTLED',
          hours: 9,
          status: 'COMPLETED',
        });
      }
    } finally {
      workerSocket.close();
      employerSocket.close();
    }

    const found = await hireOf(id, worker.token);
    expect(found).toMatchObject({
      status: 'COMPLETED',
      noShowAt: null,
      attendance: { status: 'SETTLED', settledHours: 9, decidedBy: 'BUREAU' },
      payment: { amountFen: 20_000, paidAt: null, outstandingFen: 20_000, arrears: null },
    });
    // Completed as a hire is, by the contract's end; pay due by the end of the market day of the decision.
    expect(new Date(found.completedAt ?? 0).getTime()).toBe(end);
    const dueAt = new Date(found.payment.dueAt).getTime();
    expect(marketDay(new Date(dueAt))).toBe(marketDay(clock.now()));
    // Its record, judged as it stands: nobody checked the worker in.
    const [record] = (await t.app.db.execute(
      sql`select hours_worked, attendance_doubts, checked_out_at from engagements where id = ${id}`,
    )) as unknown as Record<string, unknown>[];
    expect(record).toEqual({ hours_worked: 0, attendance_doubts: ['NO_CHECK_IN'], checked_out_at: null });
    expect(await reliabilityOf(worker.id)).toMatchObject({ noShows: 0, completed: 1, score: 1 });
    // Its seat, given back by the no-show and taken by nobody since, is its own again.
    const seats = await ok<{ gig: { filled: number; headcount: number } }>(
      'query ($g: ID!) { gig(id: $g) { filled headcount } }',
      { g: gig.id },
      worker.token,
    );
    expect(seats.gig).toEqual({ filled: 1, headcount: 1 });
    // The note is on the worker's dispute, which stays for the bureau to close.
    const [note] = (await t.app.db.execute(sql`
      select n.note, n.author_role, d.status from dispute_notes n join disputes d on d.id = n.dispute_id
      where d.engagement_id = ${id}`)) as unknown as { note: string; author_role: string; status: string }[];
    expect(note).toEqual({
      note: '出勤裁定为 9 小时：工友和监控都证实他整天在工地',
      author_role: 'ADMIN',
      status: 'OPEN',
    });
    // The bureau's decision on money is in the audit log, as its resolutions are.
    const audited = (await t.app.db.execute(sql`
      select actor_role, details->>'hours' as hours, details->'was'->>'status' as was
      from audit_log where action = 'ATTENDANCE_SETTLED' and subject_id = ${id}`)) as unknown as Record<
      string,
      string
    >[];
    expect(audited).toEqual([{ actor_role: 'ADMIN', hours: '9', was: 'NO_SHOW' }]);

    // Unpaid past the pay-by date: a case for what the 9 hours earn.
    until(dueAt + MINUTE);
    expect((await t.app.services.work.sweep()).arrearsOpened).toBeGreaterThanOrEqual(1);
    expect((await hireOf(id, worker.token)).payment.arrears).toEqual({ owedFen: 20_000 });
  });

  it("refuses a no-show without the worker's WORK dispute under way: none, the employer's, another kind, a resolved one", async () => {
    const { employer, worker, id, end } = await falseNoShow();
    until(end + HOUR);
    // No dispute: the bureau does not act on its own.
    expect(await expectRefused(id, 9)).toContain('未到岗');
    // The employer's own WORK dispute is not the worker's complaint.
    const employers = await openDispute(id, employer.token, 'WORK');
    await expectRefused(id, 9);
    await resolve(employers);
    // The worker's complaint of another kind.
    for (const kind of ['WAGE', 'CONDUCT', 'OTHER']) {
      const other = await openDispute(id, worker.token, kind);
      await expectRefused(id, 9);
      await resolve(other);
    }
    // The worker's WORK dispute, once resolved, is no complaint under way.
    await resolve(await openDispute(id, worker.token, 'WORK'));
    await expectRefused(id, 9);
    expect((await hireOf(id, worker.token)).status).toBe('NO_SHOW');
    // What was missing each time was the complaint: with it under way, the bureau settles.
    await openDispute(id, worker.token, 'WORK');
    expect((await settle(id, 9)).data?.settleAttendance).toMatchObject({
      status: 'COMPLETED',
      attendance: { status: 'SETTLED', settledHours: 9 },
    });
  });

  it('leaves a no-show the bureau finds did not work a no-show, owing nothing', async () => {
    const { gig, worker, id, end } = await falseNoShow();
    until(end + HOUR);
    await openDispute(id, worker.token, 'WORK');
    const none = await settle(id, 0, '工友证实他当天确实没来');
    expect(none.data?.settleAttendance).toMatchObject({
      status: 'NO_SHOW',
      attendance: { status: 'SETTLED', settledHours: 0, decidedBy: 'BUREAU' },
      payment: { amountFen: 0, outstandingFen: 0 },
    });
    expect(await reliabilityOf(worker.id)).toMatchObject({ noShows: 1, completed: 0 });
    const [row] = (await t.app.db.execute(sql`select filled from gigs where id = ${gig.id}`)) as unknown as {
      filled: number;
    }[];
    expect(row?.filled).toBe(0);
  });

  it('raises hours the employer confirmed short: what is owed, what was paid, the pay-by date and the case follow', async () => {
    const { employer, worker, id, start, end } = await instantHire();
    // Off site at the start; the employer checks the worker in by code at noon, which starts the record.
    until(start);
    await ok(
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { e: id, at: NEARBY },
      worker.token,
    );
    const { myEngagements } = await ok<{ myEngagements: { id: string; checkInCode: string }[] }>(
      '{ myEngagements { id checkInCode } }',
      {},
      worker.token,
    );
    const code = myEngagements.find((e) => e.id === id)?.checkInCode;
    until(start + 5 * HOUR);
    await ok(
      'mutation ($e: ID!, $c: String!) { checkInWithCode(engagementId: $e, code: $c) { id } }',
      { e: id, c: code },
      employer.token,
    );
    until(end);
    await ok('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', { e: id }, worker.token);
    await ok('mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }', { e: id }, employer.token);
    const short = Math.round((20_000 * 4) / 9);
    expect(await hireOf(id, worker.token)).toMatchObject({
      attendance: { status: 'CONFIRMED', settledHours: 4, decidedBy: 'EMPLOYER' },
      payment: { amountFen: short },
    });
    // Paid in full for the 4 hours, and confirmed by the worker.
    await ok(
      'mutation ($e: ID!, $a: Int!) { recordPayment(engagementId: $e, amountFen: $a) { paidFen } }',
      { e: id, a: short },
      employer.token,
    );
    await ok(
      'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen } }',
      { e: id },
      worker.token,
    );
    expect((await hireOf(id, worker.token)).payment.confirmedByWorkerAt).not.toBeNull();

    // Without the worker's complaint, confirmed hours stand.
    clock.advance(HOUR);
    expect(await expectRefused(id, 9)).toContain('已经确认');
    const complaint = await openDispute(id, worker.token, 'WORK');
    // The complaint raises hours; it never lowers what the employer confirmed.
    await expectRefused(id, 3, 'workedHours');

    // Under mediation the complaint is still under way.
    await ok(
      'mutation ($d: ID!) { mediateDispute(disputeId: $d, note: "已约双方周三到驿站说明情况") { status } }',
      { d: complaint },
      admin,
    );
    clock.advance(DAY);
    const raised = await settle(id, 9, '工友证实他早上八点就在工地，定位不准');
    expect(raised.data?.settleAttendance).toMatchObject({
      status: 'COMPLETED',
      attendance: { status: 'SETTLED', settledHours: 9, decidedBy: 'BUREAU' },
      // The payment made counts; "paid in full" and "confirmed in full" no longer hold.
      payment: {
        amountFen: 20_000,
        paidFen: short,
        confirmedFen: short,
        outstandingFen: 20_000 - short,
        paidAt: null,
        confirmedByWorkerAt: null,
        arrears: null,
      },
    });
    // The pay-by date runs from the bureau's decision, as every decided attendance's does.
    const dueAt = new Date(raised.data?.settleAttendance.payment.dueAt ?? 0).getTime();
    expect(marketDay(new Date(dueAt))).toBe(marketDay(clock.now()));
    until(dueAt - MINUTE);
    await t.app.services.work.sweep();
    expect((await hireOf(id, worker.token)).payment.arrears).toBeNull();
    until(dueAt + MINUTE);
    await t.app.services.work.sweep();
    expect((await hireOf(id, worker.token)).payment.arrears).toEqual({ owedFen: 20_000 - short });
  });

  it('keeps an attendance the bureau settled closed, even with the complaint still under way', async () => {
    const { worker, id, end } = await falseNoShow();
    until(end + HOUR);
    await openDispute(id, worker.token, 'WORK');
    expect((await settle(id, 6)).errors).toBeUndefined();
    expect(await expectRefused(id, 9)).toContain('已经裁定');
  });

  /** A clean record confirmed by itself at 5 of 9 hours, unpaid past the day: an arrears case opens. */
  async function confirmedInArrears() {
    const hire = await instantHire();
    const { worker, id, start, end } = hire;
    until(start);
    await ok(
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { e: id, at: LIANGSHAN },
      worker.token,
    );
    until(start + 5 * HOUR);
    await ok('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', { e: id }, worker.token);
    // A clean record, confirmed by itself at 5 hours; unpaid past the day, a case opens.
    expect((await hireOf(id, worker.token)).attendance).toMatchObject({
      status: 'CONFIRMED',
      decidedBy: 'RECORD',
    });
    until(end + DAY);
    await t.app.services.work.sweep();
    expect((await hireOf(id, worker.token)).payment.arrears).toEqual({
      owedFen: Math.round((20_000 * 5) / 9),
    });
    return hire;
  }
  const caseOf = async (id: string) =>
    (
      (await t.app.db.execute(
        sql`select status, owed_fen from arrears_cases where engagement_id = ${id}`,
      )) as unknown as { status: string; owed_fen: number }[]
    )[0];

  it('raises the hours of a confirmed hire in arrears on the worker’s complaint, and the open case follows', async () => {
    const { worker, id } = await confirmedInArrears();
    await openDispute(id, worker.token, 'WORK');
    // Never below the hours the case is for.
    await expectRefused(id, 4, 'workedHours');
    const settled = await settle(id, 9);
    expect(settled.errors).toBeUndefined();
    expect(settled.data?.settleAttendance).toMatchObject({
      attendance: { status: 'SETTLED', settledHours: 9, decidedBy: 'BUREAU' },
      payment: { amountFen: 20_000, outstandingFen: 20_000, arrears: { owedFen: 20_000 } },
    });
    expect(await caseOf(id)).toEqual({ status: 'OPEN', owed_fen: 20_000 });
  });

  it('refuses a hire whose arrears case is closed, even on the worker’s WORK dispute', async () => {
    const { worker, id } = await confirmedInArrears();
    const [found] = (await t.app.db.execute(
      sql`select id from arrears_cases where engagement_id = ${id}`,
    )) as unknown as { id: string }[];
    await ok(
      'mutation ($c: ID!) { resolveArrears(caseId: $c, resolution: "双方调解，按五小时结清") { id } }',
      { c: found?.id },
      admin,
    );
    await openDispute(id, worker.token, 'WORK');
    expect(await expectRefused(id, 9)).toContain('欠薪案件已经结案');
    expect(await caseOf(id)).toMatchObject({ status: 'CLOSED' });
  });

  it('leaves a replacement hired into the released seat untouched', async () => {
    const { employer, worker, gig, id, start, end } = await instantHire();
    // Seeded after the gig filled: the backfill offers the seat to them.
    const [replacement] = await seedWorkers(t, 1);
    if (!replacement) throw new Error('no worker');
    until(start + HOUR);
    await t.app.services.gigs.advanceByTime();
    await markNoShow(id, employer.token);
    const offer = await backfillOffer(gig.id, replacement.id);
    const backfill = await ok<{ acceptOffer: { id: string; gig: { filled: number } } }>(
      ACCEPT_OFFER,
      { id: offer?.id },
      replacement.token,
    );
    expect(backfill.acceptOffer.gig.filled).toBe(1);
    const theirs = async () =>
      t.app.db.execute(sql`select * from engagements where id = ${backfill.acceptOffer.id}`);
    const before = await theirs();

    until(end + HOUR);
    await openDispute(id, worker.token, 'WORK');
    const settled = await settle(id, 8);
    expect(settled.data?.settleAttendance).toMatchObject({
      status: 'COMPLETED',
      attendance: { status: 'SETTLED', settledHours: 8 },
      payment: { amountFen: Math.round((20_000 * 8) / 9) },
    });
    // The seat stays the replacement's: the gig is full, never past its headcount.
    expect(await theirs()).toEqual(before);
    const [row] = (await t.app.db.execute(
      sql`select filled, headcount from gigs where id = ${gig.id}`,
    )) as unknown as { filled: number; headcount: number }[];
    expect(row).toEqual({ filled: 1, headcount: 1 });
  });

  it('withdraws the backfill offers when the worked no-show takes its seat back and fills the gig', async () => {
    const { employer, worker, gig, id, start } = await instantHire();
    const [other] = await seedWorkers(t, 1);
    if (!other) throw new Error('no worker');
    until(start + HOUR);
    await t.app.services.gigs.advanceByTime();
    await markNoShow(id, employer.token);
    const offer = await backfillOffer(gig.id, other.id);
    expect(offer).toBeDefined();

    // Heard within the offer's life: the worker was there the first hour after all.
    clock.advance(30_000);
    await openDispute(id, worker.token, 'WORK');
    const settled = await settle(id, 1);
    expect(settled.data?.settleAttendance.status).toBe('COMPLETED');
    // The seat is the worked hire's again: nobody holds a live offer for a full gig.
    const after = (await offerRows(t, gig.id)).find((o) => o.id === offer?.id);
    expect(after?.status).toBe('WITHDRAWN');
    const [row] = (await t.app.db.execute(
      sql`select filled, headcount, status from gigs where id = ${gig.id}`,
    )) as unknown as { filled: number; headcount: number; status: string }[];
    expect(row).toMatchObject({ filled: 1, headcount: 1 });
    const late = await t.gql(ACCEPT_OFFER, { id: offer?.id }, other.token);
    expect(late.data ?? null).toBeNull();
    expect(await t.app.db.execute(sql`select id from engagements where worker_id = ${other.id}`)).toEqual([]);
  });

  it('refuses, by name, a no-show whose worker took another hire in the same hours since', async () => {
    const { worker, id, start, end } = await falseNoShow();
    // Told they were a no-show, the worker takes an afternoon gig elsewhere.
    await afternoonElsewhere(worker, start, end);
    until(end + HOUR);
    await openDispute(id, worker.token, 'WORK');
    expect(await expectRefused(id, 9)).toContain('另有一份活');
  });

  it('refuses, by name, the employer confirming a contested no-show whose worker took another hire since', async () => {
    const { employer, worker, id, start, end } = await instantHire();
    // On site at the start, gone after an hour: a short stay, which the employer contests and then
    // marks a no-show (allowed while contested), so the worker is free for the afternoon.
    until(start);
    await ok(
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { e: id, at: LIANGSHAN },
      worker.token,
    );
    until(start + HOUR);
    await ok('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', { e: id }, worker.token);
    await ok(
      'mutation ($e: ID!) { contestAttendance(engagementId: $e, reason: "一小时就走了，不算出勤") { id } }',
      { e: id },
      employer.token,
    );
    await markNoShow(id, employer.token);
    await afternoonElsewhere(worker, start, end);
    // The employer thinks again and confirms the hour: the worker cannot hold both hires.
    const before = await tables(id);
    const confirmed = await t.gql(
      'mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }',
      { e: id },
      employer.token,
    );
    expect(confirmed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'engagementId',
    });
    expect(confirmed.errors?.[0]?.message).toContain('另有一份活');
    expect(await tables(id)).toEqual(before);
  });

  it('settles a false no-show once when the bureau presses 10 times at once', async () => {
    const { worker, id, end } = await falseNoShow();
    until(end + HOUR);
    await openDispute(id, worker.token, 'WORK');
    const answers = await burst(10, () => settle(id, 9));
    const said = expectAnswered(answers);
    expect(said.filter((o) => o === 'OK')).toHaveLength(1);
    expect(said.filter((o) => o !== 'OK')).toEqual(Array(9).fill('BAD_USER_INPUT:engagementId'));
    const [row] = (await t.app.db.execute(sql`
      select e.status, e.attendance_status, e.amount_due_fen, g.filled,
             (select count(*)::int from dispute_notes n join disputes d on d.id = n.dispute_id
               where d.engagement_id = e.id) as notes
             ,(select count(*)::int from audit_log a where a.subject_id = e.id::text
               and a.action = 'ATTENDANCE_SETTLED') as audited
      from engagements e join gigs g on g.id = e.gig_id where e.id = ${id}`)) as unknown as Record<
      string,
      unknown
    >[];
    expect(row).toEqual({
      status: 'COMPLETED',
      attendance_status: 'SETTLED',
      amount_due_fen: 20_000,
      filled: 1,
      notes: 1,
      audited: 1,
    });
  });
});
