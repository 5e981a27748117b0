import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { trainingWishes, type WISH_SOURCES } from '../../db/schema/index.js';

export type TrainingWishRecord = typeof trainingWishes.$inferSelect;
export type WishSource = (typeof WISH_SOURCES)[number];

/** The trades workers would learn (培训意愿): one row per worker and trade. */
export function createWishesRepository(db: Database) {
  return {
    /**
     * The worker's list becomes exactly `skillCodes`: trades no longer wished are removed; a trade
     * already on the list keeps its row (when and how it was first said); a new one is recorded
     * with `source` and who recorded it.
     */
    async replace(
      workerId: string,
      skillCodes: readonly string[],
      recorded: { source: WishSource; byAccountId: string | null; at: Date },
      tx: Executor,
    ): Promise<void> {
      await tx
        .delete(trainingWishes)
        .where(
          skillCodes.length === 0
            ? eq(trainingWishes.workerId, workerId)
            : and(
                eq(trainingWishes.workerId, workerId),
                notInArray(trainingWishes.skillCode, [...skillCodes]),
              ),
        );
      if (skillCodes.length === 0) return;
      await tx
        .insert(trainingWishes)
        .values(
          skillCodes.map((skillCode) => ({
            workerId,
            skillCode,
            source: recorded.source,
            recordedByAccountId: recorded.byAccountId,
            createdAt: recorded.at,
          })),
        )
        .onConflictDoNothing();
    },

    async ofWorkers(workerIds: readonly string[], tx: Executor = db): Promise<TrainingWishRecord[]> {
      if (workerIds.length === 0) return [];
      return tx
        .select()
        .from(trainingWishes)
        .where(inArray(trainingWishes.workerId, [...workerIds]))
        .orderBy(asc(trainingWishes.createdAt), asc(trainingWishes.skillCode));
    },

    /** An erased worker's wishes (PIPL): what they would learn is theirs, and goes with them. */
    async forgetWorker(workerId: string, tx: Executor): Promise<void> {
      await tx.delete(trainingWishes).where(eq(trainingWishes.workerId, workerId));
    },
  };
}

export type WishesRepository = ReturnType<typeof createWishesRepository>;
