import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { employerRoster, workers } from '../../db/schema/index.js';

/**
 * An employer's roster (熟工): workers it asks first, each one who has worked for it (favourites,
 * kept until removed) or a graduate of its ordered training (订单培训), there until `priorityUntil`.
 */
export function createRosterRepository(db: Database) {
  return {
    async add(employerId: string, workerId: string, at: Date, tx: Executor = db): Promise<void> {
      // A graduate the employer puts on its roster becomes a favourite: kept until removed.
      await tx
        .insert(employerRoster)
        .values({ employerId, workerId, addedAt: at })
        .onConflictDoUpdate({
          target: [employerRoster.employerId, employerRoster.workerId],
          set: { priorityUntil: null },
        });
    },
    async remove(employerId: string, workerId: string): Promise<boolean> {
      const removed = await db
        .delete(employerRoster)
        .where(and(eq(employerRoster.employerId, employerId), eq(employerRoster.workerId, workerId)))
        .returning();
      return removed.length > 0;
    },
    /** The live roster: favourites, and graduates whose priority period has not ended at `now`. */
    async workersOf(employerId: string, now: Date) {
      const rows = await db
        .select({ worker: workers })
        .from(employerRoster)
        .innerJoin(workers, eq(workers.id, employerRoster.workerId))
        .where(
          and(
            eq(employerRoster.employerId, employerId),
            or(isNull(employerRoster.priorityUntil), gt(employerRoster.priorityUntil, now)),
          ),
        )
        .orderBy(asc(employerRoster.addedAt));
      return rows.map((r) => r.worker);
    },
  };
}

export type RosterRepository = ReturnType<typeof createRosterRepository>;
