import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { employers } from './employers.js';
import { gigs } from './gigs.js';
import { trainingOrders } from './training.js';
import { workers } from './workers.js';

export const OFFER_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN'] as const;
export const OFFER_TIERS = ['ROSTER', 'RATED', 'MATCH', 'CREW'] as const;
export const DISPATCH_STATES = ['ACTIVE', 'EXHAUSTED', 'DONE'] as const;
export const ENGAGEMENT_STATUSES = ['CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED'] as const;
export const APPLICATION_STATUSES = ['APPLIED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;
export const WORKER_ORIGINS = ['LOCAL', 'OUT_OF_COUNTY', 'OUT_OF_CITY'] as const;
export const CREW_MEMBER_STATUSES = ['INVITED', 'MEMBER', 'LEFT'] as const;
/**
 * A finished hire's attendance: CONFIRMED by a clean record or by the employer (or a station
 * operator for a walk-in); UNCONFIRMED while the employer has a doubtful record to answer;
 * CONTESTED by the employer (a dispute for the bureau); SETTLED by the silence rule or the bureau.
 */
export const ATTENDANCE_STATUSES = ['UNCONFIRMED', 'CONFIRMED', 'CONTESTED', 'SETTLED'] as const;
/** Why a record is doubtful. FAR_AWAY, NO_CHECK_IN and NO_HOURS make it impossible as it stands. */
export const ATTENDANCE_DOUBTS = [
  'OFF_SITE',
  'FAR_AWAY',
  'NO_CHECK_IN',
  'NO_HOURS',
  'SHORT_STAY',
  'NO_CHECK_OUT',
] as const;
export const ATTENDANCE_DECIDERS = ['RECORD', 'EMPLOYER', 'OPERATOR', 'SILENCE', 'BUREAU'] as const;

export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type OfferTier = (typeof OFFER_TIERS)[number];
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export type WorkerOrigin = (typeof WORKER_ORIGINS)[number];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type AttendanceDoubt = (typeof ATTENDANCE_DOUBTS)[number];
export type AttendanceDecider = (typeof ATTENDANCE_DECIDERS)[number];

/** A village labour crew (劳务班组): a leader and the members who joined of their own accord. */
export const crews = pgTable('crews', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  leaderWorkerId: uuid('leader_worker_id')
    .notNull()
    .references(() => workers.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const crewMembers = pgTable(
  'crew_members',
  {
    crewId: uuid('crew_id')
      .notNull()
      .references(() => crews.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    status: text('status', { enum: CREW_MEMBER_STATUSES }).notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.crewId, t.workerId] }),
    index('crew_members_worker_idx').on(t.workerId),
    check('crew_members_status_known', sql`${t.status} in ('INVITED', 'MEMBER', 'LEFT')`),
    check('crew_members_joined_when_member', sql`${t.status} <> 'MEMBER' or ${t.joinedAt} is not null`),
  ],
);

/**
 * One instant offer of one gig to one worker (or, with `crewId`, to a crew through its leader).
 * The row is the inbox: the socket event is only a nudge, and a reconnecting client is sent every
 * row still PENDING. A PENDING row past `expiresAt` is a timer the sweeper claims.
 */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gigId: uuid('gig_id')
      .notNull()
      .references(() => gigs.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    crewId: uuid('crew_id').references(() => crews.id),
    wave: integer('wave').notNull(),
    tier: text('tier', { enum: OFFER_TIERS }).notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('PENDING'),
    /** The worker's own distance, from the exact home: shown to the worker alone. */
    distanceKm: doublePrecision('distance_km'),
    /** The whole score (the order offers go out in), kept inside: it holds the priority lift. */
    score: doublePrecision('score'),
    /** What anyone else is shown (docs/security.md): the distance from the worker's cell... */
    shownDistanceKm: doublePrecision('shown_distance_km'),
    /** ...and the public score, without the priority lift; both null on offers made before them. */
    shownScore: doublePrecision('shown_score'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** A station operator who answered for a walk-in worker. */
    respondedByAccountId: uuid('responded_by_account_id').references(() => accounts.id),
    /** How the offer's SMS went (a worker who gets offers by SMS); null when not by SMS. */
    smsStatus: text('sms_status'),
  },
  (t) => [
    uniqueIndex('offers_one_per_worker').on(t.gigId, t.workerId).where(sql`${t.crewId} is null`),
    uniqueIndex('offers_one_per_crew').on(t.gigId, t.crewId).where(sql`${t.crewId} is not null`),
    index('offers_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'PENDING'`),
    index('offers_worker_idx').on(t.workerId, t.status),
    // The dashboard's share of offers by day (stats.repository.ts offerShares).
    index('offers_sent_at_idx').on(t.sentAt),
    check(
      'offers_status_known',
      sql`${t.status} in ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')`,
    ),
    check('offers_tier_known', sql`${t.tier} in ('ROSTER', 'RATED', 'MATCH', 'CREW')`),
    check('offers_expiry_after_send', sql`${t.expiresAt} > ${t.sentAt}`),
  ],
);

/**
 * The offer timer of an instant gig: while ACTIVE, the sweeper claims it when `dueAt` passes
 * (FOR UPDATE SKIP LOCKED) and tops the pending offers up to `(headcount − filled) × fanOut`;
 * EXHAUSTED (nobody left) is matched again now and then until the gig starts; DONE is finished.
 */
export const gigDispatch = pgTable(
  'gig_dispatch',
  {
    gigId: uuid('gig_id')
      .primaryKey()
      .references(() => gigs.id),
    state: text('state', { enum: DISPATCH_STATES }).notNull().default('ACTIVE'),
    wave: integer('wave').notNull().default(0),
    tier: text('tier', { enum: OFFER_TIERS }),
    fanOut: integer('fan_out').notNull(),
    offerTtlSeconds: integer('offer_ttl_seconds').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** A seat was given back (a no-show, a worker's cancellation): after the start, offers refill it. */
    backfill: boolean('backfill').notNull().default(false),
  },
  (t) => [
    index('gig_dispatch_due_idx').on(t.dueAt).where(sql`${t.state} <> 'DONE'`),
    check('gig_dispatch_state_known', sql`${t.state} in ('ACTIVE', 'EXHAUSTED', 'DONE')`),
    check('gig_dispatch_fan_out_range', sql`${t.fanOut} between 1 and 100`),
  ],
);

/** A listed gig's application; accepting it runs the same hire as an accepted offer. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gigId: uuid('gig_id')
      .notNull()
      .references(() => gigs.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('APPLIED'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** A station operator who applied for a walk-in worker. */
    actedByAccountId: uuid('acted_by_account_id').references(() => accounts.id),
  },
  (t) => [
    uniqueIndex('applications_one_per_worker').on(t.gigId, t.workerId),
    index('applications_worker_idx').on(t.workerId),
    check('applications_status_known', sql`${t.status} in ('APPLIED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')`),
  ],
);

/**
 * A hire: the gig's terms as agreed (a snapshot with its hash, the electronic contract), the
 * worker's booked window, and what is owed by when. The window is copied from the gig so an
 * exclusion constraint (migration 0004) can refuse two live hires of one worker that overlap.
 */
export const engagements = pgTable(
  'engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gigId: uuid('gig_id')
      .notNull()
      .references(() => gigs.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    offerId: uuid('offer_id')
      .unique()
      .references(() => offers.id),
    applicationId: uuid('application_id')
      .unique()
      .references(() => applications.id),
    crewId: uuid('crew_id').references(() => crews.id),
    status: text('status', { enum: ENGAGEMENT_STATUSES }).notNull().default('CONFIRMED'),
    origin: text('origin', { enum: WORKER_ORIGINS }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    terms: jsonb('terms').notNull(),
    contractText: text('contract_text').notNull(),
    /**
     * 1: `contractHash` is the SHA-256 of `contractText` (hires before the contract record);
     * 2: it is the SHA-256 of `contractRecord`'s canonical form, and the text renders from it.
     */
    contractVersion: integer('contract_version').notNull().default(1),
    /** The contract as a record (modules/hiring/contract-record.ts); null for version 1. */
    contractRecord: jsonb('contract_record'),
    contractHash: text('contract_hash').notNull(),
    workerAcceptedAt: timestamp('worker_accepted_at', { withTimezone: true }),
    employerAcceptedAt: timestamp('employer_accepted_at', { withTimezone: true }),
    amountDueFen: integer('amount_due_fen').notNull(),
    payDueAt: timestamp('pay_due_at', { withTimezone: true }).notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** A station operator who took the hire for a walk-in worker. */
    actedByAccountId: uuid('acted_by_account_id').references(() => accounts.id),
    /** Six digits the worker shows so the employer or a station operator can check them in. */
    checkInCode: text('check_in_code'),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    /** Metres from the gig's location at check-in; beyond the geofence the check-in is off-site. */
    checkInDistanceM: integer('check_in_distance_m'),
    checkInOffSite: boolean('check_in_off_site'),
    offSiteConfirmedAt: timestamp('off_site_confirmed_at', { withTimezone: true }),
    checkedInByAccountId: uuid('checked_in_by_account_id').references(() => accounts.id),
    /**
     * The first check-in, kept when a later one replaced it (an on-site GPS check-in, or one by
     * code, after an off-site one): when it was made, how far from the gig, and that it was off
     * site. Null when nothing was replaced; written once, by the replacing check-in, never after
     * (migration 0032's trigger). The hours still count from the check-in that replaced it.
     */
    firstCheckedInAt: timestamp('first_checked_in_at', { withTimezone: true }),
    firstCheckInDistanceM: integer('first_check_in_distance_m'),
    firstCheckInOffSite: boolean('first_check_in_off_site'),
    /** Checked out by the clock at the end plus the grace period, not by the worker. */
    checkedOutAuto: boolean('checked_out_auto').notNull().default(false),
    hoursWorked: doublePrecision('hours_worked'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    noShowAt: timestamp('no_show_at', { withTimezone: true }),
    /** Who called the hire off: the worker (late if close to the start), or the employer's cancel. */
    cancelledBy: text('cancelled_by', { enum: ['WORKER', 'EMPLOYER'] }),
    cancelledLate: boolean('cancelled_late').notNull().default(false),
    cancelReason: text('cancel_reason'),
    /** Money recorded as paid by the employer, and the part the worker confirmed receiving. */
    paidFen: integer('paid_fen').notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    confirmedFen: integer('confirmed_fen').notNull().default(0),
    paymentConfirmedAt: timestamp('payment_confirmed_at', { withTimezone: true }),
    /** Set when the hire completes; only CONFIRMED or SETTLED attendance can become a wage debt. */
    attendanceStatus: text('attendance_status', { enum: ATTENDANCE_STATUSES }),
    attendanceDoubts: text('attendance_doubts', { enum: ATTENDANCE_DOUBTS }).array().notNull().default([]),
    /** The employer answers a doubtful record by then; afterwards the silence rule settles it. */
    attendanceAnswerBy: timestamp('attendance_answer_by', { withTimezone: true }),
    attendanceDecidedBy: text('attendance_decided_by', { enum: ATTENDANCE_DECIDERS }),
    attendanceDecidedAt: timestamp('attendance_decided_at', { withTimezone: true }),
    attendanceDecidedByAccountId: uuid('attendance_decided_by_account_id').references(() => accounts.id),
    attendanceContestReason: text('attendance_contest_reason'),
    /** Hours that count for wages, once attendance is confirmed or settled. */
    settledHours: doublePrecision('settled_hours'),
    /**
     * Set when the worker erased their account (PIPL): the worker's name and ID number in the
     * terms, record and text gave way to a pseudonym, once (migration 0016); the hash is still the
     * signed original's.
     */
    workerErasedAt: timestamp('worker_erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('engagements_one_per_worker').on(t.gigId, t.workerId),
    index('engagements_worker_idx').on(t.workerId, t.startsAt),
    check(
      'engagements_status_known',
      sql`${t.status} in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED')`,
    ),
    check('engagements_origin_known', sql`${t.origin} in ('LOCAL', 'OUT_OF_COUNTY', 'OUT_OF_CITY')`),
    check('engagements_window_forward', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'engagements_contract_version_known',
      sql`(${t.contractVersion} = 1 and ${t.contractRecord} is null) or (${t.contractVersion} = 2 and ${t.contractRecord} is not null)`,
    ),
    check('engagements_amount_non_negative', sql`${t.amountDueFen} >= 0`),
    // A kept first check-in has its time and its off-site flag together, on a hire checked in.
    check(
      'engagements_first_check_in_whole',
      sql`(${t.firstCheckedInAt} is null) = (${t.firstCheckInOffSite} is null) and (${t.firstCheckedInAt} is null or ${t.checkedInAt} is not null)`,
    ),
    check('engagements_paid_non_negative', sql`${t.paidFen} >= 0 and ${t.confirmedFen} >= 0`),
    check('engagements_confirmed_within_paid', sql`${t.confirmedFen} <= ${t.paidFen}`),
    check(
      'engagements_attendance_known',
      sql`${t.attendanceStatus} is null or ${t.attendanceStatus} in ('UNCONFIRMED', 'CONFIRMED', 'CONTESTED', 'SETTLED')`,
    ),
    // A completed hire always has an attendance, and hours count only once it is decided.
    check(
      'engagements_completed_has_attendance',
      sql`${t.status} <> 'COMPLETED' or ${t.attendanceStatus} is not null`,
    ),
    check(
      'engagements_settled_hours_when_decided',
      sql`(${t.attendanceStatus} in ('CONFIRMED', 'SETTLED')) = (${t.settledHours} is not null)`,
    ),
    // The timers' claims: hires still running past their end, and completed hires not settled.
    index('engagements_running_idx').on(t.endsAt).where(sql`${t.status} in ('CONFIRMED', 'CHECKED_IN')`),
    // The early warning's hires of the last two weeks and an employer's call-offs of the last 24
    // hours (docs/warnings.md "Cost"): a range of the index, not a scan of every hire ever made.
    index('engagements_created_idx').on(t.createdAt),
    index('engagements_employer_cancelled_idx')
      .on(t.cancelledAt)
      .where(sql`${t.status} = 'CANCELLED' and ${t.cancelledBy} = 'EMPLOYER'`),
    index('engagements_unsettled_idx')
      .on(t.payDueAt)
      .where(sql`${t.status} = 'COMPLETED' and ${t.confirmedFen} < ${t.amountDueFen}`),
    index('engagements_attendance_due_idx')
      .on(t.attendanceAnswerBy)
      .where(sql`${t.attendanceStatus} = 'UNCONFIRMED'`),
  ],
);

/** An employer's favourites (熟练工名单): offered first when it posts an instant gig. */
export const employerRoster = pgTable(
  'employer_roster',
  {
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    /**
     * A graduate of the employer's ordered training (订单培训) is on the roster until this moment;
     * null: a favourite the employer put there, kept until removed.
     */
    priorityUntil: timestamp('priority_until', { withTimezone: true }),
    /** The training order (training_orders) that put the graduate here. */
    trainingOrderId: uuid('training_order_id').references(() => trainingOrders.id),
  },
  (t) => [primaryKey({ columns: [t.employerId, t.workerId] })],
);

/** Stars one side of a hire gives the other; matching reads the ones employers gave workers. */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id),
    byRole: text('by_role', { enum: ['WORKER', 'EMPLOYER'] }).notNull(),
    stars: integer('stars').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ratings_one_per_side').on(t.engagementId, t.byRole),
    check('ratings_stars_range', sql`${t.stars} between 1 and 5`),
    check('ratings_by_role_known', sql`${t.byRole} in ('WORKER', 'EMPLOYER')`),
  ],
);

/** A worker's saved gig search; a newly posted gig that matches it is pushed as `gig:alert`. */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    search: jsonb('search').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('saved_searches_worker_idx').on(t.workerId)],
);
