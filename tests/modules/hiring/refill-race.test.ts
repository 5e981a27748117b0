import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, seedWorkers, testClock } from '../../support/hiring.js';

// A refill reads the gig and its offers so far in the round trip that takes the dispatch row's
// lock (waves.ts): what it reads must be what the holder before it committed, or refills that
// queued behind each other would each top the wave up again.
const ENV = { OFFER_FAN_OUT: '2', OFFER_TTL_SECONDS: '90', OFFER_SWEEP_MS: '60000' };

describe('refills of one gig at once', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
  });
  afterAll(() => t.close());

  it('send headcount × fan-out offers, each worker once, however many run together', async () => {
    await seedWorkers(t, 12, { skills: [{ code: 'bricklayer', level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 2, skills: ['bricklayer'] });
    // The posting's own first wave is under way; five more wait on its dispatch row meanwhile.
    const hiring = t.app.services.hiring;
    await Promise.all([1, 2, 3, 4, 5].map(() => hiring.kick(gig.id)));
    await hiring.drain();

    const rows = await offerRows(t, gig.id);
    expect(rows.filter((r) => r.status === 'PENDING')).toHaveLength(4);
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.worker_id)).size).toBe(4);
  });
});
