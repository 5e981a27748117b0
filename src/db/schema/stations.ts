import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { regions } from './reference.js';

export const STATION_KINDS = ['COUNTY_CENTRE', 'TOWNSHIP_STATION', 'VILLAGE_POINT', 'GIG_MARKET'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/**
 * A job station (就业驿站 / 零工驿站): a place with opening hours where operators help walk-in
 * workers and a kiosk shows the open gigs within its service radius.
 */
export const stations = pgTable(
  'stations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: STATION_KINDS }).notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    address: text('address').notNull(),
    openingHours: text('opening_hours'),
    phone: text('phone'),
    serviceRadiusKm: doublePrecision('service_radius_km').notNull().default(30),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'stations_kind_known',
      sql`${t.kind} in ('COUNTY_CENTRE', 'TOWNSHIP_STATION', 'VILLAGE_POINT', 'GIG_MARKET')`,
    ),
    check('stations_radius_range', sql`${t.serviceRadiusKm} > 0 and ${t.serviceRadiusKm} <= 200`),
  ],
);

/** Which station-operator accounts work at which station. */
export const stationOperators = pgTable(
  'station_operators',
  {
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.accountId] }),
    index('station_operators_account_idx').on(t.accountId),
  ],
);

/** A kiosk's token: shown once, kept only as a SHA-256 hash, revocable, last use recorded. */
export const kioskTokens = pgTable(
  'kiosk_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdByAccountId: uuid('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [index('kiosk_tokens_station_idx').on(t.stationId)],
);
