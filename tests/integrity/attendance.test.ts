import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../src/time.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { gigInput, LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, offerRows, seedWorkers, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { adminToken } from '../support/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ENV = {
  // Every matching worker gets the offer, so each test's own worker can take its gig.
  OFFER_FAN_OUT: '50',
  OFFER_SWEEP_MS: '60000',
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
  CHECK_OUT_GRACE_MINUTES: '120',
  ATTENDANCE_ANSWER_HOURS: '48',
};
/** 广州: about 1,400 km from 梁山县. */
const GUANGZHOU = { lat: 23.129, lng: 113.264 };
/** About 2 km north of the gig: off site, but a plausible place for a worker with poor GPS. */
const NEARBY = { lat: LIANGSHAN.lat + 0.018, lng: LIANGSHAN.lng };

const HIRE = `id status hoursWorked
  attendance { status doubts recordedHours settledHours decidedBy answerBy contestReason }
  checkIn { offSite distanceM }
  payment { amountFen dueAt outstandingFen overdue arrears { id } }
  disputes { kind status reason }`;

type Hire = {
  id: string;
  status: string;
  hoursWorked: number | null;
  attendance: {
    status: string;
    doubts: string[];
    recordedHours: number;
    settledHours: number | null;
    decidedBy: string | null;
    answerBy: string | null;
    contestReason: string | null;
  } | null;
  checkIn: { offSite: boolean; distanceM: number | null } | null;
  payment: {
    amountFen: number;
    dueAt: string;
    outstandingFen: number;
    overdue: boolean;
    arrears: { id: string } | null;
  };
  disputes: { kind: string; status: string; reason: string }[];
};

/**
 * Attacks on the promise that an employer owes wages only for work that was done, made the way a
 * worker with a script would: through the public API, with the market's clock moved by hand, then
 * the market's tables read for what it recorded.
 */
describe('attendance: work that never happened never becomes a wage debt', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    admin = await adminToken(t);
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
  // Every hire here is covered (per-day accident insurance is tested in tests/modules/insurance/).
  const checkIn = async (id: string, at: { lat: number; lng: number }, token: string) => {
    await coverHires(t, id);
    return t.gql<{ checkIn: Hire }>(
      `mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { ${HIRE} } }`,
      { e: id, at },
      token,
    );
  };
  const checkOut = (id: string, token: string) =>
    t.gql<{ checkOut: Hire }>(
      `mutation ($e: ID!) { checkOut(engagementId: $e) { ${HIRE} } }`,
      { e: id },
      token,
    );
  const until = (at: number) => clock.advance(at - clock.now().getTime());
  const caseOf = async (engagementId: string) =>
    (
      (await t.app.db.execute(
        sql`select owed_fen from arrears_cases where engagement_id = ${engagementId}`,
      )) as unknown as { owed_fen: number }[]
    )[0];
  const arrearsCases = async (employerId: string) =>
    Number(
      (
        (await t.app.db.execute(
          sql`select count(*)::int as n from arrears_cases where employer_id = ${employerId}`,
        )) as unknown as { n: number }[]
      )[0]?.n,
    );

  /** An instant gig tomorrow 08:00–17:00, paid the same day, taken by one worker through an offer. */
  async function instantHire(pay: Record<string, unknown> = {}) {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const window = {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
    };
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      payDueDays: 0,
      ...window,
      ...pay,
    });
    await t.app.services.hiring.drain();
    const offer = (await offerRows(t, gig.id)).find((o) => o.worker_id === worker.id);
    const accepted = await ok<{ acceptOffer: { id: string } }>(ACCEPT_OFFER, { id: offer?.id }, worker.token);
    return {
      employer,
      worker,
      gig,
      id: accepted.acceptOffer.id,
      start: start.getTime(),
      end: start.getTime() + 9 * HOUR,
    };
  }

  it('refuses a check-out before the start, and settles a check-in 1,400 km away as no work: no case, no arrears mark', async () => {
    const { employer, worker, gig, id, start, end } = await instantHire();

    // Checked in early from 广州, then out before the work began: refused, nothing changes.
    until(start - 30 * MINUTE);
    const far = await checkIn(id, GUANGZHOU, worker.token);
    expect(far.data?.checkIn.checkIn).toMatchObject({ offSite: true });
    expect(far.data?.checkIn.checkIn?.distanceM).toBeGreaterThan(1_300_000);
    const tooSoon = await checkOut(id, worker.token);
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    expect((await hireOf(id, worker.token)).status).toBe('CHECKED_IN');

    // Out one second after the start: the hire ends with a record that cannot be work.
    until(start + 1000);
    const out = await checkOut(id, worker.token);
    expect(out.data?.checkOut).toMatchObject({
      status: 'COMPLETED',
      hoursWorked: 0,
      attendance: { status: 'UNCONFIRMED', doubts: ['FAR_AWAY', 'NO_HOURS'], settledHours: null },
      payment: { amountFen: 0, overdue: false, arrears: null },
    });

    // The employer stays silent; pay was due the same day. Past every deadline, still no debt.
    until(end + 3 * DAY);
    const swept = await t.app.services.work.sweep();
    expect(swept.attendanceSettled).toBe(1);
    expect(swept.arrearsOpened).toBe(0);
    await t.app.services.work.sweep();
    const settled = await hireOf(id, worker.token);
    expect(settled.attendance).toMatchObject({ status: 'SETTLED', decidedBy: 'SILENCE', settledHours: 0 });
    expect(settled.payment).toMatchObject({ amountFen: 0, overdue: false, arrears: null });
    expect(await arrearsCases(employer.id)).toBe(0);

    // The employer is not marked, and still posts instant gigs.
    const listed = await ok<{ gig: { employerHasArrears: boolean } }>(
      'query ($g: ID!) { gig(id: $g) { employerHasArrears } }',
      { g: gig.id },
      worker.token,
    );
    expect(listed.gig.employerHasArrears).toBe(false);
    const instant = await t.gql(
      'mutation ($i: PostGigInput!) { postGig(input: $i) { id } }',
      { i: gigInput({ instant: true }, clock.now()) },
      employer.token,
    );
    expect(instant.errors).toBeUndefined();
  });

  it('lets an on-site check-in replace an off-site one, from the time the worker arrived', async () => {
    const { worker, id, start } = await instantHire();
    until(start + 5 * MINUTE);
    expect((await checkIn(id, GUANGZHOU, worker.token)).data?.checkIn.checkIn).toMatchObject({
      offSite: true,
    });
    until(start + 65 * MINUTE);
    const arrived = await checkIn(id, LIANGSHAN, worker.token);
    expect(arrived.data?.checkIn.checkIn).toEqual({ offSite: false, distanceM: 0 });
    const [row] = (await t.app.db.execute(
      sql`select checked_in_at, check_in_off_site from engagements where id = ${id}`,
    )) as unknown as { checked_in_at: Date; check_in_off_site: boolean }[];
    expect(new Date(row?.checked_in_at ?? 0).getTime()).toBe(start + 65 * MINUTE);
    // A later off-site check-in does not undo it.
    until(start + 70 * MINUTE);
    expect((await checkIn(id, GUANGZHOU, worker.token)).data?.checkIn.checkIn).toEqual({
      offSite: false,
      distanceM: 0,
    });
  });

  it('settles a plausible off-site record for the worker when the employer stays silent, then opens arrears for what its hours earn', async () => {
    const { employer, worker, id, start, end } = await instantHire();
    until(start + 10 * MINUTE);
    await checkIn(id, NEARBY, worker.token);
    until(end);
    const out = await checkOut(id, worker.token);
    expect(out.data?.checkOut.attendance).toMatchObject({ status: 'UNCONFIRMED', doubts: ['OFF_SITE'] });
    // Inside the employer's time to answer, even with pay due the same day: no case.
    until(end + 47 * HOUR);
    await t.app.services.work.sweep();
    expect(await caseOf(id)).toBeUndefined();
    until(end + 48 * HOUR + MINUTE);
    const swept = await t.app.services.work.sweep();
    expect(swept).toMatchObject({ attendanceSettled: 1 });
    const settled = await hireOf(id, worker.token);
    expect(settled.attendance).toMatchObject({ status: 'SETTLED', decidedBy: 'SILENCE', settledHours: 8.83 });
    // 8.83 of the day's 9 hours of 200 元.
    expect(settled.payment.amountFen).toBe(Math.round((20_000 * 8.83) / 9));
    // Paid "the same day" (payDueDays 0) means by the end of that market day: not a minute after.
    const dueAt = new Date(settled.payment.dueAt).getTime();
    expect(marketDay(new Date(dueAt))).toBe(marketDay(clock.now()));
    until(dueAt - MINUTE);
    await t.app.services.work.sweep();
    expect(await caseOf(id)).toBeUndefined();
    until(dueAt + MINUTE);
    await t.app.services.work.sweep();
    expect((await caseOf(id))?.owed_fen).toBe(settled.payment.amountFen);
    expect(await arrearsCases(employer.id)).toBe(1);
  });

  it('turns a contested attendance into a dispute for the bureau, never an arrears case; a no-show stays possible', async () => {
    const { employer, worker, id, start, end } = await instantHire();
    until(start + 10 * MINUTE);
    await checkIn(id, NEARBY, worker.token);
    until(end);
    await checkOut(id, worker.token);

    const CONTEST =
      'mutation ($e: ID!, $r: String!) { contestAttendance(engagementId: $e, reason: $r) { id attendance { status contestReason } } }';
    const empty = await t.gql(CONTEST, { e: id, r: ' ' }, employer.token);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const byWorker = await t.gql(CONTEST, { e: id, r: '我没去' }, worker.token);
    expect(byWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = await verifiedEmployer(t);
    const foreign = await t.gql(CONTEST, { e: id, r: '不认识这个人' }, stranger.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await hireOf(id, worker.token)).attendance?.status).toBe('UNCONFIRMED');

    await ok(CONTEST, { e: id, r: '当天没见到此人到岗' }, employer.token);
    const contested = await hireOf(id, worker.token);
    expect(contested.attendance).toMatchObject({ status: 'CONTESTED', contestReason: '当天没见到此人到岗' });
    expect(contested.disputes).toEqual([
      { kind: 'WORK', status: 'OPEN', reason: '对出勤有异议：当天没见到此人到岗' },
    ]);
    until(end + 30 * DAY);
    await t.app.services.work.sweep();
    expect(await arrearsCases(employer.id)).toBe(0);
    expect((await hireOf(id, worker.token)).payment.overdue).toBe(false);

    // The employer marks the no-show it claims; the bureau hears both sides and finds 6 hours.
    const noShow = await ok<{ markNoShow: { status: string } }>(
      'mutation ($e: ID!) { markNoShow(engagementId: $e) { status } }',
      { e: id },
      employer.token,
    );
    expect(noShow.markNoShow.status).toBe('NO_SHOW');
    const SETTLE =
      'mutation ($e: ID!, $h: Float!, $n: String!) { settleAttendance(engagementId: $e, workedHours: $h, note: $n) { status attendance { status settledHours decidedBy } payment { amountFen } } }';
    const tooMany = await t.gql(SETTLE, { e: id, h: 10, n: '调查结果' }, admin);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workedHours' });
    const byEmployer = await t.gql(SETTLE, { e: id, h: 0, n: '调查结果' }, employer.token);
    expect(byEmployer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const found = await ok<{ settleAttendance: Record<string, unknown> }>(
      SETTLE,
      { e: id, h: 6, n: '工友证实其上午到岗，下午离开' },
      admin,
    );
    expect(found.settleAttendance).toEqual({
      status: 'COMPLETED',
      attendance: { status: 'SETTLED', settledHours: 6, decidedBy: 'BUREAU' },
      payment: { amountFen: Math.round((20_000 * 6) / 9) },
    });
  });

  it("closes the employer's own contest when it then confirms the attendance; a dispute the worker opened stays open", async () => {
    const CONTEST =
      'mutation ($e: ID!, $r: String!) { contestAttendance(engagementId: $e, reason: $r) { id } }';
    const CONFIRM = 'mutation ($e: ID!) { confirmAttendance(engagementId: $e) { attendance { status } } }';
    const DISPUTES =
      '{ myDisputes { engagement { id } kind status openedBy resolution resolvedAt notes { by note } } }';
    const openQueue = async () =>
      (
        await ok<{ disputes: { engagement: { id: string } }[] }>(
          '{ disputes(status: OPEN) { engagement { id } } }',
          {},
          admin,
        )
      ).disputes.map((d) => d.engagement.id);
    type Seen = {
      engagement: { id: string };
      kind: string;
      status: string;
      openedBy: string;
      resolution: string | null;
      resolvedAt: string | null;
      notes: { by: string; note: string }[];
    };
    const disputesOf = async (id: string, token: string) =>
      (await ok<{ myDisputes: Seen[] }>(DISPUTES, {}, token)).myDisputes.filter(
        (d) => d.engagement.id === id,
      );

    // The employer contests an off-site record, then confirms it: the matter it raised is settled.
    const mine = await instantHire();
    until(mine.start + 10 * MINUTE);
    await checkIn(mine.id, NEARBY, mine.worker.token);
    until(mine.end);
    await checkOut(mine.id, mine.worker.token);
    await ok(CONTEST, { e: mine.id, r: '定位不在工地' }, mine.employer.token);
    expect(await openQueue()).toContain(mine.id);
    clock.advance(HOUR);
    const confirmed = await ok<{ confirmAttendance: Record<string, unknown> }>(
      CONFIRM,
      { e: mine.id },
      mine.employer.token,
    );
    expect(confirmed.confirmAttendance).toEqual({ attendance: { status: 'CONFIRMED' } });
    const [closed] = await disputesOf(mine.id, mine.worker.token);
    expect(closed).toMatchObject({
      kind: 'WORK',
      openedBy: 'EMPLOYER',
      status: 'RESOLVED',
      resolution: '用工单位撤回异议，确认出勤 8.83 小时。',
    });
    expect(closed?.resolvedAt).not.toBeNull();
    expect(await openQueue()).not.toContain(mine.id);
    const [row] = (await t.app.db.execute(
      sql`select resolved_by_account_id = ${mine.employer.accountId}::uuid as by_employer from disputes where engagement_id = ${mine.id}`,
    )) as unknown as { by_employer: boolean }[];
    expect(row?.by_employer).toBe(true);
    // In the audit log as the bureau's resolutions are, the employer as actor.
    const logged = (await t.app.db.execute(sql`
      select a.actor_account_id, a.actor_role, a.details->>'resolution' as resolution
      from audit_log a join disputes d on d.id::text = a.subject_id
      where a.action = 'DISPUTE_RESOLVED' and d.engagement_id = ${mine.id}`)) as unknown as Record<
      string,
      string
    >[];
    expect(logged).toEqual([
      { actor_account_id: mine.employer.accountId, actor_role: 'EMPLOYER', resolution: closed?.resolution },
    ]);

    // The worker opened their own dispute first; the contest joined it. Confirming does not close it.
    const theirs = await instantHire();
    until(theirs.start + 10 * MINUTE);
    await checkIn(theirs.id, NEARBY, theirs.worker.token);
    until(theirs.end);
    await checkOut(theirs.id, theirs.worker.token);
    await ok(
      'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "我整天都在工地干活", kind: WORK) { id } }',
      { e: theirs.id },
      theirs.worker.token,
    );
    await ok(CONTEST, { e: theirs.id, r: '定位不在工地' }, theirs.employer.token);
    clock.advance(HOUR);
    await ok(CONFIRM, { e: theirs.id }, theirs.employer.token);
    const [kept] = await disputesOf(theirs.id, theirs.worker.token);
    expect(kept).toMatchObject({ openedBy: 'WORKER', status: 'OPEN', resolution: null, resolvedAt: null });
    expect(kept?.notes.map((n) => n.note)).toEqual([
      '对出勤有异议：定位不在工地',
      '用工单位撤回异议，确认出勤 8.83 小时。',
    ]);
    expect(await openQueue()).toContain(theirs.id);
  });

  it('shows nothing owed for a hire marked a no-show or called off, and opens no case on it', async () => {
    const PAYMENT = 'payment { amountFen outstandingFen overdue arrears { id } }';
    const NOTHING = { amountFen: 0, outstandingFen: 0, overdue: false, arrears: null };

    // Nobody came: the employer marks the no-show after the grace.
    const absent = await instantHire();
    until(absent.start + HOUR);
    const marked = await ok<{ markNoShow: { status: string; payment: unknown } }>(
      `mutation ($e: ID!) { markNoShow(engagementId: $e) { status ${PAYMENT} } }`,
      { e: absent.id },
      absent.employer.token,
    );
    expect(marked.markNoShow).toEqual({ status: 'NO_SHOW', payment: NOTHING });

    // The worker calls a hire off inside the late window, before the start.
    const offed = await instantHire();
    until(offed.start - HOUR);
    const cancelled = await ok<{ cancelEngagement: { status: string; payment: unknown } }>(
      `mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "家里有急事") { status ${PAYMENT} } }`,
      { e: offed.id },
      offed.worker.token,
    );
    expect(cancelled.cancelEngagement).toEqual({ status: 'CANCELLED', payment: NOTHING });

    // Past every pay-by date, each side still reads nothing owed and no case opens.
    until(offed.end + 30 * DAY);
    await t.app.services.work.sweep();
    for (const { id, worker, employer } of [absent, offed]) {
      expect((await hireOf(id, worker.token)).payment).toMatchObject(NOTHING);
      expect(await caseOf(id)).toBeUndefined();
      expect(await arrearsCases(employer.id)).toBe(0);
    }
  });

  it('asks the employer about a short stay and a hire nobody checked in; confirming may add hours, never remove them', async () => {
    const short = await instantHire();
    until(short.start);
    await checkIn(short.id, LIANGSHAN, short.worker.token);
    until(short.start + HOUR);
    const out = await checkOut(short.id, short.worker.token);
    expect(out.data?.checkOut.attendance).toMatchObject({ status: 'UNCONFIRMED', doubts: ['SHORT_STAY'] });
    const CONFIRM =
      'mutation ($e: ID!, $h: Float) { confirmAttendance(engagementId: $e, workedHours: $h) { attendance { status settledHours decidedBy } payment { amountFen } } }';
    const fewer = await t.gql(CONFIRM, { e: short.id, h: 0.5 }, short.employer.token);
    expect(fewer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workedHours' });
    const byWorker = await t.gql(CONFIRM, { e: short.id }, short.worker.token);
    expect(byWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hireOf(short.id, short.worker.token)).attendance?.status).toBe('UNCONFIRMED');
    const confirmed = await ok<{ confirmAttendance: Record<string, unknown> }>(
      CONFIRM,
      { e: short.id },
      short.employer.token,
    );
    expect(confirmed.confirmAttendance).toEqual({
      attendance: { status: 'CONFIRMED', settledHours: 1, decidedBy: 'EMPLOYER' },
      payment: { amountFen: Math.round(20_000 / 9) },
    });

    // Nobody checked in: the clock ends the hire, and it waits for the employer's word.
    const unseen = await instantHire();
    until(unseen.end + 2 * HOUR + MINUTE);
    await t.app.services.work.sweep();
    const waiting = await hireOf(unseen.id, unseen.worker.token);
    expect(waiting.attendance).toMatchObject({ status: 'UNCONFIRMED', doubts: ['NO_CHECK_IN'] });
    expect(waiting.payment.amountFen).toBe(0);
    const vouched = await ok<{ confirmAttendance: Record<string, unknown> }>(
      CONFIRM,
      { e: unseen.id, h: 9 },
      unseen.employer.token,
    );
    expect(vouched.confirmAttendance).toMatchObject({
      attendance: { status: 'CONFIRMED', settledHours: 9 },
      payment: { amountFen: 20_000 },
    });
  });

  it("does not take the clock's check-out as the worker's word: a check-in at the gig's own point and no check-out waits for the employer", async () => {
    const { employer, worker, id, start, end } = await instantHire();
    until(start - 30 * MINUTE);
    expect((await checkIn(id, LIANGSHAN, worker.token)).data?.checkIn.checkIn).toMatchObject({
      offSite: false,
    });
    until(end + 2 * HOUR + MINUTE);
    await t.app.services.work.sweep();
    const waiting = await hireOf(id, worker.token);
    expect(waiting.attendance).toMatchObject({ status: 'UNCONFIRMED', doubts: ['NO_CHECK_OUT'] });
    expect(waiting.payment.overdue).toBe(false);
    expect(await caseOf(id)).toBeUndefined();
    const contested = await t.gql(
      'mutation ($e: ID!, $r: String!) { contestAttendance(engagementId: $e, reason: $r) { attendance { status } } }',
      { e: id, r: '上午就离开了工地，没有干满一天' },
      employer.token,
    );
    expect(contested.data).toEqual({ contestAttendance: { attendance: { status: 'CONTESTED' } } });
  });

  it('counts no nights as work on a gig over several days: one check-in and one check-out are worth at most its working hours', async () => {
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const end = start.getTime() + 2 * DAY + 9 * HOUR;
    const { worker, id } = await instantHire({
      startsAt: start.toISOString(),
      endsAt: new Date(end).toISOString(),
      hoursPerDay: 8,
    });
    until(start.getTime());
    await checkIn(id, LIANGSHAN, worker.token);
    until(end);
    const out = await checkOut(id, worker.token);
    // 57 hours between check-in and check-out; the contract asks 3 days × 8 hours at 200 元 a day.
    expect(out.data?.checkOut.hoursWorked).toBe(24);
    expect(out.data?.checkOut.attendance).toMatchObject({ status: 'CONFIRMED', settledHours: 24 });
    expect(out.data?.checkOut.payment.amountFen).toBe(3 * 20_000);
  });

  it('has, after every attack above, no arrears case on work that is not confirmed or settled', async () => {
    const rows = await t.app.db.execute(sql`
      select a.id from arrears_cases a join engagements e on e.id = a.engagement_id
      where e.attendance_status not in ('CONFIRMED', 'SETTLED') or a.owed_fen > e.amount_due_fen`);
    expect(rows.length).toBe(0);
    // The cases that did open are on work its record, the employer, the silence rule or the bureau decided.
    const opened = (await t.app.db.execute(sql`
      select e.attendance_decided_by as by from arrears_cases a join engagements e on e.id = a.engagement_id
      order by 1`)) as unknown as { by: string }[];
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((r) => ['RECORD', 'EMPLOYER', 'SILENCE', 'BUREAU'].includes(r.by))).toBe(true);
  });
});
