import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '../../src/graphql/scalars.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { hireFor, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { stationWithKiosk } from '../support/kiosk.js';
import {
  adminToken,
  idNumberFor,
  login,
  registerWorker,
  uniquePhone,
  withPhoneCode,
  workerInput,
} from '../support/people.js';
import { connectSocket, waitFor } from '../support/sockets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ENV = {
  OFFER_SWEEP_MS: '60000',
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
};

const REGISTER_ANSWER = `mutation ($input: RegisterWorkerInput!) {
  registerWorker(input: $input) {
    token refreshToken account { id role worker { id idNumberMasked identityStatus } }
  }
}`;
const VERIFY = `mutation ($w: ID!, $n: String!, $m: String!, $s: ID) {
  verifyWorkerIdentity(workerId: $w, idNumber: $n, name: $m, stationId: $s) {
    id identityStatus identityVerifiedAt identityVerifiedAtStation { id } idNumberMasked idNumberLostAt
  }
}`;
const EMPLOYER_RATING = 'query ($g: ID!) { gig(id: $g) { employer { averageStars ratingsCounted } } }';

type Row = Record<string, unknown>;

/**
 * Attacks on the real-name registry (实名登记), made the way a squatter or a ring of invented
 * workers would: through the public API and sockets, then the tables read for what happened.
 */
describe('real-name: a declared identity is labelled as such, and the real person wins', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let stationId: string;
  let operator: string;
  let operatorAccountId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(t);
    stationId = (await stationWithKiosk(t)).stationId;
    const phone = uniquePhone();
    const staff = await ok<{ createStaffAccount: { id: string } }>(
      'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      { i: { role: 'STATION_OPERATOR', phone, password: 'operator-pass-1', displayName: '拳铺镇驿站' } },
      admin,
    );
    operatorAccountId = staff.createStaffAccount.id;
    await ok(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: stationId, a: operatorAccountId },
      admin,
    );
    operator = await login(t, phone, 'operator-pass-1');
  });
  afterAll(() => t?.close());

  async function ok<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const response = await t.gql<T>(query, variables, token);
    if (!response.data || response.errors) {
      throw new Error(`${query.slice(0, 70)} failed: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }
  const workerRow = async (id: string) => {
    const [row] = await t.app.sql<Row[]>`
      select identity_status, identity_verified_at, identity_verified_by_account_id,
             identity_verified_at_station_id, id_number_hmac, id_number_encrypted, id_number_masked,
             id_number_lost_at
      from workers where id = ${id}`;
    if (!row) throw new Error(`no worker ${id}`);
    return row;
  };
  const auditOf = (workerId: string) =>
    t.app.sql<Row[]>`
      select action, actor_account_id, actor_role, details, ip from audit_log
      where subject_type = 'WORKER' and subject_id = ${workerId} and action <> 'WORKER_PRIVATE_READ'
      order by id`;
  /** An answer with its ids, tokens and the masked number blanked: what is left is its shape. */
  const shapeOf = (answer: unknown) =>
    JSON.stringify(answer, (key, value) =>
      ['token', 'refreshToken', 'id', 'idNumberMasked'].includes(key) ? '…' : value,
    );

  it('a squatter takes a real person’s number first; the person still registers, and a station gives it back', async () => {
    const real = idNumberFor('1968-04-12', 501);
    // The squatter registers first, with the real person's number.
    const squatted = await t.gql<{ registerWorker: { token: string; account: { worker: { id: string } } } }>(
      REGISTER_ANSWER,
      { input: await withPhoneCode(t, workerInput({ name: '李四', idNumber: real })) },
    );
    const squatter = {
      id: squatted.data?.registerWorker.account.worker.id as string,
      token: squatted.data?.registerWorker.token as string,
    };
    expect(squatted.errors).toBeUndefined();

    // The real person can still register, and the answer is the one anybody gets.
    const owner = await t.gql(REGISTER_ANSWER, {
      input: await withPhoneCode(t, workerInput({ name: '王建国', idNumber: real })),
    });
    const stranger = await t.gql(REGISTER_ANSWER, {
      input: await withPhoneCode(t, workerInput({ name: '赵六' })),
    });
    expect(owner.errors).toBeUndefined();
    expect(shapeOf(owner)).toBe(shapeOf(stranger));
    expect(JSON.stringify(owner)).not.toMatch(/already|taken|registered/i);
    const ownerId = (owner.data as { registerWorker: { account: { worker: { id: string } } } }).registerWorker
      .account.worker.id;

    // The squatter's socket is open: it is told when the number goes.
    const socket = await connectSocket(baseUrl, { token: squatter.token });
    try {
      const told = waitFor<{ workerId: string; message: string }>(socket, 'identity:lost');
      const verified = await ok<{ verifyWorkerIdentity: Row }>(
        VERIFY,
        { w: ownerId, n: real, m: '王建国', s: stationId },
        operator,
      );
      expect(verified.verifyWorkerIdentity).toMatchObject({
        id: ownerId,
        identityStatus: 'VERIFIED_IN_PERSON',
        identityVerifiedAt: toShanghaiIso(clock.now()),
        identityVerifiedAtStation: { id: stationId },
        idNumberLostAt: null,
      });
      // Told in the language the squatter's account reads (none chosen: Chinese).
      expect(await told).toMatchObject({
        workerId: squatter.id,
        message: expect.stringMatching(/已从这个账号上移除/),
      });
    } finally {
      socket.close();
    }

    // The tables: the number is the owner's alone now; the squatter holds nothing of it.
    const ownerRow = await workerRow(ownerId);
    const squatterRow = await workerRow(squatter.id);
    expect(ownerRow).toMatchObject({
      identity_status: 'VERIFIED_IN_PERSON',
      identity_verified_by_account_id: operatorAccountId,
      identity_verified_at_station_id: stationId,
      id_number_lost_at: null,
    });
    expect(ownerRow.id_number_hmac).toEqual(expect.any(String));
    expect(squatterRow).toMatchObject({
      identity_status: 'SELF_DECLARED',
      id_number_hmac: null,
      id_number_encrypted: null,
      id_number_masked: '******************',
    });
    expect(new Date(String(squatterRow.id_number_lost_at)).getTime()).toBe(clock.now().getTime());
    const [holders] = await t.app.sql<{ n: number }[]>`
      select count(*)::int as n from workers where id_number_hmac = ${ownerRow.id_number_hmac as string}`;
    expect(holders?.n).toBe(1);

    // Both sides are in the audit log: who, as what, where, from which address.
    expect(await auditOf(ownerId)).toEqual([
      expect.objectContaining({
        action: 'WORKER_IDENTITY_VERIFIED',
        actor_account_id: operatorAccountId,
        actor_role: 'STATION_OPERATOR',
        ip: '127.0.0.1',
        details: expect.objectContaining({ how: 'VERIFIED_IN_PERSON', stationId, tookFrom: [squatter.id] }),
      }),
    ]);
    expect(await auditOf(squatter.id)).toEqual([
      expect.objectContaining({
        action: 'WORKER_ID_NUMBER_LOST',
        actor_account_id: operatorAccountId,
        details: expect.objectContaining({ takenBy: ownerId, previousStatus: 'SELF_DECLARED' }),
      }),
    ]);

    // The squatter sees why, and can be hired into nothing until verified with their own card.
    const mine = await ok<{ me: { worker: Row } }>(
      '{ me { worker { identityStatus idNumberLostAt idNumberMasked } } }',
      {},
      squatter.token,
    );
    expect(mine.me.worker).toEqual({
      identityStatus: 'SELF_DECLARED',
      idNumberLostAt: toShanghaiIso(clock.now()),
      idNumberMasked: '******************',
    });
    const employer = await verifiedEmployer(t);
    // A trade that is no special operation: anyone may apply (docs/skills.md).
    const gig = await postGig(t, employer.token, { headcount: 2, skills: ['loading_unloading'] });
    const applied = await ok<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
      { g: gig.id },
      squatter.token,
    );
    const refused = await t.gql(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
      { a: applied.applyToGig.id },
      employer.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('IDENTITY_NOT_VERIFIED');
    const [hires] = await t.app.sql<{ n: number }[]>`
      select count(*)::int as n from engagements where worker_id = ${squatter.id}`;
    expect(hires?.n).toBe(0);

    // A number verified in person is never taken over: a walk-in with it is refused, nothing written.
    const [before] = await t.app.sql<{ n: number }[]>`select count(*)::int as n from workers`;
    const walkIn = await t.gql(
      'mutation ($i: RegisterWorkerInput!, $s: ID) { registerWalkInWorker(input: $i, stationId: $s) { id } }',
      {
        i: { ...workerInput({ name: '冒名者', idNumber: real }), phone: null, password: null },
        s: stationId,
      },
      operator,
    );
    expect(walkIn.errors?.[0]?.extensions?.code).toBe('IDENTITY_CONFLICT');
    const [after] = await t.app.sql<{ n: number }[]>`select count(*)::int as n from workers`;
    expect(after?.n).toBe(before?.n);
    expect((await workerRow(ownerId)).identity_status).toBe('VERIFIED_IN_PERSON');

    // The squatter, verified at a station with their own card, may work again.
    const own = idNumberFor('1990-02-03', 502);
    const back = await ok<{ verifyWorkerIdentity: Row }>(
      VERIFY,
      { w: squatter.id, n: own, m: '李四', s: stationId },
      operator,
    );
    expect(back.verifyWorkerIdentity).toMatchObject({
      identityStatus: 'VERIFIED_IN_PERSON',
      idNumberLostAt: null,
      idNumberMasked: `3708**********${own.slice(-4)}`,
    });
    const accepted = await ok<{ decideApplication: { status: string } }>(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
      { a: applied.applyToGig.id },
      employer.token,
    );
    expect(accepted.decideApplication.status).toBe('ACCEPTED');
  });

  it('registers a walk-in worker as verified in person, audit-logged', async () => {
    const walkIn = await ok<{ registerWalkInWorker: { id: string; identityStatus: string } }>(
      'mutation ($i: RegisterWorkerInput!, $s: ID) { registerWalkInWorker(input: $i, stationId: $s) { id identityStatus } }',
      { i: { ...workerInput({ name: '孙七' }), phone: null, password: null }, s: stationId },
      operator,
    );
    expect(walkIn.registerWalkInWorker.identityStatus).toBe('VERIFIED_IN_PERSON');
    expect(await workerRow(walkIn.registerWalkInWorker.id)).toMatchObject({
      identity_status: 'VERIFIED_IN_PERSON',
      identity_verified_by_account_id: operatorAccountId,
      identity_verified_at_station_id: stationId,
    });
    expect(await auditOf(walkIn.registerWalkInWorker.id)).toEqual([
      expect.objectContaining({
        action: 'WORKER_IDENTITY_VERIFIED',
        actor_role: 'STATION_OPERATOR',
        details: expect.objectContaining({ walkIn: true, stationId }),
      }),
    ]);
  });

  it('refuses verifyWorkerIdentity to other roles and for a wrong name or number, changing nothing', async () => {
    const idNumber = idNumberFor('1979-09-09', 503);
    const worker = await registerWorker(t, { name: '周八', idNumber });
    const employer = await verifiedEmployer(t);
    const asWho = async (token: string | undefined) =>
      (await t.gql(VERIFY, { w: worker.id, n: idNumber, m: '周八', s: stationId }, token)).errors?.[0]
        ?.extensions?.code;
    expect(await asWho(undefined)).toBe('UNAUTHENTICATED');
    expect(await asWho(worker.token)).toBe('FORBIDDEN');
    expect(await asWho(employer.token)).toBe('FORBIDDEN');

    const wrongName = await t.gql(VERIFY, { w: worker.id, n: idNumber, m: '周九', s: stationId }, operator);
    expect(wrongName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const otherNumber = idNumberFor('1979-09-09', 504);
    const wrongNumber = await t.gql(
      VERIFY,
      { w: worker.id, n: otherNumber, m: '周八', s: stationId },
      operator,
    );
    expect(wrongNumber.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    const badChecksum = `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`;
    const garbled = await t.gql(VERIFY, { w: worker.id, n: badChecksum, m: '周八', s: stationId }, operator);
    expect(garbled.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(await workerRow(worker.id)).toMatchObject({
      identity_status: 'SELF_DECLARED',
      identity_verified_at: null,
    });
    expect(await auditOf(worker.id)).toEqual([]);

    const done = await ok<{ verifyWorkerIdentity: Row }>(
      VERIFY,
      { w: worker.id, n: idNumber.toLowerCase(), m: ' 周八 ', s: stationId },
      operator,
    );
    expect(done.verifyWorkerIdentity.identityStatus).toBe('VERIFIED_IN_PERSON');
    expect(await auditOf(worker.id)).toEqual([
      expect.objectContaining({
        action: 'WORKER_IDENTITY_VERIFIED',
        actor_account_id: operatorAccountId,
        actor_role: 'STATION_OPERATOR',
        details: expect.objectContaining({ stationId, tookFrom: [] }),
      }),
    ]);
  });

  it('three invented workers rating an employer 5 stars do not move its average; a verified one does', async () => {
    const employer = await verifiedEmployer(t);
    const start = new Date(clock.now().getTime() + 2 * DAY);
    start.setUTCHours(0, 0, 0, 0);
    const window = {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
    };
    const gig = await postGig(t, employer.token, { headcount: 4, ...window });
    // A real worker, checked at a station, and three invented ones with valid-looking numbers; one
    // of them has a number the development identity service answers as no match (sequence 999).
    const honest = await registerWorker(t, { name: '陈实', idNumber: idNumberFor('1972-01-01', 505) });
    const honestNumber = idNumberFor('1972-01-01', 505);
    await ok(VERIFY, { w: honest.id, n: honestNumber, m: '陈实', s: stationId }, operator);
    const invented = await Promise.all(
      [506, 507, 999].map((serial, i) =>
        registerWorker(t, { name: `假人${i + 1}`, idNumber: idNumberFor('1985-05-05', serial) }),
      ),
    );
    const everyone = [honest, ...invented];
    for (const worker of everyone) await hireFor(t, employer.token, worker, gig.id);
    const hires = await t.app.sql<{ id: string; worker_id: string }[]>`
      select id, worker_id from engagements where gig_id = ${gig.id}`;
    expect(hires).toHaveLength(4);
    const hireOf = (workerId: string) => hires.find((h) => h.worker_id === workerId)?.id as string;

    // All four check in on site, work eight hours, check out, and rate the employer.
    clock.advance(start.getTime() + 5 * MINUTE - clock.now().getTime());
    // Every hire here is covered (per-day accident insurance is tested in tests/modules/insurance/).
    await coverHires(t);
    for (const worker of everyone) {
      await ok(
        'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
        { e: hireOf(worker.id), at: LIANGSHAN },
        worker.token,
      );
    }
    clock.advance(8 * HOUR);
    for (const worker of everyone) {
      const out = await ok<{ checkOut: { status: string } }>(
        'mutation ($e: ID!) { checkOut(engagementId: $e) { status } }',
        { e: hireOf(worker.id) },
        worker.token,
      );
      expect(out.checkOut.status).toBe('COMPLETED');
    }
    const RATE = 'mutation ($e: ID!, $s: Int!) { rate(engagementId: $e, stars: $s) { stars } }';
    await ok(RATE, { e: hireOf(honest.id), s: 2 }, honest.token);
    for (const worker of invented) await ok(RATE, { e: hireOf(worker.id), s: 5 }, worker.token);

    // The ratings are all kept; only the verified one counts, through the API.
    const kept = await t.app.sql<{ stars: number }[]>`
      select r.stars from ratings r join engagements e on e.id = r.engagement_id
      where e.gig_id = ${gig.id} and r.by_role = 'WORKER' order by r.stars`;
    expect(kept.map((r) => r.stars)).toEqual([2, 5, 5, 5]);
    // The employer sees each hire's label, and nothing of when or where it was checked.
    const labels = await ok<{ myEngagements: { worker: { id: string; identityStatus: string } }[] }>(
      '{ myEngagements { worker { id identityStatus } } }',
      {},
      employer.token,
    );
    expect(
      Object.fromEntries(labels.myEngagements.map((e) => [e.worker.id, e.worker.identityStatus])),
    ).toEqual({
      [honest.id]: 'VERIFIED_IN_PERSON',
      ...Object.fromEntries(invented.map((w) => [w.id, 'SELF_DECLARED'])),
    });
    const when = await t.gql('{ myEngagements { worker { identityVerifiedAt } } }', {}, employer.token);
    expect(when.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rating = async () =>
      (await ok<{ gig: { employer: Row } }>(EMPLOYER_RATING, { g: gig.id }, employer.token)).gig.employer;
    expect(await rating()).toEqual({ averageStars: 2, ratingsCounted: 1 });

    // The identity service refuses the one it cannot confirm: still nothing moves.
    const [first, second, noMatch] = invented;
    if (!first || !second || !noMatch) throw new Error('three invented workers');
    const refused = await t.gql('mutation { verifyMyIdentity { identityStatus } }', {}, noMatch.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('IDENTITY_NOT_VERIFIED');
    expect((await workerRow(noMatch.id)).identity_status).toBe('SELF_DECLARED');
    expect(await rating()).toEqual({ averageStars: 2, ratingsCounted: 1 });

    // Once one is confirmed, the rating it gave before starts counting.
    const confirmed = await ok<{ verifyMyIdentity: { identityStatus: string } }>(
      'mutation { verifyMyIdentity { identityStatus identityVerifiedAt } }',
      {},
      first.token,
    );
    expect(confirmed.verifyMyIdentity).toEqual({
      identityStatus: 'VERIFIED_BY_SERVICE',
      identityVerifiedAt: toShanghaiIso(clock.now()),
    });
    expect(await workerRow(first.id)).toMatchObject({
      identity_status: 'VERIFIED_BY_SERVICE',
      identity_verified_by_account_id: null,
    });
    expect(await auditOf(first.id)).toEqual([
      expect.objectContaining({
        action: 'WORKER_IDENTITY_VERIFIED',
        actor_role: 'WORKER',
        details: expect.objectContaining({ how: 'VERIFIED_BY_SERVICE', provider: 'dev' }),
      }),
    ]);
    expect(await rating()).toEqual({ averageStars: 3.5, ratingsCounted: 2 });
    // The employer's average as the database works it out: over verified raters only.
    const [table] = await t.app.sql<{ average: number; n: number }[]>`
      select avg(r.stars)::float8 as average, count(*)::int as n
      from ratings r join engagements e on e.id = r.engagement_id join workers w on w.id = e.worker_id
      where e.gig_id = ${gig.id} and r.by_role = 'WORKER' and w.identity_status <> 'SELF_DECLARED'`;
    expect(table).toEqual({ average: 3.5, n: 2 });
    // A rater still self-declared counts for nothing, whatever it gave.
    expect((await workerRow(second.id)).identity_status).toBe('SELF_DECLARED');
  });
});
