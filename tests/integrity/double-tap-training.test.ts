import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, count, expectAnswered, one, sql, TAPS } from '../support/double-tap.js';
import { ASK_FOR_HELP, RECORD_FOLLOW_UP, staffedStation } from '../support/followup.js';
import { verifiedEmployer } from '../support/gigs.js';
import { seedWorkers, testClock } from '../support/hiring.js';
import { adminToken } from '../support/people.js';
import {
  ATTENDANCE,
  courseDesk,
  dayAfter,
  ENROL,
  insertCourse,
  RESULTS,
  type TestProvider,
  trainingProvider,
  WITHDRAW,
} from '../support/training-enrolments.js';

/**
 * Training and follow-up buttons pressed several times at once: a learner's 报名 and 退课, the
 * provider's register and results, an employer's order, a worker asking for help, an operator's
 * record of a call. Each press is answered by name, and seats, registers and requests are counted
 * once.
 */
describe('double taps on training and follow-up', () => {
  const clock = testClock();
  let t: TestApp;
  let provider: TestProvider;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { MUTATION_RATE_LIMIT: '100000', STATION_MUTATION_RATE_LIMIT: '100000' },
    });
    provider = await trainingProvider(t);
  });
  afterAll(() => t.close());

  it('takes one seat per learner, and gives it back once', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const courseId = await insertCourse(t, provider.id, { startsOn: dayAfter(t, 5), endsOn: dayAfter(t, 9) });
    const enrols = await burst(TAPS, () => t.gql(ENROL, { c: courseId }, worker.token));
    expect(expectAnswered(enrols)).toEqual(Array(TAPS).fill('OK'));
    expect(await count(t, sql`select enrolled as n from courses where id = ${courseId}`)).toBe(1);
    const { id: enrolmentId } = await one<{ id: string }>(
      t,
      sql`select id from course_enrolments where course_id = ${courseId} and worker_id = ${worker.id}`,
    );
    const withdrawals = await burst(TAPS, () => t.gql(WITHDRAW, { e: enrolmentId }, worker.token));
    expectAnswered(withdrawals);
    expect(await count(t, sql`select enrolled as n from courses where id = ${courseId}`)).toBe(0);
    expect(
      await count(
        t,
        sql`select count(*) as n from course_enrolments where course_id = ${courseId} and status <> 'WITHDRAWN'`,
      ),
    ).toBe(0);
  });

  it('cancels a course once, its learners told once', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const courseId = await insertCourse(t, provider.id, { startsOn: dayAfter(t, 5), endsOn: dayAfter(t, 9) });
    await t.gql(ENROL, { c: courseId }, worker.token);
    const cancels = await burst(TAPS, () =>
      t.gql(
        'mutation ($c: ID!) { cancelCourse(courseId: $c, reason: "报名人数不足") { id status } }',
        { c: courseId },
        provider.token,
      ),
    );
    expectAnswered(cancels);
    expect(
      await count(t, sql`select count(*) as n from courses where id = ${courseId} and status = 'CANCELLED'`),
    ).toBe(1);
  });

  it("records a day's register and a learner's result once", async () => {
    const workers = await seedWorkers(t, 2);
    const desk = courseDesk(t, clock, provider);
    const { courseId, enrolments, courseDays } = await desk.runningCourse(workers);
    const day = courseDays[0] as string;
    const entries = enrolments.map((enrolmentId) => ({ enrolmentId, present: true }));
    const registers = await burst(TAPS, () =>
      t.gql(ATTENDANCE, { c: courseId, d: day, e: entries }, provider.token),
    );
    expect(expectAnswered(registers)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(
        t,
        sql`select count(*) as n from course_attendance a join course_enrolments e on e.id = a.enrolment_id where e.course_id = ${courseId}`,
      ),
    ).toBe(2);
    await desk.attendAll(courseId, courseDays.slice(1), enrolments);
    const results = enrolments.map((enrolmentId) => ({ enrolmentId, passed: false, score: 40 }));
    const recorded = await burst(TAPS, () => t.gql(RESULTS, { c: courseId, r: results }, provider.token));
    expectAnswered(recorded);
    expect(
      await count(t, sql`select count(*) as n from courses where id = ${courseId} and status = 'COMPLETED'`),
    ).toBe(1);
  });

  it('places, takes and cancels a training order once', async () => {
    const employer = await verifiedEmployer(t);
    const input = {
      skillCode: 'bricklayer',
      targetLevel: 3,
      headcount: 5,
      dueOn: dayAfter(t, 40),
      regionCode: '370832',
      priorityDays: 30,
    };
    const placed = await t.gql<{ placeTrainingOrder: { id: string } }>(
      'mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id } }',
      { i: input },
      employer.token,
    );
    const orderId = placed.data?.placeTrainingOrder.id;
    const takes = await burst(TAPS, () =>
      t.gql(
        'mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id status } }',
        { o: orderId },
        provider.token,
      ),
    );
    expectAnswered(takes);
    expect(
      await count(
        t,
        sql`select count(*) as n from training_orders where id = ${orderId} and status = 'TAKEN'`,
      ),
    ).toBe(1);
    const cancels = await burst(TAPS, () =>
      t.gql(
        'mutation ($o: ID!) { cancelTrainingOrder(orderId: $o) { id status } }',
        { o: orderId },
        employer.token,
      ),
    );
    expect(expectAnswered(cancels)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(
        t,
        sql`select count(*) as n from audit_log where action = 'TRAINING_ORDER_CANCELLED' and subject_id = ${orderId}`,
      ),
    ).toBe(1);
  });

  it('keeps one open request for help, and sets training wishes once', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const asks = await burst(TAPS, () => t.gql(ASK_FOR_HELP, { n: '想找离家近的活' }, worker.token));
    expect(expectAnswered(asks)).toEqual(Array(TAPS).fill('OK'));
    expect(await count(t, sql`select count(*) as n from help_requests where worker_id = ${worker.id}`)).toBe(
      1,
    );

    const wishes = await burst(TAPS, () =>
      t.gql(
        'mutation { setMyTrainingWishes(skillCodes: ["welder", "bricklayer"]) { skill { code } } }',
        {},
        worker.token,
      ),
    );
    expect(expectAnswered(wishes)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(t, sql`select count(*) as n from training_wishes where worker_id = ${worker.id}`),
    ).toBe(2);
  });

  it("answers an operator's repeated record of a call, and an admin's repeated setting", async () => {
    const station = await staffedStation(t, {
      name: '韩垓镇',
      location: { lat: 35.85, lng: 116.15 },
      serviceRadiusKm: 30,
    });
    const [worker] = await seedWorkers(t, 1, { priorityGroups: ['LOW_INCOME'] });
    if (!worker) throw new Error('no worker');
    const records = await burst(TAPS, () =>
      t.gql(
        RECORD_FOLLOW_UP,
        { i: { workerId: worker.id, channel: 'CALL', outcome: 'NOT_REACHED' } },
        station.operator,
      ),
    );
    expectAnswered(records);
    const admin = await adminToken(t);
    const settings = await burst(TAPS, () =>
      t.gql('mutation { setFollowUpIdleDays(regionCode: "370832", days: 20) { days } }', {}, admin),
    );
    expect(expectAnswered(settings)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(t, sql`select count(*) as n from follow_up_region_settings where region_code = '370832'`),
    ).toBe(1);
  });
});
