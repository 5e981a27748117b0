import type { SessionState } from './sessions.repository.js';
import type { SessionsEnded, TokenSession } from './sessions.service.js';

/**
 * A session found live is trusted at most this long after the read that found it, even while
 * its node hears every ending: an ending written past the triggers (a restore, a replica role)
 * announces nothing, and the refresh below reads each trusted session again well before this.
 */
export const VERIFIED_FOR_MS = 5 * 60_000;
/** How often the refresh runs (accounts.jobs.ts); it reads again what was verified half of VERIFIED_FOR_MS ago. */
export const REFRESH_EVERY_MS = 60_000;

type Entry = { accountId: string; version: number; verifiedAt: number; usedAt: number };

/**
 * What a node knows of live sessions without asking PostgreSQL, and how long it may believe it.
 *
 * Every ending is announced on `lingong_sessions` by a trigger, after its commit, and PostgreSQL
 * delivers a channel's notices to a listener in commit order. The sessions plugin pings its own
 * node on the channel; when a ping sent at time p comes back, every ending committed before p has
 * been heard (`heard(p)`), and each took its session out of here (`forget`). So a session found
 * live stays trusted while the last ping that came back was sent within `staleMs`
 * (SESSION_CHECK_CACHE_MS): an ending is missed for at most that long, as when every answer
 * expired after it, but a worker connected all day is not read again on every accept. A listen
 * that starts again (a new connection, which heard nothing in between) forgets everything
 * (`listening`). Without a listener (a script, a test's bare service) nothing is ever trusted.
 *
 * Each entry is also read again by `refresh` before VERIFIED_FOR_MS, and dropped once no token
 * could still name it (unused for the access token's lifetime and a minute).
 */
export function createSessionTrust(deps: {
  /** SESSION_CHECK_CACHE_MS; 0 keeps nothing (every check reads). */
  staleMs: number;
  accessTokenTtlSeconds: number;
  read: (ids: readonly string[]) => Promise<Map<string, SessionState>>;
  /** Whether a session's state, as read, is still good for a token with these claims. */
  stillLive: (state: SessionState | undefined, claims: Omit<TokenSession, 'sessionId'>) => boolean;
  /** A monotonic clock in ms (performance.now), the pings' clock; the market's clock moves in tests. */
  monotonic?: () => number;
  verifiedForMs?: number;
}) {
  const monotonic = deps.monotonic ?? (() => performance.now());
  const verifiedForMs = deps.verifiedForMs ?? VERIFIED_FOR_MS;
  const unusedForMs = deps.accessTokenTtlSeconds * 1000 + 60_000;
  const live = new Map<string, Entry>();
  /** Bumped by every ending heard and every new listen: a read they overtook is answered, not kept. */
  let endings = 0;
  /** When the last ping that came back was sent (monotonic ms). */
  let heardThrough = Number.NEGATIVE_INFINITY;

  const hearing = (now: number) => now - heardThrough <= deps.staleMs;

  return {
    /** Whether the claims' session is known live now, without a read. */
    trusts(claims: TokenSession): boolean {
      const now = monotonic();
      const known = live.get(claims.sessionId);
      if (
        !known ||
        !hearing(now) ||
        now - known.verifiedAt > verifiedForMs ||
        known.accountId !== claims.accountId ||
        known.version !== claims.version
      )
        return false;
      known.usedAt = now;
      return true;
    },

    /** Before a read of the session: it is out of here, and what the read may keep is marked. */
    reading(sessionId: string): number {
      live.delete(sessionId);
      return endings;
    },

    /** A read begun at `mark` found the session live: kept, unless an ending or a new listen came between. */
    keep(claims: TokenSession, mark: number): void {
      if (deps.staleMs <= 0 || endings !== mark) return;
      // Bounded: past it, everyone is read again once.
      if (live.size >= 50_000) live.clear();
      const now = monotonic();
      live.set(claims.sessionId, {
        accountId: claims.accountId,
        version: claims.version,
        verifiedAt: now,
        usedAt: now,
      });
    },

    /** An ending was heard on the channel. */
    forget(ended: SessionsEnded): void {
      endings += 1;
      if (ended.kind === 'session') live.delete(ended.sessionId);
      else if (ended.kind === 'account') {
        for (const [sessionId, known] of live)
          if (known.accountId === ended.accountId) live.delete(sessionId);
      }
    },

    /** This node's ping sent at `sentAt` (monotonic ms) came back. */
    heard(sentAt: number): void {
      if (sentAt > heardThrough) heardThrough = sentAt;
    },

    /** The channel is listened to anew: whatever was announced before went unheard. */
    listening(): void {
      endings += 1;
      live.clear();
      heardThrough = Number.NEGATIVE_INFINITY;
    },

    /**
     * Reads again the sessions verified more than half of VERIFIED_FOR_MS ago and drops those no
     * token can still use; one that ended (past the triggers) is dropped, the rest are trusted
     * anew. Returns how many were read.
     */
    async refresh(): Promise<number> {
      const now = monotonic();
      const due: [string, Entry][] = [];
      for (const [sessionId, entry] of live) {
        if (now - entry.usedAt > unusedForMs) live.delete(sessionId);
        else if (now - entry.verifiedAt > verifiedForMs / 2) due.push([sessionId, entry]);
      }
      for (let i = 0; i < due.length; i += 500) {
        const batch = due.slice(i, i + 500);
        const mark = endings;
        const states = await deps.read(batch.map(([sessionId]) => sessionId));
        const at = monotonic();
        for (const [sessionId, entry] of batch) {
          // Forgotten or replaced meanwhile: what is there now is not this read's to judge.
          if (live.get(sessionId) !== entry) continue;
          if (!deps.stillLive(states.get(sessionId), entry)) live.delete(sessionId);
          else if (endings === mark) entry.verifiedAt = at;
        }
      }
      return due.length;
    },
  };
}

export type SessionTrust = ReturnType<typeof createSessionTrust>;
