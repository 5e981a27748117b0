import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { gigInput, LIANGSHAN, POST_GIG, postGig, verifiedEmployer } from '../support/gigs.js';
import { hireFor, seedWorkers, testClock } from '../support/hiring.js';
import { coverHires } from '../support/insurance.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 梁山县's hourly minimum wage (山东 tier 3, src/db/seed/minimum-wages.json). */
const MINIMUM = 2_000;

/**
 * Attacks on the minimum wage, made the way an employer with a script would: pay that looks
 * lawful only on hours nobody will work, and a piece rate nobody can reach.
 */
describe('minimum wage on the hours actually asked for', () => {
  const clock = testClock();
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' } });
    employer = await verifiedEmployer(t);
  });
  afterAll(() => t.close());

  /** 07:00–19:00 market time, 11 to 35 hours ahead whatever the hour now: twelve hours. */
  function twelveHours() {
    // 00:00 UTC (08:00 market time) of the day 36 hours on, less an hour: never in the past (a day
    // ahead of now, at 23:00 UTC, lands before now).
    const day = new Date(clock.now().getTime() + DAY + 12 * HOUR);
    day.setUTCHours(0, 0, 0, 0);
    const startsAt = new Date(day.getTime() - HOUR); // 07:00 in Asia/Shanghai
    return {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 12 * HOUR).toISOString(),
    };
  }
  const gigCount = async () =>
    Number(
      ((await t.app.db.execute(sql`select count(*)::int as n from gigs`)) as unknown as { n: number }[])[0]
        ?.n,
    );
  const post = (input: Record<string, unknown>) =>
    t.gql<{ postGig: { id: string; hourlyFen: number } }>(
      POST_GIG,
      { input: gigInput({ ...twelveHours(), ...input }, clock.now()) },
      employer.token,
    );

  it('judges day and total pay on the window when no daily hours are stated, and changes nothing on refusal', async () => {
    const before = await gigCount();
    const day = await post({ payUnit: 'DAY', payFen: 2_500 });
    expect(day.errors?.[0]?.extensions).toMatchObject({
      code: 'BELOW_MINIMUM_WAGE',
      field: 'payFen',
      minimumHourlyFen: MINIMUM,
      hourlyFen: Math.floor(2_500 / 12),
    });
    const total = await post({ payUnit: 'TOTAL', payFen: 10_000 });
    expect(total.errors?.[0]?.extensions).toMatchObject({ code: 'BELOW_MINIMUM_WAGE', field: 'payFen' });
    expect(await gigCount()).toBe(before);
  });

  it('holds stated daily hours to the contract: hours worked beyond them are paid at the contract rate, never under the minimum', async () => {
    const gig = await postGig(t, employer.token, {
      ...twelveHours(),
      payUnit: 'DAY',
      payFen: 2_500,
      hoursPerDay: 1,
    });
    expect(gig.hourlyFen).toBe(2_500);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    await hireFor(t, employer.token, worker, gig.id);
    const [hire] = (await t.app.db.execute(
      sql`select id, starts_at, ends_at from engagements where gig_id = ${gig.id}`,
    )) as unknown as { id: string; starts_at: Date; ends_at: Date }[];
    if (!hire) throw new Error('no hire');

    clock.advance(new Date(hire.starts_at).getTime() - clock.now().getTime());
    // Every hire here is covered (per-day accident insurance is tested in tests/modules/insurance/).
    await coverHires(t);
    const CHECK_IN =
      'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { status } }';
    const CHECK_OUT =
      'mutation ($e: ID!) { checkOut(engagementId: $e) { hoursWorked attendance { status } payment { amountFen } } }';
    expect((await t.gql(CHECK_IN, { e: hire.id, at: LIANGSHAN }, worker.token)).errors).toBeUndefined();
    clock.advance(12 * HOUR);
    const out = await t.gql<{
      checkOut: { hoursWorked: number; attendance: { status: string }; payment: { amountFen: number } };
    }>(CHECK_OUT, { e: hire.id }, worker.token);
    expect(out.data?.checkOut.hoursWorked).toBe(12);
    expect(out.data?.checkOut.attendance.status).toBe('CONFIRMED');
    // 25 元 for the stated hour, 11 more at 25 元: far from the 25 元 the posting seemed to promise.
    expect(out.data?.checkOut.payment.amountFen).toBe(2_500 + 11 * 2_500);
    expect(out.data?.checkOut.payment.amountFen).toBeGreaterThanOrEqual(12 * MINIMUM);
  });

  it('lists piece work at its guaranteed floor: a claimed 10000 pieces an hour neither tops the pay sort nor passes a pay filter', async () => {
    const window = twelveHours();
    const piece = await postGig(t, employer.token, {
      ...window,
      title: '计件装箱包装工',
      payUnit: 'PIECE',
      payFen: 1,
      piecesPerHour: 10_000,
    });
    expect(piece.hourlyFen).toBe(MINIMUM);
    const hourly = await postGig(t, employer.token, {
      ...window,
      title: '计时装箱包装工',
      payUnit: 'HOUR',
      payFen: 3_000,
    });
    await t.app.outbox.drain();
    const SEARCH = `query ($s: GigSearch) { gigs(search: $s, first: 50) { edges { node { id hourlyFen } } } }`;
    const ids = async (search: Record<string, unknown>) =>
      (
        (await t.gql<{ gigs: { edges: { node: { id: string } }[] } }>(SEARCH, { s: search })).data?.gigs
          .edges ?? []
      ).map((e) => e.node.id);
    const byPay = await ids({ sort: 'HIGHEST_PAY', regionCode: '370832' });
    expect(byPay.indexOf(hourly.id)).toBeGreaterThanOrEqual(0);
    expect(byPay.indexOf(piece.id)).toBeGreaterThan(byPay.indexOf(hourly.id));
    const wellPaid = await ids({ minHourlyFen: 2_500, regionCode: '370832' });
    expect(wellPaid).toContain(hourly.id);
    expect(wellPaid).not.toContain(piece.id);
    const [row] = (await t.app.db.execute(
      sql`select hourly_fen from gigs where id = ${piece.id}`,
    )) as unknown as { hourly_fen: number }[];
    expect(row?.hourly_fen).toBe(MINIMUM);
  });
});
