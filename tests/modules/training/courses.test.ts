import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { adminToken, registerWorker } from '../../support/people.js';
import { textsTo } from '../../support/sms.js';
import { connectSocket } from '../../support/sockets.js';
import {
  courseInput,
  dayAhead,
  enrolDirectly,
  POST_COURSE,
  type Provider,
  postCourse,
  registerProvider,
  takenOrder,
  verifiedProvider,
} from '../../support/training-courses.js';

type Problem = { field: string; message: string };

let t: TestApp;
let baseUrl: string;
let school: Provider;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  school = await verifiedProvider(t);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

const courseCount = async () => {
  const [row] = (await t.app.db.execute(sql`select count(*)::int as n from courses`)) as unknown as {
    n: number;
  }[];
  return row?.n ?? 0;
};

/** Posts a course that must be refused; returns the problems by field, and checks nothing was written. */
async function refused(overrides: Record<string, unknown>, token = school.token) {
  const before = await courseCount();
  const { data, errors } = await t.gql(POST_COURSE, { input: courseInput(overrides) }, token);
  expect(data).toBeNull();
  expect(await courseCount()).toBe(before);
  const error = errors?.[0];
  const problems = (error?.extensions?.problems ?? []) as Problem[];
  return { code: error?.extensions?.code, fields: problems.map((p) => p.field), problems };
}

describe('posting a course', () => {
  it('is refused to a provider the bureau has not verified yet', async () => {
    const waiting = await registerProvider(t);
    const answer = await refused({}, waiting.token);
    expect(answer.code).toBe('PROVIDER_NOT_VERIFIED');
  });

  it('names every wrong field at once, in Chinese, and writes nothing', async () => {
    const answer = await refused({
      title: '焊工',
      description: '很'.repeat(2001),
      address: '梁山',
      subsidySource: null,
      feeFen: 100,
      startsOn: dayAhead(-1),
      endsOn: dayAhead(-2),
      hours: 0,
      seats: 501,
      regionCode: '370800',
      location: { lat: 116.09, lng: 35.79 },
    });
    expect(answer.code).toBe('BAD_USER_INPUT');
    expect(answer.fields).toEqual([
      'title',
      'description',
      'address',
      'subsidySource',
      'feeFen',
      'startsOn',
      'endsOn',
      'hours',
      'seats',
      'regionCode',
      'location',
    ]);
    const said = Object.fromEntries(answer.problems.map((p) => [p.field, p.message]));
    expect(said.title).toContain('4 到 60 个字');
    expect(said.feeFen).toContain('填 0');
    expect(said.startsOn).toContain('不能早于今天');
  });

  it('needs the 特种作业操作证 for a special-operation trade, and only there', async () => {
    expect((await refused({ certificate: null })).fields).toEqual(['certificate']);
    expect((await refused({ certificate: 'SKILL_LEVEL', targetLevel: 3 })).fields).toEqual(['certificate']);
    const baby = { skillCode: 'infant_care', title: '育婴员职业技能培训班' };
    const wrong = await refused({ ...baby, certificate: 'SPECIAL_OPERATION' });
    expect(wrong.fields).toEqual(['certificate']);
    expect(wrong.problems[0]?.message).toContain('育婴不是特种作业');
    expect((await refused({ ...baby, certificate: 'SKILL_LEVEL' })).fields).toEqual(['targetLevel']);
    expect((await refused({ ...baby, certificate: 'SKILL_LEVEL', targetLevel: 6 })).fields).toEqual([
      'targetLevel',
    ]);
    expect((await refused({ ...baby, certificate: null, targetLevel: 2 })).fields).toEqual(['targetLevel']);
    expect((await refused({ skillCode: 'no_such_trade' })).fields).toEqual(['skillCode']);
  });

  it('checks the subsidy, the fee and the days against the market clock', async () => {
    expect((await refused({ subsidised: false, feeFen: 50_000 })).fields).toEqual(['subsidySource']);
    expect((await refused({ subsidised: false, subsidySource: null, feeFen: -1 })).fields).toEqual([
      'feeFen',
    ]);
    expect((await refused({ enrolBy: dayAhead(30) })).fields).toEqual(['enrolBy']);
    expect((await refused({ enrolBy: dayAhead(-1) })).fields).toEqual(['enrolBy']);
    expect((await refused({ startsOn: '2026-02-30' })).fields).toEqual(['startsOn']);
    expect((await refused({ language: 'KLINGON' })).code).toBe('BAD_USER_INPUT');
  });

  it('posts a subsidised welding course, closing enrolment the day before it starts', async () => {
    const course = await postCourse(t, school.token, { seats: 24 });
    expect(course).toMatchObject({
      status: 'OPEN',
      subsidised: true,
      feeFen: 0,
      seats: 24,
      enrolled: 0,
      seatsLeft: 24,
      certificate: 'SPECIAL_OPERATION',
      targetLevel: null,
      enrolBy: dayAhead(6),
      skill: { code: 'welder' },
      region: { code: '370832' },
      provider: { id: school.id, verified: true },
      order: null,
    });
    const mine = await t.gql<{ myCourses: { id: string }[] }>('{ myCourses { id } }', {}, school.token);
    expect(mine.data?.myCourses.map((c) => c.id)).toContain(course.id);
    // Written to the outbox in the same transaction, and sent to the `courses` index after commit.
    await t.app.outbox.drain();
    const indexed = await t.app.meili.index('courses').getDocument(course.id);
    expect(indexed).toMatchObject({
      id: course.id,
      skills: ['welder'],
      skillNames: ['焊工'],
      regionCodes: ['370832', '370800', '370000'],
      status: 'OPEN',
      subsidised: true,
      seatsLeft: 24,
      startsOn: Number(dayAhead(7).replaceAll('-', '')),
      providerId: school.id,
    });
  });

  it('lets a course starting today take enrolments today', async () => {
    const today = marketDay(new Date());
    const course = await postCourse(t, school.token, { startsOn: today });
    expect(course.enrolBy).toBe(today);
  });

  it('fills a training order the provider took, in the same trade, once', async () => {
    const employer = await verifiedEmployer(t);
    const orderId = await takenOrder(t, school, employer.id);
    const course = await postCourse(t, school.token, { orderId });
    expect(course.order).toEqual({ id: orderId });
    const [order] = (await t.app.db.execute(
      sql`select course_id from training_orders where id = ${orderId}`,
    )) as unknown as { course_id: string }[];
    expect(order?.course_id).toBe(course.id);

    expect((await refused({ orderId })).problems[0]?.message).toContain('已经有课程');
    const other = await takenOrder(t, school, employer.id, 'electrician');
    expect((await refused({ orderId: other })).fields).toEqual(['orderId']);
    const someoneElses = await takenOrder(t, await verifiedProvider(t), employer.id);
    expect((await refused({ orderId: someoneElses })).fields).toEqual(['orderId']);
    expect((await refused({ orderId: 'not-an-id' })).fields).toEqual(['orderId']);
  });
});

describe('calling a course off', () => {
  const CANCEL = `mutation ($c: ID!, $r: String!) { cancelCourse(courseId: $c, reason: $r) { id status } }`;

  it('tells each learner by socket and SMS, is audited, and frees its order', async () => {
    const employer = await verifiedEmployer(t);
    const orderId = await takenOrder(t, school, employer.id);
    const course = await postCourse(t, school.token, { orderId });
    const learner = await registerWorker(t);
    await enrolDirectly(t, course.id, learner.id);
    const socket = await connectSocket(baseUrl, { token: learner.token });
    sockets.push(socket);
    const told: Record<string, unknown>[] = [];
    socket.on('course:cancelled', (payload: Record<string, unknown>) => told.push(payload));

    const other = await verifiedProvider(t);
    expect(
      (await t.gql(CANCEL, { c: course.id, r: '场地检修' }, other.token)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    const noReason = await t.gql(CANCEL, { c: course.id, r: ' ' }, school.token);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const { data } = await t.gql<{ cancelCourse: { status: string } }>(
      CANCEL,
      { c: course.id, r: '实训场地检修，改期另行通知' },
      school.token,
    );
    expect(data?.cancelCourse.status).toBe('CANCELLED');
    await expect.poll(() => told.length).toBe(1);
    expect(told[0]).toMatchObject({
      courseId: course.id,
      title: '电焊工特种作业培训班',
      reason: '实训场地检修，改期另行通知',
    });
    expect(String(told[0]?.message)).toContain('已取消');
    await expect
      .poll(() => textsTo(t, learner.phone).filter((text) => text.includes('电焊工特种作业培训班')).length)
      .toBe(1);

    const audit = (await t.app.db.execute(
      sql`select action from audit_log where subject_id = ${course.id}`,
    )) as unknown as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['COURSE_CANCELLED']);
    const [order] = (await t.app.db.execute(
      sql`select course_id from training_orders where id = ${orderId}`,
    )) as unknown as { course_id: string | null }[];
    expect(order?.course_id).toBeNull();

    const again = await t.gql(CANCEL, { c: course.id, r: '再取消一次' }, school.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe("a course's learners", () => {
  const ENROLMENTS = 'query ($id: ID!) { course(id: $id) { enrolments { id status } } }';

  it('are listed for its provider and admins, refused to another provider', async () => {
    const course = await postCourse(t, school.token);
    const learner = await registerWorker(t);
    await enrolDirectly(t, course.id, learner.id);
    const own = await t.gql<{ course: { enrolments: { status: string }[] } }>(
      ENROLMENTS,
      { id: course.id },
      school.token,
    );
    expect(own.data?.course.enrolments).toEqual([{ id: expect.any(String), status: 'ENROLLED' }]);
    const admin = await t.gql<{ course: { enrolments: unknown[] } }>(
      ENROLMENTS,
      { id: course.id },
      await adminToken(t),
    );
    expect(admin.data?.course.enrolments).toHaveLength(1);
    const other = await verifiedProvider(t);
    const refusedList = await t.gql(ENROLMENTS, { id: course.id }, other.token);
    expect(refusedList.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
