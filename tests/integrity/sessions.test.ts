import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { gigInput, POST_GIG, postGig, verifiedEmployer } from '../support/gigs.js';
import { kioskQuery, PICKING, stationWithKiosk } from '../support/kiosk.js';
import { adminToken, registerEmployer, registerWorker } from '../support/people.js';
import { endingOf, handshakeRefused, meCode, REFRESH, signIn, untilTrue } from '../support/sessions.js';
import { connectSocket, waitFor } from '../support/sockets.js';

/**
 * Ended sessions, tried as an attacker holding a token would, on two API nodes behind one
 * database: every ending is made on one node, and both nodes must refuse the token and cut its
 * sockets within a second, although each had just checked the token and keeps that in memory
 * (SESSION_CHECK_CACHE_MS, KIOSK_CACHE_MS).
 */
let a: TestApp;
let b: TestApp;
let urlA: string;
let urlB: string;
const CACHES = { SESSION_CHECK_CACHE_MS: '30000', KIOSK_CACHE_MS: '30000' };

beforeAll(async () => {
  a = await createTestApp({ env: CACHES });
  urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  b = await createTestApp({ sameDatabaseAs: a, env: { ...CACHES, MEILI_INDEX_PREFIX: a.indexPrefix } });
  urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  for (const node of [a, b])
    await untilTrue(async () => (await node.app.io.of('/').adapter.serverCount()) === 2);
});

afterAll(async () => {
  // B's own close() would drop the Meilisearch indexes it shares with A: close only its app.
  await b?.app.close();
  await a?.close();
});

const both = () => [a, b] as const;
const sessionRows = async (accountId: string) =>
  a.app.sql<{ end_reason: string | null }[]>`
    select end_reason from sessions where account_id = ${accountId} order by started_at`;

describe('sessions end on every node', () => {
  it('refuses an erased account’s token on both nodes and cuts its sockets within a second; nothing is posted', async () => {
    const employer = await verifiedEmployer(a);
    for (const node of both()) expect(await meCode(node, employer.token)).toBeUndefined();
    const onA = await connectSocket(urlA, { token: employer.token });
    const onB = await connectSocket(urlB, { token: employer.token });
    let erasedAt = Number.POSITIVE_INFINITY;
    const endings = [endingOf(onA, () => erasedAt), endingOf(onB, () => erasedAt)];

    const erased = await b.gql(
      'mutation { deleteMyAccount(password: "employer-pass-1") }',
      {},
      employer.token,
    );
    erasedAt = Date.now();
    expect(erased.errors).toBeUndefined();

    // The other node hears of it through PostgreSQL (NOTIFY after commit): within a second.
    for (const node of both()) {
      await untilTrue(async () => (await meCode(node, employer.token)) === 'UNAUTHENTICATED', 1000);
    }
    expect(Date.now() - erasedAt).toBeLessThan(1000);
    for (const ending of await Promise.all(endings)) {
      expect(ending.reason).toBe('ACCOUNT_ERASED');
      expect(ending.afterMs).toBeLessThan(1000);
    }
    for (const node of both()) {
      const posted = await node.gql(POST_GIG, { input: gigInput() }, employer.token);
      expect(posted.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const [gigs] = await a.app.sql<{ n: number }[]>`
      select count(*)::int as n from gigs where employer_id = ${employer.id}`;
    expect(gigs?.n).toBe(0);
    for (const url of [urlA, urlB])
      expect(await handshakeRefused(() => connectSocket(url, { token: employer.token }))).toBe(true);
    expect((await sessionRows(employer.accountId)).map((s) => s.end_reason)).toEqual(['ACCOUNT_ERASED']);
  });

  it('disconnects a revoked kiosk token’s sockets on both nodes, which then get no board events', async () => {
    const station = await stationWithKiosk(a);
    const employer = await verifiedEmployer(a);
    for (const node of both())
      expect((await kioskQuery(node, station.token, 'KioskBoard')).errors).toBeUndefined();
    const onA = await connectSocket(urlA, { token: station.token });
    const onB = await connectSocket(urlB, { token: station.token });
    // Live: a gig near the station reaches both boards.
    const upserts = [waitFor(onA, 'board:upsert'), waitFor(onB, 'board:upsert')];
    await postGig(b, employer.token, PICKING);
    await Promise.all(upserts);

    const [row] = await a.app.sql<{ id: string }[]>`
      select id from kiosk_tokens where station_id = ${station.stationId}`;
    let revokedAt = Number.POSITIVE_INFINITY;
    const endings = [endingOf(onA, () => revokedAt), endingOf(onB, () => revokedAt)];
    const boardEvents: string[] = [];
    for (const socket of [onA, onB]) socket.onAny((event: string) => boardEvents.push(event));
    const revoked = await a.gql(
      'mutation ($k: ID!) { revokeKioskToken(id: $k) }',
      { k: row?.id },
      await adminToken(a),
    );
    revokedAt = Date.now();
    expect(revoked.errors).toBeUndefined();
    for (const ending of await Promise.all(endings)) {
      expect(ending.reason).toBe('KIOSK_TOKEN_REVOKED');
      expect(ending.afterMs).toBeLessThan(1000);
    }
    // Node B had the token in its kiosk cache for 30 s; the revocation dropped it.
    const board = await kioskQuery(b, station.token, 'KioskBoard');
    expect(board.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await postGig(a, employer.token, { ...PICKING, title: '梨园采摘帮工（二）' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(boardEvents.filter((e) => e.startsWith('board:'))).toEqual([]);
    for (const url of [urlA, urlB])
      expect(await handshakeRefused(() => connectSocket(url, { token: station.token }))).toBe(true);
  });

  it('signOut ends the caller’s session on both nodes; with allDevices, every session', async () => {
    const worker = await registerWorker(a);
    const phone = await signIn(a, worker.phone, 'worker-pass-1');
    const laptop = await signIn(b, worker.phone, 'worker-pass-1');
    for (const node of both())
      for (const token of [phone.token, laptop.token]) expect(await meCode(node, token)).toBeUndefined();
    const phoneSocket = await connectSocket(urlA, { token: phone.token });
    const laptopSocket = await connectSocket(urlB, { token: laptop.token });

    let at = Number.POSITIVE_INFINITY;
    const phoneEnded = endingOf(phoneSocket, () => at);
    const out = await b.gql<{ signOut: boolean }>('mutation { signOut }', {}, phone.token);
    at = Date.now();
    expect(out.data?.signOut).toBe(true);
    expect(await phoneEnded).toMatchObject({ reason: 'SIGNED_OUT' });
    expect((await phoneEnded).afterMs).toBeLessThan(1000);
    for (const node of both()) expect(await meCode(node, phone.token)).toBe('UNAUTHENTICATED');
    const refreshed = await a.gql(REFRESH, { r: phone.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The other device is untouched.
    for (const node of both()) expect(await meCode(node, laptop.token)).toBeUndefined();
    expect(laptopSocket.connected).toBe(true);

    const laptopEnded = endingOf(laptopSocket, () => at);
    const all = await a.gql('mutation { signOut(allDevices: true) }', {}, laptop.token);
    at = Date.now();
    expect(all.errors).toBeUndefined();
    expect((await laptopEnded).reason).toBe('SIGNED_OUT');
    for (const node of both())
      for (const token of [laptop.token, worker.token])
        expect(await meCode(node, token)).toBe('UNAUTHENTICATED');
    expect((await sessionRows(worker.accountId)).map((s) => s.end_reason)).toEqual([
      'SIGNED_OUT',
      'SIGNED_OUT',
      'SIGNED_OUT',
    ]);
  });

  it('changePassword ends every other session on both nodes and gives the caller a fresh one', async () => {
    const worker = await registerWorker(a);
    const other = await signIn(b, worker.phone, 'worker-pass-1');
    for (const node of both()) expect(await meCode(node, other.token)).toBeUndefined();
    const otherSocket = await connectSocket(urlA, { token: other.token });
    const CHANGE = `mutation ($c: String!, $n: String!) {
      changePassword(currentPassword: $c, newPassword: $n) { token refreshToken account { id } }
    }`;

    // Bad input names the field and changes nothing.
    const wrong = await a.gql(CHANGE, { c: 'not-my-password', n: 'a-new-password-2' }, worker.token);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const short = await a.gql(CHANGE, { c: 'worker-pass-1', n: 'short' }, worker.token);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    for (const node of both()) expect(await meCode(node, other.token)).toBeUndefined();
    expect(otherSocket.connected).toBe(true);

    let at = Number.POSITIVE_INFINITY;
    const ended = endingOf(otherSocket, () => at);
    const changed = await b.gql<{ changePassword: { token: string; account: { id: string } } }>(
      CHANGE,
      { c: 'worker-pass-1', n: 'a-new-password-2' },
      worker.token,
    );
    at = Date.now();
    expect(changed.errors).toBeUndefined();
    expect((await ended).reason).toBe('PASSWORD_CHANGED');
    expect((await ended).afterMs).toBeLessThan(1000);
    const fresh = changed.data?.changePassword.token as string;
    for (const node of both()) {
      expect(await meCode(node, worker.token)).toBe('UNAUTHENTICATED');
      expect(await meCode(node, other.token)).toBe('UNAUTHENTICATED');
      expect(await meCode(node, fresh)).toBeUndefined();
    }
    expect((await a.gql(REFRESH, { r: other.refreshToken })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await signIn(a, worker.phone, 'a-new-password-2')).toBeTruthy();
  });

  it('suspendAccount ends every session on both nodes; sign-in and refresh answer ACCOUNT_SUSPENDED until reinstated', async () => {
    const employer = await registerEmployer(a);
    const session = await signIn(b, employer.phone, 'employer-pass-1');
    for (const node of both()) expect(await meCode(node, session.token)).toBeUndefined();
    const socket = await connectSocket(urlB, { token: session.token });
    const admin = await adminToken(a);
    const SUSPEND = `mutation ($a: ID!, $r: String!) { suspendAccount(accountId: $a, reason: $r) { id suspendedAt } }`;

    const badId = await a.gql(SUSPEND, { a: 'not-an-id', r: '冒用他人身份' }, admin);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accountId' });
    const noReason = await a.gql(SUSPEND, { a: employer.accountId, r: ' ' }, admin);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await meCode(b, session.token)).toBeUndefined();

    let at = Number.POSITIVE_INFINITY;
    const ended = endingOf(socket, () => at);
    const suspended = await a.gql<{ suspendAccount: { id: string; suspendedAt: string | null } }>(
      SUSPEND,
      { a: employer.accountId, r: '冒用他人身份' },
      admin,
    );
    at = Date.now();
    expect(suspended.data?.suspendAccount.suspendedAt).toBeTruthy();
    expect((await ended).reason).toBe('ACCOUNT_SUSPENDED');
    expect((await ended).afterMs).toBeLessThan(1000);
    for (const node of both()) {
      expect(await meCode(node, session.token)).toBe('UNAUTHENTICATED');
      expect(await meCode(node, employer.token)).toBe('UNAUTHENTICATED');
    }
    const suspendedLogin = await b.gql(
      'mutation ($p: String!) { login(phone: $p, password: "employer-pass-1") { token } }',
      { p: employer.phone },
    );
    expect(suspendedLogin.errors?.[0]?.extensions?.code).toBe('ACCOUNT_SUSPENDED');
    const refreshed = await a.gql(REFRESH, { r: session.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('ACCOUNT_SUSPENDED');
    const [audit] = await a.app.sql<{ details: { reason: string } }[]>`
      select details from audit_log where action = 'ACCOUNT_SUSPENDED' and subject_id = ${employer.accountId}`;
    expect(audit?.details.reason).toBe('冒用他人身份');

    const reinstated = await a.gql<{ reinstateAccount: { suspendedAt: string | null } }>(
      'mutation ($a: ID!) { reinstateAccount(accountId: $a) { suspendedAt } }',
      { a: employer.accountId },
      admin,
    );
    expect(reinstated.data?.reinstateAccount.suspendedAt).toBeNull();
    const again = await signIn(b, employer.phone, 'employer-pass-1');
    expect(await meCode(a, again.token)).toBeUndefined();
    expect(await meCode(a, session.token)).toBe('UNAUTHENTICATED');
  });

  it('anything that raises the account’s token version (a password reset by SMS) ends every session on both nodes', async () => {
    const worker = await registerWorker(a);
    const other = await signIn(b, worker.phone, 'worker-pass-1');
    for (const node of both()) expect(await meCode(node, other.token)).toBeUndefined();
    const socket = await connectSocket(urlA, { token: other.token });
    let at = Number.POSITIVE_INFINITY;
    const ended = endingOf(socket, () => at);
    // What the reset's own code does to the account, and nothing else.
    await b.app.sql`update accounts set token_version = token_version + 1 where id = ${worker.accountId}`;
    at = Date.now();
    expect((await ended).reason).toBe('PASSWORD_CHANGED');
    expect((await ended).afterMs).toBeLessThan(1000);
    for (const node of both())
      for (const token of [worker.token, other.token])
        expect(await meCode(node, token)).toBe('UNAUTHENTICATED');
    expect((await a.gql(REFRESH, { r: other.refreshToken })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('a reused refresh token ends its session at once on both nodes, not only its refresh tokens', async () => {
    const worker = await registerWorker(a);
    const first = await signIn(a, worker.phone, 'worker-pass-1');
    const renewed = await a.gql<{ refreshSession: { token: string; refreshToken: string } }>(REFRESH, {
      r: first.refreshToken,
    });
    const current = renewed.data?.refreshSession.token as string;
    for (const node of both()) expect(await meCode(node, current)).toBeUndefined();
    const socket = await connectSocket(urlB, { token: current });

    let at = Number.POSITIVE_INFINITY;
    const ended = endingOf(socket, () => at);
    const reused = await b.gql(REFRESH, { r: first.refreshToken });
    at = Date.now();
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ended).reason).toBe('REFRESH_TOKEN_REUSED');
    expect((await ended).afterMs).toBeLessThan(1000);
    // The other node hears of it by NOTIFY, within the same second (docs/security.md).
    for (const node of both())
      await untilTrue(async () => (await meCode(node, current)) === 'UNAUTHENTICATED', 1000);
    const next = await a.gql(REFRESH, { r: renewed.data?.refreshSession.refreshToken });
    expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The registration's own session is another sign-in: it keeps its access token until expiry.
    expect(await meCode(a, worker.token)).toBeUndefined();
    expect((await sessionRows(worker.accountId)).map((s) => s.end_reason)).toEqual([
      null,
      'REFRESH_TOKEN_REUSED',
    ]);
  });
});
