import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionTrust, VERIFIED_FOR_MS } from '../../src/modules/accounts/session-trust.js';
import { createSessionsRepository } from '../../src/modules/accounts/sessions.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registerWorker } from '../support/people.js';
import { meCode, untilTrue } from '../support/sessions.js';

/**
 * A node trusts a session it found live for as long as it hears the endings (its own pings on
 * `lingong_sessions` come back), not for a fixed few seconds: a worker connected all day is not
 * read again on the accept that races. Tried as an attacker would, with a token whose session
 * ends where the node cannot hear it: past the triggers (no notice at all), and while the node's
 * listening backend is stopped (a notice it never receives). SESSION_CHECK_CACHE_MS is 1 s here.
 */
const STALE_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const claimsOf = (token: string) => {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
    sid: string;
    ver: number;
  };
  return { accountId: payload.sub, sessionId: payload.sid, version: payload.ver };
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SESSION_CHECK_CACHE_MS: String(STALE_MS) } });
});
afterAll(() => t?.close());

/** Ends a session as a restore or a replica would: the row changes and no trigger announces it. */
async function endPastTheTriggers(sessionId: string) {
  await t.app.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`update sessions set ended_at = now(), end_reason = 'SIGNED_OUT' where id = ${sessionId}`;
  });
}

/** The backend that LISTENs on lingong_sessions for this node. */
async function listenerPid(): Promise<number> {
  const rows = await t.app.sql<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = current_database() and query ilike 'listen%lingong_sessions%'`;
  if (rows.length !== 1) throw new Error(`expected one listener, found ${rows.length}`);
  return (rows[0] as { pid: number }).pid;
}

const endedInTable = async (sessionId: string) =>
  (
    await t.app.sql<
      { ended: boolean }[]
    >`select ended_at is not null as ended from sessions where id = ${sessionId}`
  )[0]?.ended;

describe('a session trusted while its node hears the endings', () => {
  it('is not read again long after SESSION_CHECK_CACHE_MS; one ended past the triggers is refused once the node listens anew', async () => {
    const worker = await registerWorker(t);
    expect(await meCode(t, worker.token)).toBeUndefined();
    await sleep(STALE_MS * 2.5);
    const { sessionId } = claimsOf(worker.token);
    await endPastTheTriggers(sessionId);
    expect(await endedInTable(sessionId)).toBe(true);
    // Trusted from memory: a read would have found the session ended.
    expect(await meCode(t, worker.token)).toBeUndefined();

    // Its listening connection dies; postgres.js listens again, and the node forgets what it
    // trusted. Asked once it hears its pings again (not in between, when nothing is trusted).
    const before = await listenerPid();
    await t.app.sql`select pg_terminate_backend(${before})`;
    await untilTrue(async () => (await listenerPid().catch(() => before)) !== before, 5_000);
    await sleep(STALE_MS);
    expect(await meCode(t, worker.token)).toBe('UNAUTHENTICATED');
  });

  it('stops trusting within SESSION_CHECK_CACHE_MS once its pings stop coming back, and refuses a session ended meanwhile', async () => {
    const worker = await registerWorker(t);
    expect(await meCode(t, worker.token)).toBeUndefined();
    const { sessionId } = claimsOf(worker.token);
    const pid = await listenerPid();
    // The backend that would deliver the notice is stopped: the connection stays up, and deaf.
    process.kill(pid, 'SIGSTOP');
    try {
      // Ended as another node would end it: the trigger announces it, and this node cannot hear.
      await t.app
        .sql`update sessions set ended_at = now(), end_reason = 'SIGNED_OUT' where id = ${sessionId}`;
      const endedAt = Date.now();
      await untilTrue(async () => (await meCode(t, worker.token)) === 'UNAUTHENTICATED', STALE_MS * 4);
      // The last ping heard was sent before the stop: within the bound, and a read after it.
      expect(Date.now() - endedAt).toBeLessThan(STALE_MS * 3);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Hearing again, a live session is trusted again and the ended one stays refused.
    const other = await registerWorker(t);
    expect(await meCode(t, other.token)).toBeUndefined();
    expect(await meCode(t, worker.token)).toBe('UNAUTHENTICATED');
  });
});

describe("the trust's rules, on the sessions table (a monotonic clock of the test's)", () => {
  it('trusts nothing unheard, keeps nothing an ending overtook, forgets all on a new listen', async () => {
    let now = 1_000_000;
    const repository = createSessionsRepository(t.app.db);
    const trust = createSessionTrust({
      staleMs: STALE_MS,
      accessTokenTtlSeconds: 900,
      read: (ids) => repository.states(ids),
      stillLive: (state, claims) => !!state && !state.endedAt && state.accountVersion === claims.version,
      monotonic: () => now,
    });
    const claims = claimsOf((await registerWorker(t)).token);

    trust.keep(claims, trust.reading(claims.sessionId));
    expect(trust.trusts(claims)).toBe(false); // no ping has come back yet
    trust.heard(now);
    expect(trust.trusts(claims)).toBe(true);
    expect(trust.trusts({ ...claims, version: claims.version + 1 })).toBe(false);
    now += STALE_MS + 1;
    expect(trust.trusts(claims)).toBe(false); // the last ping heard is too old
    trust.heard(now - 10);
    expect(trust.trusts(claims)).toBe(true);

    const mark = trust.reading(claims.sessionId);
    trust.forget({ kind: 'account', accountId: 'someone-else', reason: 'SIGNED_OUT' });
    trust.keep(claims, mark);
    expect(trust.trusts(claims)).toBe(false); // an ending came while it was read

    trust.keep(claims, trust.reading(claims.sessionId));
    expect(trust.trusts(claims)).toBe(true);
    trust.listening();
    trust.heard(now);
    expect(trust.trusts(claims)).toBe(false);
  });

  it('reads each trusted session again before VERIFIED_FOR_MS, drops one ended past the triggers, and what no token can use', async () => {
    let now = 5_000_000;
    const repository = createSessionsRepository(t.app.db);
    let read = 0;
    const trust = createSessionTrust({
      staleMs: STALE_MS,
      accessTokenTtlSeconds: 900,
      read: (ids) => {
        read += ids.length;
        return repository.states(ids);
      },
      stillLive: (state, claims) => !!state && !state.endedAt && state.accountVersion === claims.version,
      monotonic: () => now,
    });
    const [kept, ended, unrefreshed] = await Promise.all(
      [0, 1, 2].map(async () => claimsOf((await registerWorker(t)).token)),
    );
    if (!kept || !ended || !unrefreshed) throw new Error('three workers');
    for (const c of [kept, ended]) trust.keep(c, trust.reading(c.sessionId));
    trust.heard(now);

    expect(await trust.refresh()).toBe(0); // nothing is due yet
    now += VERIFIED_FOR_MS / 2 + 1;
    trust.heard(now);
    await endPastTheTriggers(ended.sessionId);
    trust.keep(unrefreshed, trust.reading(unrefreshed.sessionId));
    expect(await trust.refresh()).toBe(2);
    expect(read).toBe(2);
    expect(trust.trusts(ended)).toBe(false);

    now += VERIFIED_FOR_MS / 2 + 1; // past VERIFIED_FOR_MS from the first read
    trust.heard(now);
    expect(trust.trusts(kept)).toBe(true); // read again by the refresh
    now += VERIFIED_FOR_MS / 2;
    trust.heard(now);
    expect(trust.trusts(unrefreshed)).toBe(false); // past VERIFIED_FOR_MS, never read again

    now += 900_000 + 60_001; // unused for the access token's lifetime and a minute
    trust.heard(now);
    read = 0;
    expect(await trust.refresh()).toBe(0);
    expect(read).toBe(0);
    expect(trust.trusts(kept)).toBe(false);
  });
});
