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
import { regions, skills } from './reference.js';
import { stations } from './stations.js';

export const PRIORITY_GROUPS = ['POVERTY_ALLEVIATED', 'LOW_INCOME', 'DISABLED', 'OLDER_WORKER'] as const;

/**
 * How a worker's identity is known: typed in by the worker (SELF_DECLARED), checked on the ID card
 * by a station operator (VERIFIED_IN_PERSON), or confirmed by an identity service.
 */
export const IDENTITY_STATUSES = ['SELF_DECLARED', 'VERIFIED_IN_PERSON', 'VERIFIED_BY_SERVICE'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/**
 * The real-name registry (实名登记). The ID number is kept encrypted (AES-256-GCM) and as an HMAC
 * for uniqueness among verified workers (a self-declared number blocks nobody); only the masked
 * form is ever shown.
 */
export const workers = pgTable(
  'workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .unique()
      .references(() => accounts.id),
    name: text('name').notNull(),
    idNumberHmac: text('id_number_hmac'),
    idNumberEncrypted: text('id_number_encrypted'),
    idNumberMasked: text('id_number_masked').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    homeRegionCode: text('home_region_code')
      .notNull()
      .references(() => regions.code),
    residenceRegionCode: text('residence_region_code').references(() => regions.code),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    travelRadiusKm: integer('travel_radius_km').notNull(),
    laborBrand: text('labor_brand'),
    priorityGroups: text('priority_groups').array().notNull().default(sql`'{}'::text[]`),
    reliability: doublePrecision('reliability').notNull().default(1),
    consentVersion: text('consent_version').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** Who typed the registration in, when it was not the worker (a station operator). */
    registeredByAccountId: uuid('registered_by_account_id').references(() => accounts.id),
    /** The station where a walk-in worker was registered and gave consent. */
    registeredAtStationId: uuid('registered_at_station_id').references((): AnyPgColumn => stations.id),
    /** Instant offers also go out by SMS (短信接活), for feature phones; needs a phone on the account. */
    smsOffers: boolean('sms_offers').notNull().default(false),
    /** When the worker replied TD (退订): SMS offers stop until they, or their operator, turn them on again. */
    smsOptedOutAt: timestamp('sms_opted_out_at', { withTimezone: true }),
    identityStatus: text('identity_status', { enum: IDENTITY_STATUSES }).notNull().default('SELF_DECLARED'),
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    /** The operator (or admin) who saw the ID card; null for a service's confirmation. */
    identityVerifiedByAccountId: uuid('identity_verified_by_account_id').references(() => accounts.id),
    identityVerifiedAtStationId: uuid('identity_verified_at_station_id').references(
      (): AnyPgColumn => stations.id,
    ),
    /**
     * When a person verified with this number took it from this self-declared account: the number
     * is cleared, and the account takes no hires until it is verified (with its own number).
     */
    idNumberLostAt: timestamp('id_number_lost_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('workers_home_region_idx').on(t.homeRegionCode),
    index('workers_id_number_hmac_idx').on(t.idNumberHmac),
    uniqueIndex('workers_verified_id_number_unique')
      .on(t.idNumberHmac)
      .where(sql`${t.identityStatus} <> 'SELF_DECLARED'`),
    check(
      'workers_identity_status_known',
      sql`${t.identityStatus} in ('SELF_DECLARED', 'VERIFIED_IN_PERSON', 'VERIFIED_BY_SERVICE')`,
    ),
    check(
      'workers_verified_has_time',
      sql`${t.identityStatus} = 'SELF_DECLARED' or ${t.identityVerifiedAt} is not null`,
    ),
    check('workers_travel_radius_range', sql`${t.travelRadiusKm} between 0 and 500`),
    check('workers_reliability_range', sql`${t.reliability} between 0 and 1`),
  ],
);

export const workerSkills = pgTable(
  'worker_skills',
  {
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    level: integer('level').notNull(),
    certified: boolean('certified').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workerId, t.skillCode] }),
    index('worker_skills_skill_idx').on(t.skillCode),
    check('worker_skills_level_range', sql`${t.level} between 1 and 5`),
  ],
);

/** When a worker is free to work. Windows of one worker never overlap (an exclusion constraint). */
export const workerAvailability = pgTable(
  'worker_availability',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('worker_availability_worker_idx').on(t.workerId),
    check('worker_availability_forward', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
