import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken, creditCodeFor, uniquePhone, withPhoneCode } from '../../support/people.js';
import { connectSocket } from '../../support/sockets.js';
import { ATTENDANCE, dayAfter, ENROL, RESULTS, refusalOf, rows } from '../../support/training-enrolments.js';

// Every qualified welder is offered the gig at once, so the test sees exactly who qualifies.
const ENV = { OFFER_FAN_OUT: '100', OFFER_SWEEP_MS: '60000', GIG_SWEEP_MS: '3600000' };
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A village of 梁山县 some 4 km from the training school. */
const VILLAGE = { lat: 35.77, lng: 116.07 };

const REGISTER = `mutation ($i: RegisterTrainingProviderInput!) { registerTrainingProvider(input: $i) { token } }`;
const ME = '{ myTrainingProvider { id verified } }';
const VERIFY = 'mutation ($p: ID!) { verifyTrainingProvider(providerId: $p) { id verified } }';
const POST = 'mutation ($i: PostCourseInput!) { postCourse(input: $i) { id seats seatsLeft status } }';
const SEARCH = `query ($s: CourseSearch) {
  courses(search: $s, first: 10) { totalCount degraded edges { distanceKm node { id title subsidised seatsLeft } } }
}`;
const COURSE = 'query ($c: ID!) { course(id: $c) { enrolled seatsLeft status } }';
const PLACE = 'mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id status } }';
const TAKE = 'mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id status } }';
const ORDERS = `query { trainingOrders { id status headcount course { id }
  progress { enrolled passed failed onRoster } } }`;

/**
 * Issue 27's walk, through GraphQL and sockets on real PostgreSQL and Meilisearch: a provider
 * verified → a subsidised welding course posted and found by 电焊培训 near a village → 200 workers
 * racing for its 30 seats → the register, passes and certificates → the graduates (and not an
 * uncertified welder) are offered a welding gig that needs the 特种作业操作证 → an employer's ordered
 * training fills its roster, whose members get its next instant gig first.
 */
describe('from a training course to work', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  /** Offers each worker's socket receives. */
  async function listen(workers: { id: string; token: string }[]) {
    const received = new Map<string, string[]>();
    for (const worker of workers) {
      const socket = await connectSocket(baseUrl, { token: worker.token });
      sockets.push(socket);
      received.set(worker.id, []);
      socket.on('offer', (payload: { gigId: string }, ack?: () => void) => {
        received.get(worker.id)?.push(payload.gigId);
        ack?.();
      });
    }
    return received;
  }

  /** The provider keeps the register for every day of the course and records a pass for each learner. */
  async function teach(
    token: string,
    courseId: string,
    days: string[],
    enrolmentIds: string[],
    prefix: string,
  ) {
    for (const day of days) {
      const register = await t.gql(
        ATTENDANCE,
        { c: courseId, d: day, e: enrolmentIds.map((enrolmentId) => ({ enrolmentId, present: true })) },
        token,
      );
      expect(register.errors).toBeUndefined();
    }
    const results = await t.gql<{
      recordCourseResults: { status: string; certificate: { valid: boolean } }[];
    }>(
      RESULTS,
      {
        c: courseId,
        r: enrolmentIds.map((enrolmentId, i) => ({
          enrolmentId,
          passed: true,
          score: 80 + (i % 20),
          certificateNumber: `${prefix}${String(i).padStart(4, '0')}`,
        })),
      },
      token,
    );
    expect(results.errors).toBeUndefined();
    expect(results.data?.recordCourseResults.every((e) => e.status === 'PASSED' && e.certificate.valid)).toBe(
      true,
    );
  }

  const courseInput = (overrides: Record<string, unknown> = {}) => ({
    title: '电焊工特种作业（焊接与热切割）培训班',
    description: '理论加实操，考核合格发特种作业操作证。',
    skillCode: 'welder',
    certificate: 'SPECIAL_OPERATION',
    subsidised: true,
    subsidySource: '梁山县职业技能提升专项资金',
    feeFen: 0,
    startsOn: dayAfter(t, 1),
    endsOn: dayAfter(t, 2),
    hours: 16,
    regionCode: '370832',
    address: '梁山县职业教育中心实训楼',
    location: LIANGSHAN,
    seats: 30,
    language: 'MANDARIN',
    ...overrides,
  });

  it('walks a provider, a course, a race for its seats, certificates, offers and an ordered training', async () => {
    // A provider registers; until the bureau verifies it, it posts nothing.
    const registration = await withPhoneCode(t, {
      phone: uniquePhone(),
      password: 'provider-pass-1',
      name: '梁山县职业技能培训学校',
      creditCode: creditCodeFor(),
      regionCode: '370832',
      location: LIANGSHAN,
    });
    const registered = await t.gql<{ registerTrainingProvider: { token: string } }>(REGISTER, {
      i: registration,
    });
    const provider = registered.data?.registerTrainingProvider.token ?? '';
    expect(registered.errors).toBeUndefined();
    const me = await t.gql<{ myTrainingProvider: { id: string; verified: boolean } }>(ME, {}, provider);
    expect(me.data?.myTrainingProvider.verified).toBe(false);
    expect(refusalOf(await t.gql(POST, { i: courseInput() }, provider)).code).toBe('PROVIDER_NOT_VERIFIED');
    expect(await rows(t, sql`select id from courses`)).toEqual([]);
    const admin = await adminToken(t);
    const verified = await t.gql<{ verifyTrainingProvider: { verified: boolean } }>(
      VERIFY,
      { p: me.data?.myTrainingProvider.id },
      admin,
    );
    expect(verified.data?.verifyTrainingProvider.verified).toBe(true);

    // A subsidised welding course of 30 seats, found by 电焊培训 near a village (not a 育婴 course).
    const posted = await t.gql<{ postCourse: { id: string } }>(POST, { i: courseInput() }, provider);
    expect(posted.errors).toBeUndefined();
    const courseId = posted.data?.postCourse.id ?? '';
    const other = await t.gql(
      POST,
      {
        i: courseInput({
          title: '育婴员培训班',
          description: '婴幼儿照护',
          skillCode: 'infant_care',
          certificate: 'SKILL_LEVEL',
          targetLevel: 1,
        }),
      },
      provider,
    );
    expect(other.errors).toBeUndefined();
    await t.app.outbox.drain();
    const found = await t.gql<{
      courses: { degraded: boolean; edges: { distanceKm: number; node: { id: string } }[] };
    }>(SEARCH, { s: { q: '电焊培训', near: { ...VILLAGE, radiusKm: 20 }, subsidised: true } });
    expect(found.data?.courses.degraded).toBe(false);
    expect(found.data?.courses.edges.map((e) => e.node.id)).toEqual([courseId]);
    expect(found.data?.courses.edges[0]?.distanceKm).toBeGreaterThan(2);

    // 200 welders without a 特种作业操作证 race for the 30 seats: exactly 30 win.
    const welders = await seedWorkers(t, 200, {
      skills: [{ code: 'welder', level: 2 }],
      operationCertificate: false,
      near: VILLAGE,
    });
    const answers = await Promise.all(
      welders.map((w) => t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token)),
    );
    const won = welders.filter((_w, i) => answers[i]?.data?.enrolInCourse);
    expect(won).toHaveLength(30);
    expect(answers.filter((a) => a.errors).map((a) => refusalOf(a).code)).toEqual(
      Array(170).fill('COURSE_FULL'),
    );
    expect(await rows(t, sql`select enrolled, seats from courses where id = ${courseId}`)).toEqual([
      { enrolled: 30, seats: 30 },
    ]);
    expect(
      await rows(
        t,
        sql`select count(*)::int as n from course_enrolments where course_id = ${courseId} and status = 'ENROLLED'`,
      ),
    ).toEqual([{ n: 30 }]);
    const enrolmentIds = answers.flatMap((a) => (a.data?.enrolInCourse ? [a.data.enrolInCourse.id] : []));
    const shown = await t.gql<{ course: { seatsLeft: number } }>(COURSE, { c: courseId });
    expect(shown.data?.course.seatsLeft).toBe(0);

    // The two course days, the register and a pass each: 30 certificates, the course COMPLETED.
    const days = [dayAfter(t, 1), dayAfter(t, 2)];
    clock.advance(3 * DAY);
    await teach(provider, courseId, days, enrolmentIds, 'T3708322027');
    expect(await rows(t, sql`select status from courses where id = ${courseId}`)).toEqual([
      { status: 'COMPLETED' },
    ]);
    await t.app.outbox.drain();

    // A welding gig that needs the 操作证: offered to the 30 graduates, to none of the 170 others.
    const graduate = won[0];
    const uncertified = welders.find((w) => !won.includes(w));
    if (!graduate || !uncertified) throw new Error('no graduate or no uncertified welder');
    const received = await listen([graduate, uncertified]);
    const employer = await verifiedEmployer(t);
    const start = new Date(`${dayAfter(t, 1)}T08:00:00+08:00`);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['welder'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();
    const offered = new Set((await offerRows(t, gig.id)).map((o) => o.worker_id));
    expect(offered).toEqual(new Set(won.map((w) => w.id)));
    await expect.poll(() => received.get(graduate.id)).toEqual([gig.id]);
    expect(received.get(uncertified.id)).toEqual([]);

    // Ordered training: the employer orders 2 welders, the provider takes it and posts its course,
    // two of the welders who lost the race learn there, and graduate onto the employer's roster.
    const order = await t.gql<{ placeTrainingOrder: { id: string } }>(
      PLACE,
      {
        i: {
          skillCode: 'welder',
          headcount: 2,
          dueOn: dayAfter(t, 20),
          regionCode: '370832',
          priorityDays: 30,
        },
      },
      employer.token,
    );
    expect(order.errors).toBeUndefined();
    const orderId = order.data?.placeTrainingOrder.id ?? '';
    expect((await t.gql(TAKE, { o: orderId }, provider)).errors).toBeUndefined();
    const orderCourse = await t.gql<{ postCourse: { id: string } }>(
      POST,
      { i: courseInput({ title: '订单式电焊工培训班', seats: 2, orderId }) },
      provider,
    );
    expect(orderCourse.errors).toBeUndefined();
    const orderCourseId = orderCourse.data?.postCourse.id ?? '';
    const learners = welders.filter((w) => !won.includes(w)).slice(0, 2);
    const seats = await Promise.all(
      learners.map((w) => t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: orderCourseId }, w.token)),
    );
    const seatIds = seats.map((s) => s.data?.enrolInCourse.id ?? '');
    expect(seatIds.every(Boolean)).toBe(true);
    const orderDays = [dayAfter(t, 1), dayAfter(t, 2)];
    clock.advance(3 * DAY);
    await teach(provider, orderCourseId, orderDays, seatIds, 'T3708322028');

    const orders = await t.gql<{
      trainingOrders: { id: string; status: string; progress: { passed: number; onRoster: number } }[];
    }>(ORDERS, {}, admin);
    expect(orders.data?.trainingOrders.find((o) => o.id === orderId)).toMatchObject({
      status: 'FULFILLED',
      progress: { passed: 2, onRoster: 2 },
    });
    const roster = await t.gql<{ myRoster: { id: string }[] }>('{ myRoster { id } }', {}, employer.token);
    expect(new Set(roster.data?.myRoster.map((w) => w.id))).toEqual(new Set(learners.map((w) => w.id)));

    // The employer's next instant welding gig goes to its roster first.
    await t.app.outbox.drain();
    const next = new Date(`${dayAfter(t, 1)}T08:00:00+08:00`);
    const rosterGig = await postGig(t, employer.token, {
      instant: true,
      headcount: 2,
      skills: ['welder'],
      startsAt: next.toISOString(),
      endsAt: new Date(next.getTime() + 9 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();
    const firstWave = (await offerRows(t, rosterGig.id)).filter((o) => o.wave === 1);
    expect(new Set(firstWave.map((o) => o.worker_id))).toEqual(new Set(learners.map((w) => w.id)));
    expect(firstWave.every((o) => o.tier === 'ROSTER')).toBe(true);
  });
});
