import { and, asc, count, eq } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { savedSearches } from '../../db/schema/index.js';

export type SavedSearchRecord = typeof savedSearches.$inferSelect;
export type NewSavedSearch = typeof savedSearches.$inferInsert;

/** Workers' saved searches (订阅). */
export function createSavedSearchesRepository(db: Database) {
  return {
    /**
     * Saves the search unless the worker already keeps `max`: undefined then. One worker's saves
     * wait for each other (a transaction-scoped advisory lock), so repeats sent at once are counted
     * one by one, never all against the same count read before any was written.
     */
    async insertWithin(row: NewSavedSearch, max: number): Promise<SavedSearchRecord | undefined> {
      return db.transaction(async (tx) => {
        await holdKeys([`saved_searches:${row.workerId}`], tx);
        const [held] = await tx
          .select({ n: count() })
          .from(savedSearches)
          .where(eq(savedSearches.workerId, row.workerId));
        if ((held?.n ?? 0) >= max) return undefined;
        const [inserted] = await tx.insert(savedSearches).values(row).returning();
        if (!inserted) throw new Error('insert into saved_searches returned nothing');
        return inserted;
      });
    },

    /** Deletes a worker's own saved search; false if it is not theirs or not there. */
    async remove(workerId: string, id: string): Promise<boolean> {
      const removed = await db
        .delete(savedSearches)
        .where(and(eq(savedSearches.id, id), eq(savedSearches.workerId, workerId)))
        .returning();
      return removed.length > 0;
    },

    ofWorker: (workerId: string, tx: Executor = db) =>
      tx
        .select()
        .from(savedSearches)
        .where(eq(savedSearches.workerId, workerId))
        .orderBy(asc(savedSearches.createdAt)),

    /** Every saved search, to check a new gig against. */
    all: (tx: Executor = db) => tx.select().from(savedSearches),
  };
}

export type SavedSearchesRepository = ReturnType<typeof createSavedSearchesRepository>;
