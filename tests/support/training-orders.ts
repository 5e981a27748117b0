import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { marketDay } from '../../src/time.js';
import type { TestApp } from './app.js';
import { LIANGSHAN } from './gigs.js';

const DAY = 86_400_000;

/** Providers are written straight to the tables by the one fixture (tests/support/training-enrolments.ts). */
export { type TestProvider, trainingProvider } from './training-enrolments.js';

/**
 * The course a provider posts for an order it took (part A's postCourse(orderId)), written
 * straight to the tables: the course names the order and the order names the course.
 */
export async function orderCourse(
  t: TestApp,
  order: { id: string; providerId: string; skillCode: string; targetLevel: number | null },
  { startsInDays = 5, days = 10 }: { startsInDays?: number; days?: number } = {},
): Promise<string> {
  const id = randomUUID();
  const now = t.app.clock.now();
  const startsOn = marketDay(new Date(now.getTime() + startsInDays * DAY));
  const endsOn = marketDay(new Date(now.getTime() + (startsInDays + days) * DAY));
  const enrolBy = marketDay(new Date(now.getTime() + (startsInDays - 1) * DAY));
  const certificate = order.targetLevel === null ? 'SPECIAL_OPERATION' : 'SKILL_LEVEL';
  await t.app.db.execute(sql`insert into courses (id, provider_id, title, description, skill_code, target_level,
      certificate, subsidised, subsidy_source, fee_fen, starts_on, ends_on, hours, enrol_by, region_code, address,
      lat, lng, seats, language, order_id, created_at, updated_at)
    values (${id}, ${order.providerId}, '订单式焊工培训班', '企业订单培训，结业进企业熟练工名单。', ${order.skillCode},
      ${order.targetLevel}, ${certificate}, true, '县职业技能提升专项资金', 0, ${startsOn}, ${endsOn}, 80, ${enrolBy},
      '370832', '梁山县拳铺镇职业培训中心', ${LIANGSHAN.lat}, ${LIANGSHAN.lng}, 30, 'MANDARIN', ${order.id},
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`);
  await t.app.db.execute(sql`update training_orders set course_id = ${id} where id = ${order.id}`);
  return id;
}

/**
 * Learners on a course with their results, and the course COMPLETED, as part B's
 * recordCourseResults leaves them: `results` maps a worker to PASSED, FAILED, ENROLLED or WITHDRAWN.
 */
export async function courseResults(
  t: TestApp,
  courseId: string,
  results: Record<string, 'PASSED' | 'FAILED' | 'ENROLLED' | 'WITHDRAWN'>,
  { complete = true }: { complete?: boolean } = {},
): Promise<void> {
  const at = t.app.clock.now().toISOString();
  await t.app.db.transaction(async (tx) => {
    for (const [workerId, status] of Object.entries(results)) {
      await tx.execute(sql`insert into course_enrolments (course_id, worker_id, status, enrolled_at, score, result_recorded_at)
        values (${courseId}, ${workerId}, ${status}, ${at}::timestamptz,
                ${status === 'PASSED' ? 85 : status === 'FAILED' ? 40 : null},
                ${status === 'PASSED' || status === 'FAILED' ? at : null}::timestamptz)`);
    }
    const live = Object.values(results).filter((s) => s !== 'WITHDRAWN').length;
    await tx.execute(sql`update courses set enrolled = ${live} where id = ${courseId}`);
    if (complete) {
      await tx.execute(
        sql`update courses set status = 'COMPLETED', completed_at = ${at}::timestamptz where id = ${courseId}`,
      );
    }
  });
}
