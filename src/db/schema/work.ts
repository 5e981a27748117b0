import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { employers } from './employers.js';
import { engagements } from './hiring.js';
import { workers } from './workers.js';

export const ARREARS_STATUSES = ['OPEN', 'CLOSED'] as const;
export const ARREARS_CLOSE_REASONS = ['PAID', 'RESOLVED'] as const;
export const DISPUTE_STATUSES = ['OPEN', 'MEDIATING', 'RESOLVED'] as const;
export const DISPUTE_KINDS = ['WAGE', 'WORK', 'CONDUCT', 'OTHER'] as const;

export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

/**
 * Money an employer says it paid for a hire. Append-only (migration 0007 refuses updates and
 * deletes): a wrong entry is answered by a dispute, never by rewriting the record.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id),
    amountFen: integer('amount_fen').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedByAccountId: uuid('recorded_by_account_id')
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [
    index('payments_engagement_idx').on(t.engagementId, t.recordedAt),
    check('payments_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

/**
 * A wage arrears case (欠薪): opened by the clock when a hire's pay-by date passes without the
 * worker confirming full pay; closed when they confirm it, or by an admin's resolution.
 */
export const arrearsCases = pgTable(
  'arrears_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    /** What was still unconfirmed when the case opened. */
    owedFen: integer('owed_fen').notNull(),
    status: text('status', { enum: ARREARS_STATUSES }).notNull().default('OPEN'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason', { enum: ARREARS_CLOSE_REASONS }),
    resolution: text('resolution'),
    closedByAccountId: uuid('closed_by_account_id').references(() => accounts.id),
  },
  (t) => [
    // One case per hire: the sweep may race itself on several nodes and still open it once.
    uniqueIndex('arrears_one_per_engagement').on(t.engagementId),
    index('arrears_open_by_employer_idx').on(t.employerId).where(sql`${t.status} = 'OPEN'`),
    check('arrears_status_known', sql`${t.status} in ('OPEN', 'CLOSED')`),
    check('arrears_owed_positive', sql`${t.owedFen} > 0`),
    check(
      'arrears_closed_consistently',
      sql`(${t.status} = 'OPEN') = (${t.closedAt} is null) and (${t.status} = 'OPEN') = (${t.closeReason} is null)`,
    ),
  ],
);

/** A complaint about a hire, by either side; admins mediate and resolve it. */
export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id),
    kind: text('kind', { enum: DISPUTE_KINDS }).notNull(),
    openedByRole: text('opened_by_role', { enum: ['WORKER', 'EMPLOYER'] }).notNull(),
    openedByAccountId: uuid('opened_by_account_id')
      .notNull()
      .references(() => accounts.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull().default('OPEN'),
    /** A wage dispute is tied to the hire's arrears case, when there is one. */
    arrearsCaseId: uuid('arrears_case_id').references(() => arrearsCases.id),
    resolution: text('resolution'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedByAccountId: uuid('resolved_by_account_id').references(() => accounts.id),
  },
  (t) => [
    // One dispute under way per hire: a second complaint goes into the first as a note.
    uniqueIndex('disputes_one_open_per_engagement').on(t.engagementId).where(sql`${t.status} <> 'RESOLVED'`),
    index('disputes_status_idx').on(t.status, t.openedAt),
    check('disputes_status_known', sql`${t.status} in ('OPEN', 'MEDIATING', 'RESOLVED')`),
    check('disputes_kind_known', sql`${t.kind} in ('WAGE', 'WORK', 'CONDUCT', 'OTHER')`),
    check('disputes_resolved_consistently', sql`(${t.status} = 'RESOLVED') = (${t.resolvedAt} is not null)`),
  ],
);

/** The mediation record: notes by the admin (and statements by either side), append-only. */
export const disputeNotes = pgTable(
  'dispute_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id),
    authorAccountId: uuid('author_account_id')
      .notNull()
      .references(() => accounts.id),
    authorRole: text('author_role').notNull(),
    note: text('note').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dispute_notes_dispute_idx').on(t.disputeId, t.createdAt)],
);
