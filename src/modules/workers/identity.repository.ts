import { and, eq, ne } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { type IdentityStatus, workers } from '../../db/schema/index.js';
import type { WorkerRecord } from './workers.repository.js';

/** The ID number as stored: encrypted, fingerprinted, masked, and what it says. */
export type StoredIdNumber = {
  idNumberHmac: string;
  idNumberEncrypted: string;
  idNumberMasked: string;
  birthDate: string;
  sex: 'male' | 'female';
};

export type Verification = {
  status: Exclude<IdentityStatus, 'SELF_DECLARED'>;
  at: Date;
  byAccountId: string | null;
  stationId: string | null;
};

/** Shown for a number that is not (or no longer) the account's: the erased form. */
export const NO_ID_NUMBER = '******************';

/** The SQL of the identity part of the registry (实名): who holds a number, who verified whom. */
export function createIdentityRepository(db: Database) {
  return {
    /** The worker's row, locked for the verification's transaction. */
    async lock(workerId: string, tx: Executor): Promise<WorkerRecord | undefined> {
      const [row] = await tx.select().from(workers).where(eq(workers.id, workerId)).for('update');
      return row;
    },

    /** Other workers holding the number (any status), locked, in id order. */
    async holdersOf(idNumberHmac: string, exceptWorkerId: string, tx: Executor): Promise<WorkerRecord[]> {
      return tx
        .select()
        .from(workers)
        .where(and(eq(workers.idNumberHmac, idNumberHmac), ne(workers.id, exceptWorkerId)))
        .orderBy(workers.id)
        .for('update');
    },

    async byId(workerId: string, tx: Executor = db): Promise<WorkerRecord | undefined> {
      const [row] = await tx.select().from(workers).where(eq(workers.id, workerId));
      return row;
    },

    /** Marks the worker verified, with the number the card (or the service) confirmed. */
    async markVerified(workerId: string, number: StoredIdNumber, how: Verification, tx: Executor) {
      const [row] = await tx
        .update(workers)
        .set({
          ...number,
          identityStatus: how.status,
          identityVerifiedAt: how.at,
          identityVerifiedByAccountId: how.byAccountId,
          identityVerifiedAtStationId: how.stationId,
          idNumberLostAt: null,
          updatedAt: how.at,
        })
        .where(eq(workers.id, workerId))
        .returning();
      if (!row) throw new Error(`worker ${workerId} vanished while being verified`);
      return row;
    },

    /**
     * The number goes from an account that only declared it (or had it confirmed by a service):
     * cleared, the account back to SELF_DECLARED, and the time it was lost recorded.
     */
    async loseNumber(workerId: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .update(workers)
        .set({
          idNumberHmac: null,
          idNumberEncrypted: null,
          idNumberMasked: NO_ID_NUMBER,
          identityStatus: 'SELF_DECLARED',
          identityVerifiedAt: null,
          identityVerifiedByAccountId: null,
          identityVerifiedAtStationId: null,
          idNumberLostAt: at,
          updatedAt: at,
        })
        .where(eq(workers.id, workerId));
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
