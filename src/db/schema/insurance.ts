import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { gigs } from './gigs.js';
import { engagements } from './hiring.js';

/** Who pays a hire's accident cover: the employer, or the bureau's pool (public-welfare posts). */
export const COVER_PAYERS = ['EMPLOYER', 'BUREAU_POOL'] as const;
export type CoverPayer = (typeof COVER_PAYERS)[number];

/**
 * Who provides a gig's cover, as its posting states it: per-day policies bought through the
 * platform's insurer adapter (the employer pays), the employer's own group policy (团体意外险,
 * insurer and number on the posting), or the bureau's pool for a public-welfare post.
 */
export const COVER_PROVIDERS = ['DAILY_POLICY', 'EMPLOYER_GROUP_POLICY', 'BUREAU_POOL'] as const;
export type CoverProvider = (typeof COVER_PROVIDERS)[number];

/** A day's policy is reserved (asked of the insurer, not yet answered) before it is issued. */
export const POLICY_STATUSES = ['RESERVED', 'ISSUED'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/**
 * Per-day accident insurance (意外伤害商业保险): one policy for one hire on one market day
 * (Asia/Shanghai), as the insurer issued it. A hire of a risky trade or a public-welfare gig
 * cannot check in on a day without its issued row (docs/insurance.md). The row is written first
 * as RESERVED, before the insurer is asked, so two callers never ask for the same day.
 */
export const accidentPolicies = pgTable(
  'accident_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id),
    /** The market day the policy covers. */
    coveredOn: date('covered_on').notNull(),
    status: text('status', { enum: POLICY_STATUSES }).notNull().default('ISSUED'),
    /** The insurer adapter that issued it (`dev` in development and tests). */
    provider: text('provider').notNull(),
    insurer: text('insurer').notNull(),
    /** The insurer's number; null while the day is only reserved. */
    policyNumber: text('policy_number'),
    payer: text('payer', { enum: COVER_PAYERS }).notNull(),
    /** Who asked for it: the employer, or an admin for the bureau's pool. */
    arrangedByAccountId: uuid('arranged_by_account_id').references(() => accounts.id),
    /**
     * The request that reserved the day (one per arrangeAccidentCover), sent to the insurer as its
     * idempotency key; only that request records the policy.
     */
    requestId: uuid('request_id'),
    /** When the day was reserved: a reservation left by a node that died is taken over after a while. */
    reservedAt: timestamp('reserved_at', { withTimezone: true }),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
  },
  (t) => [
    unique('accident_policies_one_per_day').on(t.engagementId, t.coveredOn),
    unique('accident_policies_number_unique').on(t.provider, t.policyNumber),
    check('accident_policies_number_present', sql`length(trim(${t.policyNumber})) > 0`),
    check(
      'accident_policies_issued_whole',
      sql`(${t.status} = 'ISSUED') = (${t.policyNumber} is not null and ${t.issuedAt} is not null)`,
    ),
  ],
);

/**
 * What a gig's posting states about who provides its accident cover, when it needs cover. A gig
 * without a row has the rule's default: the bureau's pool for a public-welfare post, per-day
 * policies paid by the employer otherwise.
 */
export const gigAccidentCover = pgTable(
  'gig_accident_cover',
  {
    gigId: uuid('gig_id')
      .primaryKey()
      .references(() => gigs.id),
    provider: text('provider', { enum: COVER_PROVIDERS }).notNull(),
    /** The employer's group policy: its insurer and number (null for the other providers). */
    insurer: text('insurer'),
    policyNumber: text('policy_number'),
    statedAt: timestamp('stated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'gig_accident_cover_group_policy_named',
      sql`(${t.provider} = 'EMPLOYER_GROUP_POLICY') = (${t.insurer} is not null and ${t.policyNumber} is not null)`,
    ),
  ],
);
