import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import { AppError, createProblems, ErrorCode, notFound, requireUuid } from '../../errors.js';
import { type Text, text } from '../../i18n/text.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { AccountRecord, AccountsRepository } from './accounts.repository.js';
import { passwordProblem } from './passwords.js';
import { createSessionTrust } from './session-trust.js';
import type { SessionEndReason, SessionState, SessionsRepository } from './sessions.repository.js';
import type { AccessClaims, Actor } from './viewer.js';

export type { SessionEndReason } from './sessions.repository.js';

/** What a sign-in, registration or refresh answers: an access token, a refresh token and the account. */
export type Session = { token: string; refreshToken: string; expiresAt: Date; account: AccountRecord };

/** A session of an account. */
export type SessionRef = { accountId: string; sessionId: string };

/** The session an access token names, as its claims say, with the token version it was signed with. */
export type TokenSession = SessionRef & { version: number };

/**
 * What every node is told when sessions end (channel `lingong_sessions`, sent by the triggers of
 * drizzle/0018_sessions.sql): every session of an account, one session, or one kiosk token.
 */
export type SessionsEnded =
  | { kind: 'account'; accountId: string; reason: SessionEndReason }
  | { kind: 'session'; sessionId: string; accountId: string; reason: SessionEndReason }
  | { kind: 'kiosk'; kioskTokenId: string; stationId: string; reason: SessionEndReason };

/** Why a token's session is no longer good: words for the client, and the reason when it is known. */
export type SessionProblem = { message: Text; reason: SessionEndReason | null };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const sessionEndedMessage = (reason: SessionEndReason | null): Text =>
  reason
    ? text('accounts:sessionEndedBecause', { why: text(`accounts:ended.${reason}`) })
    : text('accounts:sessionEnded');

/** Why a session, as read, no longer serves a token with these claims; null while it does. */
function problemOf(
  state: SessionState | undefined,
  claims: Omit<TokenSession, 'sessionId'>,
): SessionProblem | null {
  const ended = (reason: SessionEndReason | null) => ({ message: sessionEndedMessage(reason), reason });
  if (!state || state.accountId !== claims.accountId)
    return { message: text('accounts:sessionUnknown'), reason: null };
  if (state.deletedAt) return ended('ACCOUNT_ERASED');
  if (state.suspendedAt) return ended('ACCOUNT_SUSPENDED');
  if (state.endedAt) return ended(state.endReason);
  if (state.accountVersion !== claims.version || state.sessionVersion !== claims.version)
    return ended('PASSWORD_CHANGED');
  return null;
}

export const accountSuspended = () =>
  new AppError(ErrorCode.ACCOUNT_SUSPENDED, text('accounts:accountSuspended'));

const usedUp = () => new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:refreshUsedUp'));
const accountGone = () => new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:accountGone'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Session ids read together at most. */
const MAX_READ = 500;
/** Reads of session states out at once, at most (each holds a pooled connection for one statement). */
const MAX_READS_AT_ONCE = 3;

/**
 * Session states read in batches: the checks that miss the cache in one turn of the event loop
 * (a crowd of accepts, each its own worker's session) share one read, rather than a read each
 * through the pool. Every check still reads after it arrived: one that arrives while a read is
 * under way goes in a later read, so an ending committed before a check began is always seen. A
 * later read need not wait for the one under way: up to MAX_READS_AT_ONCE are out together, so a
 * crowd arriving over several turns is not queued behind one round trip after another.
 */
export function createStateReads(read: (ids: readonly string[]) => Promise<Map<string, SessionState>>) {
  type Waiting = { resolve: (state: SessionState | undefined) => void; reject: (error: unknown) => void };
  const waiting = new Map<string, Waiting[]>();
  let reading = 0;
  let scheduled = false;

  /** A read of what waits, at the next turn of the loop (so that turn's checks join it), if one may go. */
  function schedule(): void {
    if (scheduled || reading >= MAX_READS_AT_ONCE || waiting.size === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void readWaiting();
    });
  }

  async function readWaiting(): Promise<void> {
    if (waiting.size === 0 || reading >= MAX_READS_AT_ONCE) return;
    const ids = [...waiting.keys()].slice(0, MAX_READ);
    const batch = ids.map((id) => [id, waiting.get(id) ?? []] as const);
    for (const id of ids) waiting.delete(id);
    reading += 1;
    // More than one read's worth waiting, or more arriving: the next read may start meanwhile.
    schedule();
    try {
      const states = await read(ids);
      for (const [id, all] of batch) for (const w of all) w.resolve(states.get(id));
    } catch (error) {
      for (const [, all] of batch) for (const w of all) w.reject(error);
    } finally {
      reading -= 1;
      schedule();
    }
  }

  return {
    state(sessionId: string): Promise<SessionState | undefined> {
      // Only ids this API signs can be in a token; anything else names no session.
      if (!UUID.test(sessionId)) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        const queue = waiting.get(sessionId);
        if (queue) queue.push({ resolve, reject });
        else waiting.set(sessionId, [{ resolve, reject }]);
        schedule();
      });
    },
  };
}

/**
 * Sessions: one per sign-in, named by every access token it issues (`sid`, with the account's
 * token version `ver`). A request's token is good while its session has not ended and the
 * account's version is still the one it was signed with; that answer is kept in memory while
 * this node hears endings on `lingong_sessions`, and dropped at once when any node announces one
 * (session-trust.ts).
 */
export function createSessionsService(deps: {
  repository: SessionsRepository;
  accounts: AccountsRepository;
  clock: Clock;
  signAccessToken: (claims: AccessClaims) => string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  audit: AuditTrail;
  /**
   * How long after this node last heard its own ping on `lingong_sessions` a session found live
   * is still trusted without asking the database (0: ask every time); see session-trust.ts.
   */
  checkCacheMs: number;
  monotonic?: () => number;
}) {
  const { repository, accounts, clock, audit } = deps;
  const db = repository.db;
  const reads = createStateReads((ids) => repository.states(ids));
  const trust = createSessionTrust({
    staleMs: deps.checkCacheMs,
    accessTokenTtlSeconds: deps.accessTokenTtlSeconds,
    read: (ids) => repository.states(ids),
    stillLive: (state, claims) => problemOf(state, claims) === null,
    monotonic: deps.monotonic,
  });

  async function issueWithin(account: AccountRecord, sessionId: string, tx: Executor): Promise<Session> {
    const { workerId, employerId } = await accounts.profileIds(account.id, tx);
    const now = clock.now();
    const token = deps.signAccessToken({
      sub: account.id,
      role: account.role,
      wid: workerId,
      eid: employerId,
      typ: 'access',
      sid: sessionId,
      ver: account.tokenVersion,
      // The language the account chose, read afresh at every sign-in and refresh.
      ...(account.locale ? { loc: account.locale } : {}),
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await repository.addRefreshToken(
      {
        accountId: account.id,
        sessionId,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(now.getTime() + deps.refreshTokenTtlDays * 86_400_000),
      },
      tx,
    );
    return {
      token,
      refreshToken,
      expiresAt: new Date(now.getTime() + deps.accessTokenTtlSeconds * 1000),
      account,
    };
  }

  /** A new session for an account that has just proven who it is (sign-in, registration). */
  async function start(account: AccountRecord): Promise<Session> {
    if (account.deletedAt) throw accountGone();
    if (account.suspendedAt) throw accountSuspended();
    return db.transaction(async (tx) => {
      const session = await repository.insert(account.id, account.tokenVersion, clock.now(), tx);
      return issueWithin(account, session.id, tx);
    });
  }

  async function liveAccount(accountId: string): Promise<AccountRecord> {
    const account = await accounts.byId(accountId);
    if (!account || account.deletedAt) throw accountGone();
    return account;
  }

  return {
    start,
    /** An ending heard on `lingong_sessions` (the sessions plugin). */
    forget: trust.forget,
    /** The plugin's ping sent at this monotonic time came back: every ending before it was heard. */
    heard: trust.heard,
    /** The plugin listens on the channel anew: what was announced meanwhile went unheard. */
    listening: trust.listening,
    /** Reads again the sessions trusted longest (accounts.jobs.ts). */
    refreshTrusted: trust.refresh,

    /** Why a token's session is no longer good, or null while it is. */
    async check(claims: TokenSession): Promise<SessionProblem | null> {
      if (trust.trusts(claims)) return null;
      const mark = trust.reading(claims.sessionId);
      const problem = problemOf(await reads.state(claims.sessionId), claims);
      if (!problem) trust.keep(claims, mark);
      return problem;
    },

    /**
     * Trades a refresh token for a new access token and refresh token in the same session; the old
     * refresh token stops working (rotation). A used one of a live session offered again means a
     * copy is about: that session ends at once and every refresh token of the account is revoked.
     * One of an ended session is only refused (a suspended account's with ACCOUNT_SUSPENDED).
     */
    async refresh(refreshToken: string): Promise<Session> {
      const tokenHash = sha256(refreshToken);
      const now = clock.now();
      const consumed = await repository.consumeRefreshToken(tokenHash, now, db);
      if (!consumed) {
        const used = await repository.usedRefreshToken(tokenHash);
        if (!used) throw usedUp();
        const owner = await accounts.byId(used.accountId);
        if (owner?.suspendedAt && !owner.deletedAt) throw accountSuspended();
        // Its session still live: the token was rotated away and is back, so a copy is about.
        if (!used.sessionEnded) {
          const { accountId, sessionId } = used;
          await db.transaction(async (tx) => {
            if (sessionId) await repository.end(sessionId, 'REFRESH_TOKEN_REUSED', now, tx);
            await accounts.revokeAllRefreshTokens(accountId, now, tx);
          });
          if (sessionId)
            trust.forget({ kind: 'session', sessionId, accountId, reason: 'REFRESH_TOKEN_REUSED' });
        }
        throw usedUp();
      }
      const account = await accounts.byId(consumed.accountId);
      if (!account || account.deletedAt) throw usedUp();
      if (account.suspendedAt) throw accountSuspended();
      // A refresh token from before sessions existed starts one.
      if (!consumed.sessionId) return start(account);
      const { sessionId } = consumed;
      const state = await repository.state(sessionId);
      if (!state || state.endedAt || state.sessionVersion !== account.tokenVersion) throw usedUp();
      return db.transaction((tx) => issueWithin(account, sessionId, tx));
    },

    /** Ends the caller's session, or every session of the account. */
    async signOut(caller: SessionRef, allDevices: boolean): Promise<true> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (allDevices) await repository.endAllOf(caller.accountId, 'SIGNED_OUT', now, tx);
        else await repository.end(caller.sessionId, 'SIGNED_OUT', now, tx);
      });
      trust.forget(
        allDevices
          ? { kind: 'account', accountId: caller.accountId, reason: 'SIGNED_OUT' }
          : {
              kind: 'session',
              sessionId: caller.sessionId,
              accountId: caller.accountId,
              reason: 'SIGNED_OUT',
            },
      );
      return true;
    },

    /**
     * A new password, given the current one: every session of the account ends (its version is
     * raised), and the caller gets a fresh one.
     */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<Session> {
      const account = await liveAccount(actor.accountId);
      // Every problem in one answer.
      const problems = createProblems();
      if (!(await verifyPassword(account.passwordHash, currentPassword)))
        problems.add('currentPassword', text('accounts:currentPasswordWrong'));
      const weak = passwordProblem(newPassword);
      if (weak) problems.add('newPassword', weak);
      else if (newPassword === currentPassword) problems.add('newPassword', text('accounts:samePassword'));
      problems.throwIfAny();
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await accounts.setPassword(account.id, passwordHash, tx);
        await repository.endAllOf(account.id, 'PASSWORD_CHANGED', now, tx);
        await audit.record(
          { actor, action: 'PASSWORD_CHANGED', subjectType: 'ACCOUNT', subjectId: account.id },
          tx,
        );
      });
      trust.forget({ kind: 'account', accountId: account.id, reason: 'PASSWORD_CHANGED' });
      return start(await liveAccount(account.id));
    },

    /** An admin suspends an account: it cannot sign in or refresh, and every session ends now. */
    async suspend(actor: Actor, accountId: string, reason: string): Promise<AccountRecord> {
      const id = requireUuid('accountId', accountId);
      const why = reason.trim();
      // Both problems in one answer.
      const problems = createProblems();
      if (id === actor.accountId) problems.add('accountId', text('accounts:suspendSelf'));
      if (why.length < 2 || why.length > 200) problems.add('reason', text('accounts:suspendReason'));
      problems.throwIfAny();
      const account = await accounts.byId(id);
      if (!account || account.deletedAt) throw notFound('account', id);
      if (account.suspendedAt) return account;
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repository.setSuspension(id, { at: now, reason: why }, tx);
        await repository.endAllOf(id, 'ACCOUNT_SUSPENDED', now, tx);
        await audit.record(
          {
            actor,
            action: 'ACCOUNT_SUSPENDED',
            subjectType: 'ACCOUNT',
            subjectId: id,
            details: { role: account.role, reason: why },
          },
          tx,
        );
      });
      trust.forget({ kind: 'account', accountId: id, reason: 'ACCOUNT_SUSPENDED' });
      return liveAccount(id);
    },

    /** An admin lifts a suspension; the account signs in again (its old sessions stay ended). */
    async reinstate(actor: Actor, accountId: string): Promise<AccountRecord> {
      const id = requireUuid('accountId', accountId);
      const account = await accounts.byId(id);
      if (!account || account.deletedAt) throw notFound('account', id);
      if (!account.suspendedAt) return account;
      await db.transaction(async (tx) => {
        await repository.setSuspension(id, null, tx);
        await audit.record(
          {
            actor,
            action: 'ACCOUNT_REINSTATED',
            subjectType: 'ACCOUNT',
            subjectId: id,
            details: { role: account.role },
          },
          tx,
        );
      });
      return liveAccount(id);
    },

    /** Ends every session of an account inside the caller's transaction (erasure). */
    endAll: (accountId: string, reason: SessionEndReason, at: Date, tx: Executor) =>
      repository.endAllOf(accountId, reason, at, tx),
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
