import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { regions } from './reference.js';
import { stations } from './stations.js';
import { workers } from './workers.js';

/** How a follow-up contact was made: a call, a visit at home, or the worker came to the station. */
export const FOLLOW_UP_CHANNELS = ['CALL', 'VISIT', 'AT_STATION'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

/** What came of a contact (the note says more). */
export const FOLLOW_UP_OUTCOMES = [
  'NOT_REACHED',
  'TOOK_OFFER',
  'CONSIDERING',
  'DECLINED',
  'NEEDS_OTHER_HELP',
  'FOUND_WORK_ELSEWHERE',
] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/**
 * The days without work after which a priority worker (or one who asked for help) joins the
 * follow-up list, set for a region (county, city or province; the most specific wins). A region
 * with no row takes FOLLOW_UP_IDLE_DAYS from the configuration.
 */
export const followUpRegionSettings = pgTable(
  'follow_up_region_settings',
  {
    regionCode: text('region_code')
      .primaryKey()
      .references(() => regions.code),
    idleDays: integer('idle_days').notNull(),
    updatedByAccountId: uuid('updated_by_account_id').references(() => accounts.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('follow_up_region_settings_idle_days', sql`${t.idleDays} between 1 and 365`)],
);

/**
 * A worker's "ask for help" (求助): they join the follow-up list without a priority group, once they
 * have been without work for the region's days. A request is answered by a hire made after it
 * (the rule in followup.repository.ts), so it needs no closing by hand.
 */
export const helpRequests = pgTable(
  'help_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    note: text('note'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('help_requests_worker_idx').on(t.workerId, t.askedAt),
    check('help_requests_note_length', sql`${t.note} is null or char_length(${t.note}) <= 500`),
  ],
);

/**
 * One contact of the follow-up ledger (帮扶台账): who reached the worker, how, what was offered
 * (gigs, courses), what came of it and when to follow up next. Rows are only added.
 */
export const followUpContacts = pgTable(
  'follow_up_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    /** The station the contact was recorded for; null when an admin recorded it outside any station. */
    stationId: uuid('station_id').references(() => stations.id),
    recordedByAccountId: uuid('recorded_by_account_id')
      .notNull()
      .references(() => accounts.id),
    channel: text('channel', { enum: FOLLOW_UP_CHANNELS }).notNull(),
    contactedAt: timestamp('contacted_at', { withTimezone: true }).notNull(),
    offeredGigIds: uuid('offered_gig_ids').array().notNull().default(sql`'{}'::uuid[]`),
    offeredCourseIds: uuid('offered_course_ids').array().notNull().default(sql`'{}'::uuid[]`),
    outcome: text('outcome', { enum: FOLLOW_UP_OUTCOMES }).notNull(),
    note: text('note'),
    /** The market day (Asia/Shanghai) of the next follow-up; past it, the worker is overdue. */
    nextOn: date('next_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('follow_up_contacts_worker_idx').on(t.workerId, t.contactedAt),
    check('follow_up_contacts_channel_known', sql`${t.channel} in ('CALL', 'VISIT', 'AT_STATION')`),
    check(
      'follow_up_contacts_outcome_known',
      sql`${t.outcome} in ('NOT_REACHED', 'TOOK_OFFER', 'CONSIDERING', 'DECLINED', 'NEEDS_OTHER_HELP', 'FOUND_WORK_ELSEWHERE')`,
    ),
    check('follow_up_contacts_note_length', sql`${t.note} is null or char_length(${t.note}) <= 1000`),
  ],
);

/** What a station's operators were told of a worker on its list: they joined it, or turned overdue. */
export const FOLLOW_UP_NOTICE_KINDS = ['JOINED', 'OVERDUE'] as const;
export type FollowUpNoticeKind = (typeof FOLLOW_UP_NOTICE_KINDS)[number];

/**
 * The notices sent to a station's operators (`followup:notice`): at most one of each kind per
 * worker per spell without work (`spellSince`, the spell's start), whichever node's sweep claims
 * it first (the primary key), so a notice is never sent twice.
 */
export const followUpNotices = pgTable(
  'follow_up_notices',
  {
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    spellSince: timestamp('spell_since', { withTimezone: true }).notNull(),
    kind: text('kind', { enum: FOLLOW_UP_NOTICE_KINDS }).notNull(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workerId, t.spellSince, t.kind] }),
    check('follow_up_notices_kind_known', sql`${t.kind} in ('JOINED', 'OVERDUE')`),
  ],
);
