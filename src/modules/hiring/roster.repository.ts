import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { employerRoster, workers } from '../../db/schema/index.js';

/** An employer's roster (熟工): workers it asks first, each one who has worked for it. */
export function createRosterRepository(db: Database) {
  return {
    async add(employerId: string, workerId: string, at: Date): Promise<void> {
      await db.insert(employerRoster).values({ employerId, workerId, addedAt: at }).onConflictDoNothing();
    },
    async remove(employerId: string, workerId: string): Promise<boolean> {
      const removed = await db
        .delete(employerRoster)
        .where(and(eq(employerRoster.employerId, employerId), eq(employerRoster.workerId, workerId)))
        .returning();
      return removed.length > 0;
    },
    async workersOf(employerId: string) {
      const rows = await db
        .select({ worker: workers })
        .from(employerRoster)
        .innerJoin(workers, eq(workers.id, employerRoster.workerId))
        .where(eq(employerRoster.employerId, employerId))
        .orderBy(asc(employerRoster.addedAt));
      return rows.map((r) => r.worker);
    },
  };
}

export type RosterRepository = ReturnType<typeof createRosterRepository>;
