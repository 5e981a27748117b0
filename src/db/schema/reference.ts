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
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative regions: province, city, county (区/县/县级市). */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
  },
  (t) => [
    index('regions_parent_code_idx').on(t.parentCode),
    check('regions_code_format', sql`${t.code} ~ '^[0-9]{6}$'`),
    check('regions_level_known', sql`${t.level} in ('province', 'city', 'county')`),
  ],
);

/** The special operations (特种作业) of the taxonomy: 电工作业, 焊接与热切割作业, 高处作业. */
export const SPECIAL_OPERATIONS = ['ELECTRICAL', 'WELDING_AND_CUTTING', 'WORK_AT_HEIGHT'] as const;
export type SpecialOperation = (typeof SPECIAL_OPERATIONS)[number];

/** The trades taxonomy; codes are stable ASCII identifiers that clients and the search index share. */
export const skills = pgTable('skills', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  category: text('category').notNull(),
  synonyms: text('synonyms').array().notNull().default(sql`'{}'::text[]`),
  sortOrder: integer('sort_order').notNull().default(0),
  /**
   * The special operation (特种作业) the trade is, if it is one: by law only holders of a valid
   * 特种作业操作证 may do it (docs/skills.md). Null for every other trade.
   */
  specialOperation: text('special_operation', { enum: SPECIAL_OPERATIONS }),
  /**
   * Risky work (at height, welding, construction, loading …): every hire-day of its gigs needs an
   * accident insurance policy before check-in (docs/insurance.md).
   */
  accidentRisk: boolean('accident_risk').notNull().default(false),
});

/**
 * Hourly minimum wage per region, as history: the row in force is the latest whose
 * effective date has come. Admin changes add rows; nothing is overwritten.
 */
export const minimumWages = pgTable(
  'minimum_wages',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    hourlyFen: integer('hourly_fen').notNull(),
    monthlyFen: integer('monthly_fen'),
    effectiveFrom: date('effective_from').notNull(),
    source: text('source').notNull(),
    /** The admin who set it; null for the statutory rows seeded from minimum-wages.json. */
    createdByAccountId: uuid('created_by_account_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('minimum_wages_region_effective_idx').on(t.regionCode, t.effectiveFrom),
    check('minimum_wages_hourly_positive', sql`${t.hourlyFen} > 0`),
  ],
);
