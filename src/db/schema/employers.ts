import { sql } from 'drizzle-orm';
import { check, doublePrecision, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { regions } from './reference.js';

export const EMPLOYER_KINDS = [
  'ENTERPRISE',
  'COOPERATIVE',
  'FAMILY_FARM',
  'INDIVIDUAL',
  'PUBLIC_INSTITUTION',
] as const;

/** Employers post gigs once a bureau admin has verified them. */
export const employers = pgTable(
  'employers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .unique()
      .references(() => accounts.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: EMPLOYER_KINDS }).notNull(),
    creditCode: text('credit_code').notNull().unique(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedByAccountId: uuid('verified_by_account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'employers_kind_known',
      sql`${t.kind} in ('ENTERPRISE', 'COOPERATIVE', 'FAMILY_FARM', 'INDIVIDUAL', 'PUBLIC_INSTITUTION')`,
    ),
  ],
);
