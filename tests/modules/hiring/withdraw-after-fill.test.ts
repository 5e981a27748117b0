import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOffersRepository } from '../../../src/modules/hiring/offers.repository.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, seedWorkers } from '../../support/hiring.js';

/**
 * The gig's other offers are withdrawn after the filling batch's commit, in a transaction of
 * their own (accepts.ts). Between the two a seat may come free (a cancellation, a no-show) and a
 * later wave may send offers for it: the withdrawal must leave both alone.
 */
describe('the withdrawal after a fill', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_FAN_OUT: '3', OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  async function offeredGig(skill: string) {
    await seedWorkers(t, 6, { skills: [{ code: skill, level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 2, skills: [skill] });
    await t.app.services.hiring.drain();
    const rows = await offerRows(t, gig.id);
    expect(rows.filter((r) => r.status === 'PENDING')).toHaveLength(6);
    return { gig, ids: rows.map((r) => r.id) };
  }

  const withdraw = (gigId: string, ids: string[]) =>
    t.app.db.transaction((tx) =>
      createOffersRepository(t.app.db).withdrawAfterFill(gigId, ids, new Date(), tx),
    );

  it('withdraws the offers pending at the fill, and only those, from a gig still full', async () => {
    const { gig, ids } = await offeredGig('welder');
    await t.app.db.execute(sql`update gigs set filled = headcount where id = ${gig.id}`);
    // Four were pending at the fill; the other two stand for offers sent after it.
    const atFill = ids.slice(0, 4);
    const withdrawn = await withdraw(gig.id, atFill);
    expect(withdrawn.map((o) => o.id).sort()).toEqual([...atFill].sort());
    const after = new Map((await offerRows(t, gig.id)).map((r) => [r.id, r.status]));
    for (const id of atFill) expect(after.get(id)).toBe('WITHDRAWN');
    for (const id of ids.slice(4)) expect(after.get(id)).toBe('PENDING');
  });

  it('leaves them live when a seat came free before it', async () => {
    const { gig, ids } = await offeredGig('plasterer');
    await t.app.db.execute(sql`update gigs set filled = headcount - 1 where id = ${gig.id}`);
    expect(await withdraw(gig.id, ids)).toEqual([]);
    expect((await offerRows(t, gig.id)).every((r) => r.status === 'PENDING')).toBe(true);
  });
});
