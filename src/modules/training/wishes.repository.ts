import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { trainingWishes, type WISH_SOURCES } from '../../db/schema/index.js';

export type TrainingWishRecord = typeof trainingWishes.$inferSelect;
export type WishSource = (typeof WISH_SOURCES)[number];

/**
 * A worker's wishes key (an advisory lock): held by each change of the list, and by the worker's
 * erasure from its start (privacy.service.ts), so a change racing it is decided before or after it.
 */
export const wishesKey = (workerId: string) => `training_wishes:${workerId}`;

/** The trades workers would learn (培训意愿): one row per worker and trade. */
export function createWishesRepository(db: Database) {
  return {
    /**
     * Serialises changes of one worker's list with each other and with the worker's erasure. Without
     * it, a change deleting the list's rows and then writing rows (whose foreign key waits on the
     * erasure's change of the worker's row) and the erasure deleting the same rows waited on each
     * other, and PostgreSQL aborted one of them as a deadlock; or the list came back after the erasure.
     */
    async lockWorker(workerId: string, tx: Executor): Promise<void> {
      await holdKeys([wishesKey(workerId)], tx);
    },

    /** The keys the erasure takes first (see lockWorker). */
    keysOf: (workerId: string): string[] => [wishesKey(workerId)],

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
