import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, POST_GIG, verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers } from '../../support/hiring.js';

const POOL = 3;

describe('first waves of many gigs posted at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A small pool, so a burst of posts has more waves to fill than connections.
    t = await createTestApp({ env: { DATABASE_POOL_SIZE: String(POOL), OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('sends every wave though the fills outnumber the pooled connections (none waits on a second one)', async () => {
    await seedWorkers(t, 3, { skills: [{ code: 'cleaner', level: 3 }] });
    const employer = await verifiedEmployer(t);
    const posts = 4 * POOL;
    const posted = await Promise.all(
      Array.from({ length: posts }, () =>
        t.gql<{ postGig: { id: string } }>(
          POST_GIG,
          { input: gigInput({ instant: true, headcount: 1, skills: ['cleaner'] }) },
          employer.token,
        ),
      ),
    );
    expect(posted.every((p) => p.data?.postGig.id)).toBe(true);
    // Each kick fills in its own transaction; one that asked the pool for a second connection
    // inside it would wait forever once every connection was such a fill.
    const drained = await Promise.race([
      t.app.services.hiring.drain().then(() => 'drained'),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 20_000)),
    ]);
    expect(drained).toBe('drained');
    const [row] = await t.app.db.execute<{ gigs: number }>(
      sql`select count(distinct gig_id)::int as gigs from offers`,
    );
    expect(row?.gigs).toBe(posts);
  }, 60_000);
});
