import { and, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import type { Database, Executor } from '../../db/client.js';
import { accounts, refreshTokens, sessions } from '../../db/schema/index.js';

export type SessionRecord = typeof sessions.$inferSelect;

/** Why a session ended, as `session:ended` tells its sockets and `sessions.end_reason` keeps it. */
export type SessionEndReason =
  | 'SIGNED_OUT'
  | 'PASSWORD_CHANGED'
  | 'ACCOUNT_ERASED'
  | 'ACCOUNT_SUSPENDED'
  | 'REFRESH_TOKEN_REUSED'
  | 'TOKEN_EXPIRED'
  | 'KIOSK_TOKEN_REVOKED';

/** What a request needs to know of its token's session, in one read. */
export type SessionState = {
  accountId: string;
  endedAt: Date | null;
  endReason: SessionEndReason | null;
  sessionVersion: number;
  accountVersion: number;
  deletedAt: Date | null;
  suspendedAt: Date | null;
};

/** Sessions (one per sign-in) and the refresh tokens that rotate within them. */
export function createSessionsRepository(db: Database) {
  /** The states of several sessions in one read (a crowd of requests checked together), by id. */
  async function states(
    sessionIds: readonly string[],
    tx: Executor = db,
  ): Promise<Map<string, SessionState>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await tx
      .select({
        id: sessions.id,
        accountId: sessions.accountId,
        endedAt: sessions.endedAt,
        endReason: sql<SessionEndReason | null>`${sessions.endReason}`,
        sessionVersion: sessions.tokenVersion,
        accountVersion: accounts.tokenVersion,
        deletedAt: accounts.deletedAt,
        suspendedAt: accounts.suspendedAt,
      })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      // One array parameter however many: a crowd's read is built and bound as cheaply as one.
      .where(sql`${sessions.id} = any(${pgArray(sessionIds)}::uuid[])`);
    return new Map(rows.map(({ id, ...state }) => [id, state]));
  }

  return {
    db,

    async insert(accountId: string, tokenVersion: number, at: Date, tx: Executor): Promise<SessionRecord> {
      const [row] = await tx.insert(sessions).values({ accountId, tokenVersion, startedAt: at }).returning();
      if (!row) throw new Error('insert into sessions returned nothing');
      return row;
    },

    async state(sessionId: string, tx: Executor = db): Promise<SessionState | undefined> {
      return (await states([sessionId], tx)).get(sessionId);
    },

    /** The states of several sessions in one read (a crowd of requests checked together), by id. */
    states,

    /** Ends one session and revokes its refresh tokens; false if it had ended already. */
    async end(sessionId: string, reason: SessionEndReason, at: Date, tx: Executor): Promise<boolean> {
      const ended = await tx
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
        .returning({ id: sessions.id });
      await tx
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.revokedAt)));
      return ended.length > 0;
    },

    /** Ends every live session of the account (but `except`) and revokes their refresh tokens. */
    async endAllOf(
      accountId: string,
      reason: SessionEndReason,
      at: Date,
      tx: Executor,
      except: string | null = null,
    ): Promise<number> {
      const ended = await tx
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(
          and(
            eq(sessions.accountId, accountId),
            isNull(sessions.endedAt),
            except ? ne(sessions.id, except) : undefined,
          ),
        )
        .returning({ id: sessions.id });
      await tx
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(
          and(
            eq(refreshTokens.accountId, accountId),
            isNull(refreshTokens.revokedAt),
            except ? sql`${refreshTokens.sessionId} is distinct from ${except}` : undefined,
          ),
        );
      return ended.length;
    },

    async addRefreshToken(
      values: { accountId: string; sessionId: string; tokenHash: string; expiresAt: Date },
      tx: Executor,
    ): Promise<void> {
      await tx.insert(refreshTokens).values(values);
    },

    /**
     * Uses a refresh token up: revokes it and returns its account and session, in one statement, so
     * two racing refreshes with the same token cannot both succeed.
     */
    async consumeRefreshToken(
      tokenHash: string,
      now: Date,
      tx: Executor,
    ): Promise<{ accountId: string; sessionId: string | null } | undefined> {
      const [row] = await tx
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(refreshTokens.tokenHash, tokenHash),
            isNull(refreshTokens.revokedAt),
            gt(refreshTokens.expiresAt, now),
          ),
        )
        .returning({ accountId: refreshTokens.accountId, sessionId: refreshTokens.sessionId });
      return row;
    },

    /**
     * A refresh token that was used or revoked already: whose, of which session, and whether that
     * session has ended (a token of a live session offered again was copied).
     */
    async usedRefreshToken(
      tokenHash: string,
      tx: Executor = db,
    ): Promise<{ accountId: string; sessionId: string | null; sessionEnded: boolean } | undefined> {
      const [row] = await tx
        .select({
          accountId: refreshTokens.accountId,
          sessionId: refreshTokens.sessionId,
          sessionEnded: sql<boolean>`${sessions.endedAt} is not null`,
        })
        .from(refreshTokens)
        .leftJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(and(eq(refreshTokens.tokenHash, tokenHash), isNotNull(refreshTokens.revokedAt)));
      return row;
    },

    /** Raises the account's token version (which ends every session) and sets or clears its suspension. */
    async setSuspension(
      accountId: string,
      suspension: { at: Date; reason: string } | null,
      tx: Executor,
    ): Promise<void> {
      await tx
        .update(accounts)
        .set({
          suspendedAt: suspension?.at ?? null,
          suspendedReason: suspension?.reason ?? null,
          ...(suspension && { tokenVersion: sql`${accounts.tokenVersion} + 1` }),
        })
        .where(eq(accounts.id, accountId));
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
