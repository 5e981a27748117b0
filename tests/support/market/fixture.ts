import { sql } from 'drizzle-orm';
import type { TestApp } from '../app.js';
import { postGig } from '../gigs.js';
import { registerEmployer } from '../people.js';
import { dayAfter, insertCourse } from '../training-enrolments.js';
import { all, must } from './calls.js';
import { buildPeople, PASSWORD, type People, peopleIntact } from './people.js';

export type Caller = 'anonymous' | 'worker' | 'employer' | 'operator' | 'admin' | 'kiosk' | 'provider';

/**
 * A small market with a row of every kind a mutation can name: the callers' tokens, and real values
 * by the name of the argument or input field they fit (`gigId`, `engagementId`, `code`, …). Property
 * tests pick from `values` so that some random calls get past the id checks into the rules.
 */
export type MarketFixture = {
  tokens: Record<Caller, string | undefined>;
  values: Record<string, string[]>;
  people: People;
  /** How many times the rows were made: each time on a day of its own, so hires never overlap. */
  generation: number;
};

const HOUR = 3_600_000;

/**
 * The names in `values` of rows a call can use up (an offer accepted, a gig cancelled, a refresh
 * token spent); the others name people, who last until an account is deleted.
 */
export const CONSUMABLE = new Set([
  'gigId',
  'engagementId',
  'offerId',
  'applicationId',
  'crewId',
  'disputeId',
  'caseId',
  'id',
  'refreshToken',
  'code',
  'enrolmentId',
]);

/**
 * The market after some calls succeeded: the same if nothing may be used up, fresh rows (gigs, a
 * hire, an application, a crew offer, a dispute, an arrears case …) for the same people if rows may
 * be, and all new if an account was deleted.
 */
export async function refreshMarketFixture(
  t: TestApp,
  fixture: MarketFixture,
  rowsUsed: boolean,
): Promise<MarketFixture> {
  if (!(await peopleIntact(t, fixture.people))) return buildMarketFixture(t, fixture.generation + 1);
  return rowsUsed ? buildMarketFixture(t, fixture.generation + 1, fixture.people) : fixture;
}

/** The market, for these people or new ones; each generation's gigs are on a day of its own. */
export async function buildMarketFixture(t: TestApp, generation = 0, known?: People): Promise<MarketFixture> {
  const people = known ?? (await buildPeople(t));
  const { admin, worker, member, employer, late } = people;
  // A minimum wage an earlier call set (up to 1000 元 an hour) would refuse the fixture's gigs.
  await t.app.db.execute(sql`delete from minimum_wages where created_by_account_id is not null`);

  // Two-hour gigs on a day of this generation's, 08:00 market time on: the hires never overlap.
  const day = new Date(t.app.clock.now().getTime() + (2 + generation) * 24 * HOUR);
  day.setUTCHours(0, 0, 0, 0);
  const window = (hour: number) => ({
    startsAt: new Date(day.getTime() + hour * HOUR).toISOString(),
    endsAt: new Date(day.getTime() + (hour + 2) * HOUR).toISOString(),
  });
  const [hireGig, openGig, crewGig, lateGig] = await all([
    postGig(t, employer.token, window(0)),
    postGig(t, employer.token, window(3)),
    postGig(t, employer.token, { ...window(6), title: '班组钢结构焊接' }),
    postGig(t, late.token, window(0)),
  ]);
  const apply = (gigId: string, token: string) =>
    must(
      'applyToGig',
      t.gql<{ applyToGig: { id: string } }>(
        'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
        { g: gigId },
        token,
      ),
    ).then((a) => a.applyToGig.id);
  const accept = (applicationId: string, token: string) =>
    must(
      'decideApplication',
      t.gql(
        'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id } }',
        { a: applicationId },
        token,
      ),
    );
  const [hireApplication, lateApplication, pendingApplication] = await all([
    apply(hireGig.id, worker.token),
    apply(lateGig.id, member.token),
    apply(openGig.id, member.token),
  ]);
  await all([accept(hireApplication, employer.token), accept(lateApplication, late.token)]);
  const hires = (await t.app.db.execute(
    sql`select id, gig_id from engagements where gig_id in (${hireGig.id}, ${lateGig.id})`,
  )) as unknown as { id: string; gig_id: string }[];
  const engagementId = hires.find((h) => h.gig_id === hireGig.id)?.id;
  const lateHire = hires.find((h) => h.gig_id === lateGig.id)?.id;
  if (!engagementId || !lateHire) throw new Error('no engagements after accepting the applications');

  const crew = await must(
    'createCrew',
    t.gql<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "韩垓焊工班") { id } }',
      {},
      worker.token,
    ),
  );
  const crewId = crew.createCrew.id;
  await must(
    'inviteToCrew',
    t.gql(
      'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
      { c: crewId, w: member.id },
      worker.token,
    ),
  );
  await must(
    'joinCrew',
    t.gql('mutation ($c: ID!) { joinCrew(crewId: $c) { id } }', { c: crewId }, member.token),
  );
  const [crewOffer, saved, dispute, kiosk, hire, unverified, refreshToken] = await all([
    must(
      'offerGigToCrew',
      t.gql<{ offerGigToCrew: { id: string } }>(
        'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }',
        { g: crewGig.id, c: crewId },
        employer.token,
      ),
    ),
    savedSearchOf(t, worker.token),
    must(
      'openDispute',
      t.gql<{ openDispute: { id: string } }>(
        'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "合同写的时间不对") { id } }',
        { e: engagementId },
        worker.token,
      ),
    ),
    must(
      'issueKioskToken',
      t.gql<{ issueKioskToken: { id: string } }>(
        'mutation ($s: ID!) { issueKioskToken(stationId: $s, label: "左屏") { id } }',
        { s: people.stationId },
        admin,
      ),
    ),
    must(
      'myEngagements',
      t.gql<{ myEngagements: { id: string; checkInCode: string | null }[] }>(
        '{ myEngagements { id checkInCode } }',
        {},
        worker.token,
      ),
    ),
    registerEmployer(t),
    refreshTokenOf(t, worker.phone),
  ]);
  // A course of the provider's running today, the member on it: its register and results can be kept.
  const courseId = await insertCourse(t, people.provider.id, {
    title: `砌筑工培训班（第${generation + 1}期）`,
    skillCode: 'bricklayer',
    certificate: 'SKILL_LEVEL',
    targetLevel: 2,
    startsOn: dayAfter(t, -1),
    endsOn: dayAfter(t, 1),
    enrolBy: dayAfter(t, 0),
    enrolled: 1,
  });
  const [enrolment] = (await t.app.db.execute(sql`
    insert into course_enrolments (course_id, worker_id, enrolled_by_account_id, enrolled_at)
    values (${courseId}, ${member.id}, ${member.accountId}, now()) returning id`)) as unknown as {
    id: string;
  }[];

  // An open wage arrears case: the clock would open it only days after the hire ended.
  const [arrears] = (await t.app.db.execute(sql`
    insert into arrears_cases (engagement_id, employer_id, worker_id, owed_fen, opened_at)
    select id, ${late.id}, worker_id, 20000, now() from engagements where id = ${lateHire}
    returning id`)) as unknown as { id: string }[];

  return {
    people,
    generation,
    tokens: {
      anonymous: undefined,
      worker: worker.token,
      employer: employer.token,
      operator: people.operator,
      admin,
      kiosk: people.kiosk,
      provider: people.provider.token,
    },
    values: {
      gigId: [openGig.id, crewGig.id],
      engagementId: [engagementId, lateHire],
      offerId: [crewOffer.offerGigToCrew.id],
      applicationId: [pendingApplication],
      workerId: [worker.id, member.id, people.walkInWorkerId],
      memberIds: [member.id, worker.id],
      employerId: [unverified.id, employer.id],
      crewId: [crewId],
      stationId: [people.stationId],
      accountId: [people.operatorAccountId, worker.accountId],
      disputeId: [dispute.openDispute.id],
      caseId: arrears ? [arrears.id] : [],
      id: [saved, kiosk.issueKioskToken.id],
      refreshToken: [refreshToken],
      code: hire.myEngagements.flatMap((e) =>
        e.id === engagementId && e.checkInCode ? [e.checkInCode] : [],
      ),
      password: [PASSWORD],
      consentVersion: [people.consentVersion],
      phone: [worker.phone, employer.phone],
      courseId: [courseId],
      enrolmentId: enrolment ? [enrolment.id] : [],
    },
  };
}

async function refreshTokenOf(t: TestApp, phone: string): Promise<string> {
  const signedIn = await must(
    'login',
    t.gql<{ login: { refreshToken: string } }>(
      'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { refreshToken } }',
      { p: phone, w: PASSWORD },
    ),
  );
  return signedIn.login.refreshToken;
}

/** A saved search of the worker's: one kept from before (a worker may keep 20), or a new one. */
async function savedSearchOf(t: TestApp, token: string): Promise<string> {
  const mine = await must(
    'mySavedSearches',
    t.gql<{ mySavedSearches: { id: string }[] }>('{ mySavedSearches { id } }', {}, token),
  );
  const kept = mine.mySavedSearches[0];
  if (kept) return kept.id;
  const saved = await must(
    'saveSearch',
    t.gql<{ saveSearch: { id: string } }>(
      'mutation { saveSearch(name: "附近焊工", search: { skills: ["welder"] }) { id } }',
      {},
      token,
    ),
  );
  return saved.saveSearch.id;
}
