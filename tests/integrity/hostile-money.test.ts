import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { count, expectAnswered, one, sql } from '../support/double-tap.js';
import { gigInput, POST_GIG, verifiedEmployer } from '../support/gigs.js';
import { hireFor, seedWorkers, testClock } from '../support/hiring.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Attacks on the money path made as the users would make them, through the public API, then the
 * market's tables read for what it recorded: each refusal is named, never INTERNAL_SERVER_ERROR,
 * and nothing is half written.
 */
describe('the money path, attacked', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { MUTATION_RATE_LIMIT: '100000', OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000' },
    });
  });
  afterAll(() => t.close());

  const RECORD =
    'mutation ($e: ID!, $a: Int!) { recordPayment(engagementId: $e, amountFen: $a) { paidFen } }';
  const CONFIRM = 'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen outstandingFen } }';

  /** A gig two days ahead at 08:00 market time, `hours` long, for loaders anyone may take. */
  function bigPay(hours: number, pay: Record<string, unknown>) {
    const start = new Date(clock.now().getTime() + 2 * DAY);
    start.setUTCHours(0, 0, 0, 0);
    return gigInput(
      {
        skills: ['loading_unloading'],
        headcount: 1,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + hours * HOUR).toISOString(),
        ...pay,
      },
      clock.now(),
    );
  }

  it('refuses pay one hire could not hold, naming payFen, and makes and pays in full a hire just under it', async () => {
    const employer = await verifiedEmployer(t);
    const gigsBefore = await count(t, sql`select count(*) as n from gigs`);
    // Each within payFen's own range, but one hire of it would owe or be paid more than 2,147,483,647
    // fen: 100,000 元 an hour for 30 days; a day's pay stated as one hour, the other 23 paid on top;
    // a piece rate that, claimed at 10,000 pieces an hour, earns 1 亿元 an hour.
    const refused = await Promise.all(
      [
        bigPay(30 * 24, { payUnit: 'HOUR', payFen: 10_000_000 }),
        bigPay(30 * 24, { payUnit: 'DAY', payFen: 10_000_000, hoursPerDay: 1 }),
        bigPay(9, { payUnit: 'PIECE', payFen: 10_000_000, piecesPerHour: 10_000 }),
      ].map((input) => t.gql(POST_GIG, { input }, employer.token)),
    );
    expect(expectAnswered(refused)).toEqual(Array(3).fill('BAD_USER_INPUT:payFen'));
    for (const answer of refused) expect(answer.errors?.[0]?.message).toContain('payFen');
    expect(await count(t, sql`select count(*) as n from gigs`)).toBe(gigsBefore);

    // 100,000 元 an hour for 9 hours, and 100,000 元 a piece at 20 pieces an hour: taken and paid.
    const [hourly, piece] = await seedWorkers(t, 2, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!hourly || !piece) throw new Error('no workers');
    const hires: Record<string, string> = {};
    for (const [name, worker, input] of [
      ['hourly', hourly, bigPay(9, { payUnit: 'HOUR', payFen: 10_000_000 })],
      ['piece', piece, bigPay(9, { payUnit: 'PIECE', payFen: 10_000_000, piecesPerHour: 20 })],
    ] as const) {
      const posted = await t.gql<{ postGig: { id: string } }>(POST_GIG, { input }, employer.token);
      expect(expectAnswered([posted])).toEqual(['OK']);
      const gigId = posted.data?.postGig.id as string;
      await hireFor(t, employer.token, worker, gigId);
      hires[name] = (
        await one<{ id: string }>(t, sql`select id from engagements where gig_id = ${gigId}`)
      ).id;
    }
    const hourlyId = hires.hourly as string;
    const pieceId = hires.piece as string;
    expect(
      (
        await one<{ amount_due_fen: number }>(
          t,
          sql`select amount_due_fen from engagements where id = ${hourlyId}`,
        )
      ).amount_due_fen,
    ).toBe(90_000_000);

    // The piece hire may be paid what its stated rate earns over its hours: 1,800,000,000 fen.
    const payments = [
      await t.gql(RECORD, { e: hourlyId, a: 90_000_000 }, employer.token),
      await t.gql(RECORD, { e: pieceId, a: 900_000_000 }, employer.token),
      await t.gql(RECORD, { e: pieceId, a: 900_000_000 }, employer.token),
      await t.gql(RECORD, { e: pieceId, a: 2_000_000_000 }, employer.token),
    ];
    expect(expectAnswered(payments)).toEqual(['OK', 'OK', 'OK', 'BAD_USER_INPUT:amountFen']);
    expect(expectAnswered([await t.gql(CONFIRM, { e: hourlyId }, hourly.token)])).toEqual(['OK']);
    expect(expectAnswered([await t.gql(CONFIRM, { e: pieceId }, piece.token)])).toEqual(['OK']);
    const rows = (await t.app.db.execute(sql`
      select e.id, e.paid_fen, e.confirmed_fen, coalesce(sum(p.amount_fen), 0)::bigint as recorded
      from engagements e left join payments p on p.engagement_id = e.id
      where e.id in (${hourlyId}, ${pieceId}) group by e.id`)) as unknown as {
      id: string;
      paid_fen: number;
      confirmed_fen: number;
      recorded: string;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(hourlyId)).toMatchObject({
      paid_fen: 90_000_000,
      confirmed_fen: 90_000_000,
      recorded: '90000000',
    });
    expect(byId.get(pieceId)).toMatchObject({
      paid_fen: 1_800_000_000,
      confirmed_fen: 1_800_000_000,
      recorded: '1800000000',
    });
  });
});
