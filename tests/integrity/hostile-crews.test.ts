import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { createTestApp } from '../support/app.js';
import { count, expectAnswered, one, sql, TAPS } from '../support/double-tap.js';
import { gigInput, POST_GIG, verifiedEmployer } from '../support/gigs.js';
import {
  assertHiringInvariants,
  hireFor,
  type SeededWorker,
  seedWorkers,
  testClock,
} from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';
import { adminToken, registerWorker } from '../support/people.js';
import { connectSocket, waitFor } from '../support/sockets.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CREATE = 'mutation ($n: String!) { createCrew(name: $n) { id } }';
const INVITE = 'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id invited { id } } }';
const JOIN = 'mutation ($c: ID!) { joinCrew(crewId: $c) { id members { id } } }';
const LEAVE = 'mutation ($c: ID!) { leaveCrew(crewId: $c) }';
const OFFER = 'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }';
const ACCEPT =
  'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id worker { id } } }';

type Person = { id: string; token: string; accountId: string };

/**
 * A crew leader (包工头) and the employers who offer to crews, attacking through the public API:
 * members put in without consent, hired when busy, gone or erased, past the headcount; the
 * leader's hands on a member's hire and money; reads of what is the member's own. After each move
 * the tables say what the market recorded: crew_members, engagements, gigs.filled, payments,
 * disputes, audit_log.
 */
describe('crews (劳务班组), attacked', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { MUTATION_RATE_LIMIT: '100000', OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000' },
    });
    admin = await adminToken(t);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  /** A welding gig `daysAhead` days out at 08:00 market time, 9 hours, 200 元 a day. */
  async function gig(employerToken: string, overrides: Record<string, unknown> = {}, daysAhead = 2) {
    const start = new Date(clock.now().getTime() + daysAhead * DAY);
    start.setUTCHours(0, 0, 0, 0);
    const input = gigInput(
      {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
        ...overrides,
      },
      clock.now(),
    );
    const posted = await t.gql<{ postGig: { id: string } }>(POST_GIG, { input }, employerToken);
    if (!posted.data) throw new Error(`postGig failed: ${JSON.stringify(posted.errors)}`);
    return posted.data.postGig.id;
  }

  /** A crew whose members were invited and joined of their own accord. */
  async function crewOf(leader: Person, members: readonly Person[], name = '韩垓镇焊工班') {
    const created = await t.gql<{ createCrew: { id: string } }>(CREATE, { n: name }, leader.token);
    const crewId = created.data?.createCrew.id as string;
    for (const member of members) {
      expect((await t.gql(INVITE, { c: crewId, w: member.id }, leader.token)).errors).toBeUndefined();
      expect((await t.gql(JOIN, { c: crewId }, member.token)).errors).toBeUndefined();
    }
    return crewId;
  }

  async function offered(employerToken: string, gigId: string, crewId: string) {
    const answer = await t.gql<{ offerGigToCrew: { id: string } }>(
      OFFER,
      { g: gigId, c: crewId },
      employerToken,
    );
    if (!answer.data) throw new Error(`offerGigToCrew failed: ${JSON.stringify(answer.errors)}`);
    return answer.data.offerGigToCrew.id;
  }

  const membership = (crewId: string) =>
    t.app.db.execute(
      sql`select worker_id, status from crew_members where crew_id = ${crewId} order by invited_at, worker_id`,
    ) as unknown as Promise<{ worker_id: string; status: string }[]>;
  const hiresOn = (gigId: string) =>
    count(t, sql`select count(*) as n from engagements where gig_id = ${gigId}`);
  const filled = async (gigId: string) =>
    Number((await one<{ filled: number }>(t, sql`select filled from gigs where id = ${gigId}`)).filled);

  async function workers(n: number): Promise<SeededWorker[]> {
    return seedWorkers(t, n);
  }

  it('puts nobody in a crew without their consent: an invitation is not membership, and a leader cannot hire on it', async () => {
    const [leader, stranger] = await workers(2);
    if (!leader || !stranger) throw new Error('no workers');
    const crewId = await crewOf(leader, []);
    const invited = await t.gql(INVITE, { c: crewId, w: stranger.id }, leader.token);
    expect(expectAnswered([invited])).toEqual(['OK']);
    // Invited twice: still only invited; a join by someone never invited is refused.
    await t.gql(INVITE, { c: crewId, w: stranger.id }, leader.token);
    const [outsider] = await workers(1);
    const uninvited = await t.gql(JOIN, { c: crewId }, outsider?.token);
    expect(expectAnswered([uninvited])).toEqual(['BAD_USER_INPUT:crewId']);
    expect(await membership(crewId)).toEqual(
      expect.arrayContaining([
        { worker_id: leader.id, status: 'MEMBER' },
        { worker_id: stranger.id, status: 'INVITED' },
      ]),
    );
    expect(await membership(crewId)).toHaveLength(2);

    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token);
    const offerId = await offered(employer.token, gigId, crewId);
    // The leader names the invited-but-not-joined worker, and someone never asked at all.
    const refused = await t.gql(
      ACCEPT,
      { o: offerId, m: [leader.id, stranger.id, outsider?.id] },
      leader.token,
    );
    expect(expectAnswered([refused])).toEqual(['BAD_USER_INPUT:memberIds']);
    const problems = refused.errors?.[0]?.extensions?.problems ?? [];
    expect(problems.map((p) => p.field)).toEqual(['memberIds', 'memberIds']);
    expect(await hiresOn(gigId)).toBe(0);
    expect(await filled(gigId)).toBe(0);
    const offer = await one<{ status: string }>(t, sql`select status from offers where id = ${offerId}`);
    expect(offer.status).toBe('PENDING');
  });

  it('refuses to invite an erased person, and ends the membership of a member who is erased: never hired afterwards', async () => {
    const [leader] = await workers(1);
    if (!leader) throw new Error('no workers');
    const gone = await registerWorker(t);
    const member = await registerWorker(t);
    const crewId = await crewOf(leader, [member]);
    for (const person of [gone, member]) {
      const erased = await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, person.token);
      expect(erased.errors).toBeUndefined();
    }
    const invited = await t.gql(INVITE, { c: crewId, w: gone.id }, leader.token);
    expect(expectAnswered([invited])).toEqual(['NOT_FOUND']);
    expect(await membership(crewId)).toEqual(
      expect.arrayContaining([
        { worker_id: leader.id, status: 'MEMBER' },
        { worker_id: member.id, status: 'LEFT' },
      ]),
    );
    expect(await membership(crewId)).toHaveLength(2);

    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token);
    const offerId = await offered(employer.token, gigId, crewId);
    const refused = await t.gql(ACCEPT, { o: offerId, m: [leader.id, member.id] }, leader.token);
    expect(expectAnswered([refused])).toEqual(['BAD_USER_INPUT:memberIds']);
    expect(await hiresOn(gigId)).toBe(0);
  });

  it('cannot hold a member who left: naming them is refused, and inviting them again needs their own join', async () => {
    const [leader, a, b] = await workers(3);
    if (!leader || !a || !b) throw new Error('no workers');
    const crewId = await crewOf(leader, [a, b]);
    expect((await t.gql(LEAVE, { c: crewId }, a.token)).data).toEqual({ leaveCrew: true });
    // The leader cannot leave (the crew would have no one to answer for it) ...
    const leaderLeaves = await t.gql(LEAVE, { c: crewId }, leader.token);
    expect(expectAnswered([leaderLeaves])).toEqual(['BAD_USER_INPUT:crewId']);
    // ... and inviting the one who left again makes them invited, not a member.
    await t.gql(INVITE, { c: crewId, w: a.id }, leader.token);
    expect(await membership(crewId)).toContainEqual({ worker_id: a.id, status: 'INVITED' });

    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token);
    const offerId = await offered(employer.token, gigId, crewId);
    const refused = await t.gql(ACCEPT, { o: offerId, m: [a.id, b.id] }, leader.token);
    expect(expectAnswered([refused])).toEqual(['BAD_USER_INPUT:memberIds']);
    expect(await hiresOn(gigId)).toBe(0);
    // A member who leaves after the offer went out, before the leader answers, is not taken either.
    expect((await t.gql(LEAVE, { c: crewId }, b.token)).data).toEqual({ leaveCrew: true });
    const late = await t.gql(ACCEPT, { o: offerId, m: [b.id] }, leader.token);
    expect(expectAnswered([late])).toEqual(['BAD_USER_INPUT:memberIds']);
    expect(await hiresOn(gigId)).toBe(0);
  });

  it('hires no suspended account: a member the bureau suspended is not signed up by the leader', async () => {
    const [leader] = await workers(1);
    if (!leader) throw new Error('no workers');
    const member = await registerWorker(t);
    const crewId = await crewOf(leader, [member]);
    const free = await t.gql(
      'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
      {
        w: [
          {
            startsAt: clock.now().toISOString(),
            endsAt: new Date(clock.now().getTime() + 7 * DAY).toISOString(),
          },
        ],
      },
      member.token,
    );
    expect(free.errors).toBeUndefined();
    const suspended = await t.gql(
      'mutation ($a: ID!) { suspendAccount(accountId: $a, reason: "冒用他人身份") { id } }',
      { a: member.accountId },
      admin,
    );
    expect(suspended.errors).toBeUndefined();
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token);
    const offerId = await offered(employer.token, gigId, crewId);
    // The bureau suspended the member ("a suspended account cannot sign in, so it takes no gig");
    // the leader, signed in, names them with himself.
    const answer = await t.gql(ACCEPT, { o: offerId, m: [leader.id, member.id] }, leader.token);
    expect(expectAnswered([answer])).toEqual(['BAD_USER_INPUT:memberIds']);
    expect(answer.errors?.[0]?.message).toContain('停用');
    expect(await hiresOn(gigId)).toBe(0);
    expect(await filled(gigId)).toBe(0);
    const offer = await one<{ status: string }>(t, sql`select status from offers where id = ${offerId}`);
    expect(offer.status).toBe('PENDING');
    // Reinstated, the member can be taken again.
    const reinstated = await t.gql(
      'mutation ($a: ID!) { reinstateAccount(accountId: $a) { id } }',
      { a: member.accountId },
      admin,
    );
    expect(reinstated.errors).toBeUndefined();
    const taken = await t.gql(ACCEPT, { o: offerId, m: [leader.id, member.id] }, leader.token);
    expect(expectAnswered([taken])).toEqual(['OK']);
    expect(await hiresOn(gigId)).toBe(2);
  });

  it('refuses a busy member, a member past the headcount, and takes no one when one is refused', async () => {
    const [leader, a, b, c] = await workers(4);
    if (!leader || !a || !b || !c) throw new Error('no workers');
    const crewId = await crewOf(leader, [a, b, c]);
    const employer = await verifiedEmployer(t);
    // a is booked elsewhere at an overlapping time (four hours later on the same day).
    const elsewhere = await gig(employer.token, { headcount: 1 });
    await hireFor(t, employer.token, a, elsewhere);
    const start = new Date(clock.now().getTime() + 2 * DAY);
    start.setUTCHours(4, 0, 0, 0);
    const gigId = await gig(employer.token, {
      headcount: 2,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    const offerId = await offered(employer.token, gigId, crewId);
    const busy = await t.gql(ACCEPT, { o: offerId, m: [b.id, a.id] }, leader.token);
    expect(expectAnswered([busy])).toEqual(['SCHEDULE_CONFLICT']);
    expect(busy.errors?.[0]?.extensions?.workerId).toBe(a.id);
    const tooMany = await t.gql(ACCEPT, { o: offerId, m: [leader.id, b.id, c.id] }, leader.token);
    expect(expectAnswered([tooMany])).toEqual(['GIG_FILLED']);
    expect(tooMany.errors?.[0]?.extensions?.seatsLeft).toBe(2);
    expect(await hiresOn(gigId)).toBe(0);
    expect(await filled(gigId)).toBe(0);
    // The same member named twice is one member, one hire.
    const twice = await t.gql<{ acceptCrewOffer: unknown[] }>(
      ACCEPT,
      { o: offerId, m: [b.id, b.id] },
      leader.token,
    );
    expect(expectAnswered([twice])).toEqual(['OK']);
    expect(twice.data?.acceptCrewOffer).toHaveLength(1);
    expect(await hiresOn(gigId)).toBe(1);
    expect(await filled(gigId)).toBe(1);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('takes exactly the headcount when two crews and a double tap race, and books a member in two crews once', async () => {
    const [l1, l2, shared, x, y] = await workers(5);
    if (!l1 || !l2 || !shared || !x || !y) throw new Error('no workers');
    // `shared` joined both crews of their own accord (nothing in the rules forbids two crews).
    const crew1 = await crewOf(l1, [shared, x], '一队');
    const crew2 = await crewOf(l2, [shared, y], '二队');
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 3 });
    const o1 = await offered(employer.token, gigId, crew1);
    const o2 = await offered(employer.token, gigId, crew2);
    // Each leader taps accept TAPS times, each tap naming the shared member and another.
    const answers = await Promise.all([
      ...Array.from({ length: TAPS }, () => t.gql(ACCEPT, { o: o1, m: [shared.id, x.id] }, l1.token)),
      ...Array.from({ length: TAPS }, () => t.gql(ACCEPT, { o: o2, m: [shared.id, y.id] }, l2.token)),
    ]);
    const said = expectAnswered(answers);
    // One crew wins (its repeats answer its hires); the other is refused for the shared member
    // (booked) or for want of seats, never half taken.
    const firstWins = said.slice(0, TAPS).every((o) => o === 'OK');
    const secondWins = said.slice(TAPS).every((o) => o === 'OK');
    expect(firstWins !== secondWins).toBe(true);
    const lost = firstWins ? said.slice(TAPS) : said.slice(0, TAPS);
    for (const o of lost) expect(['SCHEDULE_CONFLICT', 'GIG_FILLED']).toContain(o);
    expect(await hiresOn(gigId)).toBe(2);
    expect(await filled(gigId)).toBe(2);
    expect(
      await count(
        t,
        sql`select count(*) as n from engagements where gig_id = ${gigId} and worker_id = ${shared.id}`,
      ),
    ).toBe(1);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('never lets racing crews take past the headcount', async () => {
    const people = await workers(9);
    const crews: { leader: SeededWorker; members: SeededWorker[]; crewId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const [leader, ...members] = people.slice(i * 3, i * 3 + 3) as SeededWorker[];
      if (!leader) throw new Error('no workers');
      crews.push({ leader, members, crewId: await crewOf(leader, members, `第${i + 1}班`) });
    }
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 5 });
    const offerIds: string[] = [];
    for (const crew of crews) offerIds.push(await offered(employer.token, gigId, crew.crewId));
    const answers = await Promise.all(
      crews.map((crew, i) =>
        t.gql(
          ACCEPT,
          { o: offerIds[i], m: [crew.leader.id, ...crew.members.map((m) => m.id)] },
          crew.leader.token,
        ),
      ),
    );
    const said = expectAnswered(answers);
    expect(said.filter((o) => o === 'OK')).toHaveLength(1);
    expect(said.filter((o) => o === 'GIG_FILLED')).toHaveLength(2);
    expect(await hiresOn(gigId)).toBe(3);
    expect(await filled(gigId)).toBe(3);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it("keeps the leader's hands off a member's hire: contract, check-in and out, attendance, pay, disputes, rating, calling off", async () => {
    const [leader, member] = await workers(2);
    if (!leader || !member) throw new Error('no workers');
    const crewId = await crewOf(leader, [member]);
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 2 }, 1);
    const offerId = await offered(employer.token, gigId, crewId);
    const hired = await t.gql<{ acceptCrewOffer: { id: string; worker: { id: string } }[] }>(
      ACCEPT,
      { o: offerId, m: [leader.id, member.id] },
      leader.token,
    );
    const hireOf = (id: string) => hired.data?.acceptCrewOffer.find((e) => e.worker.id === id)?.id as string;
    const theirs = hireOf(member.id);
    await coverHires(t, theirs);
    const where = { lat: 35.802, lng: 116.096 };
    const tries: Record<string, [string, Record<string, unknown>]> = {
      acceptContract: ['mutation ($e: ID!) { acceptContract(engagementId: $e) { id } }', {}],
      cancelEngagement: [
        'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "家里有事去不了") { id } }',
        {},
      ],
    };
    const attempt = async (names: string[]) => {
      const answers = [];
      for (const name of names) {
        const [query, vars] = tries[name] as [string, Record<string, unknown>];
        answers.push(await t.gql(query, { e: theirs, ...vars }, leader.token));
      }
      return expectAnswered(answers);
    };
    // Before the work: the leader acknowledges the contract for the member, or calls the hire off.
    expect(await attempt(['acceptContract', 'cancelEngagement'])).toEqual(['NOT_FOUND', 'NOT_FOUND']);

    // The work day: the member checks in on site and out near the end; the leader tries each step.
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    clock.advance(start.getTime() + HOUR - clock.now().getTime());
    tries.checkIn = [
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { at: where },
    ];
    expect(await attempt(['checkIn'])).toEqual(['NOT_FOUND']);
    const own = await t.gql(
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
      { e: theirs, at: where },
      member.token,
    );
    expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
    clock.advance(7 * HOUR);
    tries.checkOut = ['mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', {}];
    expect(await attempt(['checkOut'])).toEqual(['NOT_FOUND']);
    expect(
      (await t.gql('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', { e: theirs }, member.token))
        .errors,
    ).toBeUndefined();
    const paid = await t.gql(
      'mutation ($e: ID!) { recordPayment(engagementId: $e, amountFen: 10000) { paidFen } }',
      { e: theirs },
      employer.token,
    );
    expect(paid.errors, JSON.stringify(paid.errors)).toBeUndefined();
    const disputed = await t.gql<{ openDispute: { id: string } }>(
      'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "班长说工钱要先交给他") { id } }',
      { e: theirs },
      member.token,
    );
    expect(disputed.errors, JSON.stringify(disputed.errors)).toBeUndefined();
    Object.assign(tries, {
      confirmPayment: ['mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen } }', {}],
      recordPayment: ['mutation ($e: ID!) { recordPayment(engagementId: $e, amountFen: 1) { paidFen } }', {}],
      confirmAttendance: [
        'mutation ($e: ID!) { confirmAttendance(engagementId: $e, workedHours: 9) { id } }',
        {},
      ],
      contestAttendance: [
        'mutation ($e: ID!) { contestAttendance(engagementId: $e, reason: "没来") { id } }',
        {},
      ],
      markNoShow: ['mutation ($e: ID!) { markNoShow(engagementId: $e) { id } }', {}],
      openDispute: [
        'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "我是班长，替他申请调解工钱") { id } }',
        {},
      ],
      rate: ['mutation ($e: ID!) { rate(engagementId: $e, stars: 1) { stars } }', {}],
      addDisputeNote: [
        'mutation ($d: ID!) { addDisputeNote(disputeId: $d, note: "班长代为说明：工钱已经给了，撤回调解") { id } }',
        { d: disputed.data?.openDispute.id },
      ],
      resolveDispute: [
        'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "已结清") { id } }',
        { d: disputed.data?.openDispute.id },
      ],
    });
    // After the work: the member's pay, attendance, dispute and rating are theirs and the employer's.
    expect(
      await attempt([
        'confirmPayment',
        'recordPayment',
        'confirmAttendance',
        'contestAttendance',
        'markNoShow',
        'openDispute',
        'rate',
        'addDisputeNote',
        'resolveDispute',
        'acceptContract',
        'cancelEngagement',
      ]),
    ).toEqual([
      'NOT_FOUND', // confirmPayment: not the leader's hire
      'FORBIDDEN', // recordPayment, confirmAttendance, contestAttendance, markNoShow: the employer's
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'NOT_FOUND', // openDispute, rate, addDisputeNote: parties only
      'NOT_FOUND',
      'NOT_FOUND',
      'FORBIDDEN', // resolveDispute: admins
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    const row = await one<Record<string, unknown>>(
      t,
      sql`select status, paid_fen, confirmed_fen, payment_confirmed_at, worker_accepted_at, attendance_status,
            settled_hours, no_show_at, cancelled_at from engagements where id = ${theirs}`,
    );
    expect(row).toMatchObject({
      status: 'COMPLETED',
      paid_fen: 10_000,
      confirmed_fen: 0,
      payment_confirmed_at: null,
      worker_accepted_at: null,
      attendance_status: 'CONFIRMED',
      no_show_at: null,
      cancelled_at: null,
    });
    expect(await count(t, sql`select count(*) as n from payments where engagement_id = ${theirs}`)).toBe(1);
    expect(await count(t, sql`select count(*) as n from disputes where engagement_id = ${theirs}`)).toBe(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from dispute_notes n join disputes d on d.id = n.dispute_id where d.engagement_id = ${theirs}`,
      ),
    ).toBe(0);
    expect(await count(t, sql`select count(*) as n from ratings where engagement_id = ${theirs}`)).toBe(0);
    expect(
      await count(t, sql`select count(*) as n from audit_log where actor_account_id = ${leader.accountId}`),
    ).toBe(0);

    // Reading: the leader's repeat of the accept answers the hires they took (who, which gig, the
    // status), never how the member's went: where they checked in, their hours, pay, disputes (here
    // one about the leader himself) or ratings.
    const repeat = `mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id worker { id } FIELD } }`;
    const safe = await t.gql<{ acceptCrewOffer: { id: string; status: string }[] }>(
      repeat.replace('FIELD', 'status gig { id }'),
      { o: offerId, m: [leader.id, member.id] },
      leader.token,
    );
    expect(expectAnswered([safe])).toEqual(['OK']);
    expect(safe.data?.acceptCrewOffer.map((e) => e.id).sort()).toEqual([theirs, hireOf(leader.id)].sort());
    for (const field of [
      'checkIn { location { lat lng } }',
      'firstCheckIn { at }',
      'hoursWorked',
      'checkedInAt',
      'checkedOutAt',
      'completedAt',
      'attendance { recordedHours }',
      'payment { paidFen records { amountFen } }',
      'disputes { reason }',
      'ratings { byWorker { stars } }',
    ]) {
      const read = await t.gql<{ acceptCrewOffer: Record<string, unknown>[] | null }>(
        repeat.replace('FIELD', field),
        { o: offerId, m: [leader.id, member.id] },
        leader.token,
      );
      const name = field.split(' ')[0] as string;
      expect(expectAnswered([read]), field).toEqual(['FORBIDDEN']);
      expect(read.errors?.map((e) => e.path?.at(-1))).toEqual([name]);
      expect(JSON.stringify(read.data ?? {})).not.toContain('35.802');
      expect(JSON.stringify(read.data ?? {})).not.toContain('班长说工钱');
    }
    // The member reads all of it on their own hire.
    const mine = await t.gql<{ myEngagements: Record<string, unknown>[] }>(
      `{ myEngagements { id checkIn { location { lat } } hoursWorked checkedInAt checkedOutAt completedAt attendance { recordedHours }
          payment { paidFen } disputes { reason } ratings { byWorker { stars } } } }`,
      {},
      member.token,
    );
    expect(expectAnswered([mine])).toEqual(['OK']);
    expect(mine.data?.myEngagements.find((e) => e.id === theirs)).toMatchObject({
      checkIn: { location: { lat: 35.802 } },
      hoursWorked: 7,
      payment: { paidFen: 10_000 },
      disputes: [{ reason: '班长说工钱要先交给他' }],
    });
    expect(mine.data?.myEngagements.find((e) => e.id === theirs)?.completedAt).not.toBeNull();
  });

  it("refuses an employer's crew offer of a gig that is full, called off, another's, or already offered to that crew", async () => {
    const [leader, member] = await workers(2);
    if (!leader || !member) throw new Error('no workers');
    const crewId = await crewOf(leader, [member]);
    const employer = await verifiedEmployer(t);
    const other = await verifiedEmployer(t);
    const offersBefore = await count(t, sql`select count(*) as n from offers where crew_id = ${crewId}`);

    const full = await gig(employer.token, { headcount: 1 });
    const [someone] = await workers(1);
    if (!someone) throw new Error('no workers');
    await hireFor(t, employer.token, someone, full);
    const cancelled = await gig(employer.token);
    expect(
      (
        await t.gql(
          'mutation ($g: ID!) { cancelGig(gigId: $g, reason: "工程延期，另行通知") { id } }',
          { g: cancelled },
          employer.token,
        )
      ).errors,
    ).toBeUndefined();
    const theirs = await gig(other.token);
    const open = await gig(employer.token);
    await offered(employer.token, open, crewId);

    const answers = [];
    for (const gigId of [full, cancelled, theirs, open]) {
      answers.push(await t.gql(OFFER, { g: gigId, c: crewId }, employer.token));
    }
    expect(expectAnswered(answers)).toEqual([
      'BAD_USER_INPUT:gigId', // filled
      'BAD_USER_INPUT:gigId', // called off
      'NOT_FOUND', // another employer's gig
      'BAD_USER_INPUT:crewId', // offered to this crew already
    ]);
    // A worker (the leader himself) cannot offer a gig to a crew.
    const byWorker = await t.gql(OFFER, { g: open, c: crewId }, leader.token);
    expect(expectAnswered([byWorker])).toEqual(['FORBIDDEN']);
    expect(await count(t, sql`select count(*) as n from offers where crew_id = ${crewId}`)).toBe(
      offersBefore + 1,
    );
    expect(await filled(full)).toBe(1);
    expect(await hiresOn(cancelled)).toBe(0);
  });

  it("gives a member no hand in the leader's offer, and no read of other members' private fields", async () => {
    const [leader, a, b] = await workers(3);
    if (!leader || !a || !b) throw new Error('no workers');
    const crewId = await crewOf(leader, [a, b]);
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 3 });
    const offerId = await offered(employer.token, gigId, crewId);

    // The crew offer is the leader's: a member neither sees it in their offers nor answers it.
    const theirOffers = await t.gql<{ myOffers: { id: string }[] }>('{ myOffers { id } }', {}, a.token);
    expect(theirOffers.data?.myOffers.map((o) => o.id)).not.toContain(offerId);
    const taken = await t.gql(ACCEPT, { o: offerId, m: [a.id, b.id] }, a.token);
    const single = await t.gql(
      'mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }',
      { o: offerId },
      a.token,
    );
    const declined = await t.gql(
      'mutation ($o: ID!) { declineOffer(offerId: $o) { id } }',
      { o: offerId },
      a.token,
    );
    expect(expectAnswered([taken, single, declined])).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    // Nor can the leader take it as a single offer for himself alone, past the crew's rules.
    const asSingle = await t.gql(
      'mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }',
      { o: offerId },
      leader.token,
    );
    expect(expectAnswered([asSingle])).toEqual(['BAD_USER_INPUT:offerId']);
    expect(await hiresOn(gigId)).toBe(0);
    const offer = await one<{ status: string }>(t, sql`select status from offers where id = ${offerId}`);
    expect(offer.status).toBe('PENDING');

    // Members, and the leader, see each other as any employer does: never home, groups, reliability's reasons, certificates.
    for (const viewer of [a, leader]) {
      for (const field of [
        'location { lat }',
        'priorityGroups',
        'reliabilityReport { score }',
        'certificates { id }',
      ]) {
        const read = await t.gql<{ myCrews: { members: { id: string }[] }[] }>(
          `{ myCrews { members { id ${field} } } }`,
          {},
          viewer.token,
        );
        const codes = (read.errors ?? []).map((e) => e.extensions?.code);
        expect(codes.length, field).toBeGreaterThan(0);
        expect(new Set(codes), field).toEqual(new Set(['FORBIDDEN']));
      }
    }
    // Only what every employer sees comes back.
    const open = await t.gql<{ myCrews: { members: Record<string, unknown>[] }[] }>(
      '{ myCrews { members { id name idNumberMasked identityStatus } } }',
      {},
      a.token,
    );
    expect(expectAnswered([open])).toEqual(['OK']);
    for (const m of open.data?.myCrews[0]?.members ?? []) expect(m.idNumberMasked).toMatch(/\*{10}/);
  });

  it('lets an employer with an open arrears case hire a crew on a listed gig (a design question: the ban is on posting instant gigs)', async () => {
    const [leader] = await workers(1);
    if (!leader) throw new Error('no workers');
    const crewId = await crewOf(leader, []);
    const employer = await verifiedEmployer(t);
    // A hire the employer never pays: completed, past its pay-by date, the sweep opens a case.
    const owed = await gig(employer.token, { headcount: 1 }, 1);
    const [worker] = await workers(1);
    if (!worker) throw new Error('no workers');
    await hireFor(t, employer.token, worker, owed);
    const { id: hire } = await one<{ id: string }>(t, sql`select id from engagements where gig_id = ${owed}`);
    await coverHires(t, hire);
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    clock.advance(start.getTime() + 10 * 60_000 - clock.now().getTime());
    const at = { lat: 35.802, lng: 116.096 };
    expect(
      (
        await t.gql(
          'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
          { e: hire, at },
          worker.token,
        )
      ).errors,
    ).toBeUndefined();
    clock.advance(8 * HOUR + 40 * 60_000);
    expect(
      (await t.gql('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', { e: hire }, worker.token))
        .errors,
    ).toBeUndefined();
    clock.advance(4 * DAY);
    await t.app.services.work.sweep();
    expect(
      await count(
        t,
        sql`select count(*) as n from arrears_cases where engagement_id = ${hire} and status = 'OPEN'`,
      ),
    ).toBe(1);

    const instant = await t.gql(
      POST_GIG,
      { input: gigInput({ instant: true }, clock.now()) },
      employer.token,
    );
    expect(expectAnswered([instant])).toEqual(['EMPLOYER_HAS_ARREARS']);
    // Today: a listed gig goes up, is pushed to a crew leader, and taken at once.
    const listed = await gig(employer.token, { headcount: 1 });
    const offerId = await offered(employer.token, listed, crewId);
    const taken = await t.gql(ACCEPT, { o: offerId, m: [leader.id] }, leader.token);
    expect(expectAnswered([taken])).toEqual(['OK']);
    expect(await hiresOn(listed)).toBe(1);
  });

  it('hires a member only for time they said they are free: a leader cannot sign them up for a day they never offered', async () => {
    const [leader] = await workers(1);
    const now = clock.now();
    // Free only from three weeks on; the gig is six hours away.
    const [away] = await seedWorkers(t, 1, {
      free: { startsAt: new Date(now.getTime() + 20 * DAY), endsAt: new Date(now.getTime() + 30 * DAY) },
    });
    if (!leader || !away) throw new Error('no workers');
    const crewId = await crewOf(leader, [away]);
    const employer = await verifiedEmployer(t);
    const start = new Date(now.getTime() + 6 * HOUR);
    const gigId = await gig(employer.token, {
      headcount: 2,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    const offerId = await offered(employer.token, gigId, crewId);
    const refused = await t.gql(ACCEPT, { o: offerId, m: [leader.id, away.id] }, leader.token);
    expect(expectAnswered([refused])).toEqual(['SCHEDULE_CONFLICT']);
    expect(refused.errors?.[0]?.extensions?.workerId).toBe(away.id);
    expect(refused.errors?.[0]?.message).toContain('有空');
    expect(await hiresOn(gigId)).toBe(0);
    expect(await filled(gigId)).toBe(0);

    // Free for half the day is not free for the gig.
    const half = await t.gql(
      'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
      { w: [{ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 4 * HOUR).toISOString() }] },
      away.token,
    );
    expect(half.errors).toBeUndefined();
    const partly = await t.gql(ACCEPT, { o: offerId, m: [away.id] }, leader.token);
    expect(expectAnswered([partly])).toEqual(['SCHEDULE_CONFLICT']);
    expect(await hiresOn(gigId)).toBe(0);

    // Once the member says the whole day is free, the leader may take it for them.
    const whole = await t.gql(
      'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
      {
        w: [
          {
            startsAt: new Date(start.getTime() - HOUR).toISOString(),
            endsAt: new Date(start.getTime() + 9 * HOUR).toISOString(),
          },
        ],
      },
      away.token,
    );
    expect(whole.errors).toBeUndefined();
    const taken = await t.gql(ACCEPT, { o: offerId, m: [leader.id, away.id] }, leader.token);
    expect(expectAnswered([taken])).toEqual(['OK']);
    expect(await hiresOn(gigId)).toBe(2);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it("tells the leader's socket nothing of a member's hire, and a repeat or a late accept adds no one", async () => {
    const [leader, a, b] = await workers(3);
    if (!leader || !a || !b) throw new Error('no workers');
    const crewId = await crewOf(leader, [a, b]);
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 3 });
    const offerId = await offered(employer.token, gigId, crewId);
    const leaderSocket = await connectSocket(baseUrl, { token: leader.token });
    const memberSocket = await connectSocket(baseUrl, { token: a.token });
    const heard: { event: string; payload: unknown }[] = [];
    leaderSocket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
    try {
      const told = waitFor<{ engagementId: string }>(memberSocket, 'engagement:new');
      const taken = await t.gql<{ acceptCrewOffer: { id: string; worker: { id: string } }[] }>(
        ACCEPT,
        { o: offerId, m: [a.id] },
        leader.token,
      );
      expect(expectAnswered([taken])).toEqual(['OK']);
      const theirs = taken.data?.acceptCrewOffer[0]?.id as string;
      expect((await told).engagementId).toBe(theirs);
      // A repeat naming others answers the same hire and takes no one else (a double tap, or a
      // leader trying to add to what was accepted).
      const repeats = await Promise.all(
        Array.from({ length: TAPS }, () =>
          t.gql<{ acceptCrewOffer: { id: string }[] }>(
            ACCEPT,
            { o: offerId, m: [leader.id, b.id] },
            leader.token,
          ),
        ),
      );
      expect(expectAnswered(repeats)).toEqual(Array(TAPS).fill('OK'));
      for (const r of repeats) expect(r.data?.acceptCrewOffer.map((e) => e.id)).toEqual([theirs]);
      expect(await hiresOn(gigId)).toBe(1);
      expect(await filled(gigId)).toBe(1);
      // Nor does the leader see the member's check-in code.
      const code = await t.gql<{ acceptCrewOffer: { checkInCode: string | null }[] }>(
        'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { checkInCode } }',
        { o: offerId, m: [a.id] },
        leader.token,
      );
      expect(code.data?.acceptCrewOffer).toEqual([{ checkInCode: null }]);

      // The member and the employer act on the member's hire; the leader's socket hears none of it.
      const steps = [
        await t.gql('mutation ($e: ID!) { acceptContract(engagementId: $e) { id } }', { e: theirs }, a.token),
        await t.gql(
          'mutation ($e: ID!) { acceptContract(engagementId: $e) { id } }',
          { e: theirs },
          employer.token,
        ),
        await t.gql(
          'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "家里有事，去不了了") { id } }',
          { e: theirs },
          a.token,
        ),
      ];
      expect(expectAnswered(steps)).toEqual(['OK', 'OK', 'OK']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The leader's socket is listening: a new crew offer reaches it.
      const arrived = waitFor<{ offerId: string }>(leaderSocket, 'offer');
      const next = await offered(employer.token, await gig(employer.token, { headcount: 1 }, 3), crewId);
      expect((await arrived).offerId).toBe(next);
      expect(JSON.stringify(heard)).not.toContain(theirs);
    } finally {
      leaderSocket.disconnect();
      memberSocket.disconnect();
    }

    // An offer whose gig has started, or that ran out, takes no one.
    const later = await gig(employer.token, { headcount: 2 });
    const expiring = await offered(employer.token, later, crewId);
    clock.advance(10 * 60_000);
    const expired = await t.gql(ACCEPT, { o: expiring, m: [b.id] }, leader.token);
    expect(expectAnswered([expired])).toEqual(['OFFER_EXPIRED']);
    expect(await hiresOn(later)).toBe(0);
  });

  it('sends no crew offer to a crew whose leader was erased: the crew has ended, and the erased get no offers', async () => {
    const leader = await registerWorker(t);
    const [member] = await workers(1);
    if (!member) throw new Error('no workers');
    const crewId = await crewOf(leader, [member]);
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 2 });
    const erased = await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, leader.token);
    expect(erased.errors).toBeUndefined();
    expect(await membership(crewId)).toEqual(
      expect.arrayContaining([
        { worker_id: leader.id, status: 'LEFT' },
        { worker_id: member.id, status: 'LEFT' },
      ]),
    );
    const offersBefore = await count(t, sql`select count(*) as n from offers`);
    const answer = await t.gql(OFFER, { g: gigId, c: crewId }, employer.token);
    expect(expectAnswered([answer])).toEqual(['NOT_FOUND']);
    expect(await count(t, sql`select count(*) as n from offers`)).toBe(offersBefore);
    expect(await count(t, sql`select count(*) as n from offers where worker_id = ${leader.id}`)).toBe(0);
  });

  it('shows a worker the leader merely invited to nobody but the leader: not to the employer offered the crew, nor to its members', async () => {
    const [leader, member, stranger] = await workers(3);
    if (!leader || !member || !stranger) throw new Error('no workers');
    const crewId = await crewOf(leader, [member]);
    expect((await t.gql(INVITE, { c: crewId, w: stranger.id }, leader.token)).errors).toBeUndefined();
    const employer = await verifiedEmployer(t);
    const gigId = await gig(employer.token, { headcount: 2 });
    const offer = await t.gql<{ offerGigToCrew: { id: string; crew: unknown } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id crew { invited { id name age availability { startsAt } } } } }',
      { g: gigId, c: crewId },
      employer.token,
    );
    // The offer is made; the invited list is refused and nothing of the stranger comes back.
    expect(expectAnswered([offer])).toEqual(['FORBIDDEN']);
    expect(offer.errors?.[0]?.path?.at(-1)).toBe('invited');
    expect(JSON.stringify(offer.data)).not.toContain(stranger.id);
    expect(await count(t, sql`select count(*) as n from offers where crew_id = ${crewId}`)).toBe(1);
    const offers = await t.gql<{ gigOffers: unknown[] }>(
      'query ($g: ID!) { gigOffers(gigId: $g) { crew { id invited { id } } } }',
      { g: gigId },
      employer.token,
    );
    expect(expectAnswered([offers])).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(offers.data)).not.toContain(stranger.id);
    const byMember = await t.gql('{ myCrews { invited { id } } }', {}, member.token);
    expect(expectAnswered([byMember])).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(byMember.data)).not.toContain(stranger.id);
    // The members who joined are the crew the employer is offering work to; the leader sees whom he invited.
    const members = await t.gql<{ gigOffers: { crew: { members: { id: string }[] } }[] }>(
      'query ($g: ID!) { gigOffers(gigId: $g) { crew { members { id } } } }',
      { g: gigId },
      employer.token,
    );
    expect(members.data?.gigOffers[0]?.crew.members.map((m) => m.id).sort()).toEqual(
      [leader.id, member.id].sort(),
    );
    const byLeader = await t.gql<{ myCrews: { invited: { id: string }[] }[] }>(
      '{ myCrews { invited { id } } }',
      {},
      leader.token,
    );
    expect(byLeader.data?.myCrews[0]?.invited).toEqual([{ id: stranger.id }]);
  });
});
