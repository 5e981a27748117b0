import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { login } from './support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SEED_DEMO: 'true' } });
});
afterAll(() => t?.close());

describe('the demo market on first start', () => {
  it('registers verified employers and workers of all ages, who can sign in', async () => {
    const [counts] = await t.app.sql`
      select (select count(*)::int from employers where verified_at is not null) as employers,
             (select count(*)::int from workers) as workers,
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
    const [row] = await t.app.sql`select count(*)::int as n from gigs where status = 'OPEN'`;
    expect(row?.n).toBe(16);
  });

  it('opens a demo job station with an operator and a working kiosk token', async () => {
    const { demoKioskToken } = await import('../src/db/seed/demo-stations.js');
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

  it('is not added again when the app starts again on the same database', async () => {
    const again = await createTestApp({ env: { SEED_DEMO: 'true' }, sameDatabaseAs: t });
    try {
      const [row] = await again.app
        .sql`select (select count(*)::int from workers) as workers, (select count(*)::int from gigs) as gigs`;
      expect(row).toEqual({ workers: 40, gigs: 16 });
    } finally {
      await again.close();
    }
  });
});
