import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { trainingProviders } from '../../db/schema/index.js';

export type TrainingProviderRecord = typeof trainingProviders.$inferSelect;

/** The SQL of training providers (培训机构): registration, verification, look-ups. */
export function createProvidersRepository(db: Database) {
  return {
    async insert(
      values: typeof trainingProviders.$inferInsert,
      tx: Executor,
    ): Promise<TrainingProviderRecord> {
      const [row] = await tx.insert(trainingProviders).values(values).returning();
      if (!row) throw new Error('insert into training_providers returned nothing');
      return row;
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<TrainingProviderRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(trainingProviders)
        .where(inArray(trainingProviders.id, [...ids]));
    },

    /** The provider an account signs in as (the token carries no provider id). */
    async byAccount(accountId: string, tx: Executor = db): Promise<TrainingProviderRecord | undefined> {
      const [row] = await tx
        .select()
        .from(trainingProviders)
        .where(eq(trainingProviders.accountId, accountId));
      return row;
    },

    /** Sets the verification once; `changed` says whether this call verified it. */
    async verify(
      id: string,
      adminAccountId: string,
      at: Date,
      tx: Executor,
    ): Promise<{ provider: TrainingProviderRecord; changed: boolean } | undefined> {
      const [updated] = await tx
        .update(trainingProviders)
        .set({ verifiedAt: at, verifiedByAccountId: adminAccountId })
        .where(and(eq(trainingProviders.id, id), isNull(trainingProviders.verifiedAt)))
        .returning();
      if (updated) return { provider: updated, changed: true };
      const [row] = await tx.select().from(trainingProviders).where(eq(trainingProviders.id, id));
      return row && { provider: row, changed: false };
    },

    async list(filter: { verified?: boolean | null }): Promise<TrainingProviderRecord[]> {
      const condition =
        filter.verified == null
          ? undefined
          : filter.verified
            ? isNotNull(trainingProviders.verifiedAt)
            : isNull(trainingProviders.verifiedAt);
      return db
        .select()
        .from(trainingProviders)
        .where(condition)
        .orderBy(asc(trainingProviders.createdAt), asc(trainingProviders.id));
    },
  };
}

export type ProvidersRepository = ReturnType<typeof createProvidersRepository>;
