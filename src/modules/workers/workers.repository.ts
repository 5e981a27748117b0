import { and, asc, count, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import {
  accounts,
  smsMessages,
  workerAvailability,
  workerCertificates,
  workerSkills,
  workers,
} from '../../db/schema/index.js';

export type WorkerRecord = typeof workers.$inferSelect;
export type WorkerSkillRecord = typeof workerSkills.$inferSelect;
export type AvailabilityRecord = typeof workerAvailability.$inferSelect;
export type NewWorker = typeof workers.$inferInsert;

export function createWorkersRepository(db: Database) {
  return {
    async insert(
      worker: NewWorker,
      skills: { skillCode: string; level: number; certified: boolean }[],
      tx: Executor,
    ) {
      const [row] = await tx.insert(workers).values(worker).returning();
      if (!row) throw new Error('insert into workers returned nothing');
      if (skills.length > 0)
        await tx.insert(workerSkills).values(skills.map((s) => ({ ...s, workerId: row.id })));
      return row;
    },

    async byAccount(accountId: string): Promise<WorkerRecord | undefined> {
      const [row] = await db.select().from(workers).where(eq(workers.accountId, accountId));
      return row;
    },

    async byAccountIds(accountIds: readonly string[]): Promise<WorkerRecord[]> {
      if (accountIds.length === 0) return [];
      return db
        .select()
        .from(workers)
        .where(inArray(workers.accountId, [...accountIds]));
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<WorkerRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(workers)
        .where(inArray(workers.id, [...ids]));
    },

    /**
     * Those of these workers who take no hire, read under their hiring keys (engagements.holdWorkers): whose
     * accounts are erased (an accept of an offer a wave wrote while its worker was being erased
     * finds them here) and whose accounts an admin has suspended (suspendAccount: a suspended
     * worker takes no gig, by any door, until reinstated). One statement, for the accept batch's
     * pipeline.
     */
    async goneAmong(
      workerIds: readonly string[],
      tx: Executor,
    ): Promise<{ erased: Set<string>; suspended: Set<string> }> {
      const gone = { erased: new Set<string>(), suspended: new Set<string>() };
      if (workerIds.length === 0) return gone;
      const rows = await tx.execute<{ id: string; erased: boolean }>(
        sql`select w.id, a.deleted_at is not null as erased
            from workers w join accounts a on a.id = w.account_id
            where w.id in ${[...workerIds]} and (a.deleted_at is not null or a.suspended_at is not null)`,
      );
      for (const row of rows) (row.erased ? gone.erased : gone.suspended).add(row.id);
      return gone;
    },

    /**
     * Of `workerIds`, those whose account an admin has suspended (suspendAccount): a suspended
     * account cannot sign in, so it takes no gig (docs/training.md), and nobody takes one for it.
     */
    async suspended(workerIds: readonly string[], tx: Executor): Promise<Set<string>> {
      if (workerIds.length === 0) return new Set();
      const rows = await tx
        .select({ id: workers.id })
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(and(inArray(workers.id, [...workerIds]), sql`${accounts.suspendedAt} is not null`));
      return new Set(rows.map((r) => r.id));
    },

    /**
     * Whether the worker's account is erased (an unknown worker counts as erased). Callers read it
     * under a key the erasure holds from its start (hiring's, training's wishes and enrolments',
     * SMS's): a statement of its own after the key, so an erasure that went first is seen committed.
     */
    async erased(workerId: string, tx: Executor): Promise<boolean> {
      const [row] = await tx
        .select({ gone: sql<boolean>`${accounts.deletedAt} is not null` })
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(eq(workers.id, workerId));
      return row?.gone ?? true;
    },

    /**
     * Holds the worker's row (a share lock) until the transaction ends and answers whether their
     * account is live. The erasure's anonymisation updates the row: a write holding it first runs
     * before the erasure (which then deletes what it wrote); one that waited reads the erasure by a
     * statement of its own, after the lock, and sees it committed (false: write nothing).
     */
    async holdLive(workerId: string, tx: Executor): Promise<boolean> {
      const held = await tx
        .select({ id: workers.id })
        .from(workers)
        .where(eq(workers.id, workerId))
        .for('share');
      if (held.length === 0) return false;
      const [live] = await tx
        .select({ id: workers.id })
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(and(eq(workers.id, workerId), isNull(accounts.deletedAt)));
      return live !== undefined;
    },

    async skillsOf(workerIds: readonly string[], tx: Executor = db): Promise<WorkerSkillRecord[]> {
      if (workerIds.length === 0) return [];
      return tx
        .select()
        .from(workerSkills)
        .where(inArray(workerSkills.workerId, [...workerIds]));
    },

    async availabilityOf(workerIds: readonly string[], tx: Executor = db): Promise<AvailabilityRecord[]> {
      if (workerIds.length === 0) return [];
      return tx
        .select()
        .from(workerAvailability)
        .where(inArray(workerAvailability.workerId, [...workerIds]))
        .orderBy(asc(workerAvailability.startsAt));
    },

    /**
     * The worker's row is written first: its lock makes two replacements of one worker (a double
     * tap) run one after the other. Without it, two of a worker with no windows delete nothing,
     * both insert, and the second is refused by the exclusion constraint (or both deadlock on it).
     * The erasure's anonymisation takes the same lock: a replacement that waited for an erasure
     * reads it (a statement of its own, after the lock) and writes nothing: false, as for no worker.
     */
    async replaceAvailability(
      workerId: string,
      windows: { startsAt: Date; endsAt: Date }[],
      tx: Executor,
    ): Promise<boolean> {
      await tx.update(workers).set({ updatedAt: sql`now()` }).where(eq(workers.id, workerId));
      const [live] = await tx
        .select({ id: workers.id })
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(and(eq(workers.id, workerId), isNull(accounts.deletedAt)));
      if (!live) return false;
      await tx.delete(workerAvailability).where(eq(workerAvailability.workerId, workerId));
      if (windows.length > 0) {
        await tx.insert(workerAvailability).values(windows.map((w) => ({ ...w, workerId })));
      }
      return true;
    },

    /**
     * PIPL erasure: the person's identifying data goes, the worker row (and the hires and payments
     * that point at it) stays, so a wage dispute can still be settled.
     */
    /**
     * An erased worker's row (PIPL), kept because hires and payments point at it: the name gives way
     * to `pseudonym`; ID number, home point, residence, brand and priority groups go; the birth
     * date keeps only its year (the bureau's statistics count ages); docs/security.md, "Erasure".
     */
    async anonymise(workerId: string, pseudonym: string, tx: Executor) {
      await tx
        .update(workers)
        .set({
          name: pseudonym,
          idNumberHmac: null,
          idNumberEncrypted: null,
          idNumberMasked: '******************',
          birthDate: sql`date_trunc('year', ${workers.birthDate})::date`,
          residenceRegionCode: null,
          laborBrand: null,
          priorityGroups: [],
          lat: 0,
          lng: 0,
          travelRadiusKm: 0,
          smsOffers: false,
          updatedAt: sql`now()`,
        })
        .where(eq(workers.id, workerId));
      // The texts kept of offers and replies held the phone number and what the person wrote.
      await tx
        .update(smsMessages)
        .set({ phone: null, body: '已注销' })
        .where(eq(smsMessages.workerId, workerId));
      await tx.delete(workerSkills).where(eq(workerSkills.workerId, workerId));
      // Certificate numbers and issuers name the person (after the skills that point at them).
      await tx.delete(workerCertificates).where(eq(workerCertificates.workerId, workerId));
      await tx.delete(workerAvailability).where(eq(workerAvailability.workerId, workerId));
    },

    /** Workers whose accounts still exist, for the search index (deleted ones are removed from it). */
    async searchable(ids: readonly string[], tx: Executor = db): Promise<WorkerRecord[]> {
      if (ids.length === 0) return [];
      const rows = await tx
        .select({ worker: workers })
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(and(inArray(workers.id, [...ids]), isNull(accounts.deletedAt)));
      return rows.map((r) => r.worker);
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(workers);
      return row?.n ?? 0;
    },

    async idsUpdatedSince(since: Date): Promise<string[]> {
      const rows = await db.select({ id: workers.id }).from(workers).where(gte(workers.updatedAt, since));
      return rows.map((r) => r.id);
    },

    async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: workers.id })
        .from(workers)
        .where(afterId ? sql`${workers.id} > ${afterId}` : undefined)
        .orderBy(asc(workers.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },
  };
}

export type WorkersRepository = ReturnType<typeof createWorkersRepository>;
