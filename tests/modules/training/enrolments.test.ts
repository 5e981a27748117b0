import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { type CertificateDesk, certificateDesk } from '../../support/certificate-desk.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import { connectSocket, waitFor } from '../../support/sockets.js';
import {
  dayAfter,
  ENROL,
  insertCourse,
  rows,
  type TestProvider,
  trainingProvider,
  WITHDRAW,
} from '../../support/training-enrolments.js';

type Enrolled = { enrolInCourse: { id: string; status: string; course: { id: string; enrolled: number } } };

const DAY = 86_400_000;

/** Enrolment (docs/training.md, "Enrolment and results"): through GraphQL, checked in the tables. */
describe('enrolling in a course', () => {
  const clock = testClock();
  let t: TestApp;
  let provider: TestProvider;
  let desk: CertificateDesk;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    provider = await trainingProvider(t);
    desk = await certificateDesk(t, clock);
    // The tests count the outbox rows a change writes; a running dispatcher would send and delete
    // them at any moment, so it stays stopped (nothing here reads the search index).
    await t.app.outbox.stop();
  });
  afterAll(async () => {
    await t?.close();
  });

  const courseRow = async (id: string) =>
    (await rows(t, sql`select enrolled, seats, status from courses where id = ${id}`))[0];
  const outboxOf = async (id: string) =>
    Number(
      (
        await rows(
          t,
          sql`select count(*)::int as n from outbox where topic = 'courses' and entity_id = ${id}`,
        )
      )[0]?.n,
    );

  it('gives a worker a seat, answers the same seat when asked again, and tells the provider', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const courseId = await insertCourse(t, provider.id, { seats: 5 });
    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = await connectSocket(baseUrl, { token: provider.token });
    const told = waitFor<Record<string, unknown>>(socket, 'course:enrolled');

    const first = await t.gql<Enrolled>(ENROL, { c: courseId }, worker.token);
    expect(first.errors).toBeUndefined();
    expect(first.data?.enrolInCourse).toMatchObject({
      status: 'ENROLLED',
      course: { id: courseId, enrolled: 1 },
    });
    const event = await told;
    expect(event).toMatchObject({
      courseId,
      enrolmentId: first.data?.enrolInCourse.id,
      workerId: worker.id,
      enrolled: 1,
      seats: 5,
    });
    expect(String(event.enrolledAt)).toMatch(/\+08:00$/);
    socket.close();

    const again = await t.gql<Enrolled>(ENROL, { c: courseId }, worker.token);
    expect(again.data?.enrolInCourse.id).toBe(first.data?.enrolInCourse.id);
    expect(await courseRow(courseId)).toMatchObject({ enrolled: 1 });
    const stored = await rows(t, sql`select * from course_enrolments where course_id = ${courseId}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      worker_id: worker.id,
      status: 'ENROLLED',
      enrolled_by_account_id: worker.accountId,
      enrolled_at_station_id: null,
    });
    // The seat count changed once: the course went to the search index once.
    expect(await outboxOf(courseId)).toBe(1);

    const mine = await t.gql<{ myEnrolments: { id: string; course: { id: string } }[] }>(
      '{ myEnrolments { id course { id } } }',
      {},
      worker.token,
    );
    expect(mine.data?.myEnrolments).toEqual([{ id: first.data?.enrolInCourse.id, course: { id: courseId } }]);
  });

  it('lists the enrolment and its register in the worker’s data export (PIPL)', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 50),
      endsOn: dayAfter(t, 52),
    });
    const enrolled = await t.gql<Enrolled>(ENROL, { c: courseId }, worker.token);
    const id = enrolled.data?.enrolInCourse.id;
    await t.app.db.execute(sql`insert into course_attendance (enrolment_id, day, present, recorded_at)
      values (${id}, ${dayAfter(t, 50)}, true, now())`);
    const exported = await t.gql<{ exportMyData: { work: { courseEnrolments: Record<string, unknown>[] } } }>(
      '{ exportMyData }',
      {},
      worker.token,
    );
    expect(exported.data?.exportMyData.work.courseEnrolments).toEqual([
      expect.objectContaining({
        id,
        courseId,
        status: 'ENROLLED',
        enrolledAt: expect.stringMatching(/\+08:00$/),
        attendance: [expect.objectContaining({ day: dayAfter(t, 50), present: true })],
      }),
    ]);
  });

  it('refuses in Chinese: a course not found, closed, past its enrolBy day, or full', async () => {
    const [worker, other] = await seedWorkers(t, 2);
    if (!worker || !other) throw new Error('no workers');
    const refusal = async (courseId: string, token = worker.token) => {
      const answer = await t.gql<Enrolled>(ENROL, { c: courseId }, token);
      return { code: answer.errors?.[0]?.extensions?.code, message: answer.errors?.[0]?.message };
    };

    expect(await refusal('00000000-0000-4000-8000-000000000000')).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('没有找到这个培训班'),
    });
    const cancelled = await insertCourse(t, provider.id, { status: 'CANCELLED' });
    expect(await refusal(cancelled)).toEqual({
      code: 'ENROLMENT_CLOSED',
      message: '这个培训班已经取消，不能再报名了。请在「培训」里找别的班次。',
    });
    // Enrolment closed yesterday (market days, by the market clock).
    const late = await insertCourse(t, provider.id, { enrolBy: dayAfter(t, -1), startsOn: dayAfter(t, 1) });
    expect(await refusal(late)).toEqual({
      code: 'ENROLMENT_CLOSED',
      message: `这个培训班的报名截止到 ${dayAfter(t, -1)}，已经过了。请在「培训」里找别的班次。`,
    });
    const tiny = await insertCourse(t, provider.id, {
      seats: 1,
      startsOn: dayAfter(t, 20),
      endsOn: dayAfter(t, 21),
    });
    expect((await t.gql(ENROL, { c: tiny }, other.token)).errors).toBeUndefined();
    expect(await refusal(tiny)).toEqual({
      code: 'COURSE_FULL',
      message: '这个培训班的 1 个名额已经报满了，请在「培训」里选别的班次。',
    });
    expect(await courseRow(tiny)).toMatchObject({ enrolled: 1, seats: 1 });
    expect(await rows(t, sql`select 1 from course_enrolments where worker_id = ${worker.id}`)).toHaveLength(
      0,
    );
  });

  it('refuses a second live course on overlapping days with SCHEDULE_CONFLICT naming it', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const first = await insertCourse(t, provider.id, {
      title: '电工作业培训班',
      skillCode: 'electrician',
      startsOn: dayAfter(t, 10),
      endsOn: dayAfter(t, 14),
      enrolBy: dayAfter(t, 9),
    });
    const clash = await insertCourse(t, provider.id, { startsOn: dayAfter(t, 14), endsOn: dayAfter(t, 16) });
    const after = await insertCourse(t, provider.id, { startsOn: dayAfter(t, 15), endsOn: dayAfter(t, 16) });
    expect((await t.gql(ENROL, { c: first }, worker.token)).errors).toBeUndefined();
    const refused = await t.gql(ENROL, { c: clash }, worker.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('SCHEDULE_CONFLICT');
    expect(refused.errors?.[0]?.message).toBe(
      `您已经报了「电工作业培训班」（${dayAfter(t, 10)} 至 ${dayAfter(t, 14)}），和这个班的日期冲突。请先退出那个班，或选别的班次。`,
    );
    expect(await courseRow(clash)).toMatchObject({ enrolled: 0 });
    // The day after the first course ends is free.
    expect((await t.gql(ENROL, { c: after }, worker.token)).errors).toBeUndefined();
  });

  it('withdraws before the course starts (the seat comes back, idempotent), not once it has started', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 30),
      endsOn: dayAfter(t, 31),
    });
    const enrolled = await t.gql<Enrolled>(ENROL, { c: courseId }, worker.token);
    const id = enrolled.data?.enrolInCourse.id;
    const withdrawn = await t.gql<{ withdrawFromCourse: { id: string; status: string } }>(
      WITHDRAW,
      { e: id },
      worker.token,
    );
    expect(withdrawn.data?.withdrawFromCourse).toEqual({ id, status: 'WITHDRAWN' });
    expect(await courseRow(courseId)).toMatchObject({ enrolled: 0 });
    const twice = await t.gql<{ withdrawFromCourse: { id: string; status: string } }>(
      WITHDRAW,
      { e: id },
      worker.token,
    );
    expect(twice.data?.withdrawFromCourse).toEqual({ id, status: 'WITHDRAWN' });
    expect(await courseRow(courseId)).toMatchObject({ enrolled: 0 });
    expect(await outboxOf(courseId)).toBe(2);

    // Enrolling again after a withdrawal is a new seat; another worker cannot withdraw it.
    const back = await t.gql<Enrolled>(ENROL, { c: courseId }, worker.token);
    expect(back.data?.enrolInCourse.id).not.toBe(id);
    const [stranger] = await seedWorkers(t, 1);
    const notTheirs = await t.gql(WITHDRAW, { e: back.data?.enrolInCourse.id }, stranger?.token);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // The course starts: too late to withdraw, nothing changes.
    clock.advance(30 * DAY);
    const late = await t.gql(WITHDRAW, { e: back.data?.enrolInCourse.id }, worker.token);
    clock.advance(-30 * DAY);
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(late.errors?.[0]?.message).toBe(
      `这个培训班 ${dayAfter(t, 30)} 已经开课，不能再退出了；有事请联系培训机构。`,
    );
    expect(await courseRow(courseId)).toMatchObject({ enrolled: 1 });
  });

  it('lets an operator enrol a walk-in of their station, recorded with who and where; not another station’s worker', async () => {
    const [walkIn, elsewhere] = await seedWorkers(t, 2);
    if (!walkIn || !elsewhere) throw new Error('no workers');
    await t.app.db.execute(
      sql`update workers set registered_at_station_id = ${desk.stationId} where id = ${walkIn.id}`,
    );
    const courseId = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 40),
      endsOn: dayAfter(t, 41),
    });
    const enrolled = await t.gql<Enrolled & { enrolInCourse: { worker: { id: string } } }>(
      ENROL,
      { c: courseId, w: walkIn.id },
      desk.operator,
    );
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.data?.enrolInCourse.worker.id).toBe(walkIn.id);
    const [operator] = await rows(
      t,
      sql`select account_id from station_operators where station_id = ${desk.stationId}`,
    );
    expect(
      (await rows(t, sql`select * from course_enrolments where id = ${enrolled.data?.enrolInCourse.id}`))[0],
    ).toMatchObject({
      worker_id: walkIn.id,
      enrolled_by_account_id: operator?.account_id,
      enrolled_at_station_id: desk.stationId,
    });
    const listed = await t.gql<{ myEnrolments: { id: string }[] }>(
      'query ($w: ID) { myEnrolments(workerId: $w) { id } }',
      { w: walkIn.id },
      desk.operator,
    );
    expect(listed.data?.myEnrolments.map((e) => e.id)).toEqual([enrolled.data?.enrolInCourse.id]);

    const refused = await t.gql(ENROL, { c: courseId, w: elsewhere.id }, desk.operator);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toBe('您只能替在本驿站登记的工人办理。');
    expect(
      await rows(t, sql`select 1 from course_enrolments where worker_id = ${elsewhere.id}`),
    ).toHaveLength(0);
    expect(await courseRow(courseId)).toMatchObject({ enrolled: 1 });

    // The operator withdraws the walk-in; not a worker of another station.
    const out = await t.gql<{ withdrawFromCourse: { status: string } }>(
      WITHDRAW,
      { e: enrolled.data?.enrolInCourse.id },
      desk.operator,
    );
    expect(out.data?.withdrawFromCourse.status).toBe('WITHDRAWN');
    const theirs = await t.gql<Enrolled>(ENROL, { c: courseId }, elsewhere.token);
    const foreign = await t.gql(WITHDRAW, { e: theirs.data?.enrolInCourse.id }, desk.operator);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
