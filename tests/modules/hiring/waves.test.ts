import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXHAUSTED_RECHECK_MS } from '../../../src/modules/hiring/hiring.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, offerRows, seedWorkers, testClock } from '../../support/hiring.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const TTL_MS = 90_000;
// Sweeps are run by hand with the test's clock; the timer stays out of the way.
const ENV = { OFFER_FAN_OUT: '2', OFFER_TTL_SECONDS: '90', OFFER_SWEEP_MS: '60000' };

const waves = (rows: Awaited<ReturnType<typeof offerRows>>) =>
  rows.map((r) => `${r.wave}:${r.tier}:${r.status}`);

describe('offer waves', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('goes roster first, then well-rated workers, then everyone, as offers are declined and expire', async () => {
    const skill = [{ code: 'scaffolder', level: 3 }];
    const [favourite] = await seedWorkers(t, 1, { skills: skill });
    const rated = await seedWorkers(t, 2, { skills: skill });
    const others = await seedWorkers(t, 4, { skills: skill });
    if (!favourite) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const employerSocket = await connectSocket(baseUrl, { token: employer.token });

    // The favourite worked for this employer before and was put on its roster; the rated two
    // were given five stars by some employer after earlier hires (days 4 and 5, clear of the gig).
    await hireThroughApplication(t, employer.token, favourite, 4);
    const added = await t.gql(
      'mutation ($w: ID!) { addToRoster(workerId: $w) { id } }',
      { w: favourite.id },
      employer.token,
    );
    expect(added.errors).toBeUndefined();
    for (const worker of rated) {
      const engagementId = await hireThroughApplication(t, employer.token, worker, 5);
      await t.app.db.execute(
        sql`insert into ratings (engagement_id, by_role, stars, created_at) values (${engagementId}, 'EMPLOYER', 5, now())`,
      );
    }

    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['scaffolder'] });
    await t.app.services.hiring.drain();
    expect(waves(await offerRows(t, gig.id))).toEqual(['1:ROSTER:PENDING']);

    // The favourite says no: the roster is spent, so the rated tier opens at once.
    const [first] = await offerRows(t, gig.id);
    const declined = await t.gql(
      'mutation ($o: ID!) { declineOffer(offerId: $o) { status } }',
      { o: first?.id },
      favourite.token,
    );
    expect(declined.errors).toBeUndefined();
    const rows = await offerRows(t, gig.id);
    expect(waves(rows)).toEqual(['1:ROSTER:DECLINED', '2:RATED:PENDING', '2:RATED:PENDING']);
    expect(new Set(rows.slice(1).map((r) => r.worker_id))).toEqual(new Set(rated.map((w) => w.id)));

    // Nobody of the rated answers in time: both expire, and everyone else's turn comes.
    const stopped = waitFor<{ offers: string; reason: string }>(employerSocket, 'gig:updated', 5000);
    clock.advance(TTL_MS + 1000);
    expect(await t.app.services.hiring.sweep()).toMatchObject({ expired: 2 });
    await t.app.services.hiring.drain();
    expect(waves(await offerRows(t, gig.id)).slice(1)).toEqual([
      '2:RATED:EXPIRED',
      '2:RATED:EXPIRED',
      '3:MATCH:PENDING',
      '3:MATCH:PENDING',
    ]);
    await stopped; // the employer sees each step

    // The next expiry goes on in the same tier, to the two left; then nobody is left.
    clock.advance(TTL_MS + 1000);
    await t.app.services.hiring.sweep();
    await t.app.services.hiring.drain();
    const all = await offerRows(t, gig.id);
    expect(all.filter((r) => r.tier === 'MATCH')).toHaveLength(4);
    expect(new Set(all.filter((r) => r.tier === 'MATCH').map((r) => r.worker_id))).toEqual(
      new Set(others.map((w) => w.id)),
    );
    const told = new Promise<{ offers: string; reason: string }>((resolve) => {
      employerSocket.on('gig:updated', (payload) => {
        if (payload.offers === 'STOPPED') resolve(payload);
      });
    });
    clock.advance(TTL_MS + 1000);
    await t.app.services.hiring.sweep();
    await t.app.services.hiring.drain();
    expect(await told).toMatchObject({ offers: 'STOPPED', reason: 'NO_CANDIDATES', status: 'OPEN' });
    const [dispatch] = (await t.app.db.execute(
      sql`select state, extract(epoch from due_at - updated_at) * 1000 as wait_ms
          from gig_dispatch where gig_id = ${gig.id}`,
    )) as unknown as { state: string; wait_ms: string }[];
    expect(dispatch?.state).toBe('EXHAUSTED');
    // Matched again in a minute, stretched by up to a quarter so gigs that ran out together spread.
    expect(Number(dispatch?.wait_ms)).toBeGreaterThanOrEqual(EXHAUSTED_RECHECK_MS);
    expect(Number(dispatch?.wait_ms)).toBeLessThanOrEqual(EXHAUSTED_RECHECK_MS * 1.25);
    // The gig stays listed for applications.
    const listed = await t.gql<{ gig: { status: string } }>('query ($g: ID!) { gig(id: $g) { status } }', {
      g: gig.id,
    });
    expect(listed.data?.gig.status).toBe('OPEN');

    // A worker who joins later is found when the gig is matched again, a minute or a little more on.
    const [newcomer] = await seedWorkers(t, 1, { skills: skill });
    await t.app.services.hiring.sweep();
    expect((await offerRows(t, gig.id)).map((r) => r.worker_id)).not.toContain(newcomer?.id);
    clock.advance(EXHAUSTED_RECHECK_MS * 1.25 + 1000);
    await t.app.services.hiring.sweep();
    const latest = (await offerRows(t, gig.id)).at(-1);
    expect(latest).toMatchObject({ worker_id: newcomer?.id, status: 'PENDING', tier: 'MATCH' });
    employerSocket.disconnect();
  });

  it('keeps the gig due at its first live offer’s expiry when a freed slot is refilled later', async () => {
    const skill = [{ code: 'painter', level: 2 }];
    const workers = await seedWorkers(t, 4, { skills: skill });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['painter'] });
    await t.app.services.hiring.drain();
    const [first, second] = await offerRows(t, gig.id);
    expect([first?.status, second?.status]).toEqual(['PENDING', 'PENDING']);
    const dueOf = async () => {
      const [row] = (await t.app.db.execute(
        sql`select state, due_at from gig_dispatch where gig_id = ${gig.id}`,
      )) as unknown as { state: string; due_at: Date | string }[];
      return { state: row?.state, dueAt: new Date(row?.due_at ?? 0).getTime() };
    };
    const expiriesOf = async (status: string) =>
      (
        (await t.app.db.execute(
          sql`select id, expires_at from offers where gig_id = ${gig.id} and status = ${status}`,
        )) as unknown as { id: string; expires_at: Date | string }[]
      ).map((r) => ({ id: r.id, at: new Date(r.expires_at).getTime() }));
    const firstExpiry = (await expiriesOf('PENDING')).map((r) => r.at);
    expect(await dueOf()).toEqual({ state: 'ACTIVE', dueAt: Math.min(...firstExpiry) });

    // A third of the way through, one of the two says no: the next worker gets the slot, with an
    // expiry of its own, later than the other first offer's, which stays the gig's next due time.
    clock.advance(TTL_MS / 3);
    const decliner = workers.find((w) => w.id === first?.worker_id);
    const declined = await t.gql(
      'mutation ($o: ID!) { declineOffer(offerId: $o) { status } }',
      { o: first?.id },
      decliner?.token,
    );
    expect(declined.errors).toBeUndefined();
    await t.app.services.hiring.drain();
    const pending = await expiriesOf('PENDING');
    expect(pending).toHaveLength(2);
    const expiries = pending.map((r) => r.at);
    expect(new Set(expiries).size).toBe(2);
    expect(await dueOf()).toEqual({ state: 'ACTIVE', dueAt: Math.min(...expiries) });
    expect(pending.find((r) => r.at === Math.min(...expiries))?.id).toBe(second?.id);
  });

  it('resumes a wave after a restart: the timers are rows, not memory', async () => {
    const restartClock = testClock(clock.now());
    const a = await createTestApp({ env: ENV, clock: restartClock });
    const workers = await seedWorkers(a, 4, { skills: [{ code: 'plasterer', level: 2 }] });
    const employer = await verifiedEmployer(a);
    const gig = await postGig(a, employer.token, { instant: true, headcount: 1, skills: ['plasterer'] });
    await a.app.services.hiring.drain();
    expect(waves(await offerRows(a, gig.id))).toEqual(['1:MATCH:PENDING', '1:MATCH:PENDING']);
    await a.app.close(); // the node goes away with a wave in flight

    restartClock.advance(TTL_MS + 1000);
    const b = await createTestApp({
      env: { ...ENV, MEILI_INDEX_PREFIX: a.indexPrefix },
      clock: restartClock,
      sameDatabaseAs: a,
    });
    try {
      await b.app.services.hiring.sweep();
      await b.app.services.hiring.drain();
      const rows = await offerRows(b, gig.id);
      expect(waves(rows)).toEqual([
        '1:MATCH:EXPIRED',
        '1:MATCH:EXPIRED',
        '1:MATCH:PENDING',
        '1:MATCH:PENDING',
      ]);
      expect(new Set(rows.map((r) => r.worker_id))).toEqual(new Set(workers.map((w) => w.id)));
    } finally {
      await b.close();
      await a.close().catch(() => {});
    }
  });

  it('claims a due dispatch once per sweep when its offers run out of time between the two steps', async () => {
    // The sweep reads the clock for its expiry step just before the offers' time is up, and for
    // its dispatch step just after: the offers are over but not yet marked EXPIRED.
    const base = testClock(clock.now());
    let race: { at: number; reads: number } | undefined;
    const raceClock = {
      now: () => (race ? new Date(race.reads++ === 0 ? race.at - 1 : race.at + 1) : base.now()),
    };
    const c = await createTestApp({ env: ENV, clock: raceClock });
    try {
      await seedWorkers(c, 3, { skills: [{ code: 'tile_setter', level: 3 }] });
      const employer = await verifiedEmployer(c);
      const gig = await postGig(c, employer.token, { instant: true, headcount: 1, skills: ['tile_setter'] });
      await c.app.services.hiring.drain();
      const [expiry] = (await c.app.db.execute(
        sql`select distinct extract(epoch from expires_at)::float8 * 1000 as at from offers where gig_id = ${gig.id}`,
      )) as unknown as { at: number }[];
      race = { at: expiry?.at ?? 0, reads: 0 };
      // The third worker is offered the free slots once; the dispatch is then due at the new
      // offer's expiry, not again and again at the old ones' (up to the sweep's limit).
      expect(await c.app.services.hiring.sweep()).toEqual({ expired: 0, dispatched: 1 });
      expect(waves(await offerRows(c, gig.id))).toEqual([
        '1:MATCH:PENDING',
        '1:MATCH:PENDING',
        '1:MATCH:PENDING',
      ]);
    } finally {
      await c.close();
    }
  });
});
