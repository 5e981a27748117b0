import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { count, expectAnswered, one, sql } from '../support/double-tap.js';
import { staffedStation } from '../support/followup.js';
import { gigInput, LIANGSHAN, POST_GIG, postGig, verifiedEmployer } from '../support/gigs.js';
import { hireFor, hireThroughApplication, seedWorkers, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { registerWalkIn } from '../support/people.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Attacks on the money path made as the users would make them, through the public API, then the
 * market's tables read for what it recorded: each refusal is named, never INTERNAL_SERVER_ERROR,
 * and nothing is half written.
 */
describe('the money path, attacked', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { MUTATION_RATE_LIMIT: '100000', OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000' },
    });
  });
  afterAll(() => t.close());

  const RECORD =
    'mutation ($e: ID!, $a: Int!) { recordPayment(engagementId: $e, amountFen: $a) { paidFen } }';
  const CONFIRM = 'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen outstandingFen } }';

  /** A gig two days ahead at 08:00 market time, `hours` long, for loaders anyone may take. */
  function bigPay(hours: number, pay: Record<string, unknown>) {
    const start = new Date(clock.now().getTime() + 2 * DAY);
    start.setUTCHours(0, 0, 0, 0);
    return gigInput(
      {
        skills: ['loading_unloading'],
        headcount: 1,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + hours * HOUR).toISOString(),
        ...pay,
      },
      clock.now(),
    );
  }

  it('refuses pay one hire could not hold, naming payFen, and makes and pays in full a hire just under it', async () => {
    const employer = await verifiedEmployer(t);
    const gigsBefore = await count(t, sql`select count(*) as n from gigs`);
    // Each within payFen's own range, but one hire of it would owe or be paid more than 2,147,483,647
    // fen: 100,000 元 an hour for 30 days; a day's pay stated as one hour, the other 23 paid on top;
    // a piece rate that, claimed at 10,000 pieces an hour, earns 1 亿元 an hour.
    const refused = await Promise.all(
      [
        bigPay(30 * 24, { payUnit: 'HOUR', payFen: 10_000_000 }),
        bigPay(30 * 24, { payUnit: 'DAY', payFen: 10_000_000, hoursPerDay: 1 }),
        bigPay(9, { payUnit: 'PIECE', payFen: 10_000_000, piecesPerHour: 10_000 }),
      ].map((input) => t.gql(POST_GIG, { input }, employer.token)),
    );
    expect(expectAnswered(refused)).toEqual(Array(3).fill('BAD_USER_INPUT:payFen'));
    for (const answer of refused) expect(answer.errors?.[0]?.message).toContain('payFen');
    expect(await count(t, sql`select count(*) as n from gigs`)).toBe(gigsBefore);

    // 100,000 元 an hour for 9 hours, and 100,000 元 a piece at 20 pieces an hour: taken and paid.
    const [hourly, piece] = await seedWorkers(t, 2, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!hourly || !piece) throw new Error('no workers');
    const hires: Record<string, string> = {};
    for (const [name, worker, input] of [
      ['hourly', hourly, bigPay(9, { payUnit: 'HOUR', payFen: 10_000_000 })],
      ['piece', piece, bigPay(9, { payUnit: 'PIECE', payFen: 10_000_000, piecesPerHour: 20 })],
    ] as const) {
      const posted = await t.gql<{ postGig: { id: string } }>(POST_GIG, { input }, employer.token);
      expect(expectAnswered([posted])).toEqual(['OK']);
      const gigId = posted.data?.postGig.id as string;
      await hireFor(t, employer.token, worker, gigId);
      hires[name] = (
        await one<{ id: string }>(t, sql`select id from engagements where gig_id = ${gigId}`)
      ).id;
    }
    const hourlyId = hires.hourly as string;
    const pieceId = hires.piece as string;
    expect(
      (
        await one<{ amount_due_fen: number }>(
          t,
          sql`select amount_due_fen from engagements where id = ${hourlyId}`,
        )
      ).amount_due_fen,
    ).toBe(90_000_000);

    // The piece hire may be paid what its stated rate earns over its hours: 1,800,000,000 fen.
    const payments = [
      await t.gql(RECORD, { e: hourlyId, a: 90_000_000 }, employer.token),
      await t.gql(RECORD, { e: pieceId, a: 900_000_000 }, employer.token),
      await t.gql(RECORD, { e: pieceId, a: 900_000_000 }, employer.token),
      await t.gql(RECORD, { e: pieceId, a: 2_000_000_000 }, employer.token),
    ];
    expect(expectAnswered(payments)).toEqual(['OK', 'OK', 'OK', 'BAD_USER_INPUT:amountFen']);
    expect(expectAnswered([await t.gql(CONFIRM, { e: hourlyId }, hourly.token)])).toEqual(['OK']);
    expect(expectAnswered([await t.gql(CONFIRM, { e: pieceId }, piece.token)])).toEqual(['OK']);
    const rows = (await t.app.db.execute(sql`
      select e.id, e.paid_fen, e.confirmed_fen, coalesce(sum(p.amount_fen), 0)::bigint as recorded
      from engagements e left join payments p on p.engagement_id = e.id
      where e.id in (${hourlyId}, ${pieceId}) group by e.id`)) as unknown as {
      id: string;
      paid_fen: number;
      confirmed_fen: number;
      recorded: string;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(hourlyId)).toMatchObject({
      paid_fen: 90_000_000,
      confirmed_fen: 90_000_000,
      recorded: '90000000',
    });
    expect(byId.get(pieceId)).toMatchObject({
      paid_fen: 1_800_000_000,
      confirmed_fen: 1_800_000_000,
      recorded: '1800000000',
    });
  });

  it("leaves a walk-in's impossible record and any hours past the record to the employer or the bureau: their operator confirms only what the record shows", async () => {
    const station = await staffedStation(t, { name: '拳铺镇', location: LIANGSHAN, serviceRadiusKm: 20 });
    const employer = await verifiedEmployer(t);
    const walkIns: string[] = [];
    for (const [name, born] of [
      ['赵大伯', '1963-04-09'],
      ['钱大娘', '1965-08-21'],
    ] as const) {
      walkIns.push(await registerWalkIn(t, station.operator, name, born));
    }
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const gig = await postGig(t, employer.token, {
      skills: ['loading_unloading'],
      headcount: 2,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    for (const walkIn of walkIns) {
      const applied = await t.gql<{ applyToGig: { id: string } }>(
        'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id } }',
        { g: gig.id, w: walkIn },
        station.operator,
      );
      const decided = await t.gql(
        'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
        { a: applied.data?.applyToGig.id },
        employer.token,
      );
      expect(decided.errors).toBeUndefined();
    }
    const hireOf = async (workerId: string) =>
      (
        await one<{ id: string }>(
          t,
          sql`select id from engagements where gig_id = ${gig.id} and worker_id = ${workerId}`,
        )
      ).id;
    const [absent, short] = [await hireOf(walkIns[0] as string), await hireOf(walkIns[1] as string)];
    await coverHires(t, short);

    // One walk-in is checked in on site three hours late and out an hour later: a short stay.
    clock.advance(start.getTime() + 3 * HOUR - clock.now().getTime());
    const checkedIn = await t.gql(
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { e: short, at: LIANGSHAN },
      station.operator,
    );
    expect(expectAnswered([checkedIn])).toEqual(['OK']);
    clock.advance(HOUR);
    expect(
      expectAnswered([
        await t.gql(
          'mutation ($e: ID!) { checkOut(engagementId: $e) { id } }',
          { e: short },
          station.operator,
        ),
      ]),
    ).toEqual(['OK']);
    // The other never came: the clock completes the hire with nobody checked in.
    clock.advance(6 * HOUR);
    await t.app.services.work.sweep();
    const state = (id: string) =>
      one<{ attendance_status: string; settled_hours: number | null; amount_due_fen: number }>(
        t,
        sql`select attendance_status, settled_hours, amount_due_fen from engagements where id = ${id}`,
      );
    expect(await state(absent)).toMatchObject({ attendance_status: 'UNCONFIRMED', amount_due_fen: 0 });
    expect(await state(short)).toMatchObject({ attendance_status: 'UNCONFIRMED' });

    // The worker's own side may not make the employer owe for a day nobody recorded, nor for hours
    // past the record: that is the employer's word, or the bureau's.
    const CONFIRM =
      'mutation ($e: ID!, $h: Float) { confirmAttendance(engagementId: $e, workedHours: $h) { id } }';
    const refused = [
      await t.gql(CONFIRM, { e: absent, h: null }, station.operator),
      await t.gql(CONFIRM, { e: absent, h: 8 }, station.operator),
      await t.gql(CONFIRM, { e: short, h: 8 }, station.operator),
    ];
    expect(expectAnswered(refused)).toEqual([
      'BAD_USER_INPUT:engagementId',
      'BAD_USER_INPUT:engagementId',
      'BAD_USER_INPUT:workedHours',
    ]);
    expect(await state(absent)).toMatchObject({ attendance_status: 'UNCONFIRMED', amount_due_fen: 0 });
    expect(await state(short)).toMatchObject({ attendance_status: 'UNCONFIRMED', settled_hours: null });

    // What the record shows the operator may confirm: the hour the walk-in stayed.
    expect(expectAnswered([await t.gql(CONFIRM, { e: short, h: null }, station.operator)])).toEqual(['OK']);
    expect(await state(short)).toMatchObject({ attendance_status: 'CONFIRMED', settled_hours: 1 });
    // Silence settles the day nobody recorded at no hours: no wage debt, no arrears case.
    clock.advance(3 * DAY);
    await t.app.services.work.sweep();
    expect(await state(absent)).toMatchObject({
      attendance_status: 'SETTLED',
      settled_hours: 0,
      amount_due_fen: 0,
    });
    expect(await count(t, sql`select count(*) as n from arrears_cases where engagement_id = ${absent}`)).toBe(
      0,
    );
  });

  it('says paid and confirmed in full only while that covers what is owed: an advance stops being full when the hours earn more', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!worker) throw new Error('no worker');
    // 200 元 for a day stated as 4 hours, 08:00–16:00: the other 4 hours are paid on top, 50 元 each.
    const id = await hireThroughApplication(t, employer.token, worker, 1, {
      payUnit: 'DAY',
      payFen: 20_000,
      hoursPerDay: 4,
      payDueDays: 0,
    });
    type Pay = {
      amountFen: number;
      paidAt: string | null;
      confirmedByWorkerAt: string | null;
      outstandingFen: number;
    };
    const payment = async () => {
      const { data } = await t.gql<{ myEngagements: { id: string; payment: Pay }[] }>(
        '{ myEngagements { id payment { amountFen paidAt confirmedByWorkerAt outstandingFen } } }',
        {},
        worker.token,
      );
      return data?.myEngagements.find((e) => e.id === id)?.payment;
    };
    // The day's 200 元 paid and confirmed before the work: in full, as things stand.
    expect(expectAnswered([await t.gql(RECORD, { e: id, a: 20_000 }, employer.token)])).toEqual(['OK']);
    expect(expectAnswered([await t.gql(CONFIRM, { e: id }, worker.token)])).toEqual(['OK']);
    expect(await payment()).toMatchObject({ amountFen: 20_000, outstandingFen: 0 });
    expect((await payment())?.confirmedByWorkerAt).not.toBeNull();

    await coverHires(t, id);
    const { starts_at: startsAt } = await one<{ starts_at: string }>(
      t,
      sql`select starts_at from engagements where id = ${id}`,
    );
    clock.advance(new Date(startsAt).getTime() - clock.now().getTime());
    const CHECK_IN = 'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }';
    expect(expectAnswered([await t.gql(CHECK_IN, { e: id, at: LIANGSHAN }, worker.token)])).toEqual(['OK']);
    clock.advance(8 * HOUR);
    const out = await t.gql(
      'mutation ($e: ID!) { checkOut(engagementId: $e) { id } }',
      { e: id },
      worker.token,
    );
    expect(expectAnswered([out])).toEqual(['OK']);
    // Eight hours earn 400 元: the advance is no longer payment in full, nor confirmed as such.
    expect(await payment()).toEqual({
      amountFen: 40_000,
      paidAt: null,
      confirmedByWorkerAt: null,
      outstandingFen: 20_000,
    });

    expect(expectAnswered([await t.gql(RECORD, { e: id, a: 20_000 }, employer.token)])).toEqual(['OK']);
    expect(expectAnswered([await t.gql(CONFIRM, { e: id }, worker.token)])).toEqual(['OK']);
    const settled = await payment();
    expect(settled).toMatchObject({ amountFen: 40_000, outstandingFen: 0 });
    expect(settled?.paidAt).not.toBeNull();
    expect(settled?.confirmedByWorkerAt).not.toBeNull();
    clock.advance(DAY);
    await t.app.services.work.sweep();
    expect(await count(t, sql`select count(*) as n from arrears_cases where engagement_id = ${id}`)).toBe(0);
  });

  it('refuses a stranger, the wrong side, an operator of no station of theirs and a crew leader every step of pay, and keeps racing payments whole', async () => {
    const employer = await verifiedEmployer(t);
    const stranger = await verifiedEmployer(t);
    const [worker, other, leader] = await seedWorkers(t, 3, {
      skills: [{ code: 'loading_unloading', level: 2 }],
    });
    if (!worker || !other || !leader) throw new Error('no workers');
    const station = await staffedStation(t, { name: '韩岗镇', location: LIANGSHAN, serviceRadiusKm: 20 });
    // The leader of a crew the worker joined: the crew takes work together, each hire is the member's.
    const crew = await t.gql<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "拳铺装卸班") { id } }',
      {},
      leader.token,
    );
    const crewId = crew.data?.createCrew.id;
    await t.gql(
      'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
      { c: crewId, w: worker.id },
      leader.token,
    );
    await t.gql('mutation ($c: ID!) { joinCrew(crewId: $c) { id } }', { c: crewId }, worker.token);
    const id = await hireThroughApplication(t, employer.token, worker, 1);
    await coverHires(t, id);

    const CHECK_IN = 'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }';
    const CHECK_OUT = 'mutation ($e: ID!) { checkOut(engagementId: $e) { id } }';
    const step = {
      record: (token: string, a: unknown = 100) => t.gql(RECORD, { e: id, a }, token),
      confirm: (token: string) => t.gql(CONFIRM, { e: id }, token),
      checkIn: (token: string) => t.gql(CHECK_IN, { e: id, at: LIANGSHAN }, token),
      checkOut: (token: string) => t.gql(CHECK_OUT, { e: id }, token),
      contract: (token: string) =>
        t.gql('mutation ($e: ID!) { acceptContract(engagementId: $e) { id } }', { e: id }, token),
      cancel: (token: string) =>
        t.gql(
          'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "他不去了") { id } }',
          { e: id },
          token,
        ),
      dispute: (token: string) =>
        t.gql(
          'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "替他问问工钱的事") { id } }',
          { e: id },
          token,
        ),
      attendance: (token: string) =>
        t.gql('mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }', { e: id }, token),
    };
    const before = await one<Record<string, unknown>>(t, sql`select * from engagements where id = ${id}`);
    const refusals = [
      await step.confirm(worker.token), // nothing recorded yet
      await step.record(stranger.token),
      await step.record(worker.token),
      await step.record(employer.token, 0),
      await step.record(employer.token, -500),
      await step.confirm(other.token),
      await step.checkIn(other.token),
      await step.checkIn(employer.token),
      await step.checkOut(worker.token), // not checked in
      await step.checkIn(station.operator),
      await step.checkOut(station.operator),
      await step.confirm(station.operator),
      await step.attendance(station.operator),
      await step.contract(leader.token),
      await step.cancel(leader.token),
      await step.checkIn(leader.token),
      await step.confirm(leader.token),
      await step.dispute(leader.token),
    ];
    expect(expectAnswered(refusals)).toEqual([
      'BAD_USER_INPUT:engagementId',
      'NOT_FOUND',
      'FORBIDDEN',
      'BAD_USER_INPUT:amountFen',
      'BAD_USER_INPUT:amountFen',
      ...Array(2).fill('NOT_FOUND'),
      'FORBIDDEN',
      'BAD_USER_INPUT:engagementId',
      ...Array(9).fill('NOT_FOUND'),
    ]);
    // Fen are whole numbers within Int: anything else never reaches the resolver.
    for (const amount of [1.5, 2_147_483_648, '100']) {
      expect((await step.record(employer.token, amount)).errors?.[0]?.extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect(await one<Record<string, unknown>>(t, sql`select * from engagements where id = ${id}`)).toEqual(
      before,
    );
    expect(await count(t, sql`select count(*) as n from payments where engagement_id = ${id}`)).toBe(0);

    // Checked in, then fifteen check-outs at once: one completion.
    clock.advance(new Date(before.starts_at as string).getTime() - clock.now().getTime());
    expect(expectAnswered([await step.checkIn(worker.token)])).toEqual(['OK']);
    clock.advance(8 * HOUR);
    const outs = await Promise.all(Array.from({ length: 15 }, () => step.checkOut(worker.token)));
    expect(expectAnswered(outs)).toEqual(Array(15).fill('OK'));
    const done = await one<{ status: string; amount_due_fen: number; completed_at: Date }>(
      t,
      sql`select status, amount_due_fen, completed_at from engagements where id = ${id}`,
    );
    expect(done.status).toBe('COMPLETED');

    // Twenty parts of a tenth, twenty confirmations, five disputes and ten sweeps, all at once, a
    // day past the pay-by date: the parts stop at what is owed, every confirmation is of what was
    // recorded, one dispute, at most one case, and it is closed once the worker confirms it all.
    clock.advance(4 * DAY);
    const part = Math.ceil(done.amount_due_fen / 10);
    const raced = await Promise.all([
      ...Array.from({ length: 20 }, () => step.record(employer.token, part)),
      ...Array.from({ length: 20 }, () => step.confirm(worker.token)),
      ...Array.from({ length: 5 }, () =>
        t.gql(
          'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "工资还差一部分") { id } }',
          { e: id },
          worker.token,
        ),
      ),
      ...Array.from({ length: 10 }, () => t.app.services.work.sweep().then(() => ({}))),
    ]);
    expectAnswered(raced);
    const { paid_fen: paidSoFar } = await one<{ paid_fen: number }>(
      t,
      sql`select paid_fen from engagements where id = ${id}`,
    );
    // Whole parts up to what was owed: nine or ten of them, never past it.
    expect(Math.floor(done.amount_due_fen / part) * part).toBe(paidSoFar);
    const rest = done.amount_due_fen - paidSoFar;
    const final = rest > 0 ? [await step.record(employer.token, rest)] : [];
    expect(expectAnswered([...final, await step.confirm(worker.token)])).toEqual([
      ...final.map(() => 'OK'),
      'OK',
    ]);
    const after = await one<{ paid_fen: number; confirmed_fen: number; recorded: string }>(
      t,
      sql`select paid_fen, confirmed_fen, (select sum(amount_fen) from payments where engagement_id = ${id})::bigint as recorded
        from engagements where id = ${id}`,
    );
    expect(after).toEqual({
      paid_fen: done.amount_due_fen,
      confirmed_fen: done.amount_due_fen,
      recorded: String(done.amount_due_fen),
    });
    expect(await count(t, sql`select count(*) as n from payments where engagement_id = ${id}`)).toBe(
      Math.ceil(done.amount_due_fen / part),
    );
    expect(await count(t, sql`select count(*) as n from disputes where engagement_id = ${id}`)).toBe(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from arrears_cases where engagement_id = ${id} and status = 'OPEN'`,
      ),
    ).toBe(0);
    expect(
      await count(t, sql`select count(*) as n from arrears_cases where engagement_id = ${id}`),
    ).toBeLessThanOrEqual(1);
  });

  it("records a station operator's every step on a walk-in's side of a hire (check-out, pay confirmed, call-off), never the worker's own", async () => {
    const station = await staffedStation(t, { name: '馆驿镇', location: LIANGSHAN, serviceRadiusKm: 20 });
    const employer = await verifiedEmployer(t);
    const walkIn = await registerWalkIn(t, station.operator, '孙大伯', '1962-02-11');
    const [own] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!walkIn || !own) throw new Error('no workers');
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const hires: string[] = [];
    for (const days of [0, 1]) {
      const from = new Date(start.getTime() + days * DAY);
      const gig = await postGig(t, employer.token, {
        skills: ['loading_unloading'],
        headcount: 2,
        startsAt: from.toISOString(),
        endsAt: new Date(from.getTime() + 8 * HOUR).toISOString(),
      });
      const applied = await t.gql<{ applyToGig: { id: string } }>(
        'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id } }',
        { g: gig.id, w: walkIn },
        station.operator,
      );
      await t.gql(
        'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
        { a: applied.data?.applyToGig.id },
        employer.token,
      );
      hires.push((await one<{ id: string }>(t, sql`select id from engagements where gig_id = ${gig.id}`)).id);
    }
    const [worked, calledOff] = hires as [string, string];
    const ownHire = await hireThroughApplication(t, employer.token, own, 1);
    await coverHires(t);

    const steps = [
      await t.gql(
        'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "孙大伯家里有事") { id } }',
        { e: calledOff },
        station.operator,
      ),
    ];
    clock.advance(start.getTime() - clock.now().getTime());
    const CHECK_IN = 'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }';
    steps.push(
      await t.gql(CHECK_IN, { e: worked, at: LIANGSHAN }, station.operator),
      await t.gql(CHECK_IN, { e: ownHire, at: LIANGSHAN }, own.token),
    );
    clock.advance(8 * HOUR);
    const CHECK_OUT = 'mutation ($e: ID!) { checkOut(engagementId: $e) { id } }';
    steps.push(
      await t.gql(CHECK_OUT, { e: worked }, station.operator),
      await t.gql(CHECK_OUT, { e: ownHire }, own.token),
      await t.gql(RECORD, { e: worked, a: 20_000 }, employer.token),
      await t.gql(RECORD, { e: ownHire, a: 20_000 }, employer.token),
      await t.gql(CONFIRM, { e: worked }, station.operator),
      await t.gql(CONFIRM, { e: ownHire }, own.token),
    );
    expect(expectAnswered(steps)).toEqual(Array(steps.length).fill('OK'));

    const logged = (await t.app.db.execute(sql`
      select subject_id, actor_account_id, actor_role, details->>'step' as step, details->>'workerId' as worker
      from audit_log where action = 'ACTED_FOR_WALK_IN' and subject_id in (${worked}, ${calledOff}, ${ownHire})
      order by id`)) as unknown as Record<string, string>[];
    const operatorId = station.operatorId;
    expect(logged).toEqual([
      {
        subject_id: calledOff,
        actor_account_id: operatorId,
        actor_role: 'STATION_OPERATOR',
        step: 'cancelEngagement',
        worker: walkIn,
      },
      {
        subject_id: worked,
        actor_account_id: operatorId,
        actor_role: 'STATION_OPERATOR',
        step: 'checkOut',
        worker: walkIn,
      },
      {
        subject_id: worked,
        actor_account_id: operatorId,
        actor_role: 'STATION_OPERATOR',
        step: 'confirmPayment',
        worker: walkIn,
      },
    ]);
    // The check-in keeps its own record of who made it.
    expect(
      (
        await one<{ by: string }>(
          t,
          sql`select checked_in_by_account_id as by from engagements where id = ${worked}`,
        )
      ).by,
    ).toBe(operatorId);
  });
});
