import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { employers } from './employers.js';
import { regions, skills } from './reference.js';

export const PAY_UNITS = ['HOUR', 'DAY', 'PIECE', 'TOTAL'] as const;
export const GIG_STATUSES = ['OPEN', 'FILLED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED'] as const;
export type PayUnit = (typeof PAY_UNITS)[number];
export type GigStatus = (typeof GIG_STATUSES)[number];

/**
 * A gig (空岗信息): trade, headcount, time window, place, pay and conditions. `hourlyFen` is the
 * pay converted to an hourly rate when it was posted; it is what the minimum-wage rule checked and
 * what search filters and sorts on. `filled` never passes `headcount` (a check, not a hope).
 */
export const gigs = pgTable(
  'gigs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    headcount: integer('headcount').notNull(),
    filled: integer('filled').notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    payFen: integer('pay_fen').notNull(),
    payUnit: text('pay_unit', { enum: PAY_UNITS }).notNull(),
    /** For DAY and TOTAL pay over several days: the working hours of each day. */
    hoursPerDay: doublePrecision('hours_per_day'),
    /** For PIECE pay: how many pieces the employer says a worker does in an hour. */
    piecesPerHour: doublePrecision('pieces_per_hour'),
    hourlyFen: integer('hourly_fen').notNull(),
    payDueDays: integer('pay_due_days').notNull(),
    olderFriendly: boolean('older_friendly').notNull().default(false),
    publicWelfare: boolean('public_welfare').notNull().default(false),
    instant: boolean('instant').notNull().default(false),
    /** How far instant offers may reach, km. */
    searchRadiusKm: doublePrecision('search_radius_km').notNull(),
    /** The lowest skill level (1–5, docs/skills.md) a worker needs in a trade of the gig; null: any. */
    minSkillLevel: integer('min_skill_level'),
    status: text('status', { enum: GIG_STATUSES }).notNull().default('OPEN'),
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** When the last seat was first taken; a seat given back and taken again keeps the first time. */
    filledAt: timestamp('filled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The id of the transaction that posted the gig (PostgreSQL's xid8, as a number). Search splits
     * the gigs between its two tiers by this number (see src/search/tiers.ts): unlike a clock, it
     * says for certain whether the posting had committed when the bulk index was last brought up to date.
     */
    postXid: bigint('post_xid', { mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [
    index('gigs_employer_idx').on(t.employerId, t.startsAt),
    index('gigs_status_starts_idx').on(t.status, t.startsAt),
    index('gigs_region_idx').on(t.regionCode),
    /** The shortage report: the gigs of some counties posted in a period (docs/training.md). */
    index('gigs_region_posted_idx').on(t.regionCode, t.createdAt),
    index('gigs_updated_idx').on(t.updatedAt),
    check('gigs_headcount_range', sql`${t.headcount} between 1 and 500`),
    check('gigs_filled_within_headcount', sql`${t.filled} between 0 and ${t.headcount}`),
    check('gigs_window_forward', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'gigs_min_skill_level_range',
      sql`${t.minSkillLevel} is null or ${t.minSkillLevel} between 1 and 5`,
    ),
    check('gigs_pay_positive', sql`${t.payFen} > 0 and ${t.hourlyFen} > 0`),
    check('gigs_pay_due_days_range', sql`${t.payDueDays} between 0 and 30`),
    check('gigs_pay_unit_known', sql`${t.payUnit} in ('HOUR', 'DAY', 'PIECE', 'TOTAL')`),
    check('gigs_piece_rate_given', sql`${t.payUnit} <> 'PIECE' or ${t.piecesPerHour} > 0`),
    check(
      'gigs_status_known',
      sql`${t.status} in ('OPEN', 'FILLED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED')`,
    ),
    check('gigs_cancel_has_reason', sql`${t.status} <> 'CANCELLED' or ${t.cancelReason} is not null`),
  ],
);

export const gigSkills = pgTable(
  'gig_skills',
  {
    gigId: uuid('gig_id')
      .notNull()
      .references(() => gigs.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.gigId, t.skillCode] }), index('gig_skills_skill_idx').on(t.skillCode)],
);
