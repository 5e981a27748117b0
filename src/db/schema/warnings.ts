import { sql } from 'drizzle-orm';
import {
  check,
  date,
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
import { regions } from './reference.js';

/** 蓝 / 黄 / 橙 / 红, from no concern to large-scale job loss (docs/warnings.md). */
export const WARNING_LEVELS = ['BLUE', 'YELLOW', 'ORANGE', 'RED'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/**
 * One county's early-warning reading (规模性失业风险预警) of one market day (China Standard Time):
 * the indicators as the daily job last computed them from the market's own tables, and the level
 * the rule gave them. The job rewrites the day's row each round; a change of level against the
 * county's previous reading is told to the admins and written to the audit log.
 */
export const countyWarnings = pgTable(
  'county_warnings',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    day: date('day', { mode: 'string' }).notNull(),
    level: text('level', { enum: WARNING_LEVELS }).notNull(),
    /** The level before this reading (the county's previous row), null for its first. */
    previousLevel: text('previous_level', { enum: WARNING_LEVELS }),
    /** Workers living in the county, free to work and available in the coming week, not hired for it. */
    seekers: integer('seekers').notNull(),
    /** Seats still open on the county's gigs that have not ended. */
    openSeats: integer('open_seats').notNull(),
    /** Gigs posted in the county in the last 7 days, and in the 7 before them. */
    postings: integer('postings').notNull(),
    postingsBefore: integer('postings_before').notNull(),
    /** Hires on the county's gigs made in the last 7 days, and in the 7 before them. */
    hires: integer('hires').notNull(),
    hiresBefore: integer('hires_before').notNull(),
    /** Seekers with no hire made in the last 7 days. */
    unmatched7d: integer('unmatched_7d').notNull(),
    /** The most hires one employer called off in the county in the last 24 hours, and who. */
    massCancellations: integer('mass_cancellations').notNull(),
    massCancelEmployerId: uuid('mass_cancel_employer_id').references(() => employers.id),
    /** Which indicators set the level (their names), for the dashboard and the audit entry. */
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    /** seekers ÷ open seats (seekers when no seat is open): kept to show, derived from the counts. */
    seekersPerSeat: doublePrecision('seekers_per_seat').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.day] }),
    index('county_warnings_day_idx').on(t.day, t.level),
    check('county_warnings_level_known', sql`${t.level} in ('BLUE', 'YELLOW', 'ORANGE', 'RED')`),
    check(
      'county_warnings_counts_non_negative',
      sql`${t.seekers} >= 0 and ${t.openSeats} >= 0 and ${t.postings} >= 0 and ${t.postingsBefore} >= 0
        and ${t.hires} >= 0 and ${t.hiresBefore} >= 0 and ${t.unmatched7d} between 0 and ${t.seekers}
        and ${t.massCancellations} >= 0`,
    ),
  ],
);
