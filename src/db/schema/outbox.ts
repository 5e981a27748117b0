import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * `gigs` feeds the bulk index, `gigs_fresh` the small index of new gigs (see src/search/tiers.ts);
 * `courses` the training courses' index.
 */
export const OUTBOX_TOPICS = ['workers', 'gigs', 'gigs_fresh', 'courses'] as const;

/**
 * The transactional outbox: a write that changes searchable data adds a row here in the same
 * transaction; the dispatcher sends the entity's current state to Meilisearch and deletes the row.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic', { enum: OUTBOX_TOPICS }).notNull(),
    entityId: text('entity_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_due_idx').on(t.nextAttemptAt, t.id)],
);

/**
 * How far a bulk index is complete: every entity whose posting transaction id (xid8) is below
 * `xid` is in it. Only ever rises; written by the dispatcher that feeds the index.
 */
export const searchWatermarks = pgTable('search_watermarks', {
  name: text('name').primaryKey(),
  xid: bigint('xid', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
