import { asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { applications } from '../../db/schema/index.js';

export type ApplicationRecord = typeof applications.$inferSelect;

/** Applications to listed gigs: one per worker and gig (a unique index). */
export function createApplicationsRepository(db: Database) {
  return {
    async insert(row: typeof applications.$inferInsert, tx: Executor): Promise<ApplicationRecord> {
      const [inserted] = await tx.insert(applications).values(row).returning();
      if (!inserted) throw new Error('insert into applications returned nothing');
      return inserted;
    },

    async byId(id: string, tx: Executor = db): Promise<ApplicationRecord | undefined> {
      const [row] = await tx.select().from(applications).where(eq(applications.id, id));
      return row;
    },

    async lock(id: string, tx: Executor): Promise<ApplicationRecord | undefined> {
      const [row] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
      return row;
    },

    async decide(
      id: string,
      status: ApplicationRecord['status'],
      at: Date,
      tx: Executor,
    ): Promise<ApplicationRecord> {
      const [row] = await tx
        .update(applications)
        .set({ status, decidedAt: at })
        .where(eq(applications.id, id))
        .returning();
      if (!row) throw new Error(`application ${id} vanished inside its transaction`);
      return row;
    },

    async ofGig(gigId: string, tx: Executor = db): Promise<ApplicationRecord[]> {
      return tx
        .select()
        .from(applications)
        .where(eq(applications.gigId, gigId))
        .orderBy(asc(applications.createdAt), asc(applications.id));
    },
  };
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
