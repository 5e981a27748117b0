import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { certificateDesk } from '../../support/certificate-desk.js';
import { testClock } from '../../support/hiring.js';
import { registerWorker } from '../../support/people.js';
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
} from '../../support/training-enrolments.js';

const DAY = 86_400_000;
const ERASE = 'mutation { deleteMyAccount(password: "worker-pass-1") }';

/**
 * A hostile walk through erasure (PIPL art. 47) in the middle of a course: the erased person's
 * seat must not stay taken, and the provider must not be able to issue them a certificate after
 * the erasure deleted theirs.
 */
describe('a learner erased mid-course', () => {
  const clock = testClock();
  let t: TestApp;
  let provider: TestProvider;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    provider = await trainingProvider(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const courseRow = async (id: string) =>
    (await rows(t, sql`select enrolled, status from courses where id = ${id}`))[0];
  const enrolmentRow = async (id: string) =>
    (
      await rows(
        t,
        sql`select status, withdrawn_at is not null as withdrawn from course_enrolments where id = ${id}`,
      )
    )[0];

  it('gives the seat back when a learner erases their account before the course starts', async () => {
    const courseId = await insertCourse(t, provider.id, { seats: 1 });
    const leaver = await registerWorker(t);
    const waiting = await registerWorker(t);
    const enrolled = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, leaver.token);
    expect(enrolled.errors).toBeUndefined();
    const enrolmentId = enrolled.data?.enrolInCourse.id ?? '';
    expect(await courseRow(courseId)).toEqual({ enrolled: 1, status: 'OPEN' });

    const erased = await t.gql(ERASE, {}, leaver.token);
    expect(erased.errors).toBeUndefined();

    // The erased person holds no seat: the enrolment is withdrawn and the count given back.
    expect(await enrolmentRow(enrolmentId)).toEqual({ status: 'WITHDRAWN', withdrawn: true });
    expect(await courseRow(courseId)).toEqual({ enrolled: 0, status: 'OPEN' });
    const next = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, waiting.token);
    expect(next.errors).toBeUndefined();
    expect(await courseRow(courseId)).toEqual({ enrolled: 1, status: 'OPEN' });
  });

  it('issues no certificate to a learner erased after attending, and lets the course complete without them', async () => {
    const desk = courseDesk(t, clock, provider);
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 3),
      endsOn: dayAfter(t, 4),
      enrolBy: dayAfter(t, 2),
    });
    const leaver = await registerWorker(t, {}, { operationCertificate: false });
    const stayer = await registerWorker(t, {}, { operationCertificate: false });
    const ids: string[] = [];
    for (const w of [leaver, stayer]) {
      const answer = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token);
      expect(answer.errors).toBeUndefined();
      ids.push(answer.data?.enrolInCourse.id ?? '');
    }
    const [leaverEnrolment, stayerEnrolment] = ids;
    clock.advance(4 * DAY); // the course's last day
    await desk.attendAll(courseId, [dayAfter(t, -1), dayAfter(t, 0)], ids);

    const erased = await t.gql(ERASE, {}, leaver.token);
    expect(erased.errors).toBeUndefined();
    expect(await enrolmentRow(leaverEnrolment ?? '')).toEqual({ status: 'WITHDRAWN', withdrawn: true });
    // The register of the days they came stays, a record of what happened.
    expect(
      await rows(
        t,
        sql`select count(*)::int as n from course_attendance where enrolment_id = ${leaverEnrolment}`,
      ),
    ).toEqual([{ n: 2 }]);

    // The provider tries to pass the erased learner with a certificate: refused, naming the entry.
    const both = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [
          { enrolmentId: leaverEnrolment, passed: true, score: 90, certificateNumber: 'T3708320001' },
          { enrolmentId: stayerEnrolment, passed: true, score: 88, certificateNumber: 'T3708320002' },
        ],
      },
      provider.token,
    );
    const refusal = refusalOf(both);
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.problems.map((p) => p.field)).toEqual(['results[0].enrolmentId']);
    expect(
      await rows(t, sql`select count(*)::int as n from worker_certificates where worker_id = ${leaver.id}`),
    ).toEqual([{ n: 0 }]);

    // The stayer's pass alone completes the course: nobody waits for a result any more.
    const stayerOnly = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: stayerEnrolment, passed: true, score: 88, certificateNumber: 'T3708320002' }],
      },
      provider.token,
    );
    expect(stayerOnly.errors).toBeUndefined();
    expect((await courseRow(courseId))?.status).toBe('COMPLETED');
    expect(
      await rows(t, sql`select count(*)::int as n from worker_certificates where worker_id = ${leaver.id}`),
    ).toEqual([{ n: 0 }]);
  });
  it('completes a started course when the only learner still waiting is erased', async () => {
    const desk = courseDesk(t, clock, provider);
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 3),
      endsOn: dayAfter(t, 4),
      enrolBy: dayAfter(t, 2),
    });
    const leaver = await registerWorker(t, {}, { operationCertificate: false });
    const stayer = await registerWorker(t, {}, { operationCertificate: false });
    const ids: string[] = [];
    for (const w of [stayer, leaver]) {
      const answer = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token);
      ids.push(answer.data?.enrolInCourse.id ?? '');
    }
    clock.advance(4 * DAY);
    await desk.attendAll(courseId, [dayAfter(t, -1), dayAfter(t, 0)], ids);
    const first = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: ids[0], passed: true, score: 80, certificateNumber: 'T3708320101' }],
      },
      provider.token,
    );
    expect(first.errors).toBeUndefined();
    expect((await courseRow(courseId))?.status).toBe('OPEN');

    expect((await t.gql(ERASE, {}, leaver.token)).errors).toBeUndefined();
    expect(await courseRow(courseId)).toEqual({ enrolled: 1, status: 'COMPLETED' });
    expect(
      await rows(t, sql`select status from course_enrolments where course_id = ${courseId} order by status`),
    ).toEqual([{ status: 'PASSED' }, { status: 'WITHDRAWN' }]);
  });

  it('lets no operator enrol an erased walk-in of their station', async () => {
    const station = await certificateDesk(t, clock);
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 30),
      endsOn: dayAfter(t, 31),
      enrolBy: dayAfter(t, 29),
    });
    const walkIn = await registerWorker(t);
    await t.app.db.execute(
      sql`update workers set registered_at_station_id = ${station.stationId} where id = ${walkIn.id}`,
    );
    expect((await t.gql(ERASE, {}, walkIn.token)).errors).toBeUndefined();

    const enrolled = await t.gql(ENROL, { c: courseId, w: walkIn.id }, station.operator);
    expect(refusalOf(enrolled).code).toBe('NOT_FOUND');
    // Nor write down what the erased person would learn (培训意愿): it would be personal data again.
    const wishes = await t.gql(
      'mutation ($s: [ID!]!, $w: ID) { setMyTrainingWishes(skillCodes: $s, workerId: $w) { skill { code } } }',
      { s: ['welder'], w: walkIn.id },
      station.operator,
    );
    expect(refusalOf(wishes).code).toBe('NOT_FOUND');
    expect(await rows(t, sql`select 1 from training_wishes where worker_id = ${walkIn.id}`)).toHaveLength(0);
    expect(await rows(t, sql`select 1 from course_enrolments where worker_id = ${walkIn.id}`)).toHaveLength(
      0,
    );
    expect(await courseRow(courseId)).toEqual({ enrolled: 0, status: 'OPEN' });
  });
  it('lets a graduate erase their account: the certificate goes, the PASSED enrolment stays without it', async () => {
    const desk = courseDesk(t, clock, provider);
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 3),
      endsOn: dayAfter(t, 4),
      enrolBy: dayAfter(t, 2),
    });
    const graduate = await registerWorker(t, {}, { operationCertificate: false });
    const answer = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, graduate.token);
    const enrolmentId = answer.data?.enrolInCourse.id ?? '';
    clock.advance(4 * DAY);
    await desk.attendAll(courseId, [dayAfter(t, -1), dayAfter(t, 0)], [enrolmentId]);
    const passed = await t.gql(
      RESULTS,
      { c: courseId, r: [{ enrolmentId, passed: true, score: 91, certificateNumber: 'T3708320201' }] },
      provider.token,
    );
    expect(passed.errors).toBeUndefined();
    expect(
      await rows(t, sql`select count(*)::int as n from worker_certificates where worker_id = ${graduate.id}`),
    ).toEqual([{ n: 1 }]);

    const erased = await t.gql(ERASE, {}, graduate.token);
    expect(erased.errors).toBeUndefined();
    expect(
      await rows(t, sql`select count(*)::int as n from worker_certificates where worker_id = ${graduate.id}`),
    ).toEqual([{ n: 0 }]);
    expect(
      await rows(
        t,
        sql`select status, score, certificate_id from course_enrolments where id = ${enrolmentId}`,
      ),
    ).toEqual([{ status: 'PASSED', score: 91, certificate_id: null }]);
    expect(
      await rows(
        t,
        sql`select deleted_at is not null as gone from accounts where id = ${graduate.accountId}`,
      ),
    ).toEqual([{ gone: true }]);
  });
  it('leaves an erased person no seat when their enrolments race the erasure', async () => {
    const racer = await registerWorker(t);
    const courseIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      courseIds.push(
        await insertCourse(t, provider.id, {
          startsOn: dayAfter(t, 100 + 3 * i),
          endsOn: dayAfter(t, 101 + 3 * i),
          enrolBy: dayAfter(t, 99),
        }),
      );
    }
    const answers = await Promise.all([
      ...courseIds.map((c) => t.gql(ENROL, { c }, racer.token)),
      t.gql(ERASE, {}, racer.token),
    ]);
    expect(answers.at(-1)?.errors).toBeUndefined();
    // Each enrolment was decided before the erasure (a seat, then given back) or after it (refused
    // as an unknown worker): none lost a deadlock to it (an INTERNAL_SERVER_ERROR).
    for (const answer of answers.slice(0, -1)) {
      if (answer.errors) expect(refusalOf(answer).code).toBe('NOT_FOUND');
    }
    expect(
      await rows(
        t,
        sql`select count(*)::int as n from course_enrolments where worker_id = ${racer.id} and status = 'ENROLLED'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await rows(
        t,
        sql`select count(*)::int as n from courses c where c.id in ${courseIds}
              and c.enrolled <> (select count(*) from course_enrolments e where e.course_id = c.id and e.status = 'ENROLLED')`,
      ),
    ).toEqual([{ n: 0 }]);
  });
});
