import { sql } from 'drizzle-orm';
import { marketDay } from '../../src/time.js';
import type { TestApp } from './app.js';
import { testNow } from './clock-at.js';
import { adminToken, creditCodeFor, uniquePhone, withPhoneCode } from './people.js';

/** 梁山县: the provider's school, and a village of the county (拳铺镇 way) about 9 km off. */
export const SCHOOL = { lat: 35.79, lng: 116.09 };
export const VILLAGE = { lat: 35.86, lng: 116.14 };

export const REGISTER_PROVIDER = `mutation ($input: RegisterTrainingProviderInput!) {
  registerTrainingProvider(input: $input) { token account { id role } }
}`;

export const POST_COURSE = `mutation ($input: PostCourseInput!) {
  postCourse(input: $input) { id title status subsidised subsidySource feeFen startsOn endsOn enrolBy hours
    seats enrolled seatsLeft certificate targetLevel language address location { lat lng }
    skill { code } region { code } provider { id name verified } order { id } }
}`;

export function providerInput(overrides: Record<string, unknown> = {}) {
  return {
    phone: uniquePhone(),
    password: 'provider-pass-1',
    name: '梁山县职业技能培训学校',
    creditCode: creditCodeFor(),
    regionCode: '370832',
    location: SCHOOL,
    ...overrides,
  };
}

export type Provider = { token: string; accountId: string; id: string; phone: string };

/** A training provider registered through the API (with the code texted to its phone). */
export async function registerProvider(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<Provider> {
  const input = await withPhoneCode(t, providerInput(overrides));
  const { data, errors } = await t.gql<{
    registerTrainingProvider: { token: string; account: { id: string } };
  }>(REGISTER_PROVIDER, { input });
  if (!data?.registerTrainingProvider)
    throw new Error(`registerTrainingProvider failed: ${JSON.stringify(errors)}`);
  const { token, account } = data.registerTrainingProvider;
  const mine = await t.gql<{ myTrainingProvider: { id: string } }>(
    '{ myTrainingProvider { id } }',
    {},
    token,
  );
  const id = mine.data?.myTrainingProvider.id;
  if (!id) throw new Error(`myTrainingProvider failed: ${JSON.stringify(mine.errors)}`);
  return { token, accountId: account.id, id, phone: input.phone };
}

/** A provider the bureau has verified, ready to post courses. */
export async function verifiedProvider(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<Provider> {
  const provider = await registerProvider(t, overrides);
  const { errors } = await t.gql(
    'mutation ($id: ID!) { verifyTrainingProvider(providerId: $id) { id verified } }',
    { id: provider.id },
    await adminToken(t),
  );
  if (errors) throw new Error(`verifyTrainingProvider failed: ${JSON.stringify(errors)}`);
  return provider;
}

/** The market day `days` after today's (by the app's clock, or now). */
export const dayAhead = (days: number, now = testNow()) =>
  marketDay(new Date(now.getTime() + days * 86_400_000));

/** A valid subsidised welding course (电焊, 特种作业) at 梁山县, starting in a week. */
export function courseInput(overrides: Record<string, unknown> = {}, now = testNow()) {
  return {
    title: '电焊工特种作业培训班',
    description: '熔化焊接与热切割作业，理论加实操，考试合格取得特种作业操作证。',
    skillCode: 'welder',
    certificate: 'SPECIAL_OPERATION',
    subsidised: true,
    subsidySource: '梁山县职业技能提升专项资金',
    feeFen: 0,
    startsOn: dayAhead(7, now),
    endsOn: dayAhead(21, now),
    hours: 96,
    regionCode: '370832',
    address: '梁山县拳铺镇职业技能培训学校实训楼',
    location: SCHOOL,
    seats: 30,
    language: 'MANDARIN',
    ...overrides,
  };
}

export type PostedCourse = { id: string; seatsLeft: number; enrolBy: string; [key: string]: unknown };

export async function postCourse(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const { data, errors } = await t.gql<{ postCourse: PostedCourse }>(
    POST_COURSE,
    { input: courseInput(overrides) },
    token,
  );
  if (!data?.postCourse) throw new Error(`postCourse failed: ${JSON.stringify(errors)}`);
  return data.postCourse;
}

/**
 * A learner on a course, written straight into the tables as enrolInCourse (another part of the
 * training work) would: the enrolment and the course's count, and the course sent to the index.
 */
export async function enrolDirectly(t: TestApp, courseId: string, workerId: string): Promise<void> {
  await t.app.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into course_enrolments (course_id, worker_id, enrolled_at) values (${courseId}, ${workerId}, now())`,
    );
    await tx.execute(
      sql`update courses set enrolled = enrolled + 1, updated_at = now() where id = ${courseId}`,
    );
    await tx.execute(sql`insert into outbox (topic, entity_id) values ('courses', ${courseId})`);
  });
}

/** A training order the provider has taken, written straight in (ordered training is another part). */
export async function takenOrder(
  t: TestApp,
  provider: { id: string },
  employerId: string,
  skillCode = 'welder',
): Promise<string> {
  const rows = (await t.app.db.execute(sql`insert into training_orders
      (employer_id, skill_code, headcount, due_on, region_code, priority_days, status, provider_id, taken_at, created_at)
      values (${employerId}, ${skillCode}, 10, ${dayAhead(60)}, '370832', 30, 'TAKEN', ${provider.id}, now(), now())
      returning id`)) as unknown as { id: string }[];
  const id = rows[0]?.id;
  if (!id) throw new Error('no training order written');
  return id;
}
