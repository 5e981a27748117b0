import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, postGig, verifiedEmployer } from '../../support/gigs.js';
import {
  ACCEPT_OFFER,
  assertHiringInvariants,
  hireFor,
  MY_OFFERS,
  offerRows,
  seedWorkers,
} from '../../support/hiring.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const HOUR = 3_600_000;

type Engaged = { acceptOffer: { id: string; gig: { id: string; filled: number; status: string } } };

describe('instant hire', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    // A fan-out of 40 offers 200 workers a gig for 5 in one wave, for the race below.
    t = await createTestApp({ env: { OFFER_FAN_OUT: '40', OFFER_SWEEP_MS: '60000' } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  /** `count` workers of a trade and an instant gig of theirs for `headcount`, its first wave sent. */
  async function offeredGig(count: number, skill: string, headcount: number, spreadKm?: number) {
    const workers = await seedWorkers(t, count, { skills: [{ code: skill, level: 3 }], spreadKm });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount, skills: [skill] });
    await t.app.services.hiring.drain();
    const rows = await offerRows(t, gig.id);
    return { workers, employer, gig, rows, byWorker: new Map(rows.map((r) => [r.worker_id, r.id])) };
  }

  it('sends the first wave as rows and events, and an ack marks an offer delivered', async () => {
    const workers = await seedWorkers(t, 4, { skills: [{ code: 'bricklayer', level: 4 }] });
    const sockets = await Promise.all(workers.map((w) => connectSocket(baseUrl, { token: w.token })));
    const employer = await verifiedEmployer(t);
    const arrivals = sockets.map(
      (socket) =>
        new Promise<{ offerId: string; gigId: string; expiresAt: string; distanceKm: number }>((resolve) => {
          socket.once('offer', (payload, ack: () => void) => {
            ack();
            resolve(payload);
          });
        }),
    );
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['bricklayer'],
      title: '砌墙师傅',
    });
    const offers = await Promise.all(arrivals);
    expect(new Set(offers.map((o) => o.gigId))).toEqual(new Set([gig.id]));
    expect(offers[0]).toMatchObject({ title: '砌墙师傅', payUnit: 'DAY' });
    expect(offers[0]?.distanceKm).toBeGreaterThanOrEqual(0);
    await expect
      .poll(async () => (await offerRows(t, gig.id)).every((o) => o.delivered_at !== null))
      .toBe(true);
    const rows = await offerRows(t, gig.id);
    expect(rows).toHaveLength(4); // 1 seat × fan-out 40, but only 4 masons exist
    expect(rows.every((o) => o.status === 'PENDING' && o.wave === 1 && o.tier === 'MATCH')).toBe(true);
    for (const socket of sockets) socket.disconnect();
  });

  it('lets exactly headcount of 200 racing workers win; the rest get GIG_FILLED or OFFER_NOT_PENDING', async () => {
    const { workers, gig, rows, byWorker } = await offeredGig(200, 'rebar_worker', 5, 8);
    expect(rows).toHaveLength(200);

    const results = await Promise.all(
      workers.map((w) => t.gql<Engaged>(ACCEPT_OFFER, { id: byWorker.get(w.id) }, w.token)),
    );
    const winners = results.filter((r) => r.data?.acceptOffer);
    const codes = results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? []);
    expect(winners).toHaveLength(5);
    expect(codes).toHaveLength(195);
    expect(codes.every((c) => c === 'GIG_FILLED' || c === 'OFFER_NOT_PENDING')).toBe(true);

    // The fill's other offers are withdrawn just after its commit, in the background.
    await t.app.services.hiring.drain();
    const after = await offerRows(t, gig.id);
    expect(after.filter((o) => o.status === 'ACCEPTED')).toHaveLength(5);
    expect(after.filter((o) => o.status === 'WITHDRAWN')).toHaveLength(195);
    const [row] = (await t.app.db.execute(
      sql`select filled, status from gigs where id = ${gig.id}`,
    )) as unknown as {
      filled: number;
      status: string;
    }[];
    expect(row).toEqual({ filled: 5, status: 'FILLED' });
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });

    // Accepting again returns the same hire.
    const winner = workers.find((w) => results[workers.indexOf(w)]?.data?.acceptOffer);
    const again = await t.gql<Engaged>(ACCEPT_OFFER, { id: byWorker.get(winner?.id ?? '') }, winner?.token);
    expect(again.data?.acceptOffer.id).toBe(results[workers.indexOf(winner as never)]?.data?.acceptOffer.id);
  }, 60_000);

  it('decides accepts that arrive together in one transaction, first come first served', async () => {
    const { workers, gig, byWorker } = await offeredGig(8, 'scaffolder', 4);
    expect(byWorker.size).toBe(8);

    const gigLocks: string[] = [];
    const seatUpdates: string[] = [];
    const stop = t.app.observeQueries((query) => {
      // The gig's locks up to its seats' update: the batch's (the withdrawal after the fill
      // locks it again, after the commit).
      if (/from "gigs" where "gigs"\."id" = \$1 for update/.test(query) && seatUpdates.length === 0)
        gigLocks.push(query);
      if (/^update "gigs" set "filled"/.test(query)) seatUpdates.push(query);
    });
    // Called in this order in one turn of the event loop: all eight go to the database in one batch.
    const answers = await Promise.allSettled(
      workers.map((w) => t.app.services.hiring.acceptOffer(w.id, byWorker.get(w.id) as string)),
    );
    stop();
    // The four seats are taken in one statement (hireAll), not one update of the gig per hire.
    expect(seatUpdates).toHaveLength(1);
    expect(answers.map((a) => a.status)).toEqual([
      ...Array(4).fill('fulfilled'),
      ...Array(4).fill('rejected'),
    ]);
    for (const answer of answers.slice(4)) {
      expect((answer as PromiseRejectedResult).reason).toMatchObject({ code: 'GIG_FILLED' });
    }
    expect(gigLocks).toHaveLength(1);
    // The gig's other offers are withdrawn after the fill's commit, in the background.
    await t.app.services.hiring.drain();
    const after = await offerRows(t, gig.id);
    expect(
      after
        .filter((o) => o.status === 'ACCEPTED')
        .map((o) => o.worker_id)
        .sort(),
    ).toEqual(
      workers
        .slice(0, 4)
        .map((w) => w.id)
        .sort(),
    );
    expect(after.filter((o) => o.status === 'WITHDRAWN')).toHaveLength(4);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('refuses the losers after the gig fills from memory, with no statement, and gives a winner its hire back', async () => {
    const { workers, byWorker } = await offeredGig(12, 'tile_setter', 3);
    expect(byWorker.size).toBe(12);
    const accept = (w: (typeof workers)[number]) =>
      t.app.services.hiring.acceptOffer(w.id, byWorker.get(w.id) as string);
    const first = await Promise.allSettled(workers.slice(0, 3).map(accept));
    const hires = first.map((a) => (a.status === 'fulfilled' ? a.value.id : null));
    expect(hires.every((id) => id !== null)).toBe(true);

    // The gig filled on this node: its other offers were withdrawn by that transaction. What the
    // fill and the first wave started in the background (the facts read for the crowd, the
    // withdrawn offers' notices) ends first, so only the losers' own statements are counted.
    await t.app.services.hiring.drain();
    const queries: string[] = [];
    let stop = t.app.observeQueries((query) => void queries.push(query));
    const losers = await Promise.allSettled(workers.slice(3).map(accept));
    stop();
    for (const answer of losers)
      expect((answer as PromiseRejectedResult).reason).toMatchObject({ code: 'GIG_FILLED' });
    expect(queries).toEqual([]);

    // A winner repeating the accept, in a crowd of losers: the hire, never "full".
    stop = t.app.observeQueries((query) => void queries.push(query));
    const again = await Promise.allSettled(
      [...workers.slice(3, 8), workers[1] as (typeof workers)[number]].map(accept),
    );
    stop();
    expect(again.at(-1)).toMatchObject({ status: 'fulfilled', value: { id: hires[1] } });
    for (const answer of again.slice(0, -1)) expect(answer).toMatchObject({ status: 'rejected' });
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('lets the accepts that arrive while a batch opens its transaction join that batch', async () => {
    const { workers, byWorker } = await offeredGig(8, 'scaffolder', 4);
    const gigLocks: string[] = [];
    const stop = t.app.observeQueries((query) => {
      if (/from "gigs" where "gigs"\."id" = \$1 for update/.test(query)) gigLocks.push(query);
    });
    const accept = (w: (typeof workers)[number]) =>
      t.app.services.hiring.acceptOffer(w.id, byWorker.get(w.id) as string);
    const [first, ...rest] = workers;
    const firstAnswer = accept(first as (typeof workers)[number]);
    // The first accept's batch has started (its BEGIN is on the way) when the other seven arrive.
    await new Promise((resolve) => setImmediate(resolve));
    const answers = await Promise.allSettled([firstAnswer, ...rest.map(accept)]);
    stop();
    expect(
      answers.map((a) => (a.status === 'fulfilled' ? 'HIRED' : (a.reason as { code: string }).code)),
    ).toEqual([...Array(4).fill('HIRED'), ...Array(4).fill('GIG_FILLED')]);
    expect(gigLocks).toHaveLength(1);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('answers each accept of a batch on its own when the database refuses one of its hires', async () => {
    const { workers, employer, gig, byWorker } = await offeredGig(6, 'plasterer', 3);
    // The third worker is hired elsewhere at the same time, and their offer is still open, as it
    // is for the moment between that hire and the withdrawal of their overlapping offers.
    const booked = workers[2] as (typeof workers)[number];
    const [window] = (await t.app.db.execute(
      sql`select starts_at, ends_at from gigs where id = ${gig.id}`,
    )) as unknown as { starts_at: Date; ends_at: Date }[];
    const elsewhere = await postGig(t, employer.token, {
      skills: ['plasterer'],
      startsAt: new Date(window?.starts_at ?? 0).toISOString(),
      endsAt: new Date(window?.ends_at ?? 0).toISOString(),
    });
    await hireFor(t, employer.token, booked, elsewhere.id);
    await t.app.services.hiring.drain();
    await t.app.db.execute(
      sql`update offers set status = 'PENDING', responded_at = null where id = ${byWorker.get(booked.id)}`,
    );

    const answers = await Promise.allSettled(
      workers.map((w) => t.app.services.hiring.acceptOffer(w.id, byWorker.get(w.id) as string)),
    );
    const codes = answers.map((a) =>
      a.status === 'fulfilled' ? 'HIRED' : (a.reason as { code: string }).code,
    );
    expect(codes).toEqual(['HIRED', 'HIRED', 'SCHEDULE_CONFLICT', 'HIRED', 'GIG_FILLED', 'GIG_FILLED']);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('books one worker once when two overlapping gigs are accepted at the same moment', async () => {
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
    const results = await Promise.all([
      t.gql<Engaged>(ACCEPT_OFFER, { id: a?.id }, worker.token),
      t.gql<Engaged>(ACCEPT_OFFER, { id: b?.id }, worker.token),
    ]);
    expect(results.filter((r) => r.data?.acceptOffer)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? [])).toEqual([
      'SCHEDULE_CONFLICT',
    ]);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
    // The overlapping offer the worker can no longer take is withdrawn (just after the answer).
    await t.app.services.hiring.drain();
    const mine = await t.gql<{ myOffers: { status: string }[] }>(
      MY_OFFERS,
      { status: 'PENDING' },
      worker.token,
    );
    expect(mine.data?.myOffers).toEqual([]);
  });

  it('tells a worker whose overlapping offer was withdrawn by their own hire that they are booked then', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'plasterer', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const first = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['plasterer'] });
    const base = gigInput();
    const second = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['plasterer'],
      startsAt: new Date(new Date(base.startsAt).getTime() + 2 * HOUR).toISOString(),
      endsAt: new Date(new Date(base.endsAt).getTime() + 2 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();
    // Workers other tests seeded may be offered these gigs too: this worker's offers.
    const a = (await offerRows(t, first.id)).find((o) => o.worker_id === worker.id);
    const b = (await offerRows(t, second.id)).find((o) => o.worker_id === worker.id);
    const taken = await t.gql<Engaged>(ACCEPT_OFFER, { id: a?.id }, worker.token);
    expect(taken.errors).toBeUndefined();
    // The release of the overlapping offer runs just after the answer.
    await expect
      .poll(async () => (await offerRows(t, second.id)).find((o) => o.id === b?.id)?.status)
      .toBe('WITHDRAWN');
    const late = await t.gql<Engaged>(ACCEPT_OFFER, { id: b?.id }, worker.token);
    expect(late.errors?.map((e) => e.extensions?.code)).toEqual(['SCHEDULE_CONFLICT']);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('re-sends a pending offer to a worker who reconnects, and the ack records delivery', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'painter', level: 2 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['painter'] });
    await t.app.services.hiring.drain();
    const [offer] = await offerRows(t, gig.id);
    expect(offer?.delivered_at).toBeNull(); // the worker was offline

    const socket: Socket = await connectSocket(baseUrl, { token: worker.token });
    const resent = await new Promise<{ offerId: string }>((resolve) => {
      socket.once('offer', (payload, ack: () => void) => {
        ack();
        resolve(payload);
      });
    });
    expect(resent.offerId).toBe(offer?.id);
    await expect.poll(async () => (await offerRows(t, gig.id))[0]?.delivered_at).not.toBeNull();
    socket.disconnect();
  });

  it('withdraws pending offers and calls hires off when the employer cancels', async () => {
    const workers = await seedWorkers(t, 3, { skills: [{ code: 'carpenter', level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 2, skills: ['carpenter'] });
    await t.app.services.hiring.drain();
    const rows = await offerRows(t, gig.id);
    const hiredWorker = workers.find((w) => w.id === rows[0]?.worker_id);
    const accepted = await t.gql<Engaged>(ACCEPT_OFFER, { id: rows[0]?.id }, hiredWorker?.token);
    expect(accepted.errors).toBeUndefined();
    const other = workers.find((w) => w.id === rows[1]?.worker_id);
    const socket = await connectSocket(baseUrl, { token: other?.token });
    await waitFor(socket, 'offer'); // the pending offer, re-sent on connect
    const closed = waitFor<{ offerId: string; status: string }>(socket, 'offer:closed');
    const cancelled = await t.gql(
      'mutation ($id: ID!) { cancelGig(gigId: $id, reason: "设备故障，改期") { status } }',
      { id: gig.id },
      employer.token,
    );
    expect(cancelled.errors).toBeUndefined();
    expect(await closed).toEqual({ offerId: rows[1]?.id, status: 'WITHDRAWN' });
    const engagements = await t.gql<{ myEngagements: { status: string }[] }>(
      '{ myEngagements { status } }',
      {},
      hiredWorker?.token,
    );
    expect(engagements.data?.myEngagements).toEqual([{ status: 'CANCELLED' }]);
    socket.disconnect();
  });
});
