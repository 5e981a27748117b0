import { and, asc, desc, eq, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { minimumWages, regions, skills } from '../../db/schema/index.js';
import { readCountyOutlines } from '../../db/seed/reference.js';
import { createRegionTree, type RegionTree } from './region-ancestry.js';

export type SkillRecord = typeof skills.$inferSelect;
export type RegionRecord = typeof regions.$inferSelect;
export type MinimumWageRecord = typeof minimumWages.$inferSelect;

/**
 * Seed data read once and kept. Callers on the pool share one read; a caller inside a transaction
 * (tx other than the pool) never waits for that shared read, which may be queued for a pool
 * connection held by transactions like its own, but reads on its own connection until the value
 * is in hand. A failed read is tried again by the next caller.
 */
function readOnce<T>(db: Database, read: (tx: Executor) => Promise<T>) {
  let value: T | undefined;
  let shared: Promise<T> | undefined;
  const keep = (found: T) => {
    value ??= found;
    return value;
  };
  return {
    get(tx: Executor): Promise<T> {
      if (value !== undefined) return Promise.resolve(value);
      if (tx !== db) return read(tx).then(keep);
      shared ??= read(db).then(keep, (error: unknown) => {
        shared = undefined;
        throw error;
      });
      return shared;
    },
  };
}

export function createReferenceRepository(db: Database) {
  const taxonomyCache = readOnce(db, (tx) => tx.select().from(skills).orderBy(asc(skills.sortOrder)));
  const treeCache = readOnce(db, async (tx) => {
    const [rows, outlines] = await Promise.all([tx.select().from(regions), readCountyOutlines()]);
    return createRegionTree(rows, outlines);
  });
  return {
    async listSkills(
      filter: { category?: string; codes?: string[] } = {},
      tx: Executor = db,
    ): Promise<SkillRecord[]> {
      const conditions = [];
      if (filter.category) conditions.push(eq(skills.category, filter.category));
      if (filter.codes) conditions.push(inArray(skills.code, filter.codes));
      return tx
        .select()
        .from(skills)
        .where(and(...conditions))
        .orderBy(asc(skills.sortOrder));
    },

    /** The plain-SQL fallback for trade look-up when the search engine does not answer. */
    async findSkillsByText(text: string, category?: string): Promise<SkillRecord[]> {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db
        .select()
        .from(skills)
        .where(
          and(
            category ? eq(skills.category, category) : undefined,
            or(
              ilike(skills.name, pattern),
              sql`exists (select 1 from unnest(${skills.synonyms}) as s where s ilike ${pattern})`,
            ),
          ),
        )
        .orderBy(asc(skills.sortOrder));
    },

    async listRegions(parentCode: string | null): Promise<RegionRecord[]> {
      return db
        .select()
        .from(regions)
        .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
        .orderBy(asc(regions.code));
    },

    async allRegions(): Promise<RegionRecord[]> {
      return db.select().from(regions);
    },

    /**
     * The whole taxonomy, read once: trades are seed data, changed only by a release. A caller
     * inside a transaction passes it, and until the rows are in hand reads them on it: waiting
     * for the pool's first read (queued behind connections that transactions like its own hold)
     * could hang it (docs/security.md "Concurrent repeats").
     */
    taxonomy(tx: Executor = db): Promise<SkillRecord[]> {
      return taxonomyCache.get(tx);
    },

    /**
     * The region table never changes while the market runs (it is seed data), so it is read once,
     * with the county outlines that ship beside it; inside a transaction, as taxonomy().
     */
    regionTree(tx: Executor = db): Promise<RegionTree> {
      return treeCache.get(tx);
    },

    async regionsByCode(codes: readonly string[]): Promise<RegionRecord[]> {
      if (codes.length === 0) return [];
      return db
        .select()
        .from(regions)
        .where(inArray(regions.code, [...codes]));
    },

    async addMinimumWage(values: typeof minimumWages.$inferInsert, tx: Executor): Promise<void> {
      await tx.insert(minimumWages).values(values);
    },

    async wageHistory(code: string) {
      return db
        .select()
        .from(minimumWages)
        .where(eq(minimumWages.regionCode, code))
        .orderBy(desc(minimumWages.effectiveFrom), desc(minimumWages.id));
    },

    /** For each region, the hourly minimum wage whose effective date is the latest not after `on`. */
    async minimumWagesInForce(
      codes: readonly string[],
      on: string,
      executor: Executor = db,
    ): Promise<Map<string, number>> {
      if (codes.length === 0) return new Map();
      const rows = await executor
        .selectDistinctOn([minimumWages.regionCode], {
          regionCode: minimumWages.regionCode,
          hourlyFen: minimumWages.hourlyFen,
        })
        .from(minimumWages)
        .where(and(inArray(minimumWages.regionCode, [...codes]), lte(minimumWages.effectiveFrom, on)))
        .orderBy(minimumWages.regionCode, desc(minimumWages.effectiveFrom), desc(minimumWages.id));
      return new Map(rows.map((r) => [r.regionCode, r.hourlyFen]));
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
