import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';
import { creditCodeFor } from './people.js';

/**
 * What the shortage report reads of the other parts of training (courses, training wishes), written
 * straight to their tables: the API that makes them is built by other parts of issue 27.
 */
export async function trainingProvider(t: TestApp, regionCode = '370832'): Promise<string> {
  const accountId = randomUUID();
  const providerId = randomUUID();
  await t.app.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into accounts (id, role, display_name) values (${accountId}, 'TRAINING_PROVIDER', '梁山县职业培训学校')`,
    );
    await tx.execute(sql`insert into training_providers (id, account_id, name, credit_code, region_code, lat, lng, verified_at)
      values (${providerId}, ${accountId}, '梁山县职业培训学校', ${creditCodeFor()}, ${regionCode}, 35.8, 116.1, now())`);
  });
  return providerId;
}

/** An open (or cancelled) course of `seats` with `enrolled` taken, starting on `startsOn`. */
export async function insertCourse(
  t: TestApp,
  providerId: string,
  course: {
    skillCode: string;
    regionCode: string;
    startsOn: string;
    seats: number;
    enrolled?: number;
    status?: 'OPEN' | 'CANCELLED' | 'COMPLETED';
  },
): Promise<string> {
  const id = randomUUID();
  const status = course.status ?? 'OPEN';
  await t.app.db.execute(sql`insert into courses (id, provider_id, title, description, skill_code, certificate,
      subsidised, subsidy_source, fee_fen, starts_on, ends_on, hours, enrol_by, region_code, address, lat, lng,
      seats, enrolled, language, status, cancelled_at, cancel_reason, created_at, updated_at)
    values (${id}, ${providerId}, '培训班', '补贴性职业技能培训', ${course.skillCode}, null, true, '就业补助资金', 0,
      ${course.startsOn}::date, ${course.startsOn}::date + 10, 80, ${course.startsOn}::date - 1, ${course.regionCode},
      '培训学校', 35.8, 116.1, ${course.seats}, ${course.enrolled ?? 0}, 'MANDARIN', ${status},
      ${status === 'CANCELLED' ? sql`now()` : null}, ${status === 'CANCELLED' ? '报名人数不足' : null}, now(), now())`);
  return id;
}

/** Training wishes (培训意愿) of workers, one row per worker and trade. */
export async function insertWishes(
  t: TestApp,
  workerIds: readonly string[],
  skillCode: string,
): Promise<void> {
  for (const workerId of workerIds) {
    await t.app.db.execute(sql`insert into training_wishes (worker_id, skill_code, source, created_at)
      values (${workerId}, ${skillCode}, 'SELF', now())`);
  }
}
