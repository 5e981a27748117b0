import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ROLES = ['WORKER', 'EMPLOYER', 'STATION_OPERATOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** A person or organisation that signs in. Walk-in workers registered at a station may have no phone. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    role: text('role', { enum: ROLES }).notNull(),
    phone: text('phone').unique(),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    /** Raised to end every session at once (password change, account deletion). */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Set by an admin's suspendAccount: no sign-in, no refresh, every session ended; cleared by reinstateAccount. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedReason: text('suspended_reason'),
  },
  (t) => [
    check('accounts_role_known', sql`${t.role} in ('WORKER', 'EMPLOYER', 'STATION_OPERATOR', 'ADMIN')`),
  ],
);

/**
 * One sign-in: every access token names it (claim `sid`) and its refresh tokens rotate within it.
 * It lives while `ended_at` is null and the account's `token_version` is still `token_version`
 * here (raising the account's version ends every session at once). Ending one is broadcast to every
 * node by a trigger (drizzle/0014_sessions.sql), which cut its sockets.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The account's token version when the session began. */
    tokenVersion: integer('token_version').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Why it ended (SIGNED_OUT, PASSWORD_CHANGED, ACCOUNT_ERASED, ACCOUNT_SUSPENDED, REFRESH_TOKEN_REUSED). */
    endReason: text('end_reason'),
  },
  (t) => [
    index('sessions_account_idx').on(t.accountId),
    check('sessions_ended_with_reason', sql`(${t.endedAt} is null) = (${t.endReason} is null)`),
  ],
);

/** Long-lived refresh tokens, stored as hashes; each use rotates it (the old one is revoked). */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The session it renews; null only for tokens issued before sessions existed (a refresh starts one). */
    sessionId: uuid('session_id').references(() => sessions.id),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('refresh_tokens_account_idx').on(t.accountId),
    index('refresh_tokens_session_idx').on(t.sessionId),
  ],
);

/**
 * Sign-in attempts per phone number, for the lock-out (LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES),
 * shared by every API node. A row counts attempts not (yet) known to have succeeded since
 * `window_started_at`; a sign-in that succeeds deletes it. Unknown numbers are counted the same way,
 * so a lock says nothing about who has an account. The number is kept only as a keyed hash.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    phoneKey: text('phone_key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [
    check('login_failures_positive', sql`${t.failures} > 0`),
    // Finds the rows whose window and lock are over, to remove them.
    index('login_failures_window_idx').on(t.windowStartedAt),
  ],
);
