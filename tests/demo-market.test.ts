import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAST_WORKERS } from '../src/demo/demo-history.js';
import { marketDay } from '../src/time.js';
import { createTestApp, type TestApp } from './support/app.js';
import { assertHiringInvariants } from './support/hiring.js';
import { adminToken, login } from './support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SEED_DEMO: 'true' } });
});
afterAll(() => t?.close());

describe('the demo market on first start', () => {
  it('registers verified employers and workers of all ages, who can sign in', async () => {
    const [counts] = await t.app.sql`
      select (select count(*)::int from employers where verified_at is not null) as employers,
             (select count(*)::int from workers w join accounts a on a.id = w.account_id where a.phone is not null) as workers,
             (select count(*)::int from workers where birth_date <= now() - interval '45 years') as older`;
    expect(counts).toMatchObject({ employers: 4, workers: 40 });
    expect(counts?.older).toBeGreaterThan(0);
    expect(await login(t, '13800000001', 'demo-password-1')).toBeTruthy();
    expect(await login(t, '13700000001', 'demo-password-1')).toBeTruthy();
  });

  it('posts open gigs for the demo employers, found by search', async () => {
    await t.app.outbox.drain();
    const { data } = await t.gql<{ gigs: { totalCount: number; edges: { node: { title: string } }[] } }>(
      '{ gigs(search: { q: "电焊", regionCode: "370800" }) { totalCount edges { node { title } } } }',
    );
    expect(data?.gigs.edges.map((e) => e.node.title)).toContain('钢结构厂房电焊工');
    const [row] = await t.app
      .sql`select count(*)::int as n from gigs where status = 'OPEN' and starts_at > now()`;
    expect(row?.n).toBe(16);
  });

  it('opens a demo job station with an operator and a working kiosk token', async () => {
    const { demoKioskToken } = await import('../src/demo/demo-stations.js');
    const token = await demoKioskToken(t.dataDir);
    expect(token).toMatch(/^kiosk_/);
    await t.app.outbox.drain();
    const { data, errors } = await t.gql<{ stationBoard: { totalCount: number } }>(
      '{ stationBoard(first: 5) { totalCount } }',
      {},
      token ?? undefined,
    );
    expect(errors).toBeUndefined();
    expect(data?.stationBoard.totalCount).toBeGreaterThan(0);
    expect(await login(t, '13900000002', 'demo-password-1')).toBeTruthy();
  });

  it('has a verified training provider whose subsidised welding course 电焊培训 finds', async () => {
    const token = await login(t, '13800000011', 'demo-password-1');
    const mine = await t.gql<{ myCourses: { title: string; subsidised: boolean }[] }>(
      '{ myCourses { title subsidised } }',
      {},
      token,
    );
    expect(mine.data?.myCourses).toHaveLength(3);
    await t.app.outbox.drain();
    const { data } = await t.gql<{ courses: { edges: { node: { title: string; subsidised: boolean } }[] } }>(
      '{ courses(search: { q: "电焊培训", regionCode: "370832" }) { edges { node { title subsidised } } } }',
    );
    expect(data?.courses.edges.map((e) => e.node)).toEqual([
      { title: '电焊工特种作业培训班', subsidised: true },
    ]);
  });

  it('writes two months of past market for the dashboard, consistent with the hiring rules', async () => {
    const today = marketDay(t.app.clock.now());
    const from = new Date(Date.parse(`${today}T00:00:00+08:00`) - 60 * 86_400_000).toISOString();
    const to = `${today}T00:00:00+08:00`;
    const { data, errors } = await t.gql<{
      regionStats: {
        gigsPosted: number;
        gigsFilled: number;
        hires: number;
        wagesPaidFen: number;
        arrearsOpened: number;
        arrearsClosed: number;
        olderWorkerHires: number;
      };
      regionSeries: { gigsPosted: number }[];
      jiangdu: { openArrears: number };
    }>(
      `query ($from: DateTime!, $to: DateTime!) {
        regionStats(regionCode: "370800", from: $from, to: $to) { gigsPosted gigsFilled hires wagesPaidFen arrearsOpened arrearsClosed olderWorkerHires }
        regionSeries(regionCode: "370000", from: $from, to: $to) { gigsPosted }
        jiangdu: regionStats(regionCode: "321012", from: $from, to: $to) { openArrears } }`,
      { from, to },
      await adminToken(t),
    );
    expect(errors).toBeUndefined();
    const stats = data?.regionStats;
    expect(stats?.gigsPosted).toBeGreaterThan(300);
    expect(stats?.gigsFilled).toBeGreaterThan(200);
    expect(stats?.hires).toBeGreaterThan(400);
    expect(stats?.wagesPaidFen).toBeGreaterThan(0);
    expect(stats?.olderWorkerHires).toBeGreaterThan(0);
    expect(stats?.arrearsClosed).toBeGreaterThan(0);
    expect(data?.regionSeries).toHaveLength(60);
    expect(data?.regionSeries.every((d) => d.gigsPosted > 0)).toBe(true);
    expect(data?.jiangdu.openArrears).toBeGreaterThan(0);
    // What the statistics count is what the tables hold: paid = sum of payments, no double booking.
    const [sums] = await t.app.sql`
      select (select count(*)::int from engagements e join gigs g on g.id = e.gig_id
              where g.region_code like '3708%' and e.created_at >= ${from}::timestamptz and e.created_at < ${to}::timestamptz) as hires,
             (select count(*)::int from engagements e where e.paid_fen <> (select coalesce(sum(amount_fen), 0) from payments p where p.engagement_id = e.id)) as unbalanced`;
    expect(sums).toEqual({ hires: stats?.hires, unbalanced: 0 });
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('is not added again when the app starts again on the same database', async () => {
    const count = async (app: TestApp) =>
      (
        await app.app
          .sql`select (select count(*)::int from workers) as workers, (select count(*)::int from gigs) as gigs,
        (select count(*)::int from engagements) as hires`
      )[0];
    const before = await count(t);
    const again = await createTestApp({ env: { SEED_DEMO: 'true' }, sameDatabaseAs: t });
    try {
      expect(before?.workers).toBe(40 + DEMO_PAST_WORKERS);
      expect(await count(again)).toEqual(before);
    } finally {
      await again.close();
    }
  });
});
