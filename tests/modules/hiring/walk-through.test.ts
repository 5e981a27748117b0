import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { assertHiringInvariants, offerRows, seedWorkers } from '../../support/hiring.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

describe('instant hire over sockets', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_FAN_OUT: '40', OFFER_SWEEP_MS: '60000' } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('walks the instant hire of 40 workers online end to end, over sockets', async () => {
    const workers = await seedWorkers(t, 40, { skills: [{ code: 'forklift_operator', level: 3 }] });
    const sockets = await Promise.all(workers.map((w) => connectSocket(baseUrl, { token: w.token })));
    const employer = await verifiedEmployer(t);
    const employerSocket = await connectSocket(baseUrl, { token: employer.token });
    const updates: { filled: number; status: string }[] = [];
    employerSocket.on('gig:updated', (update) => updates.push(update));
    const closed: string[] = [];
    /** Per socket: whether its accept had been answered when its `offer:closed` came. */
    const answeredFirst: boolean[] = [];
    const answeredOf = new Set<number>();
    const offers = sockets.map(
      (socket, i) =>
        new Promise<{ offerId: string; at: number }>((resolve) => {
          socket.on('offer:closed', ({ status }) => {
            closed.push(status);
            answeredFirst.push(answeredOf.has(i));
          });
          socket.once('offer', (payload, ack: () => void) => {
            ack();
            resolve({ offerId: payload.offerId, at: Date.now() });
          });
        }),
    );
    const postedAt = Date.now();
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 3,
      skills: ['forklift_operator'],
    });
    const received = await Promise.all(offers);
    expect(Math.max(...received.map((r) => r.at)) - postedAt).toBeLessThan(1000);

    // Everyone accepts at once, over the socket; exactly three win.
    const answers = await Promise.all(
      sockets.map(
        (socket, i) =>
          new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
            socket.emit('offer:accept', { offerId: received[i]?.offerId }, (answer: { ok: boolean }) => {
              answeredOf.add(i);
              resolve(answer);
            }),
          ),
      ),
    );
    const winners = workers.filter((_, i) => answers[i]?.ok);
    expect(winners).toHaveLength(3);
    expect(
      answers
        .filter((a) => !a.ok)
        .every((a) => a.error?.code === 'GIG_FILLED' || a.error?.code === 'OFFER_NOT_PENDING'),
    ).toBe(true);
    await expect.poll(() => updates.some((u) => u.filled === 3 && u.status === 'FILLED')).toBe(true);
    await expect.poll(() => closed.length).toBe(37);
    // Every withdrawn offer's worker is told, after the crowd's accepts have been answered.
    expect(answeredFirst.every(Boolean)).toBe(true);
    // The fill's other offers are withdrawn (after its commit): none is left pending.
    await t.app.services.hiring.drain();
    const statuses = (await offerRows(t, gig.id)).map((o) => o.status).sort();
    expect(statuses).toEqual([...Array(3).fill('ACCEPTED'), ...Array(37).fill('WITHDRAWN')].sort());
    // Accepting again over the socket: a winner gets the same hire, a loser GIG_FILLED.
    const again = (i: number) =>
      new Promise<{ ok: boolean; data?: { engagementId: string }; error?: { code: string } }>((resolve) =>
        sockets[i]?.emit('offer:accept', { offerId: received[i]?.offerId }, resolve),
      );
    const winnerAt = answers.findIndex((a) => a.ok);
    const loserAt = answers.findIndex((a) => !a.ok);
    expect(await again(winnerAt)).toEqual(answers[winnerAt]);
    expect(await again(loserAt)).toMatchObject({ ok: false, error: { code: 'GIG_FILLED' } });

    // An overlapping gig is not offered to the three who are now booked.
    const overlapping = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['forklift_operator'],
    });
    await t.app.services.hiring.drain();
    const offeredAgain = (await offerRows(t, overlapping.id)).map((o) => o.worker_id);
    expect(offeredAgain).toHaveLength(37);
    for (const winner of winners) expect(offeredAgain).not.toContain(winner.id);

    // A worker who drops and comes back is sent the pending offer again.
    const loserIndex = workers.findIndex((w) => w.id === offeredAgain[0]);
    sockets[loserIndex]?.disconnect();
    const back = await connectSocket(baseUrl, { token: workers[loserIndex]?.token });
    const resent = await waitFor<{ gigId: string }>(back, 'offer');
    expect(resent.gigId).toBe(overlapping.id);
    for (const socket of [...sockets, back, employerSocket]) socket.disconnect();
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });
});
