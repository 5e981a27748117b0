import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { seedWorkers } from '../../support/hiring.js';
import { ENROL, insertCourse, rows, trainingProvider } from '../../support/training-enrolments.js';

type Answer = {
  data?: { enrolInCourse: { id: string } } | null;
  errors?: { extensions?: { code?: string } }[];
};

/**
 * Seats are never over-sold (docs/training.md, "Enrolment and results"): the conditional UPDATE of
 * `courses.enrolled` under the course's row lock, backed by the check `courses_seats`, on two API
 * nodes sharing one database.
 */
describe('racing for the seats of a course', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ sameDatabaseAs: a });
  });
  afterAll(async () => {
    await Promise.all([b?.close(), a?.close()]);
  });

  it('seats exactly 30 of 200 workers enrolling at the same moment on two nodes; 170 hear COURSE_FULL', async () => {
    const provider = await trainingProvider(a);
    const courseId = await insertCourse(a, provider.id, { seats: 30 });
    const workers = await seedWorkers(a, 200, { skills: [{ code: 'bricklayer', level: 2 }] });

    const answers = (await Promise.all(
      workers.map((w, i) => (i % 2 === 0 ? a : b).gql(ENROL, { c: courseId }, w.token)),
    )) as Answer[];

    const seated = answers.filter((x) => x.data?.enrolInCourse.id);
    const codes = answers.flatMap((x) => (x.errors ?? []).map((e) => e.extensions?.code));
    expect(seated).toHaveLength(30);
    expect(codes).toHaveLength(170);
    expect(new Set(codes)).toEqual(new Set(['COURSE_FULL']));

    const [course] = await rows(a, sql`select enrolled, seats from courses where id = ${courseId}`);
    expect(course).toEqual({ enrolled: 30, seats: 30 });
    const stored = await rows(
      a,
      sql`select worker_id, status from course_enrolments where course_id = ${courseId} order by worker_id`,
    );
    expect(stored).toHaveLength(30);
    expect(stored.every((r) => r.status === 'ENROLLED')).toBe(true);
    // The 30 rows are the 30 who were told they had a seat.
    const winners = workers
      .filter((_, i) => answers[i]?.data?.enrolInCourse.id)
      .map((w) => w.id)
      .sort();
    expect(stored.map((r) => r.worker_id)).toEqual(winners);
  });

  it('gives one worker enrolling five times at once one seat, and the same enrolment in every answer', async () => {
    const provider = await trainingProvider(a);
    const courseId = await insertCourse(a, provider.id, {
      seats: 10,
      startsOn: '2099-01-05',
      endsOn: '2099-01-06',
    });
    const [worker] = await seedWorkers(a, 1, { skills: [{ code: 'bricklayer', level: 2 }] });
    if (!worker) throw new Error('no worker');

    const answers = (await Promise.all(
      Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? a : b).gql(ENROL, { c: courseId }, worker.token)),
    )) as Answer[];

    expect(answers.flatMap((x) => x.errors ?? [])).toEqual([]);
    const ids = new Set(answers.map((x) => x.data?.enrolInCourse.id));
    expect(ids.size).toBe(1);
    const [course] = await rows(a, sql`select enrolled from courses where id = ${courseId}`);
    expect(course).toEqual({ enrolled: 1 });
    expect(await rows(a, sql`select id from course_enrolments where course_id = ${courseId}`)).toEqual([
      { id: [...ids][0] },
    ]);
  });
});
