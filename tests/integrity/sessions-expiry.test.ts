import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { offerRows, seedWorkers } from '../support/hiring.js';
import { registerWorker } from '../support/people.js';
import { endingOf, REFRESH, signIn } from '../support/sessions.js';
import { connectSocket, waitFor } from '../support/sockets.js';

/**
 * A socket outliving its access token. The JWT library checks expiry by the wall clock, so the
 * app's tokens live 8 s here (ACCESS_TOKEN_TTL_SECONDS); the socket is told 3 s before, and cut
 * 2 s after unless it renews.
 */
const TTL_S = 8;
const GRACE_S = 2;
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      ACCESS_TOKEN_TTL_SECONDS: String(TTL_S),
      SESSION_EXPIRING_NOTICE_SECONDS: '3',
      SESSION_RENEW_GRACE_SECONDS: String(GRACE_S),
    },
  });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t?.close());

type OfferEvent = { offerId: string; gigId: string };
type Reply = { ok: boolean; error?: { code: string; message: string } };

function nextOfferAcked(socket: Socket, timeoutMs = 5_000) {
  return new Promise<OfferEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "offer" within ${timeoutMs} ms`)), timeoutMs);
    socket.once('offer', (payload: OfferEvent, ack: () => void) => {
      clearTimeout(timer);
      ack();
      resolve(payload);
    });
  });
}

const waitLong = TTL_S * 1000 + 5_000;

describe('a socket whose access token expires', () => {
  it('is told, cannot accept an offer once the token is past expiry, and is cut after the grace', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 4 }] });
    if (!worker) throw new Error('no worker seeded');
    const socket = await connectSocket(url, { token: worker.token });
    const expiring = waitFor<{ expiresAt: string }>(socket, 'session:expiring', waitLong);
    const expired = waitFor<{ graceSeconds: number }>(socket, 'session:expired', waitLong);
    const offered = nextOfferAcked(socket, waitLong);
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['bricklayer'],
      title: '过期令牌砌墙',
    });
    const offer = await offered;
    expect(Date.parse((await expiring).expiresAt)).toBeGreaterThan(Date.now() - 5_000);
    expect(await expired).toEqual({ graceSeconds: GRACE_S });
    const expiredAt = Date.now();
    const cut = endingOf(socket, () => expiredAt, GRACE_S * 1000 + 3_000);

    const reply = (await socket
      .timeout(2_000)
      .emitWithAck('offer:accept', { offerId: offer.offerId })) as Reply;
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const [engagements] = await t.app.sql<{ n: number }[]>`
      select count(*)::int as n from engagements where gig_id = ${gig.id}`;
    expect(engagements?.n).toBe(0);
    expect((await offerRows(t, gig.id)).map((o) => o.status)).toEqual(['PENDING']);

    const ending = await cut;
    expect(ending.reason).toBe('TOKEN_EXPIRED');
    expect(ending.afterMs).toBeGreaterThan(GRACE_S * 1000 - 1_000);
  });

  it('stays connected with a fresh token sent as session:renew, and refuses a stranger’s or a bad one', async () => {
    const worker = await registerWorker(t);
    const session = await signIn(t, worker.phone, 'worker-pass-1');
    const socket = await connectSocket(url, { token: session.token });
    await waitFor(socket, 'session:expired', waitLong);

    const renew = async (payload: unknown) =>
      (await socket.timeout(2_000).emitWithAck('session:renew', payload)) as Reply;
    expect(await renew({})).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    expect(await renew({ token: 'garbage.token.here' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const stranger = await registerWorker(t);
    expect(await renew({ token: stranger.token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const refreshed = await t.gql<{ refreshSession: { token: string } }>(REFRESH, {
      r: session.refreshToken,
    });
    const fresh = refreshed.data?.refreshSession.token as string;
    expect(await renew({ token: fresh })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, (GRACE_S + 1) * 1000));
    expect(socket.connected).toBe(true);
    // Its events run again: an unknown offer is the service's NOT_FOUND, not a refusal of the sign-in.
    const reply = (await socket
      .timeout(2_000)
      .emitWithAck('offer:accept', { offerId: randomUUID() })) as Reply;
    expect(reply.error?.code).toBe('NOT_FOUND');
    socket.disconnect();
  });
});
