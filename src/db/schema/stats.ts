import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/** The trade code of the all-trades rows of the rollups. */
export const ALL_TRADES = '*';

/** The counted things of one day, one region and one trade; shared by the deltas and the rollups. */
function measures() {
  return {
    gigsPosted: integer('gigs_posted').notNull().default(0),
    /** Gigs that reached headcount, counted on the day they were posted (a cohort, so ≤ posted). */
    gigsFilled: integer('gigs_filled').notNull().default(0),
    hires: integer('hires').notNull().default(0),
    hiresLocal: integer('hires_local').notNull().default(0),
    hiresOutOfCounty: integer('hires_out_of_county').notNull().default(0),
    hiresOutOfCity: integer('hires_out_of_city').notNull().default(0),
    /** Hires of workers aged 45 or more on the day of the hire. */
    olderHires: integer('older_hires').notNull().default(0),
    wagesPaidFen: bigint('wages_paid_fen', { mode: 'number' }).notNull().default(0),
    arrearsOpened: integer('arrears_opened').notNull().default(0),
    arrearsClosed: integer('arrears_closed').notNull().default(0),
  };
}

/**
 * What changed in the market, one row per event, written by triggers (migration 0008) in the
 * transaction that made the change: insert-only, so hires never queue on a shared counter row.
 * The stats timer folds them into `region_day_stats`; readers add the rows not yet folded.
 * `region_code` is the gig's own region; `day` a calendar day in China Standard Time.
 */
export const statDeltas = pgTable('stat_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  regionCode: text('region_code').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  tradeCode: text('trade_code').notNull(),
  ...measures(),
  /** Whole minutes from posting to full, on a gig's `gigs_filled` row. */
  fillMinutes: integer('fill_minutes'),
});

/**
 * Daily totals for every region level (a county's row is also added into its city's and its
 * province's) and every trade, plus the all-trades row (`trade_code` '*'). Never written but by
 * the fold, which adds deltas to it.
 */
export const regionDayStats = pgTable(
  'region_day_stats',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    tradeCode: text('trade_code').notNull(),
    ...measures(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.tradeCode, t.day] })],
);

/** How many gigs took how many minutes to fill, by the day they were posted: medians come from it exactly. */
export const regionFillMinutes = pgTable(
  'region_fill_minutes',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    tradeCode: text('trade_code').notNull(),
    minutes: integer('minutes').notNull(),
    gigs: integer('gigs').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.tradeCode, t.day, t.minutes] })],
);

/**
 * Sensitive actions: who (account and role), what (action, subject), when, and from where (IP,
 * user agent). Append-only (migration 0008 refuses updates and deletes).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.at),
    index('audit_log_actor_idx').on(t.actorAccountId, t.at),
    check('audit_log_action_format', sql`${t.action} ~ '^[A-Z][A-Z_]+$'`),
  ],
);
