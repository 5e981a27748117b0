import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagementsRepository } from '../../../src/modules/hiring/engagements.repository.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, postGig, verifiedEmployer } from '../../support/gigs.js';
import { assertHiringInvariants, offerRows, seedWorkers } from '../../support/hiring.js';

const HOUR = 3_600_000;

/**
 * Two hires of one worker into overlapping gigs, at the same moment, must not both write their
 * row and then wait on each other at the exclusion constraint (a deadlock PostgreSQL ends by
 * aborting one with a bare error). A hire holds its workers first, so the second waits before
 * writing anything and is then refused by the constraint (SCHEDULE_CONFLICT).
 */
describe('hires of one worker, one at a time', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  async function waitingOnAdvisoryLocks(): Promise<number> {
    const [row] = (await t.app.db.execute(
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
    )) as unknown as { n: number }[];
    return row?.n ?? 0;
  }

  it('makes an accept wait while another transaction hires the same worker, then refuses the overlap', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'electrician', level: 4 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const first = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['electrician'] });
    const base = gigInput();
    const second = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['electrician'],
      startsAt: new Date(new Date(base.startsAt).getTime() + 2 * HOUR).toISOString(),
      endsAt: new Date(new Date(base.endsAt).getTime() + 2 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();
    const [a] = await offerRows(t, first.id);
    const [b] = await offerRows(t, second.id);
    if (!a || !b) throw new Error('no offers');

    // Another transaction is hiring the worker (it holds them, as the hire step does) and has not
    // committed: the accept of an overlapping gig must wait for it, not write beside it.
    let release: () => void = () => {};
    let held: () => void = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const other = t.app.db.transaction(async (tx) => {
      await createEngagementsRepository(t.app.db).holdWorkers([worker.id], tx);
      held();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await holding;
    expect(await waitingOnAdvisoryLocks()).toBe(0);
    const accepting = t.app.services.hiring.acceptOffer(worker.id, a.id);
    let waited = false;
    for (let i = 0; i < 100 && !waited; i++) {
      waited = (await waitingOnAdvisoryLocks()) === 1;
      if (!waited) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(waited).toBe(true);
    const [none] = (await t.app.db.execute(
      sql`select count(*)::int as n from engagements where worker_id = ${worker.id}`,
    )) as unknown as { n: number }[];
    expect(none?.n).toBe(0);
    release();
    await other;
    expect((await accepting).gigId).toBe(first.id);

    // The overlapping offer is refused for the hire just made; the accepted one's repeat gets it back.
    const answers = await Promise.allSettled([
      t.app.services.hiring.acceptOffer(worker.id, b.id),
      t.app.services.hiring.acceptOffer(worker.id, a.id),
    ]);
    expect(
      answers.map((x) => (x.status === 'fulfilled' ? 'HIRED' : (x.reason as { code: string }).code)),
    ).toEqual(['SCHEDULE_CONFLICT', 'HIRED']);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });
});
