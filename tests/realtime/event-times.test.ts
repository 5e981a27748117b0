import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableTime } from '../../src/i18n/render.js';
import type { ServerEventName } from '../../src/realtime/events.js';
import { toShanghaiIso } from '../../src/time.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { seedWorkers, testClock } from '../support/hiring.js';
import { stationWithKiosk } from '../support/kiosk.js';
import {
  adminToken,
  idNumberFor,
  REGISTER_WORKER,
  registerWorker,
  withPhoneCode,
  workerInput,
} from '../support/people.js';
import { untilTrue } from '../support/sessions.js';
import { connectSocket } from '../support/sockets.js';
import {
  ATTENDANCE,
  trainingProvider as courseProvider,
  dayAfter,
  ENROL,
  insertCourse,
  RESULTS,
} from '../support/training-enrolments.js';
import { courseResults, orderCourse, trainingProvider } from '../support/training-orders.js';

/**
 * One time zone on the sockets: a market walked through every server-to-client event (offers, hires,
 * applications, crews, saved searches, the kiosk board, work and wages, the real-name check,
 * sessions), every payload recorded by real clients, and every date-time in them must be ISO-8601
 * in Asia/Shanghai (+08:00). Every event of the list must be seen: a new one fails this test until
 * the walk covers it (or it is listed here with the reason it is not).
 */
const EVENTS = {
  offer: null,
  'offer:closed': null,
  'engagement:new': null,
  'engagement:cancelled': null,
  'application:new': null,
  'application:decided': null,
  'crew:invited': null,
  'crew:joined': null,
  'gig:alert': null,
  'gig:updated': null,
  'board:upsert': null,
  'board:remove': null,
  'engagement:updated': null,
  'arrears:opened': null,
  'arrears:closed': null,
  'dispute:updated': null,
  'rating:new': null,
  'identity:lost': null,
  'certificate:expiring': null,
  'course:enrolled': null,
  'course:result': null,
  'trainingOrder:fulfilled': null,
  'session:expiring': null,
  'session:expired': null,
  'session:ended': null,
  'course:cancelled':
    'carries no date-time (startsOn is a market day, YYYY-MM-DD); walked in tests/modules/training/courses.test.ts',
  'warning:changed':
    'told by the daily warning job, not by a market walk; its computedAt (+08:00) is checked in tests/modules/warnings/warnings.test.ts',
} satisfies Record<ServerEventName, string | null>;

/** The server-to-client events each domain declares in its `*.events.ts` (not the client's own). */
function declaredEvents(): string[] {
  const names: string[] = [];
  const modules = join(process.cwd(), 'src/modules');
  for (const domain of readdirSync(modules)) {
    let files: string[];
    try {
      files = readdirSync(join(modules, domain)).filter((f) => f.endsWith('.events.ts'));
    } catch {
      continue;
    }
    for (const file of files) {
      const source = readFileSync(join(modules, domain, file), 'utf8');
      for (const [, type, body] of source.matchAll(/export type (\w+Events) = \{([\s\S]*?)\n\};/g)) {
        if (type?.endsWith('ClientEvents')) continue;
        for (const [, name] of (body ?? '').matchAll(/^\s+'?([\w:]+)'?: \(/gm)) if (name) names.push(name);
      }
    }
  }
  return names.sort();
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Every string in a payload that looks like a date-time, with where it was. */
function dateTimes(value: unknown, path: string): { path: string; value: string }[] {
  if (typeof value === 'string') return DATE_TIME.test(value) ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => dateTimes(item, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => dateTimes(item, `${path}.${key}`));
  return [];
}

type Seen = { event: string; payload: unknown; to: string }[];

/** Records every event a socket gets (acking those that ask, as a phone does). */
function record(socket: Socket, seen: Seen, to: string) {
  socket.onAny((event: string, ...args: unknown[]) => {
    seen.push({ event, payload: args[0], to });
    const ack = args.at(-1);
    if (typeof ack === 'function') ack();
  });
  return socket;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;

describe('every socket event, and the time zone of its times', () => {
  const clock = testClock();
  let t: TestApp;
  let short: TestApp;
  let baseUrl: string;
  let shortUrl: string;
  const seen: Seen = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Timers are run by hand with the test's clock.
    t = await createTestApp({
      clock,
      env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000', OFFER_SWEEP_MS: '60000' },
    });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    // Access tokens are checked by the wall clock: a market whose tokens live 5 s tells its sockets.
    short = await createTestApp({
      env: {
        ACCESS_TOKEN_TTL_SECONDS: '5',
        SESSION_EXPIRING_NOTICE_SECONDS: '2',
        SESSION_RENEW_GRACE_SECONDS: '30',
      },
    });
    shortUrl = await short.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([t?.close(), short?.close()]);
  });

  const connect = async (url: string, auth: Record<string, unknown>, to: string) => {
    const socket = await connectSocket(url, auth);
    sockets.push(socket);
    return record(socket, seen, to);
  };
  async function ok<T>(query: string, variables: Record<string, unknown>, token: string, app = t) {
    const response = await app.gql<T>(query, variables, token);
    if (!response.data) throw new Error(`${query.slice(0, 50)} failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }
  /** A day `daysAhead` of the test's clock, 08:00–17:00 market time. */
  const day = (daysAhead: number) => {
    const start = new Date(clock.now().getTime() + daysAhead * DAY);
    start.setUTCHours(0, 0, 0, 0);
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 9 * HOUR).toISOString() };
  };
  const eventually = (event: string, count = 1) =>
    untilTrue(async () => seen.filter((s) => s.event === event).length >= count, 10_000).catch(() => {
      throw new Error(`no ${count} × ${event}; seen: ${[...new Set(seen.map((s) => s.event))].join(', ')}`);
    });

  it('walks the market; every event of the list comes, and every time in it is +08:00', async () => {
    expect(Object.keys(EVENTS).sort()).toEqual(declaredEvents());

    // Sessions, on the market with short tokens: expiring and expired come by themselves.
    const sessionWorker = await registerWorker(short);
    const renewing = await connect(shortUrl, { token: sessionWorker.token }, 'session');

    const admin = await adminToken(t);
    const employer = await verifiedEmployer(t);
    const [a, b] = await seedWorkers(t, 2);
    const [leader, member] = await seedWorkers(t, 2, { skills: [{ code: 'bricklayer', level: 3 }] });
    if (!a || !b || !leader || !member) throw new Error('no workers seeded');
    const station = await stationWithKiosk(t, { location: LIANGSHAN });
    await connect(baseUrl, { token: employer.token }, 'employer');
    await connect(baseUrl, { token: admin }, 'admin');
    await connect(baseUrl, { token: station.token }, 'kiosk');
    const socketA = await connect(baseUrl, { token: a.token }, 'a');
    await connect(baseUrl, { token: b.token }, 'b');
    await connect(baseUrl, { token: leader.token }, 'leader');
    await connect(baseUrl, { token: member.token }, 'member');

    // A saved search meets the instant gig; the gig is on the station's board; A and B get offers.
    await ok(
      'mutation ($s: GigSearch!) { saveSearch(name: "附近焊工", search: $s) { id } }',
      { s: { skills: ['welder'], near: { ...LIANGSHAN, radiusKm: 30 } } },
      a.token,
    );
    const instant = await postGig(t, employer.token, { instant: true, headcount: 1, ...day(2) });
    await eventually('offer', 2);
    await eventually('gig:alert');
    await eventually('board:upsert');
    await untilTrue(async () => seen.some((s) => s.event === 'offer' && s.to === 'a'));
    const offerA = seen.find((s) => s.event === 'offer' && s.to === 'a')?.payload as { offerId: string };
    const accepted = (await socketA
      .timeout(5_000)
      .emitWithAck('offer:accept', { offerId: offerA.offerId })) as {
      ok: boolean;
    };
    expect(accepted, JSON.stringify(accepted)).toMatchObject({ ok: true });
    await eventually('offer:closed'); // B's offer, withdrawn: the seat is taken
    await eventually('board:remove');

    // A listed gig: application, decision, the contract acknowledged.
    const listed = await postGig(t, employer.token, { headcount: 2, payDueDays: 1, ...day(4) });
    const applied = await ok<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
      { g: listed.id },
      a.token,
    );
    await ok(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id } }',
      { a: applied.applyToGig.id },
      employer.token,
    );
    const [hire] = (await t.app.db.execute(
      sql`select id from engagements where application_id = ${applied.applyToGig.id}`,
    )) as unknown as { id: string }[];
    if (!hire) throw new Error('no hire after the application was accepted');
    await ok('mutation ($e: ID!) { acceptContract(engagementId: $e) { id } }', { e: hire.id }, a.token);

    // A crew: invited, joined, offered a gig, taken for both; then the gig is cancelled.
    const crew = await ok<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "韩垓镇瓦工班") { id } }',
      {},
      leader.token,
    );
    const crewId = crew.createCrew.id;
    await ok(
      'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
      { c: crewId, w: member.id },
      leader.token,
    );
    await ok('mutation ($c: ID!) { joinCrew(crewId: $c) { id } }', { c: crewId }, member.token);
    const crewGig = await postGig(t, employer.token, { headcount: 2, skills: ['bricklayer'], ...day(3) });
    const crewOffer = await ok<{ offerGigToCrew: { id: string } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }',
      { g: crewGig.id, c: crewId },
      employer.token,
    );
    await ok(
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id } }',
      { o: crewOffer.offerGigToCrew.id, m: [leader.id, member.id] },
      leader.token,
    );
    await ok(
      'mutation ($g: ID!) { cancelGig(gigId: $g, reason: "甲方工期推迟") { id } }',
      { g: crewGig.id },
      employer.token,
    );

    // The listed hire's day passes: vouched for, rated, unpaid past its date, disputed, paid.
    clock.advance(new Date(day(4).endsAt).getTime() + 3 * HOUR - clock.now().getTime());
    await t.app.services.work.sweep();
    await ok(
      'mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }',
      { e: hire.id },
      employer.token,
    );
    await ok('mutation ($e: ID!) { rate(engagementId: $e, stars: 5) { stars } }', { e: hire.id }, a.token);
    clock.advance(DAY + MINUTE);
    await t.app.services.work.sweep();
    await ok(
      'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "干完活一天了，工钱一分没给") { id } }',
      { e: hire.id },
      a.token,
    );
    const owed = await ok<{ myEngagements: { id: string; payment: { outstandingFen: number } }[] }>(
      '{ myEngagements { id payment { outstandingFen } } }',
      {},
      a.token,
    );
    const outstanding = owed.myEngagements.find((e) => e.id === hire.id)?.payment.outstandingFen;
    await ok(
      'mutation ($e: ID!, $f: Int!) { recordPayment(engagementId: $e, amountFen: $f) { paidFen } }',
      { e: hire.id, f: outstanding },
      employer.token,
    );
    await ok('mutation ($e: ID!) { confirmPayment(engagementId: $e) { paidFen } }', { e: hire.id }, a.token);

    // A squatter's number is verified for its owner at the bureau: the squatter is told.
    const number = idNumberFor('1968-04-12', 777);
    const squatter = await ok<{ registerWorker: { token: string } }>(
      REGISTER_WORKER,
      {
        input: await withPhoneCode(t, workerInput({ name: '李四', idNumber: number })),
      },
      '',
    );
    await connect(baseUrl, { token: squatter.registerWorker.token }, 'squatter');
    const owner = await ok<{ registerWorker: { account: { worker: { id: string } } } }>(
      REGISTER_WORKER,
      {
        input: await withPhoneCode(t, workerInput({ name: '王建国', idNumber: number })),
      },
      '',
    );
    await ok(
      'mutation ($w: ID!, $n: String!) { verifyWorkerIdentity(workerId: $w, idNumber: $n, name: "王建国") { id } }',
      { w: owner.registerWorker.account.worker.id, n: number },
      admin,
    );

    // A's 特种作业操作证 (the fixture's, good for years) is made to run out in ten days: A is told.
    await t.app.db.execute(
      sql`update worker_certificates set expires_on = ${new Date(clock.now().getTime() + 10 * DAY).toISOString()}::timestamptz::date where worker_id = ${a.id}`,
    );
    expect(await t.app.services.certificates.noticeExpiring()).toBe(1);
    await eventually('certificate:expiring');

    // A one-day course: a learner enrols (the provider is told), attends and passes (the learner is told).
    const teacher = await courseProvider(t);
    const [learner] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 1 }] });
    if (!learner) throw new Error('no learner seeded');
    await connect(baseUrl, { token: teacher.token }, 'provider');
    await connect(baseUrl, { token: learner.token }, 'learner');
    const today = dayAfter(t, 0);
    const oneDayCourse = await insertCourse(t, teacher.id, {
      skillCode: 'bricklayer',
      certificate: 'SKILL_LEVEL',
      targetLevel: 2,
      startsOn: today,
      endsOn: today,
      enrolBy: today,
    });
    const seat = await ok<{ enrolInCourse: { id: string } }>(ENROL, { c: oneDayCourse }, learner.token);
    await ok(
      ATTENDANCE,
      { c: oneDayCourse, d: today, e: [{ enrolmentId: seat.enrolInCourse.id, present: true }] },
      teacher.token,
    );
    await ok(
      RESULTS,
      {
        c: oneDayCourse,
        r: [
          {
            enrolmentId: seat.enrolInCourse.id,
            passed: true,
            score: 86,
            certificateNumber: 'S3708322026E01',
          },
        ],
      },
      teacher.token,
    );
    for (const event of ['course:enrolled', 'course:result']) await eventually(event);

    // The employer's ordered training: taken, its course completed, a graduate joins the roster.
    const provider = await trainingProvider(t);
    const order = await ok<{ placeTrainingOrder: { id: string } }>(
      'mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id } }',
      {
        i: {
          skillCode: 'bricklayer',
          targetLevel: 3,
          headcount: 5,
          dueOn: day(40).startsAt.slice(0, 10),
          regionCode: '370832',
          priorityDays: 30,
        },
      },
      employer.token,
    );
    const orderId = order.placeTrainingOrder.id;
    await ok('mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id } }', { o: orderId }, provider.token);
    const courseId = await orderCourse(t, {
      id: orderId,
      providerId: provider.id,
      skillCode: 'bricklayer',
      targetLevel: 3,
    });
    await courseResults(t, courseId, { [member.id]: 'PASSED' });
    expect(await t.app.services.trainingOrders.sweep()).toBe(1);
    await eventually('trainingOrder:fulfilled');

    // A sign-in ends: its socket is told before it is cut.
    const leaving = await registerWorker(t);
    await connect(baseUrl, { token: leaving.token }, 'leaving');
    await ok('mutation { signOut }', {}, leaving.token);

    for (const event of ['engagement:updated', 'arrears:opened', 'arrears:closed', 'dispute:updated'])
      await eventually(event);
    for (const event of ['rating:new', 'identity:lost', 'session:ended', 'engagement:new'])
      await eventually(event);
    await eventually('session:expired');

    // The renew's answer carries the new token's expiry in the same zone.
    const fresh = await ok<{ login: { token: string } }>(
      'mutation ($p: String!) { login(phone: $p, password: "worker-pass-1") { token } }',
      { p: sessionWorker.phone },
      '',
      short,
    );
    const renewed = (await renewing
      .timeout(5_000)
      .emitWithAck('session:renew', { token: fresh.login.token })) as {
      ok: boolean;
      data?: { expiresAt: string };
    };
    expect(renewed.ok).toBe(true);
    seen.push({ event: 'session:renew (ack)', payload: renewed, to: 'session' });

    const missing = Object.entries(EVENTS)
      .filter(([event, reason]) => reason === null && !seen.some((s) => s.event === event))
      .map(([event]) => event);
    expect(missing).toEqual([]);
    const times = seen.flatMap((s) => dateTimes(s.payload, s.event));
    expect(times.length).toBeGreaterThanOrEqual(8);
    expect(times.filter((time) => !time.value.endsWith('+08:00'))).toEqual([]);
    // The offer's instants are the gig's own, said in +08:00.
    const offered = seen.find(
      (s) => s.event === 'offer' && (s.payload as { gigId: string }).gigId === instant.id,
    )?.payload as { startsAt: string; endsAt: string };
    expect(Date.parse(offered.startsAt)).toBe(Date.parse(String(instant.startsAt)));
    expect(offered.startsAt).toBe(toShanghaiIso(new Date(String(instant.startsAt))));
  });

  it('answers an offer:accept refusal in Chinese by default, in English with auth.locale en', async () => {
    const employer = await verifiedEmployer(t);
    const [picker] = await seedWorkers(t, 1, { skills: [{ code: 'harvest_picking', level: 2 }] });
    if (!picker) throw new Error('no worker seeded');
    const chinese = await connectSocket(baseUrl, { token: picker.token });
    const english = await connectSocket(baseUrl, { token: picker.token, locale: 'en' });
    sockets.push(chinese, english);
    const offered = new Promise<{ offerId: string; expiresAt: string }>((resolve) =>
      chinese.once('offer', (payload: { offerId: string; expiresAt: string }, ack: () => void) => {
        ack();
        resolve(payload);
      }),
    );
    await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['harvest_picking'], ...day(2) });
    const offer = await offered;
    // The offer runs out of time; both of the worker's phones try to take it.
    clock.advance(Date.parse(offer.expiresAt) - clock.now().getTime() + 1_000);
    type Refusal = { ok: false; error: { code: string; message: string; expiresAt: string } };
    const accept = async (socket: Socket) =>
      (await socket.timeout(5_000).emitWithAck('offer:accept', { offerId: offer.offerId })) as Refusal;
    const zh = await accept(chinese);
    const en = await accept(english);
    const at = new Date(offer.expiresAt);
    expect(zh).toEqual({
      ok: false,
      error: {
        code: 'OFFER_EXPIRED',
        message: `这个邀约在 ${readableTime(at, 'zh-CN')} 已经过期，您没来得及接受。请留意新的邀约，或在零工列表里报名。`,
        expiresAt: toShanghaiIso(at),
      },
    });
    expect(en).toEqual({
      ok: false,
      error: {
        code: 'OFFER_EXPIRED',
        message: `This offer ran out of time at ${readableTime(at, 'en')}, before you accepted it. Watch for new offers, or apply to listed gigs.`,
        expiresAt: toShanghaiIso(at),
      },
    });
    expect(zh.error.message).toMatch(/在 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2} 已经过期/);
  });

  it('refuses a handshake without a token in Chinese by default, in English with auth.locale en', async () => {
    const refusal = async (auth: Record<string, unknown>) =>
      (await connectSocket(baseUrl, auth).catch((error: unknown) => error)) as Error & {
        data?: { code: string };
      };
    const zh = await refusal({});
    expect({ message: zh.message, code: zh.data?.code }).toEqual({
      message: '请先登录：连接时在 auth.token 里带上令牌。',
      code: 'UNAUTHENTICATED',
    });
    const en = await refusal({ locale: 'en' });
    expect({ message: en.message, code: en.data?.code }).toEqual({
      message: 'Sign in first: connect with your token as auth.token.',
      code: 'UNAUTHENTICATED',
    });
  });
});
