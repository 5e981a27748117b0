import { and, asc, eq, lte, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { gigDispatch } from '../../db/schema/index.js';

export type DispatchRecord = typeof gigDispatch.$inferSelect;

/**
 * The offer timer of each instant gig (`gig_dispatch`): its wave, tier and when it is next due.
 * Every access locks or writes, so each takes the caller's transaction first.
 */
export function createDispatchRepository() {
  return {
    async insert(row: typeof gigDispatch.$inferInsert, tx: Executor): Promise<void> {
      await tx.insert(gigDispatch).values(row).onConflictDoNothing();
    },

    async lock(gigId: string, tx: Executor): Promise<DispatchRecord | undefined> {
      const [row] = await tx.select().from(gigDispatch).where(eq(gigDispatch.gigId, gigId)).for('update');
      return row;
    },

    /**
     * One due dispatch no other node holds (SKIP LOCKED), locked for the rest of the transaction:
     * an ACTIVE one whose next offer expires, or an EXHAUSTED one due to be matched again.
     */
    async claimDue(now: Date, tx: Executor): Promise<DispatchRecord | undefined> {
      const [row] = await tx
        .select()
        .from(gigDispatch)
        .where(and(ne(gigDispatch.state, 'DONE'), lte(gigDispatch.dueAt, now)))
        .orderBy(asc(gigDispatch.dueAt))
        .limit(1)
        .for('update', { skipLocked: true });
      return row;
    },

    async update(
      gigId: string,
      patch: Partial<Pick<DispatchRecord, 'state' | 'wave' | 'tier' | 'dueAt' | 'backfill'>> & {
        updatedAt: Date;
      },
      tx: Executor,
    ): Promise<void> {
      await tx.update(gigDispatch).set(patch).where(eq(gigDispatch.gigId, gigId));
    },
  };
}

export type DispatchRepository = ReturnType<typeof createDispatchRepository>;
