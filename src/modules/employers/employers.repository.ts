import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { employers, gigs } from '../../db/schema/index.js';

export type EmployerRecord = typeof employers.$inferSelect;

export function createEmployersRepository(db: Database) {
  return {
    async insert(values: typeof employers.$inferInsert, tx: Executor): Promise<EmployerRecord> {
      const [row] = await tx.insert(employers).values(values).returning();
      if (!row) throw new Error('insert into employers returned nothing');
      return row;
    },

    /** The employer who posted a gig. */
    async ofGig(gigId: string, tx: Executor = db): Promise<EmployerRecord | undefined> {
      const [row] = await tx
        .select()
        .from(employers)
        .where(eq(employers.id, tx.select({ id: gigs.employerId }).from(gigs).where(eq(gigs.id, gigId))));
      return row;
    },

    async byIds(ids: readonly string[]): Promise<EmployerRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(employers)
        .where(inArray(employers.id, [...ids]));
    },

    async byAccountIds(accountIds: readonly string[]): Promise<EmployerRecord[]> {
      if (accountIds.length === 0) return [];
      return db
        .select()
        .from(employers)
        .where(inArray(employers.accountId, [...accountIds]));
    },

    async byAccount(accountId: string): Promise<EmployerRecord | undefined> {
      const [row] = await db.select().from(employers).where(eq(employers.accountId, accountId));
      return row;
    },

    /**
     * Sets the verification once; verifying again keeps the first admin and time. `changed` says
     * whether this call verified it.
     */
    async verify(
      id: string,
      adminAccountId: string,
      at: Date,
      tx: Executor,
    ): Promise<{ employer: EmployerRecord; changed: boolean } | undefined> {
      const [updated] = await tx
        .update(employers)
        .set({ verifiedAt: at, verifiedByAccountId: adminAccountId })
        .where(and(eq(employers.id, id), isNull(employers.verifiedAt)))
        .returning();
      if (updated) return { employer: updated, changed: true };
      const [row] = await tx.select().from(employers).where(eq(employers.id, id));
      return row && { employer: row, changed: false };
    },

    async list(filter: { verified?: boolean | null }): Promise<EmployerRecord[]> {
      const condition =
        filter.verified == null
          ? undefined
          : filter.verified
            ? isNotNull(employers.verifiedAt)
            : isNull(employers.verifiedAt);
      return db.select().from(employers).where(condition).orderBy(asc(employers.createdAt));
    },
  };
}

export type EmployersRepository = ReturnType<typeof createEmployersRepository>;
