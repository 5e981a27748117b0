import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { count, expectAnswered, one, sql } from '../support/double-tap.js';
import { type StaffedStation, staffedStation } from '../support/followup.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, assertHiringInvariants, seedWorkers, testClock } from '../support/hiring.js';
import { adminToken, idNumberFor, workerInput } from '../support/people.js';
import { offerOf, replyBySms, seedSmsWorkers, settle, shanghai } from '../support/sms.js';

const SUSPEND = 'mutation ($a: ID!) { suspendAccount(accountId: $a, reason: "冒用他人身份接活") { id } }';
const REINSTATE = 'mutation ($a: ID!) { reinstateAccount(accountId: $a) { id } }';
const APPLY = 'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id } }';
const DECIDE = 'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }';
const CANDIDATES = 'query ($g: ID!) { gigCandidates(gigId: $g, first: 50) { worker { id } } }';

/** A trade that is no special operation: anyone with it may be offered, apply, be hired. */
const TRADE = 'loading_unloading';

/**
 * "A suspended account cannot sign in, so it takes no gig" (docs/training.md): the bureau's
 * suspension (suspendAccount) closes every door a gig comes in by, not only the sign-in. Matching
 * offers them nothing and lists them to no employer; a station operator cannot apply or accept for
 * a suspended walk-in; an SMS reply cannot accept an offer that was pending when they were
 * suspended; an employer cannot accept an application made before. After each try the tables say
 * what the market recorded: offers, applications, engagements, gigs.filled. Reinstated, the worker
 * is offered and hired again: a suspension, not a ban.
 */
describe('a suspended worker takes no gig, by any door', () => {
  // A weekday morning in the market's time zone, clear of the SMS quiet hours.
  const clock = testClock(shanghai(1, '10:00'));
  let t: TestApp;
  let admin: string;
  let desk: StaffedStation;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        MUTATION_RATE_LIMIT: '100000',
        OFFER_FAN_OUT: '5',
        OFFER_TTL_SECONDS: '600',
        OFFER_SWEEP_MS: '60000',
        WORK_SWEEP_MS: '3600000',
      },
    });
    admin = await adminToken(t);
    desk = await staffedStation(t, { name: '拳铺镇', location: LIANGSHAN, serviceRadiusKm: 30 });
  });
  afterAll(() => t.close());

  let days = 1;
  /** A gig of TRADE on a day of its own (no two tests' gigs overlap), 13:00–18:00. */
  const gigOf = async (employerToken: string, extra: Record<string, unknown> = {}) => {
    days += 1;
    const gig = await postGig(t, employerToken, {
      skills: [TRADE],
      headcount: 1,
      startsAt: shanghai(days, '13:00').toISOString(),
      endsAt: shanghai(days, '18:00').toISOString(),
      ...extra,
    });
    await settle(t);
    return gig;
  };

  const suspend = async (accountId: string) =>
    expect(expectAnswered([await t.gql(SUSPEND, { a: accountId }, admin)])).toEqual(['OK']);
  const reinstate = async (accountId: string) =>
    expect(expectAnswered([await t.gql(REINSTATE, { a: accountId }, admin)])).toEqual(['OK']);

  const hiresOf = (gigId: string) =>
    t.app.db.execute(
      sql`select worker_id, offer_id, application_id, status from engagements where gig_id = ${gigId}`,
    ) as unknown as Promise<Record<string, string | null>[]>;
  const filledOf = async (gigId: string) =>
    (await one<{ filled: number }>(t, sql`select filled from gigs where id = ${gigId}`)).filled;

  /** A walk-in registered at the desk who does TRADE and is free for the next two weeks. */
  async function walkIn(name: string): Promise<{ id: string; accountId: string }> {
    const registered = await t.gql<{ registerWalkInWorker: { id: string } }>(
      'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
      {
        i: {
          ...workerInput({ name, idNumber: idNumberFor('1962-04-18'), skills: [{ code: TRADE, level: 3 }] }),
          location: LIANGSHAN,
          phone: null,
          password: null,
        },
      },
      desk.operator,
    );
    const id = registered.data?.registerWalkInWorker.id;
    if (!id) throw new Error(`walk-in not registered: ${JSON.stringify(registered.errors)}`);
    // Free as the desk would record it (setAvailability is tested elsewhere).
    await t.app.db.execute(sql`insert into worker_availability (worker_id, starts_at, ends_at)
      values (${id}, ${clock.now().toISOString()}::timestamptz, ${new Date(clock.now().getTime() + 14 * 86_400_000).toISOString()}::timestamptz)`);
    await t.app.outbox.drain();
    const { account_id } = await one<{ account_id: string }>(
      t,
      sql`select account_id from workers where id = ${id}`,
    );
    return { id, accountId: account_id };
  }

  it('matching offers a suspended worker nothing and lists them to no employer; reinstated, they are offered and hired again', async () => {
    const [kept, suspended] = await seedSmsWorkers(t, 2, { skills: [{ code: TRADE, level: 3 }] });
    if (!kept || !suspended) throw new Error('no workers');
    await suspend(suspended.accountId);
    const employer = await verifiedEmployer(t);

    const gig = await gigOf(employer.token, { instant: true, headcount: 2 });
    // The wave's places go to who may take the gig: none to the suspended worker.
    expect(await offerOf(t, gig.id, kept.id)).toMatchObject({ status: 'PENDING' });
    expect(await offerOf(t, gig.id, suspended.id)).toBeUndefined();
    const listed = await t.gql<{ gigCandidates: { worker: { id: string } }[] }>(
      CANDIDATES,
      { g: gig.id },
      employer.token,
    );
    expect(expectAnswered([listed])).toEqual(['OK']);
    const ids = listed.data?.gigCandidates.map((c) => c.worker.id) ?? [];
    expect(ids).not.toContain(suspended.id);

    // Reinstated: offered by the next gig's wave, listed, and hired by their reply.
    await reinstate(suspended.accountId);
    const again = await gigOf(employer.token, { instant: true });
    const offer = await offerOf(t, again.id, suspended.id);
    expect(offer).toMatchObject({ status: 'PENDING' });
    const relisted = await t.gql<{ gigCandidates: { worker: { id: string } }[] }>(
      CANDIDATES,
      { g: again.id },
      employer.token,
    );
    expect(relisted.data?.gigCandidates.map((c) => c.worker.id)).toContain(suspended.id);
    const answered = await replyBySms(t, suspended.phone, '1');
    expect(answered).toMatchObject({ outcome: 'HIRED', offerId: offer?.id });
    expect(await hiresOf(again.id)).toEqual([
      { worker_id: suspended.id, offer_id: offer?.id, application_id: null, status: 'CONFIRMED' },
    ]);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('an SMS reply cannot accept an offer pending when the worker was suspended; it stays pending, and is theirs again once reinstated', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: TRADE, level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await gigOf(employer.token, { instant: true });
    const offer = await offerOf(t, gig.id, worker.id);
    expect(offer).toMatchObject({ status: 'PENDING', sms_status: 'SENT' });

    await suspend(worker.accountId);
    const answered = await replyBySms(t, worker.phone, '1');
    expect(answered).toMatchObject({ outcome: 'ACCOUNT_SUSPENDED', offerId: offer?.id });
    // Told why, in their language, not "this gig cannot be taken now".
    expect(answered.reply).toContain('账号已被人社部门停用');
    expect(await hiresOf(gig.id)).toEqual([]);
    expect(await filledOf(gig.id)).toBe(0);
    expect((await offerOf(t, gig.id, worker.id))?.status).toBe('PENDING');

    // Within its time, reinstated: the same offer is taken.
    await reinstate(worker.accountId);
    expect(await replyBySms(t, worker.phone, '1')).toMatchObject({ outcome: 'HIRED', offerId: offer?.id });
    expect(await hiresOf(gig.id)).toEqual([
      { worker_id: worker.id, offer_id: offer?.id, application_id: null, status: 'CONFIRMED' },
    ]);
    expect(await filledOf(gig.id)).toBe(1);
  });

  it('a station operator cannot accept an offer, nor apply, for a suspended walk-in', async () => {
    const person = await walkIn('韩老汉');
    const employer = await verifiedEmployer(t);
    const instant = await gigOf(employer.token, { instant: true });
    const offer = await offerOf(t, instant.id, person.id);
    expect(offer).toMatchObject({ status: 'PENDING' });
    const listed = await gigOf(employer.token);

    await suspend(person.accountId);
    const accepted = await t.gql(ACCEPT_OFFER, { id: offer?.id }, desk.operator);
    const applied = await t.gql(APPLY, { g: listed.id, w: person.id }, desk.operator);
    expect(expectAnswered([accepted, applied])).toEqual(['ACCOUNT_SUSPENDED', 'ACCOUNT_SUSPENDED']);
    expect(accepted.errors?.[0]?.extensions).toMatchObject({ field: 'offerId', offerId: offer?.id });
    expect(applied.errors?.[0]?.extensions).toMatchObject({ field: 'workerId', workerId: person.id });
    expect(await hiresOf(instant.id)).toEqual([]);
    expect(await filledOf(instant.id)).toBe(0);
    expect((await offerOf(t, instant.id, person.id))?.status).toBe('PENDING');
    expect(await count(t, sql`select count(*) as n from applications where worker_id = ${person.id}`)).toBe(
      0,
    );

    // Reinstated, the operator acts for them again.
    await reinstate(person.accountId);
    const retried = await t.gql(ACCEPT_OFFER, { id: offer?.id }, desk.operator);
    expect(expectAnswered([retried])).toEqual(['OK']);
    expect(await hiresOf(instant.id)).toEqual([
      { worker_id: person.id, offer_id: offer?.id, application_id: null, status: 'CONFIRMED' },
    ]);
  });

  it('an employer cannot accept an application made before the suspension; reinstated, it can', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: TRADE, level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await gigOf(employer.token);
    const applied = await t.gql<{ applyToGig: { id: string } }>(APPLY, { g: gig.id }, worker.token);
    expect(expectAnswered([applied])).toEqual(['OK']);
    const applicationId = applied.data?.applyToGig.id as string;

    await suspend(worker.accountId);
    const decided = await t.gql(DECIDE, { a: applicationId }, employer.token);
    expect(expectAnswered([decided])).toEqual(['ACCOUNT_SUSPENDED']);
    expect(decided.errors?.[0]?.extensions).toMatchObject({ field: 'applicationId', applicationId });
    expect(await hiresOf(gig.id)).toEqual([]);
    expect(await filledOf(gig.id)).toBe(0);
    expect(
      await one<{ status: string }>(t, sql`select status from applications where id = ${applicationId}`),
    ).toEqual({ status: 'APPLIED' });

    await reinstate(worker.accountId);
    const again = await t.gql(DECIDE, { a: applicationId }, employer.token);
    expect(expectAnswered([again])).toEqual(['OK']);
    expect(await hiresOf(gig.id)).toEqual([
      { worker_id: worker.id, offer_id: null, application_id: applicationId, status: 'CONFIRMED' },
    ]);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });
});
