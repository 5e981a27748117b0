import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import {
  courseDesk,
  dayAfter,
  ENROL,
  insertCourse,
  RESULTS,
  refusalOf,
  rows,
  type TestProvider,
  trainingProvider,
  WITHDRAW,
} from '../../support/training-enrolments.js';
import { orderCourse } from '../../support/training-orders.js';

const DAY = 86_400_000;

/**
 * A dishonest or careless provider, worker and employer against the register, the results and
 * ordered training, through the API; the tables checked after each move.
 */
describe('hostile moves on results and enrolments', () => {
  const clock = testClock();
  let t: TestApp;
  let provider: TestProvider;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { TRAINING_ORDER_SWEEP_MS: '86400000' } });
    provider = await trainingProvider(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const certificatesOf = (workerId: string) =>
    rows(t, sql`select number, level from worker_certificates where worker_id = ${workerId} order by number`);

  it('records a result once: neither a fail after a pass nor a second pass with a second certificate', async () => {
    const desk = courseDesk(t, clock, provider);
    const [w] = await seedWorkers(t, 1, { operationCertificate: false });
    if (!w) throw new Error('no worker');
    const { courseId, enrolments, courseDays } = await desk.runningCourse([w]);
    await desk.attendAll(courseId, courseDays, enrolments);
    const pass = (number: string, passed = true) =>
      t.gql(
        RESULTS,
        {
          c: courseId,
          r: [{ enrolmentId: enrolments[0], passed, score: 90, certificateNumber: passed ? number : null }],
        },
        provider.token,
      );
    expect((await pass('W-0001-A')).errors).toBeUndefined();
    const before = await desk.fingerprint(courseId);
    for (const again of [await pass('W-0001-B'), await pass('', false)]) {
      const refusal = refusalOf(again);
      expect(refusal.code).toBe('BAD_USER_INPUT');
      expect(refusal.problems.map((p) => p.field)).toContain('results[0].enrolmentId');
    }
    expect(await desk.fingerprint(courseId)).toEqual(before);
    expect((await certificatesOf(w.id)).map((c) => c.number)).toEqual(['W-0001-A']);
  });

  it('refuses one number for two learners in a batch, and one learner named twice (a pass and a fail)', async () => {
    const desk = courseDesk(t, clock, provider);
    const [a, b] = await seedWorkers(t, 2, { operationCertificate: false });
    if (!a || !b) throw new Error('no workers');
    const { courseId, enrolments, courseDays } = await desk.runningCourse([a, b]);
    await desk.attendAll(courseId, courseDays, enrolments);
    const before = await desk.fingerprint(courseId);
    const sameNumber = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [
          { enrolmentId: enrolments[0], passed: true, score: 90, certificateNumber: 'DUP-2026-01' },
          { enrolmentId: enrolments[1], passed: true, score: 85, certificateNumber: 'DUP-2026-01' },
        ],
      },
      provider.token,
    );
    expect(refusalOf(sameNumber).problems.map((p) => p.field)).toEqual(['results[1].certificateNumber']);
    const twice = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [
          { enrolmentId: enrolments[0], passed: true, score: 90, certificateNumber: 'DUP-2026-02' },
          { enrolmentId: enrolments[0], passed: false, score: 10 },
        ],
      },
      provider.token,
    );
    expect(refusalOf(twice).problems.map((p) => p.field)).toEqual(['results[1].enrolmentId']);
    expect(await desk.fingerprint(courseId)).toEqual(before);
    expect([...(await certificatesOf(a.id)), ...(await certificatesOf(b.id))]).toEqual([]);
  });

  it('refuses a certificate number an operator already recorded, and the register and results of a cancelled course', async () => {
    const desk = courseDesk(t, clock, provider);
    const [w, holder] = await seedWorkers(t, 2, { operationCertificate: false });
    if (!w || !holder) throw new Error('no workers');
    await t.app.db.execute(sql`insert into worker_certificates (worker_id, skill_code, kind, number, issuer, issued_on, expires_on,
        verified_by, verified_at, created_at)
      values (${holder.id}, 'welder', 'SPECIAL_OPERATION', 'OP-777-2026', '济宁市应急管理局', ${dayAfter(t, -30)}, ${dayAfter(t, 2000)},
        'STATION_OPERATOR', now(), now())`);
    const { courseId, enrolments, courseDays } = await desk.runningCourse([w]);
    await desk.attendAll(courseId, courseDays, enrolments);
    const stolen = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: enrolments[0], passed: true, score: 90, certificateNumber: ' OP-777-2026 ' }],
      },
      provider.token,
    );
    expect(refusalOf(stolen).problems.map((p) => p.field)).toEqual(['results[0].certificateNumber']);
    expect(await certificatesOf(w.id)).toEqual([]);

    // The course is cancelled (the provider's cancelCourse, part A): nothing more is recorded on it.
    await t.app.db.execute(sql`update courses set status = 'CANCELLED' where id = ${courseId}`);
    const before = await desk.fingerprint(courseId);
    const attended = await desk.attend(courseId, courseDays[0] ?? '', [
      { enrolmentId: enrolments[0] ?? '', present: false },
    ]);
    expect(refusalOf(attended).problems.map((p) => p.field)).toEqual(['courseId']);
    const results = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: enrolments[0], passed: true, score: 90, certificateNumber: 'OP-778-2026' }],
      },
      provider.token,
    );
    expect(refusalOf(results).problems.map((p) => p.field)).toEqual(['courseId']);
    const enrol = await t.gql(ENROL, { c: courseId }, holder.token);
    expect(refusalOf(enrol).code).toBe('ENROLMENT_CLOSED');
    expect(await desk.fingerprint(courseId)).toEqual(before);
    expect(await certificatesOf(w.id)).toEqual([]);
  });

  it('leaves the level alone on a pass of a course that issues no certificate', async () => {
    const desk = courseDesk(t, clock, provider);
    const [w] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 1 }] });
    if (!w) throw new Error('no worker');
    const { courseId, enrolments, courseDays } = await desk.runningCourse([w], {
      skillCode: 'bricklayer',
      certificate: null,
      targetLevel: 4,
    });
    await desk.attendAll(courseId, courseDays, enrolments);
    const withNumber = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: enrolments[0], passed: true, score: 99, certificateNumber: 'FAKE-0004' }],
      },
      provider.token,
    );
    expect(refusalOf(withNumber).problems.map((p) => p.field)).toEqual(['results[0].certificateNumber']);
    const pass = await t.gql(
      RESULTS,
      { c: courseId, r: [{ enrolmentId: enrolments[0], passed: true, score: 99 }] },
      provider.token,
    );
    expect(pass.errors).toBeUndefined();
    expect(
      await rows(
        t,
        sql`select level, certified from worker_skills where worker_id = ${w.id} and skill_code = 'bricklayer'`,
      ),
    ).toEqual([{ level: 1, certified: false }]);
    expect(await certificatesOf(w.id)).toEqual([]);
  });

  it('enrols the caller only: a worker naming a stranger’s workerId gets their own seat', async () => {
    const [w, stranger] = await seedWorkers(t, 2);
    if (!w || !stranger) throw new Error('no workers');
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 50),
      endsOn: dayAfter(t, 51),
      enrolBy: dayAfter(t, 49),
    });
    const answer = await t.gql<{ enrolInCourse: { worker: { id: string } } }>(
      ENROL,
      { c: courseId, w: stranger.id },
      w.token,
    );
    expect(answer.data?.enrolInCourse.worker.id).toBe(w.id);
    expect(await rows(t, sql`select worker_id from course_enrolments where course_id = ${courseId}`)).toEqual(
      [{ worker_id: w.id }],
    );
    // Nor can they withdraw the stranger's seat.
    const theirs = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, stranger.token);
    const out = await t.gql(WITHDRAW, { e: theirs.data?.enrolInCourse.id }, w.token);
    expect(refusalOf(out).code).toBe('NOT_FOUND');
    expect(await rows(t, sql`select enrolled from courses where id = ${courseId}`)).toEqual([
      { enrolled: 2 },
    ]);
  });

  it('keeps the seat count true when one worker withdraws and re-enrols many times at once', async () => {
    const [w, other] = await seedWorkers(t, 2);
    if (!w || !other) throw new Error('no workers');
    const courseId = await insertCourse(t, provider.id, {
      seats: 2,
      startsOn: dayAfter(t, 60),
      endsOn: dayAfter(t, 61),
      enrolBy: dayAfter(t, 59),
    });
    const first = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token);
    const id = first.data?.enrolInCourse.id;
    await Promise.all([
      ...Array.from({ length: 6 }, () => t.gql(WITHDRAW, { e: id }, w.token)),
      ...Array.from({ length: 6 }, () => t.gql(ENROL, { c: courseId }, w.token)),
    ]);
    await t.gql(ENROL, { c: courseId }, other.token);
    const [count] = await rows(
      t,
      sql`select c.enrolled, (select count(*)::int from course_enrolments e where e.course_id = c.id and e.status = 'ENROLLED') as live
          from courses c where c.id = ${courseId}`,
    );
    expect(count?.enrolled).toBe(count?.live);
    expect(
      Number(
        (
          await rows(
            t,
            sql`select count(*)::int as n from course_enrolments where worker_id = ${w.id} and course_id = ${courseId} and status = 'ENROLLED'`,
          )
        )[0]?.n,
      ),
    ).toBeLessThanOrEqual(1);
  });

  it('puts no graduate of a cancelled order on the employer’s roster', async () => {
    const desk = courseDesk(t, clock, provider);
    const employer = await verifiedEmployer(t);
    const placed = await t.gql<{ placeTrainingOrder: { id: string } }>(
      `mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id } }`,
      {
        i: {
          skillCode: 'bricklayer',
          targetLevel: 3,
          headcount: 5,
          dueOn: dayAfter(t, 40),
          regionCode: '370832',
          priorityDays: 30,
        },
      },
      employer.token,
    );
    const orderId = placed.data?.placeTrainingOrder.id ?? '';
    expect(
      (
        await t.gql(
          'mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id } }',
          { o: orderId },
          provider.token,
        )
      ).errors,
    ).toBeUndefined();
    const courseId = await orderCourse(
      t,
      { id: orderId, providerId: provider.id, skillCode: 'bricklayer', targetLevel: 3 },
      { startsInDays: 3, days: 1 },
    );
    const [w] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 2 }] });
    if (!w) throw new Error('no worker');
    const enrolled = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token);
    const enrolmentId = enrolled.data?.enrolInCourse.id ?? '';
    const cancelled = await t.gql<{ cancelTrainingOrder: { status: string } }>(
      'mutation ($o: ID!) { cancelTrainingOrder(orderId: $o) { status } }',
      { o: orderId },
      employer.token,
    );
    expect(cancelled.data?.cancelTrainingOrder.status).toBe('CANCELLED');
    clock.advance(4 * DAY);
    const days = [dayAfter(t, -1), dayAfter(t, 0)];
    await desk.attendAll(courseId, days, [enrolmentId]);
    const passed = await t.gql(
      RESULTS,
      { c: courseId, r: [{ enrolmentId, passed: true, score: 88, certificateNumber: 'BR-3-0099' }] },
      provider.token,
    );
    expect(passed.errors).toBeUndefined();
    expect(await t.app.services.trainingOrders.sweep()).toBe(0);
    expect(await rows(t, sql`select status from training_orders where id = ${orderId}`)).toEqual([
      { status: 'CANCELLED' },
    ]);
    expect(await rows(t, sql`select 1 from employer_roster where employer_id = ${employer.id}`)).toEqual([]);
  });
  it('lets no employer cancel an order once its graduates joined the roster', async () => {
    const desk = courseDesk(t, clock, provider);
    const employer = await verifiedEmployer(t);
    const placed = await t.gql<{ placeTrainingOrder: { id: string } }>(
      'mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id } }',
      {
        i: {
          skillCode: 'bricklayer',
          targetLevel: 3,
          headcount: 5,
          dueOn: dayAfter(t, 40),
          regionCode: '370832',
          priorityDays: 30,
        },
      },
      employer.token,
    );
    const orderId = placed.data?.placeTrainingOrder.id ?? '';
    await t.gql(
      'mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id } }',
      { o: orderId },
      provider.token,
    );
    const courseId = await orderCourse(
      t,
      { id: orderId, providerId: provider.id, skillCode: 'bricklayer', targetLevel: 3 },
      { startsInDays: 3, days: 1 },
    );
    const [w] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 2 }] });
    if (!w) throw new Error('no worker');
    const enrolled = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token);
    const enrolmentId = enrolled.data?.enrolInCourse.id ?? '';
    clock.advance(4 * DAY);
    await desk.attendAll(courseId, [dayAfter(t, -1), dayAfter(t, 0)], [enrolmentId]);
    const passed = await t.gql(
      RESULTS,
      { c: courseId, r: [{ enrolmentId, passed: true, score: 88, certificateNumber: 'BR-3-0100' }] },
      provider.token,
    );
    expect(passed.errors).toBeUndefined();
    const roster = () =>
      rows(
        t,
        sql`select worker_id, training_order_id, priority_until is not null as ends from employer_roster where employer_id = ${employer.id}`,
      );
    expect(await roster()).toEqual([{ worker_id: w.id, training_order_id: orderId, ends: true }]);

    const cancel = await t.gql(
      'mutation ($o: ID!) { cancelTrainingOrder(orderId: $o) { status } }',
      { o: orderId },
      employer.token,
    );
    expect(refusalOf(cancel).code).toBe('BAD_USER_INPUT');
    expect(await rows(t, sql`select status from training_orders where id = ${orderId}`)).toEqual([
      { status: 'FULFILLED' },
    ]);
    expect(await roster()).toEqual([{ worker_id: w.id, training_order_id: orderId, ends: true }]);
  });
});
