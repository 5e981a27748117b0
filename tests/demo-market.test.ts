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

  it('is not added again when the app starts again on the same database', async () => {
    const again = await createTestApp({ env: { SEED_DEMO: 'true' }, sameDatabaseAs: t });
    try {
      const [row] = await again.app.sql`select count(*)::int as n from workers`;
      expect(row?.n).toBe(40);
    } finally {
      await again.close();
    }
  });
});
