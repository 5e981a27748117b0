import { and, asc, eq, sql } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { savedSearches } from '../../db/schema/index.js';

export type SavedSearchRecord = typeof savedSearches.$inferSelect;
export type NewSavedSearch = typeof savedSearches.$inferInsert;

/**
 * A worker's saved-search key (an advisory lock): held by each save, and by the worker's erasure
 * from its start (erasure.repository.ts), so a save racing it lands before it or is refused after.
 */
export const savedSearchesKey = (workerId: string) => `saved_searches:${workerId}`;

/** Workers' saved searches (订阅). */
export function createSavedSearchesRepository(db: Database) {
  return {
    /**
     * Saves the search unless the worker already keeps `max` ('full'), or their account is erased
     * ('erased'). One worker's saves wait for each other (a transaction-scoped advisory lock), so
     * repeats sent at once are counted one by one, never all against the same count read before
     * any was written; an erasure holds the same lock from its start, so one that went first has
     * committed (and its check below sees it) before a save goes on.
     */
    async insertWithin(row: NewSavedSearch, max: number): Promise<SavedSearchRecord | 'full' | 'erased'> {
      return db.transaction(async (tx) => {
        await holdKeys([savedSearchesKey(row.workerId)], tx);
        const [held] = (await tx.execute(sql`
          select (select count(*) from saved_searches where worker_id = ${row.workerId})::int as n,
                 (select a.deleted_at is not null from workers w join accounts a on a.id = w.account_id
                   where w.id = ${row.workerId}) as gone`)) as unknown as {
          n: number;
          gone: boolean | null;
        }[];
        if (held?.gone !== false) return 'erased';
        if (held.n >= max) return 'full';
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
