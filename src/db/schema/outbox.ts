import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

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

/**
 * With an index per city (SEARCH_GIG_INDEX=city, src/search/cities.ts): each city whose index the
 * bulk tier has, and a box holding every gig ever sent to it. Only ever grows; written in the bulk
 * dispatcher's transaction with the watermark, so a node that reads the watermark and then this
 * table knows every index and place a gig below the watermark can be in.
 */
export const searchCityExtents = pgTable('search_city_extents', {
  cityCode: text('city_code').primaryKey(),
  minLat: doublePrecision('min_lat').notNull(),
  maxLat: doublePrecision('max_lat').notNull(),
  minLng: doublePrecision('min_lng').notNull(),
  maxLng: doublePrecision('max_lng').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
