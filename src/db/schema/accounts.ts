import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ROLES = ['WORKER', 'EMPLOYER', 'STATION_OPERATOR', 'ADMIN', 'TRAINING_PROVIDER'] as const;
export type Role = (typeof ROLES)[number];

/** The languages an account may choose (src/i18n/locale.ts LOCALES). */
export const ACCOUNT_LOCALES = ['zh-CN', 'en'] as const;

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
    /**
     * When the phone's holder last proved it with a code sent to it (registration, a phone change, a
     * password reset, an unlock). Null: never proven, as for a walk-in worker an operator typed in.
     */
    phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Set by an admin's suspendAccount: no sign-in, no refresh, every session ended; cleared by reinstateAccount. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    suspendedReason: text('suspended_reason'),
    /**
     * The language the account chose (setMyLocale, or at registration): its answers, sockets and
     * texts are in it whatever the device asks. Null: follow the device (Accept-Language).
     */
    locale: text('locale', { enum: ACCOUNT_LOCALES }),
  },
  (t) => [
    check(
      'accounts_role_known',
      sql`${t.role} in ('WORKER', 'EMPLOYER', 'STATION_OPERATOR', 'ADMIN', 'TRAINING_PROVIDER')`,
    ),
    check('accounts_locale_known', sql`${t.locale} in ('zh-CN', 'en')`),
  ],
);

/**
 * One sign-in: every access token names it (claim `sid`) and its refresh tokens rotate within it.
 * It lives while `ended_at` is null and the account's `token_version` is still `token_version`
 * here (raising the account's version ends every session at once). Ending one is broadcast to every
 * node by a trigger (drizzle/0018_sessions.sql), which cut its sockets.
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
 * Sign-in attempts for the lock-out, shared by every API node. Two kinds of row: one per phone
 * number and client address (`number_key` set: slowed down after LOGIN_SLOW_AFTER failures, locked
 * after LOGIN_MAX_FAILURES), and one per number across addresses (`number_key` null: locked after
 * LOGIN_NUMBER_MAX_FAILURES). A row counts attempts not (yet) known to have succeeded since
 * `window_started_at`. Unknown numbers are counted the same way, so a lock says nothing about who
 * has an account. Numbers and addresses are kept only as keyed hashes.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    /** The keyed hash of the number (and, for a pair, of the client address). */
    phoneKey: text('phone_key').primaryKey(),
    /** A pair's number row (the keyed hash of the number alone), so an unlock clears every pair. */
    numberKey: text('number_key'),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    /** The latest attempt counted, for the slow-down. */
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [
    check('login_failures_positive', sql`${t.failures} > 0`),
    // Finds the rows whose window and lock are over, to remove them.
    index('login_failures_window_idx').on(t.windowStartedAt),
    index('login_failures_number_idx').on(t.numberKey),
  ],
);

export const PHONE_CODE_PURPOSES = ['REGISTER', 'PHONE_CHANGE', 'PASSWORD_RESET', 'UNLOCK'] as const;
export type PhoneCodePurpose = (typeof PHONE_CODE_PURPOSES)[number];
/**
 * What a request for a code sent: the code; a warning to the owner instead (REGISTER of a number
 * that has an account); or nothing (a reset of a number without one, a warning already sent).
 */
export const PHONE_CODE_DELIVERIES = ['CODE', 'OWNER_WARNING', 'NONE'] as const;
export type PhoneCodeDelivery = (typeof PHONE_CODE_DELIVERIES)[number];

/**
 * One-time codes sent to a phone (requestPhoneCode), one row per request, whatever it sent, so the
 * limits per number and per client address count every request alike. The code itself is never
 * stored: `code_hash` is an HMAC with the server's secret over the row, its number and the code.
 * Number and address are keyed hashes too. Only a number's newest row of a purpose counts.
 */
export const phoneCodes = pgTable(
  'phone_codes',
  {
    id: uuid('id').primaryKey(),
    phoneKey: text('phone_key').notNull(),
    /** The number and the client address together, for the limits per number from one address. */
    pairKey: text('pair_key').notNull(),
    clientKey: text('client_key').notNull(),
    purpose: text('purpose', { enum: PHONE_CODE_PURPOSES }).notNull(),
    /** PHONE_CHANGE: the signed-in account the new number is for; the code works for it alone. */
    accountId: uuid('account_id').references(() => accounts.id),
    delivery: text('delivery', { enum: PHONE_CODE_DELIVERIES }).notNull(),
    codeHash: text('code_hash'),
    /** Wrong codes tried against this row; at PHONE_CODE_MAX_TRIES it no longer works. */
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'phone_codes_purpose_known',
      sql`${t.purpose} in ('REGISTER', 'PHONE_CHANGE', 'PASSWORD_RESET', 'UNLOCK')`,
    ),
    check('phone_codes_delivery_known', sql`${t.delivery} in ('CODE', 'OWNER_WARNING', 'NONE')`),
    check('phone_codes_hash_iff_code', sql`(${t.codeHash} is not null) = (${t.delivery} = 'CODE')`),
    index('phone_codes_phone_idx').on(t.phoneKey, t.createdAt),
    index('phone_codes_pair_idx').on(t.pairKey, t.createdAt),
    index('phone_codes_client_idx').on(t.clientKey, t.createdAt),
    index('phone_codes_created_idx').on(t.createdAt),
  ],
);
