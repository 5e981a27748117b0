import type { TestApp } from './app.js';
import { testNow } from './clock-at.js';
import { adminToken, registerEmployer } from './people.js';

const HOUR = 3_600_000;

/** 梁山县's seat, and a point about 10 km to its north-east. */
export const LIANGSHAN = { lat: 35.802, lng: 116.096 };

export const POST_GIG = `mutation ($input: PostGigInput!) {
  postGig(input: $input) { id status hourlyFen payFen payUnit headcount filled title startsAt endsAt
    employer { id name } skills { code name } region { code name } location { lat lng } }
}`;

/** A valid gig a day and a half ahead, 08:00–17:00 market time, 200 元 a day for welders at 梁山县. */
export function gigInput(overrides: Record<string, unknown> = {}, now = testNow()) {
  const day = new Date(now.getTime() + 36 * HOUR);
  day.setUTCHours(0, 0, 0, 0); // 08:00 in Asia/Shanghai
  return {
    title: '钢结构厂房电焊工',
    description: '厂房钢梁焊接，需自带焊工证，工地提供午饭。',
    skills: ['welder'],
    headcount: 3,
    startsAt: day.toISOString(),
    endsAt: new Date(day.getTime() + 9 * HOUR).toISOString(),
    regionCode: '370832',
    address: '梁山县拳铺镇工业园区8号',
    location: LIANGSHAN,
    payFen: 20_000,
    payUnit: 'DAY',
    payDueDays: 3,
    ...overrides,
  };
}

/** An employer the bureau has verified, ready to post. */
export async function verifiedEmployer(t: TestApp, overrides: Record<string, unknown> = {}) {
  const employer = await registerEmployer(t, overrides);
  const { errors } = await t.gql(
    'mutation ($id: ID!) { verifyEmployer(employerId: $id) { id } }',
    { id: employer.id },
    await adminToken(t),
  );
  if (errors) throw new Error(`verifyEmployer failed: ${JSON.stringify(errors)}`);
  return employer;
}

export type PostedGig = { id: string; status: string; hourlyFen: number; [key: string]: unknown };

export async function postGig(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const { data, errors } = await t.gql<{ postGig: PostedGig }>(
    POST_GIG,
    { input: gigInput(overrides) },
    token,
  );
  if (!data?.postGig) throw new Error(`postGig failed: ${JSON.stringify(errors)}`);
  return data.postGig;
}
