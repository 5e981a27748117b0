import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { employers } from './employers.js';
import { regions, skills } from './reference.js';
import { stations } from './stations.js';
import { workerCertificates, workers } from './workers.js';

/**
 * Skills and training (职业技能培训, docs/training.md): training providers an admin verified, their
 * courses, enrolments with attendance and results, the trades workers would learn (培训意愿), and
 * training employers order (订单培训).
 */

/** A school or training centre (培训机构). It posts courses once a bureau admin has verified it. */
export const trainingProviders = pgTable('training_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .unique()
    .references(() => accounts.id),
  name: text('name').notNull(),
  /** 统一社会信用代码, as employers have. */
  creditCode: text('credit_code').notNull().unique(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedByAccountId: uuid('verified_by_account_id').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The language a course is taught in. */
export const TEACHING_LANGUAGES = ['MANDARIN', 'DIALECT', 'BILINGUAL'] as const;
export type TeachingLanguage = (typeof TEACHING_LANGUAGES)[number];

export const COURSE_STATUSES = ['OPEN', 'CANCELLED', 'COMPLETED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** What a passed course issues: a skill-level certificate at `targetLevel`, or a 特种作业操作证. */
export const COURSE_CERTIFICATES = ['SKILL_LEVEL', 'SPECIAL_OPERATION'] as const;

/**
 * A course in one trade. `enrolled` counts live enrolments and never passes `seats` (a check, so a
 * race can never over-sell); it is raised under the course's row lock, as hiring raises `filled`.
 */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => trainingProviders.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    /** The level a pass certifies, 1 (五级/初级工) to 5 (一级/高级技师); null for a 特种作业 course. */
    targetLevel: integer('target_level'),
    /** What a pass issues; null: a course that leads to no certificate. */
    certificate: text('certificate', { enum: COURSE_CERTIFICATES }),
    /** 补贴性培训: the learner pays nothing and the subsidy's source is named. */
    subsidised: boolean('subsidised').notNull(),
    subsidySource: text('subsidy_source'),
    /** What the learner pays, in fen (0 for a subsidised course). */
    feeFen: integer('fee_fen').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    hours: integer('hours').notNull(),
    /** The last day to enrol; the day before the course starts unless the provider says. */
    enrolBy: date('enrol_by').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    seats: integer('seats').notNull(),
    enrolled: integer('enrolled').notNull().default(0),
    language: text('language', { enum: TEACHING_LANGUAGES }).notNull(),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('OPEN'),
    /** The training order this course fills (订单培训); its graduates join the employer's roster. */
    orderId: uuid('order_id').references((): AnyPgColumn => trainingOrders.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('courses_provider_idx').on(t.providerId, t.startsOn),
    index('courses_open_idx').on(t.regionCode, t.skillCode, t.startsOn).where(sql`${t.status} = 'OPEN'`),
    check('courses_seats', sql`${t.seats} between 1 and 500 and ${t.enrolled} between 0 and ${t.seats}`),
    check('courses_dates', sql`${t.endsOn} >= ${t.startsOn} and ${t.enrolBy} <= ${t.endsOn}`),
    check('courses_hours', sql`${t.hours} between 1 and 2000`),
    check('courses_fee', sql`${t.feeFen} >= 0 and (not ${t.subsidised} or ${t.feeFen} = 0)`),
    check('courses_subsidy_source', sql`${t.subsidised} = (${t.subsidySource} is not null)`),
    check(
      'courses_certificate',
      sql`(${t.certificate} is null and ${t.targetLevel} is null) or (${t.certificate} = 'SPECIAL_OPERATION' and ${t.targetLevel} is null) or (${t.certificate} = 'SKILL_LEVEL' and ${t.targetLevel} between 1 and 5)`,
    ),
    check('courses_status_known', sql`${t.status} in ('OPEN', 'CANCELLED', 'COMPLETED')`),
    check('courses_language_known', sql`${t.language} in ('MANDARIN', 'DIALECT', 'BILINGUAL')`),
  ],
);

export const ENROLMENT_STATUSES = ['ENROLLED', 'WITHDRAWN', 'PASSED', 'FAILED'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A worker's seat on a course; at most one live seat per worker per course. */
export const courseEnrolments = pgTable(
  'course_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ENROLMENT_STATUSES }).notNull().default('ENROLLED'),
    /** Who enrolled them: the worker, or a station operator for a walk-in. */
    enrolledByAccountId: uuid('enrolled_by_account_id').references(() => accounts.id),
    enrolledAtStationId: uuid('enrolled_at_station_id').references(() => stations.id),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** The exam's score (0–100) the provider recorded with the result. */
    score: integer('score'),
    resultRecordedAt: timestamp('result_recorded_at', { withTimezone: true }),
    /** The certificate a pass issued. */
    certificateId: uuid('certificate_id').references(() => workerCertificates.id),
  },
  (t) => [
    uniqueIndex('course_enrolments_live_unique')
      .on(t.courseId, t.workerId)
      .where(sql`${t.status} <> 'WITHDRAWN'`),
    index('course_enrolments_worker_idx').on(t.workerId),
    check(
      'course_enrolments_status_known',
      sql`${t.status} in ('ENROLLED', 'WITHDRAWN', 'PASSED', 'FAILED')`,
    ),
    check('course_enrolments_score', sql`${t.score} is null or ${t.score} between 0 and 100`),
  ],
);

/** One day of a course: whether the learner came (the provider's register). */
export const courseAttendance = pgTable(
  'course_attendance',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => courseEnrolments.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    present: boolean('present').notNull(),
    recordedByAccountId: uuid('recorded_by_account_id').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.day] })],
);

export const WISH_SOURCES = ['SELF', 'REGISTRATION', 'OPERATOR'] as const;

/** A trade a worker would learn (培训意愿): asked at registration, by operators, or said by the worker. */
export const trainingWishes = pgTable(
  'training_wishes',
  {
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    source: text('source', { enum: WISH_SOURCES }).notNull(),
    recordedByAccountId: uuid('recorded_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workerId, t.skillCode] }),
    index('training_wishes_skill_idx').on(t.skillCode),
    check('training_wishes_source_known', sql`${t.source} in ('SELF', 'REGISTRATION', 'OPERATOR')`),
  ],
);

export const TRAINING_ORDER_STATUSES = ['OPEN', 'TAKEN', 'FULFILLED', 'CANCELLED'] as const;
export type TrainingOrderStatus = (typeof TRAINING_ORDER_STATUSES)[number];

/**
 * 订单培训: an employer orders `headcount` workers trained in a trade to a level by a date; a
 * provider takes it (TAKEN) and posts its course naming the order (`courseId`); each graduate joins the employer's roster with priority for
 * `priorityDays` days.
 */
export const trainingOrders = pgTable(
  'training_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    /** The level graduates must reach; null for a 特种作业 trade (the certificate is the level). */
    targetLevel: integer('target_level'),
    headcount: integer('headcount').notNull(),
    /** Trained by this day. */
    dueOn: date('due_on').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** How long graduates get the employer's offers first. */
    priorityDays: integer('priority_days').notNull(),
    note: text('note'),
    status: text('status', { enum: TRAINING_ORDER_STATUSES }).notNull().default('OPEN'),
    providerId: uuid('provider_id').references(() => trainingProviders.id),
    courseId: uuid('course_id').references(() => courses.id),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_orders_open_idx').on(t.regionCode, t.skillCode).where(sql`${t.status} = 'OPEN'`),
    index('training_orders_employer_idx').on(t.employerId),
    check('training_orders_headcount', sql`${t.headcount} between 1 and 500`),
    check('training_orders_priority_days', sql`${t.priorityDays} between 1 and 365`),
    check('training_orders_level', sql`${t.targetLevel} is null or ${t.targetLevel} between 1 and 5`),
    check(
      'training_orders_taken',
      sql`(${t.status} <> 'OPEN' or ${t.providerId} is null) and (${t.status} not in ('TAKEN', 'FULFILLED') or ${t.providerId} is not null) and (${t.courseId} is null or ${t.providerId} is not null)`,
    ),
    check('training_orders_status_known', sql`${t.status} in ('OPEN', 'TAKEN', 'FULFILLED', 'CANCELLED')`),
  ],
);
