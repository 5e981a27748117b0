import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken, registerEmployer } from '../../support/people.js';
import { untilTrue } from '../../support/sessions.js';
import { connectSocket, waitFor } from '../../support/sockets.js';
import {
  courseResults,
  orderCourse,
  type TestProvider,
  trainingProvider,
} from '../../support/training-orders.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Sweeps and the graduates' job are run by hand with the test's clock.
const ENV = {
  OFFER_FAN_OUT: '10',
  OFFER_SWEEP_MS: '60000',
  GIG_SWEEP_MS: '3600000',
  WORK_SWEEP_MS: '3600000',
  TRAINING_ORDER_SWEEP_MS: '86400000',
};

const ORDER_FIELDS = `id status skill { code } targetLevel headcount dueOn region { code } priorityDays note
  employer { id } provider { id name } course { id } progress { enrolled passed failed onRoster }`;
const PLACE = `mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { ${ORDER_FIELDS} } }`;
const TAKE = `mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { ${ORDER_FIELDS} } }`;
const CANCEL = `mutation ($o: ID!) { cancelTrainingOrder(orderId: $o) { ${ORDER_FIELDS} } }`;
const LIST = `query ($s: TrainingOrderStatus, $r: ID) { trainingOrders(status: $s, regionCode: $r) { ${ORDER_FIELDS} } }`;
const ROSTER = '{ myRoster { id } }';

type Order = {
  id: string;
  status: string;
  skill: { code: string };
  targetLevel: number | null;
  headcount: number;
  dueOn: string;
  employer: { id: string };
  provider: { id: string; name: string } | null;
  course: { id: string } | null;
  progress: { enrolled: number; passed: number; failed: number; onRoster: number };
};
type Problem = { field: string; message: string };
const problemList = (answer: { errors?: { extensions?: { problems?: unknown } }[] }) =>
  (answer.errors?.[0]?.extensions?.problems ?? []) as Problem[];

/** Ordered training (订单培训): an employer orders, a provider takes, graduates join the roster first. */
describe('training orders', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(t);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  const dayAfter = (days: number) => marketDay(new Date(clock.now().getTime() + days * DAY));
  const orderInput = (overrides: Record<string, unknown> = {}) => ({
    skillCode: 'bricklayer',
    targetLevel: 3,
    headcount: 10,
    dueOn: dayAfter(40),
    regionCode: '370832',
    priorityDays: 30,
    note: '结业后到拳铺镇项目部报到',
    ...overrides,
  });
  async function place(token: string, overrides: Record<string, unknown> = {}): Promise<Order> {
    const placed = await t.gql<{ placeTrainingOrder: Order }>(PLACE, { i: orderInput(overrides) }, token);
    if (!placed.data) throw new Error(`placeTrainingOrder failed: ${JSON.stringify(placed.errors)}`);
    return placed.data.placeTrainingOrder;
  }
  async function take(provider: TestProvider, orderId: string): Promise<Order> {
    const taken = await t.gql<{ takeTrainingOrder: Order }>(TAKE, { o: orderId }, provider.token);
    if (!taken.data) throw new Error(`takeTrainingOrder failed: ${JSON.stringify(taken.errors)}`);
    return taken.data.takeTrainingOrder;
  }
  const list = async (token: string, vars: Record<string, unknown> = {}) => {
    const listed = await t.gql<{ trainingOrders: Order[] }>(LIST, vars, token);
    if (!listed.data) throw new Error(`trainingOrders failed: ${JSON.stringify(listed.errors)}`);
    return listed.data.trainingOrders.map((o) => o.id);
  };
  const audited = async (orderId: string) =>
    (await t.app.db.execute(
      sql`select action, actor_account_id from audit_log where subject_type = 'TRAINING_ORDER' and subject_id = ${orderId} order by at`,
    )) as unknown as { action: string; actor_account_id: string }[];
  const ordersCount = async () =>
    (
      (await t.app.db.execute(sql`select count(*)::int as n from training_orders`)) as unknown as {
        n: number;
      }[]
    )[0]?.n;

  it('takes orders from verified employers only, and names every problem of a bad one at once', async () => {
    const unverified = await registerEmployer(t);
    const refused = await t.gql(PLACE, { i: orderInput() }, unverified.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('EMPLOYER_NOT_VERIFIED');

    const employer = await verifiedEmployer(t);
    const before = await ordersCount();
    const bad = await t.gql(
      PLACE,
      {
        i: orderInput({
          skillCode: 'welder',
          targetLevel: 3,
          headcount: 0,
          dueOn: dayAfter(0),
          regionCode: '370800',
          priorityDays: 366,
          note: '很'.repeat(201),
        }),
      },
      employer.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = bad.errors?.[0]?.extensions?.problems as Problem[];
    expect(problems.map((p) => p.field)).toEqual([
      'targetLevel',
      'headcount',
      'dueOn',
      'regionCode',
      'priorityDays',
      'note',
    ]);
    expect(problems[0]?.message).toBe('焊工是特种作业，学员考的是特种作业操作证，不分等级：目标等级请留空。');
    expect(problems[2]?.message).toBe(`完成日期要晚于今天（${dayAfter(0)}）。`);
    // A trade that is no special operation needs a level; an unknown trade and a bad day are named.
    const more = await t.gql(
      PLACE,
      { i: orderInput({ targetLevel: null, dueOn: '2027-02-30' }) },
      employer.token,
    );
    expect(problemList(more).map((p) => p.field)).toEqual(['targetLevel', 'dueOn']);
    const unknown = await t.gql(PLACE, { i: orderInput({ skillCode: 'astronaut' }) }, employer.token);
    expect(problemList(unknown).map((p) => p.field)).toEqual(['skillCode']);
    expect(await ordersCount()).toBe(before);

    const welding = await place(employer.token, { skillCode: 'welder', targetLevel: null, headcount: 500 });
    expect(welding).toMatchObject({
      status: 'OPEN',
      skill: { code: 'welder' },
      targetLevel: null,
      headcount: 500,
      dueOn: dayAfter(40),
      employer: { id: employer.id },
      provider: null,
      course: null,
      progress: { enrolled: 0, passed: 0, failed: 0, onRoster: 0 },
    });
  });

  it('lets one verified provider take an open order: of six racing, exactly one wins', async () => {
    const employer = await verifiedEmployer(t);
    const unverified = await trainingProvider(t, { verified: false });
    const order = await place(employer.token);
    const notYet = await t.gql(TAKE, { o: order.id }, unverified.token);
    expect(notYet.errors?.[0]?.extensions?.code).toBe('PROVIDER_NOT_VERIFIED');

    for (let round = 0; round < 5; round++) {
      const racing = await place(employer.token);
      const racers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => trainingProvider(t, { name: `梁山县第${i + 1}职业培训学校` })),
      );
      const answers = await Promise.all(
        racers.map((p) => t.gql<{ takeTrainingOrder: Order }>(TAKE, { o: racing.id }, p.token)),
      );
      const won = answers.filter((x) => x.data?.takeTrainingOrder);
      const lost = answers.filter((x) => x.errors);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      for (const refusal of lost) {
        expect(refusal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderId' });
        expect(refusal.errors?.[0]?.message).toBe(
          '这个培训订单已经由另一家培训机构承接了，请看看其他待承接的订单。',
        );
      }
      const winner = won[0]?.data?.takeTrainingOrder.provider?.id;
      const [row] = (await t.app.db.execute(
        sql`select status, provider_id from training_orders where id = ${racing.id}`,
      )) as unknown as { status: string; provider_id: string }[];
      expect(row).toEqual({ status: 'TAKEN', provider_id: winner });
      const champion = racers.find((p) => p.id === winner);
      if (!champion) throw new Error(`the order went to ${winner}, none of the racers`);
      expect(await audited(racing.id)).toEqual([
        { action: 'TRAINING_ORDER_TAKEN', actor_account_id: champion.accountId },
      ]);
      // The winner taking it again gets it as it is.
      expect((await take(champion, racing.id)).status).toBe('TAKEN');
    }
  });

  it('shows an employer its own orders, a provider the open ones and its own, the bureau all', async () => {
    const first = await verifiedEmployer(t);
    const second = await verifiedEmployer(t);
    const provider = await trainingProvider(t);
    const other = await trainingProvider(t);
    const open = await place(first.token);
    const mine = await place(first.token, { skillCode: 'carpenter' });
    const theirs = await place(second.token, { skillCode: 'painter' });
    await take(provider, mine.id);
    await take(other, theirs.id);

    const firstSees = await list(first.token);
    expect(firstSees).toEqual(expect.arrayContaining([open.id, mine.id]));
    expect(firstSees).not.toContain(theirs.id);
    const providerSees = await list(provider.token);
    expect(providerSees).toEqual(expect.arrayContaining([open.id, mine.id]));
    expect(providerSees).not.toContain(theirs.id);
    expect(await list(provider.token, { s: 'TAKEN' })).toEqual([mine.id]);
    const bureau = await list(admin, { r: '370800' }); // the city: its counties' orders
    expect(bureau).toEqual(expect.arrayContaining([open.id, mine.id, theirs.id]));
    expect(await list(admin, { r: '110101' })).toEqual([]);
    expect(await list(admin, { s: 'TAKEN', r: '370832' })).toEqual(
      expect.arrayContaining([mine.id, theirs.id]),
    );
  });

  it('lets the employer cancel an open order, or a taken one before its course starts', async () => {
    const employer = await verifiedEmployer(t);
    const stranger = await verifiedEmployer(t);
    const provider = await trainingProvider(t);

    const open = await place(employer.token);
    const notTheirs = await t.gql(CANCEL, { o: open.id }, stranger.token);
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const cancelled = await t.gql<{ cancelTrainingOrder: Order }>(CANCEL, { o: open.id }, employer.token);
    expect(cancelled.data?.cancelTrainingOrder.status).toBe('CANCELLED');
    expect((await audited(open.id)).map((a) => [a.action, a.actor_account_id])).toEqual([
      ['TRAINING_ORDER_CANCELLED', employer.accountId],
    ]);
    const late = await t.gql(TAKE, { o: open.id }, provider.token);
    expect(late.errors?.[0]?.message).toBe('这个培训订单已经取消或完成，不能再承接。');

    const taken = await place(employer.token);
    await take(provider, taken.id);
    await orderCourse(t, { id: taken.id, providerId: provider.id, skillCode: 'bricklayer', targetLevel: 3 });
    const beforeStart = await t.gql<{ cancelTrainingOrder: Order }>(CANCEL, { o: taken.id }, employer.token);
    expect(beforeStart.data?.cancelTrainingOrder.status).toBe('CANCELLED');

    const started = await place(employer.token);
    await take(provider, started.id);
    await orderCourse(
      t,
      { id: started.id, providerId: provider.id, skillCode: 'bricklayer', targetLevel: 3 },
      { startsInDays: 0 },
    );
    const refused = await t.gql(CANCEL, { o: started.id }, employer.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderId' });
    expect(refused.errors?.[0]?.message).toBe(`承接订单的培训班已于 ${dayAfter(0)} 开课，订单不能再取消。`);
    const [row] = (await t.app.db.execute(
      sql`select status from training_orders where id = ${started.id}`,
    )) as unknown as { status: string }[];
    expect(row?.status).toBe('TAKEN');
    expect(await audited(started.id)).toHaveLength(1); // the take only
  });

  it('puts graduates on the roster: offered the instant gig first, until their priority period ends', async () => {
    const employer = await verifiedEmployer(t);
    const employerSocket = await connectSocket(baseUrl, { token: employer.token });
    sockets.push(employerSocket);
    const provider = await trainingProvider(t);
    const skills = [{ code: 'bricklayer', level: 3 }];
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 90 * DAY),
    };
    const [passedA, passedB, favourite, failed, withdrew] = await seedWorkers(t, 5, { skills, free });
    const others = await seedWorkers(t, 3, { skills, free });
    if (!passedA || !passedB || !favourite || !failed || !withdrew) throw new Error('no workers seeded');
    // The favourite was on the roster before the course (kept until removed).
    await t.app.db.execute(
      sql`insert into employer_roster (employer_id, worker_id, added_at) values (${employer.id}, ${favourite.id}, now())`,
    );

    const order = await place(employer.token, { priorityDays: 30 });
    await take(provider, order.id);
    const courseId = await orderCourse(t, {
      id: order.id,
      providerId: provider.id,
      skillCode: 'bricklayer',
      targetLevel: 3,
    });
    await courseResults(
      t,
      courseId,
      {
        [passedA.id]: 'PASSED',
        [passedB.id]: 'PASSED',
        [favourite.id]: 'PASSED',
        [failed.id]: 'FAILED',
        [withdrew.id]: 'WITHDRAWN',
      },
      { complete: false },
    );
    const progressOf = async (token: string) =>
      (await t.gql<{ trainingOrders: Order[] }>(LIST, {}, token)).data?.trainingOrders.find(
        (o) => o.id === order.id,
      );
    expect((await progressOf(employer.token))?.progress).toEqual({
      enrolled: 4,
      passed: 3,
      failed: 1,
      onRoster: 0,
    });

    // The course completes (part B's recordCourseResults calls graduatesPassed in its transaction).
    await t.app.db.execute(
      sql`update courses set status = 'COMPLETED', completed_at = now() where id = ${courseId}`,
    );
    const told = waitFor<{ orderId: string; graduates: number; priorityUntil: string; message: string }>(
      employerSocket,
      'trainingOrder:fulfilled',
    );
    const done = await t.app.db.transaction((tx) =>
      t.app.services.trainingOrders.graduatesPassed(courseId, tx),
    );
    done.tell();
    const priorityUntil = new Date(clock.now().getTime() + 30 * DAY);
    expect(await told).toMatchObject({ orderId: order.id, graduates: 3 });
    expect((await told).priorityUntil).toMatch(/\+08:00$/);
    expect(Date.parse((await told).priorityUntil)).toBe(priorityUntil.getTime());
    expect((await told).message).toMatch(/^您订的瓦工培训已结业：3 名学员进入您的熟练工名单，/);

    const roster = (await t.app.db.execute(
      sql`select worker_id, (extract(epoch from priority_until) * 1000)::float8 as until_ms, training_order_id
          from employer_roster where employer_id = ${employer.id} order by worker_id`,
    )) as unknown as { worker_id: string; until_ms: number | null; training_order_id: string }[];
    expect(new Map(roster.map((r) => [r.worker_id, r.until_ms]))).toEqual(
      new Map([
        [passedA.id, priorityUntil.getTime()],
        [passedB.id, priorityUntil.getTime()],
        [favourite.id, null], // still a favourite
      ]),
    );
    expect(new Set(roster.map((r) => r.training_order_id))).toEqual(new Set([order.id]));
    const fulfilled = await progressOf(admin); // the bureau's view
    expect(fulfilled?.status).toBe('FULFILLED');
    expect(fulfilled?.progress).toEqual({ enrolled: 4, passed: 3, failed: 1, onRoster: 3 });
    // Graduating again does nothing: the order is fulfilled.
    const again = await t.app.db.transaction((tx) =>
      t.app.services.trainingOrders.graduatesPassed(courseId, tx),
    );
    expect(again.graduation).toBeUndefined();
    const rostered = await t.gql<{ myRoster: { id: string }[] }>(ROSTER, {}, employer.token);
    expect(new Set(rostered.data?.myRoster.map((w) => w.id))).toEqual(
      new Set([passedA.id, passedB.id, favourite.id]),
    );

    // The employer's instant gig: the first wave is its roster, the graduates among it; others later.
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['bricklayer'] });
    await t.app.services.hiring.drain();
    const firstWave = (await offerRows(t, gig.id)).filter((r) => r.wave === 1);
    expect(firstWave.map((r) => r.tier)).toEqual(['ROSTER', 'ROSTER', 'ROSTER']);
    expect(new Set(firstWave.map((r) => r.worker_id))).toEqual(
      new Set([passedA.id, passedB.id, favourite.id]),
    );
    const everyoneElse = [failed, withdrew, ...others].map((w) => w.id);
    expect(firstWave.some((r) => everyoneElse.includes(r.worker_id))).toBe(false);

    // Thirty days on, the graduates' priority is over: an ordinary candidate, and off myRoster.
    clock.advance(30 * DAY + HOUR);
    const start = new Date(`${dayAfter(2)}T08:00:00+08:00`);
    const later = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['bricklayer'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();
    const offers = await offerRows(t, later.id);
    const tierOf = new Map(offers.map((r) => [r.worker_id, r.tier]));
    expect(offers.filter((r) => r.wave === 1).map((r) => [r.worker_id, r.tier])).toEqual([
      [favourite.id, 'ROSTER'],
    ]);
    expect(offers.some((r) => r.tier === 'ROSTER' && r.worker_id !== favourite.id)).toBe(false);
    // Declined by the favourite, the next wave offers everyone who matches, graduates among them.
    const [first] = offers;
    const declined = await t.gql(
      'mutation ($o: ID!) { declineOffer(offerId: $o) { status } }',
      { o: first?.id },
      favourite.token,
    );
    expect(declined.errors).toBeUndefined();
    await t.app.services.hiring.drain();
    const next = await offerRows(t, later.id);
    const graduatesNow = next.filter((r) => r.worker_id === passedA.id || r.worker_id === passedB.id);
    expect(graduatesNow.map((r) => r.tier)).toEqual(['MATCH', 'MATCH']);
    expect(tierOf.get(passedA.id)).toBeUndefined();
    const afterPeriod = await t.gql<{ myRoster: { id: string }[] }>(ROSTER, {}, employer.token);
    expect(afterPeriod.data?.myRoster.map((w) => w.id)).toEqual([favourite.id]);
    expect((await progressOf(employer.token))?.progress.onRoster).toBe(1);
  });

  it('fulfils a completed order course by the sweep, when nothing else called graduatesPassed', async () => {
    const employer = await verifiedEmployer(t);
    const provider = await trainingProvider(t);
    const [graduate] = await seedWorkers(t, 1, { skills: [{ code: 'carpenter', level: 2 }] });
    if (!graduate) throw new Error('no worker seeded');
    const order = await place(employer.token, { skillCode: 'carpenter', targetLevel: 2, priorityDays: 7 });
    await take(provider, order.id);
    const courseId = await orderCourse(t, {
      id: order.id,
      providerId: provider.id,
      skillCode: 'carpenter',
      targetLevel: 2,
    });
    await courseResults(t, courseId, { [graduate.id]: 'PASSED' }, { complete: false });
    expect(await t.app.services.trainingOrders.sweep()).toBe(0); // not completed yet
    await t.app.db.execute(
      sql`update courses set status = 'COMPLETED', completed_at = now() where id = ${courseId}`,
    );
    expect(await t.app.services.trainingOrders.sweep()).toBe(1);
    expect(await t.app.services.trainingOrders.sweep()).toBe(0);
    const [row] = (await t.app.db.execute(
      sql`select o.status, r.worker_id from training_orders o
          join employer_roster r on r.training_order_id = o.id where o.id = ${order.id}`,
    )) as unknown as { status: string; worker_id: string }[];
    expect(row).toEqual({ status: 'FULFILLED', worker_id: graduate.id });
  });
});

describe('the graduates job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRAINING_ORDER_SWEEP_MS: '200' } });
  });
  afterAll(() => t.close());

  it('runs on its own on every node: a completed order course is fulfilled without anyone calling it', async () => {
    const employer = await verifiedEmployer(t);
    const provider = await trainingProvider(t);
    const [graduate] = await seedWorkers(t, 1, { skills: [{ code: 'painter', level: 2 }] });
    if (!graduate) throw new Error('no worker seeded');
    const placed = await t.gql<{ placeTrainingOrder: { id: string } }>(
      'mutation ($i: PlaceTrainingOrderInput!) { placeTrainingOrder(input: $i) { id } }',
      {
        i: {
          skillCode: 'painter',
          targetLevel: 2,
          headcount: 1,
          dueOn: marketDay(new Date(t.app.clock.now().getTime() + 30 * DAY)),
          regionCode: '370832',
          priorityDays: 14,
        },
      },
      employer.token,
    );
    const orderId = placed.data?.placeTrainingOrder.id as string;
    const taken = await t.gql(
      'mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id } }',
      { o: orderId },
      provider.token,
    );
    expect(taken.errors).toBeUndefined();
    const courseId = await orderCourse(t, {
      id: orderId,
      providerId: provider.id,
      skillCode: 'painter',
      targetLevel: 2,
    });
    await courseResults(t, courseId, { [graduate.id]: 'PASSED' });
    const status = async () =>
      (
        (await t.app.db.execute(
          sql`select status from training_orders where id = ${orderId}`,
        )) as unknown as {
          status: string;
        }[]
      )[0]?.status;
    await untilTrue(async () => (await status()) === 'FULFILLED', 10_000);
    const roster = await t.gql<{ myRoster: { id: string }[] }>(ROSTER, {}, employer.token);
    expect(roster.data?.myRoster.map((w) => w.id)).toEqual([graduate.id]);
  });
});
