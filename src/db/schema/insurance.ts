import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { engagements } from './hiring.js';

/** Who pays a hire's accident cover: the employer, or the bureau's pool (public-welfare posts). */
export const COVER_PAYERS = ['EMPLOYER', 'BUREAU_POOL'] as const;
export type CoverPayer = (typeof COVER_PAYERS)[number];

/**
 * Per-day accident insurance (意外伤害商业保险): one policy for one hire on one market day
 * (Asia/Shanghai), as the insurer issued it. A hire of a risky trade or a public-welfare gig
 * cannot check in on a day without its row (docs/insurance.md).
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
    /** The insurer adapter that issued it (`dev` in development and tests). */
    provider: text('provider').notNull(),
    insurer: text('insurer').notNull(),
    policyNumber: text('policy_number').notNull(),
    payer: text('payer', { enum: COVER_PAYERS }).notNull(),
    /** Who asked for it: the employer, or an admin for the bureau's pool. */
    arrangedByAccountId: uuid('arranged_by_account_id').references(() => accounts.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('accident_policies_one_per_day').on(t.engagementId, t.coveredOn),
    unique('accident_policies_number_unique').on(t.provider, t.policyNumber),
    check('accident_policies_number_present', sql`length(trim(${t.policyNumber})) > 0`),
  ],
);
