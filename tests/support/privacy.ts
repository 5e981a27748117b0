import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from './gigs.js';
import { hireFor, type testClock } from './hiring.js';
import { coverHires } from './insurance.js';
import { adminToken, idNumberFor, registerWorker } from './people.js';
import { replyBySms, settle, shanghai } from './sms.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** The person whose records the privacy tests look for: distinctive enough to find anywhere. */
export const PERSON = { name: '欧阳娜娜', idNumber: idNumberFor('1988-03-03'), password: 'worker-pass-1' };

export async function ok<T = Record<string, unknown>>(
  t: TestApp,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const response = await t.gql<T>(query, variables, token);
  if (!response.data || response.errors)
    throw new Error(`${query.slice(0, 80)} failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/**
 * A registered worker with one of everything the market keeps, made through the public API on
 * the test's clock (which starts on a weekday morning, `shanghai(1, '09:00')`): a hire taken by
 * SMS (a text to them, their reply), checked in and out on site, part-paid, rated both ways, in
 * arrears, disputed with a note, a saved search, a crew, a place on the employer's roster and an
 * admin's audited read of their location.
 */
export async function workerWithHistory(t: TestApp, clock: ReturnType<typeof testClock>, skill: string) {
  const registered = await registerWorker(t, {
    name: PERSON.name,
    idNumber: PERSON.idNumber,
    password: PERSON.password,
    skills: [{ code: skill, level: 3 }],
  });
  const worker = { ...registered, token: registered.token };
  const now = clock.now().getTime();
  await ok(
    t,
    'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
    { w: [{ startsAt: new Date(now).toISOString(), endsAt: new Date(now + 20 * DAY).toISOString() }] },
    worker.token,
  );
  await ok(t, 'mutation { setSmsOffers(enabled: true) { id } }', {}, worker.token);
  // Matching finds workers in the search index: the registration and its changes are there first.
  await t.app.outbox.drain();

  const employer = await verifiedEmployer(t);
  const start = shanghai(1, '08:00', clock.now());
  const end = shanghai(1, '17:00', clock.now());
  const gig = await postGig(t, employer.token, {
    instant: true,
    headcount: 1,
    skills: [skill],
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    payDueDays: 0,
  });
  await settle(t);
  const replied = await replyBySms(t, worker.phone, '1');
  if (!replied.engagementId) throw new Error(`the SMS reply hired nobody: ${JSON.stringify(replied)}`);
  const engagementId = replied.engagementId;

  const until = (at: number) => clock.advance(at - clock.now().getTime());
  until(start.getTime() + 5 * MINUTE);
  await coverHires(t, engagementId);
  await ok(
    t,
    'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
    { e: engagementId, at: LIANGSHAN },
    worker.token,
  );
  until(end.getTime());
  await ok(
    t,
    'mutation ($e: ID!) { checkOut(engagementId: $e) { id status } }',
    { e: engagementId },
    worker.token,
  );
  await ok(
    t,
    'mutation ($e: ID!) { recordPayment(engagementId: $e, amountFen: 1000) { paidFen } }',
    { e: engagementId },
    employer.token,
  );
  const RATE =
    'mutation ($e: ID!, $s: Int!, $c: String) { rate(engagementId: $e, stars: $s, comment: $c) { id } }';
  await ok(t, RATE, { e: engagementId, s: 5, c: '老板人很好，按时开工' }, worker.token);
  await ok(t, RATE, { e: engagementId, s: 4, c: '干活认真' }, employer.token);
  // Paid the same day: a day on, without the worker's confirmation, the sweep opens arrears.
  until(end.getTime() + DAY);
  await t.app.services.work.sweep();
  const [arrears] = (await t.app.db.execute(
    sql`select id from arrears_cases where engagement_id = ${engagementId}`,
  )) as unknown as { id: string }[];
  if (!arrears) throw new Error('no arrears case opened');
  const dispute = await ok<{ openDispute: { id: string } }>(
    t,
    'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "工钱还差一部分没有结清") { id } }',
    { e: engagementId },
    worker.token,
  );
  await ok(
    t,
    'mutation ($d: ID!) { addDisputeNote(disputeId: $d, note: "老板说下个月再给") { id } }',
    { d: dispute.openDispute.id },
    worker.token,
  );
  await ok(t, 'mutation { saveSearch(name: "采摘活", search: { q: "采摘" }) { id } }', {}, worker.token);
  await ok(t, 'mutation { createCrew(name: "欧阳家班组") { id } }', {}, worker.token);
  await ok(t, 'mutation ($w: ID!) { addToRoster(workerId: $w) { id } }', { w: worker.id }, employer.token);
  await ok(
    t,
    'query ($w: ID!) { worker(id: $w) { id location { lat } } }',
    { w: worker.id },
    await adminToken(t),
  );
  return { worker, employer, gig, engagementId, arrearsId: arrears.id, disputeId: dispute.openDispute.id };
}

/** How many rows of every table of the app's database hold `text` anywhere in them. */
export async function rowsHolding(t: TestApp, text: string): Promise<Record<string, number>> {
  const tables = (await t.app.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as { table_name: string }[];
  const found: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = (await t.app.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} as x where x::text like ${`%${text}%`}`,
    )) as unknown as { n: number }[];
    if (row && row.n > 0) found[table] = row.n;
  }
  return found;
}

/**
 * A listed gig `daysAhead` on, applied to by the worker and accepted by the employer (an employer
 * in arrears may still post listed gigs); its hire's id.
 */
export async function futureHire(
  t: TestApp,
  clock: ReturnType<typeof testClock>,
  employerToken: string,
  worker: { id: string; token: string },
  skill: string,
  daysAhead: number,
) {
  const gig = await postGig(t, employerToken, {
    headcount: 1,
    skills: [skill],
    startsAt: shanghai(daysAhead, '08:00', clock.now()).toISOString(),
    endsAt: shanghai(daysAhead, '12:00', clock.now()).toISOString(),
  });
  await hireFor(t, employerToken, worker, gig.id);
  const [row] = (await t.app.db.execute(
    sql`select id from engagements where gig_id = ${gig.id} and worker_id = ${worker.id}`,
  )) as unknown as { id: string }[];
  if (!row) throw new Error('no hire after the application was accepted');
  return { gig, engagementId: row.id };
}
