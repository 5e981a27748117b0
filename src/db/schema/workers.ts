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
    /** Where a worker lives (the residence given, else the home region): the shortage report's county. */
    index('workers_lives_in_idx').on(sql`coalesce(${t.residenceRegionCode}, ${t.homeRegionCode})`),
    index('workers_id_number_hmac_idx').on(t.idNumberHmac),
    /** The homes of the priority groups: who may be on a station's follow-up list (docs/followup.md). */
    index('workers_priority_home_idx').on(t.lat, t.lng).where(sql`cardinality(${t.priorityGroups}) > 0`),
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

/**
 * GB/T national occupational skill levels (国家职业技能等级), stored as 1–5 with a higher number a
 * higher level: 1 五级/初级工, 2 四级/中级工, 3 三级/高级工, 4 二级/技师, 5 一级/高级技师.
 */
export const SKILL_LEVEL_MIN = 1;
export const SKILL_LEVEL_MAX = 5;

/** Where a trade's level comes from: the worker's word, or a certificate someone verified. */
export const SKILL_SOURCES = ['SELF_DECLARED', 'CERTIFICATE'] as const;
export type SkillSource = (typeof SKILL_SOURCES)[number];

/** Kinds of certificate: 职业技能等级证书, 职业资格证书, 特种作业操作证. */
export const CERTIFICATE_KINDS = ['SKILL_LEVEL', 'QUALIFICATION', 'SPECIAL_OPERATION'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** Who verified a certificate: a station operator who saw it, or (later) the provider that issued it. */
export const CERTIFICATE_VERIFIERS = ['STATION_OPERATOR', 'TRAINING_PROVIDER'] as const;
export type CertificateVerifier = (typeof CERTIFICATE_VERIFIERS)[number];

/**
 * A worker's certificate of a trade, recorded once someone verified it (docs/skills.md). A
 * SPECIAL_OPERATION certificate (特种作业操作证) is what a special-operation trade needs; it is
 * valid through `expiresOn` (a market day, inclusive).
 */
export const workerCertificates = pgTable(
  'worker_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    kind: text('kind', { enum: CERTIFICATE_KINDS }).notNull(),
    /** The level it certifies; null for a 特种作业操作证, which certifies no level. */
    level: integer('level'),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: date('issued_on').notNull(),
    /** The last day it is valid; null for a certificate that does not expire. */
    expiresOn: date('expires_on'),
    verifiedBy: text('verified_by', { enum: CERTIFICATE_VERIFIERS }).notNull(),
    verifiedByAccountId: uuid('verified_by_account_id').references(() => accounts.id),
    verifiedAtStationId: uuid('verified_at_station_id').references((): AnyPgColumn => stations.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
    /** When the worker was told it will expire soon (once). */
    expiryNoticeAt: timestamp('expiry_notice_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('worker_certificates_worker_idx').on(t.workerId, t.skillCode),
    uniqueIndex('worker_certificates_number_unique').on(t.kind, t.number),
    index('worker_certificates_expiry_idx').on(t.expiresOn).where(sql`${t.expiryNoticeAt} is null`),
    check(
      'worker_certificates_kind_known',
      sql`${t.kind} in ('SKILL_LEVEL', 'QUALIFICATION', 'SPECIAL_OPERATION')`,
    ),
    check(
      'worker_certificates_level',
      sql`(${t.kind} = 'SPECIAL_OPERATION' and ${t.level} is null) or (${t.kind} <> 'SPECIAL_OPERATION' and ${t.level} between 1 and 5)`,
    ),
    check('worker_certificates_dates', sql`${t.expiresOn} is null or ${t.expiresOn} >= ${t.issuedOn}`),
    check(
      'worker_certificates_special_expires',
      sql`${t.kind} <> 'SPECIAL_OPERATION' or ${t.expiresOn} is not null`,
    ),
  ],
);

/**
 * A worker's trades with their level. `source` says where the level comes from; `certified` is
 * true when a verified certificate backs it (`certificateId`), never on the worker's word alone.
 */
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
    source: text('source', { enum: SKILL_SOURCES }).notNull().default('SELF_DECLARED'),
    certificateId: uuid('certificate_id').references((): AnyPgColumn => workerCertificates.id),
  },
  (t) => [
    primaryKey({ columns: [t.workerId, t.skillCode] }),
    index('worker_skills_skill_idx').on(t.skillCode),
    check('worker_skills_level_range', sql`${t.level} between 1 and 5`),
    check(
      'worker_skills_source_certificate',
      sql`(${t.source} = 'CERTIFICATE') = (${t.certificateId} is not null) and ${t.certified} = (${t.source} = 'CERTIFICATE')`,
    ),
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
