import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import {
  courseDesk,
  RESULTS,
  refusalOf,
  rows,
  type TestProvider,
  trainingProvider,
} from '../../support/training-enrolments.js';

/**
 * Two providers record passes with the same certificate number at the same moment, on their own
 * courses: one certificate, and the other provider told which entry's number is taken.
 */
describe('one certificate number raced by two providers', () => {
  const clock = testClock();
  let t: TestApp;
  let a: TestProvider;
  let b: TestProvider;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    a = await trainingProvider(t);
    b = await trainingProvider(t, { name: '嘉祥县技工学校' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issues it once; the loser is refused on its entry’s certificateNumber and nothing of its batch is written', async () => {
    const [wa, wb] = await seedWorkers(t, 2, { operationCertificate: false });
    if (!wa || !wb) throw new Error('no workers');
    const deskA = courseDesk(t, clock, a);
    const deskB = courseDesk(t, clock, b);
    // Both courses run over the same days: the first is set up, then the clock goes back for the second.
    const courseA = await deskA.runningCourse([wa]);
    await deskA.attendAll(courseA.courseId, courseA.courseDays, courseA.enrolments);
    clock.advance(-7 * 86_400_000);
    const courseB = await deskB.runningCourse([wb]);
    await deskB.attendAll(courseB.courseId, courseB.courseDays, courseB.enrolments);

    const pass = (provider: TestProvider, course: { courseId: string; enrolments: string[] }) =>
      t.gql(
        RESULTS,
        {
          c: course.courseId,
          r: [
            {
              enrolmentId: course.enrolments[0],
              passed: true,
              score: 90,
              certificateNumber: 'RACE-2026-0001',
            },
          ],
        },
        provider.token,
      );
    const answers = await Promise.all([pass(a, courseA), pass(b, courseB)]);
    const won = answers.filter((x) => !x.errors);
    const lost = answers.filter((x) => x.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const refusal = refusalOf(lost[0] ?? {});
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.problems.map((p) => p.field)).toEqual(['results[0].certificateNumber']);
    expect(
      await rows(t, sql`select count(*)::int as n from worker_certificates where number = 'RACE-2026-0001'`),
    ).toEqual([{ n: 1 }]);
    const statuses = await rows(
      t,
      sql`select status from course_enrolments where id in (${courseA.enrolments[0]}, ${courseB.enrolments[0]}) order by status`,
    );
    expect(statuses).toEqual([{ status: 'ENROLLED' }, { status: 'PASSED' }]);
  });
});
