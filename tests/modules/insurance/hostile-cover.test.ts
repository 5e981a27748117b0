import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../../support/app.js';
import { type StaffedStation, staffedStation } from '../../support/followup.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import {
  hireFor,
  hireThroughApplication,
  type SeededWorker,
  seedWorkers,
  testClock,
} from '../../support/hiring.js';
import { stationWithKiosk } from '../../support/kiosk.js';
import { adminToken, registerWalkIn } from '../../support/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CHECK_IN = 'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status } }';
const CHECK_IN_WITH_CODE =
  'mutation ($e: ID!, $c: String!) { checkInWithCode(engagementId: $e, code: $c) { status } }';
const ARRANGE = 'mutation ($e: ID!) { arrangeAccidentCover(engagementId: $e) { coveredOn payer } }';

type Employer = Awaited<ReturnType<typeof verifiedEmployer>>;

/**
 * Every door to check-in, tried by a worker, an employer, a station operator, a crew's leader and a
 * kiosk on hires that need accident cover (docs/insurance.md), and arranging cover by whoever
 * should not; the tables checked after each move: no check-in, no policy, no audit entry.
 */
describe('hostile moves on accident cover', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let employer: Employer;
  let stranger: Employer;
  let station: StaffedStation;
  let workers: SeededWorker[];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' } });
    admin = await adminToken(t);
    employer = await verifiedEmployer(t);
    stranger = await verifiedEmployer(t);
    station = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
    workers = await seedWorkers(t, 6, { near: LIANGSHAN, spreadKm: 0.5 });
  }, 60_000);
  afterAll(() => t?.close());

  const worker = (i: number) => workers[i] as SeededWorker;

  async function hire(id: string) {
    const [row] = (await t.app.db.execute(
      sql`select status, checked_in_at, check_in_code, starts_at from engagements where id = ${id}`,
    )) as unknown as { status: string; checked_in_at: Date | null; check_in_code: string; starts_at: Date }[];
    if (!row) throw new Error('no engagement');
    return row;
  }

  const policies = async (id: string) =>
    (
      (await t.app.db.execute(
        sql`select covered_on::text as day from accident_policies where engagement_id = ${id} order by covered_on`,
      )) as unknown as { day: string }[]
    ).map((r) => r.day);

  const coverAudits = async (id: string) =>
    (
      (await t.app.db.execute(
        sql`select count(*)::int as n from audit_log where action = 'ACCIDENT_COVER_ARRANGED' and subject_id = ${id}`,
      )) as unknown as { n: number }[]
    )[0]?.n;

  /** Half an hour before the hire starts: inside the check-in window. */
  async function toCheckInTime(id: string) {
    const { starts_at } = await hire(id);
    clock.advance(new Date(starts_at).getTime() - 30 * MINUTE - clock.now().getTime());
  }

  function refusedForCover(res: GraphQLResponse, missingDays?: string[]) {
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('INSURANCE_REQUIRED');
    if (missingDays) expect(res.errors?.[0]?.extensions?.missingDays).toEqual(missingDays);
  }

  /** The hire is as it was: confirmed, never checked in, no policy, nothing arranged. */
  async function untouched(id: string) {
    expect((await hire(id)).status).toBe('CONFIRMED');
    expect((await hire(id)).checked_in_at).toBeNull();
    expect(await policies(id)).toEqual([]);
    expect(await coverAudits(id)).toBe(0);
  }

  it('holds an operator near the gig and a kiosk to the rule: code, GPS, nothing gets through', async () => {
    const id = await hireThroughApplication(t, employer.token, worker(0), 1, {
      skills: ['loading_unloading'],
    });
    await toCheckInTime(id);
    const code = (await hire(id)).check_in_code;
    refusedForCover(await t.gql(CHECK_IN_WITH_CODE, { e: id, c: code }, station.operator));
    refusedForCover(await t.gql(CHECK_IN_WITH_CODE, { e: id, c: code }, employer.token));
    refusedForCover(await t.gql(CHECK_IN, { e: id, at: LIANGSHAN }, worker(0).token));
    // The employer cannot check in by GPS for the worker, a kiosk by neither path.
    expect(
      (await t.gql(CHECK_IN, { e: id, at: LIANGSHAN }, employer.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const kiosk = await stationWithKiosk(t, { location: LIANGSHAN });
    for (const [query, vars] of [
      [CHECK_IN, { e: id, at: LIANGSHAN }],
      [CHECK_IN_WITH_CODE, { e: id, c: code }],
    ] as const) {
      expect((await t.gql(query, vars, kiosk.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    await untouched(id);
  });

  it('holds a walk-in’s check-in by their operator to the rule, by GPS and by code', async () => {
    const walkIn = await registerWalkIn(t, station.operator, '赵大伯', '1963-04-09');
    clock.advance(HOUR);
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const gig = await postGig(t, employer.token, {
      skills: ['loading_unloading'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    const applied = await t.gql<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id } }',
      { g: gig.id, w: walkIn },
      station.operator,
    );
    const decided = await t.gql(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
      { a: applied.data?.applyToGig.id },
      employer.token,
    );
    expect(decided.errors).toBeUndefined();
    const [row] = (await t.app.db.execute(
      sql`select id from engagements where gig_id = ${gig.id}`,
    )) as unknown as { id: string }[];
    const id = row?.id as string;
    await toCheckInTime(id);
    refusedForCover(await t.gql(CHECK_IN, { e: id, at: LIANGSHAN }, station.operator));
    refusedForCover(
      await t.gql(CHECK_IN_WITH_CODE, { e: id, c: (await hire(id)).check_in_code }, station.operator),
    );
    // Nor may the operator arrange it: the employer pays.
    expect((await t.gql(ARRANGE, { e: id }, station.operator)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    await untouched(id);
  });

  it('covers each crew member’s hire on its own: one member’s policy lets no crew-mate in', async () => {
    const leader = worker(1);
    const member = worker(2);
    const crew = await t.gql<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "梁山装卸班") { id } }',
      {},
      leader.token,
    );
    const crewId = crew.data?.createCrew.id as string;
    await t.gql(
      'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
      { c: crewId, w: member.id },
      leader.token,
    );
    expect(
      (await t.gql('mutation ($c: ID!) { joinCrew(crewId: $c) { id } }', { c: crewId }, member.token)).errors,
    ).toBeUndefined();
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(0, 0, 0, 0);
    const gig = await postGig(t, employer.token, {
      skills: ['loading_unloading'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    const offered = await t.gql<{ offerGigToCrew: { id: string } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }',
      { g: gig.id, c: crewId },
      employer.token,
    );
    const accepted = await t.gql<{ acceptCrewOffer: { id: string; worker: { id: string } }[] }>(
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id worker { id } } }',
      { o: offered.data?.offerGigToCrew.id, m: [leader.id, member.id] },
      leader.token,
    );
    const hires = accepted.data?.acceptCrewOffer ?? [];
    expect(hires).toHaveLength(2);
    const leaderHire = hires.find((h) => h.worker.id === leader.id)?.id as string;
    const memberHire = hires.find((h) => h.worker.id === member.id)?.id as string;
    await toCheckInTime(leaderHire);
    refusedForCover(await t.gql(CHECK_IN, { e: leaderHire, at: LIANGSHAN }, leader.token));
    refusedForCover(await t.gql(CHECK_IN, { e: memberHire, at: LIANGSHAN }, member.token));

    expect((await t.gql(ARRANGE, { e: leaderHire }, employer.token)).errors).toBeUndefined();
    expect(
      (await t.gql<{ checkIn: { status: string } }>(CHECK_IN, { e: leaderHire, at: LIANGSHAN }, leader.token))
        .data?.checkIn.status,
    ).toBe('CHECKED_IN');
    refusedForCover(await t.gql(CHECK_IN, { e: memberHire, at: LIANGSHAN }, member.token));
    await untouched(memberHire);
  });

  it('asks a night shift for both its days: the first day’s policy alone lets no one in', async () => {
    // 20:00 tomorrow to 04:00 the day after, market time.
    const start = new Date(clock.now().getTime() + DAY);
    start.setUTCHours(12, 0, 0, 0);
    const gig = await postGig(t, employer.token, {
      skills: ['loading_unloading'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    await hireFor(t, employer.token, worker(3), gig.id);
    const [row] = (await t.app.db.execute(
      sql`select id from engagements where gig_id = ${gig.id}`,
    )) as unknown as { id: string }[];
    const id = row?.id as string;
    const days = [start, new Date(start.getTime() + 8 * HOUR)].map((d) =>
      new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10),
    );
    expect(days[0]).not.toBe(days[1]);
    // Only the evening's day is covered (as an insurer that answered part of a request would leave it).
    await t.app.db.execute(sql`
      insert into accident_policies (engagement_id, covered_on, provider, insurer, policy_number, payer, issued_at)
      values (${id}, ${days[0]}::date, 'test', '测试保险', ${`TEST-${randomUUID()}`}, 'EMPLOYER', now())`);
    await toCheckInTime(id);
    refusedForCover(await t.gql(CHECK_IN, { e: id, at: LIANGSHAN }, worker(3).token), [days[1] as string]);
    expect((await hire(id)).status).toBe('CONFIRMED');

    const arranged = await t.gql<{ arrangeAccidentCover: { coveredOn: string }[] }>(
      ARRANGE,
      { e: id },
      employer.token,
    );
    expect(arranged.data?.arrangeAccidentCover.map((p) => p.coveredOn)).toEqual(days);
    expect(await policies(id)).toEqual(days);
    const checkedIn = await t.gql<{ checkIn: { status: string } }>(
      CHECK_IN,
      { e: id, at: LIANGSHAN },
      worker(3).token,
    );
    expect(checkedIn.data?.checkIn.status).toBe('CHECKED_IN');
  });

  it('lets nobody but the payer arrange cover, and says of a stranger’s hire what it says of none', async () => {
    const risky = await hireThroughApplication(t, employer.token, worker(4), 2, {
      skills: ['loading_unloading'],
    });
    const plain = await hireThroughApplication(t, employer.token, worker(5), 3, { skills: ['cleaner'] });

    const madeUp = randomUUID();
    const foreign = await t.gql(ARRANGE, { e: risky }, stranger.token);
    const nowhere = await t.gql(ARRANGE, { e: madeUp }, stranger.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(nowhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The same words but for the id the caller gave.
    expect(foreign.errors?.[0]?.message.replace(risky, '<id>')).toBe(
      nowhere.errors?.[0]?.message.replace(madeUp, '<id>'),
    );

    // An admin pays for no employer's cover (told who pays), and is told a post that needs none needs none.
    const employersCover = await t.gql(ARRANGE, { e: risky }, admin);
    expect(employersCover.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', payer: 'EMPLOYER' });
    const noneNeeded = await t.gql(ARRANGE, { e: plain }, admin);
    expect(noneNeeded.data ?? null).toBeNull();
    expect(noneNeeded.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'engagementId',
    });
    expect(noneNeeded.errors?.[0]?.message).toBe(
      (await t.gql(ARRANGE, { e: plain }, employer.token)).errors?.[0]?.message,
    );
    // A worker, an operator, and the employer of a post that needs none.
    expect((await t.gql(ARRANGE, { e: risky }, worker(4).token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.gql(ARRANGE, { e: risky }, station.operator)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.gql(ARRANGE, { e: plain }, employer.token)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    await untouched(risky);
    await untouched(plain);

    // A hire the worker called off is insured for nothing.
    const cancelled = await t.gql(
      'mutation ($e: ID!, $r: String!) { cancelEngagement(engagementId: $e, reason: $r) { status } }',
      { e: risky, r: '家里有事去不了' },
      worker(4).token,
    );
    expect(cancelled.errors).toBeUndefined();
    const late = await t.gql(ARRANGE, { e: risky }, employer.token);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId' });
    expect(await policies(risky)).toEqual([]);
  });

  it('offers no way to move a covered hire to a day it is not covered: no mutation edits a gig’s window or trades', async () => {
    const { data } = await t.gql<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "Mutation") { fields { name } } }',
      {},
      admin,
    );
    const touchingGigs = (data?.__type.fields ?? [])
      .map((f) => f.name)
      .filter((n) => /gig|engagement|shift/i.test(n));
    // If a mutation that edits or reschedules a gig or a hire is added, its new days must be held to the rule.
    expect(touchingGigs.sort()).toEqual(
      ['postGig', 'cancelGig', 'applyToGig', 'offerGigToCrew', 'cancelEngagement'].sort(),
    );
  });
});
