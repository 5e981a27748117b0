import { and, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { accounts, offers, type SmsStatus, smsMessages, workers } from '../../db/schema/index.js';

export type SmsMessageRecord = typeof smsMessages.$inferSelect;
export type NewSmsMessage = typeof smsMessages.$inferInsert;

/** A worker as the SMS side sees them: the account's phone and their choice. */
export type SmsWorker = {
  workerId: string;
  accountId: string;
  phone: string | null;
  smsOffers: boolean;
  optedOutAt: Date | null;
  /** The account's chosen language (null: none chosen, texted in Chinese). */
  locale: 'zh-CN' | 'en' | null;
};

/** What an offer SMS counts against the daily cap: one that went, or is going, out. */
const COUNTED: SmsStatus[] = ['QUEUED', 'SENT', 'DELIVERED'];
/** An offer the worker saw by SMS (one that went out), which a reply 1 or 2 may answer. */
const TEXTED = ['QUEUED', 'SENT', 'DELIVERED'];

const smsWorker = {
  workerId: workers.id,
  accountId: accounts.id,
  phone: accounts.phone,
  smsOffers: workers.smsOffers,
  optedOutAt: workers.smsOptedOutAt,
  locale: accounts.locale,
};

/** A worker's SMS key (an advisory lock, lockWorker), held too by their erasure from its start. */
export const smsKey = (workerId: string) => `sms:${workerId}`;

export function createSmsRepository(db: Database) {
  const setOfferStatus = async (offerId: string, status: string, tx: Executor) => {
    await tx.update(offers).set({ smsStatus: status }).where(eq(offers.id, offerId));
  };

  return {
    /** Of these workers, those who get offers by SMS (accounts not erased). */
    async recipients(workerIds: readonly string[]): Promise<Map<string, SmsWorker>> {
      if (workerIds.length === 0) return new Map();
      const rows = await db
        .select(smsWorker)
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(
          and(inArray(workers.id, [...workerIds]), eq(workers.smsOffers, true), isNull(accounts.deletedAt)),
        );
      return new Map(rows.map((r) => [r.workerId, r]));
    },

    async workerById(workerId: string): Promise<SmsWorker | undefined> {
      const [row] = await db
        .select(smsWorker)
        .from(workers)
        .innerJoin(accounts, eq(accounts.id, workers.accountId))
        .where(and(eq(workers.id, workerId), isNull(accounts.deletedAt)));
      return row;
    },

    /** The worker whose account holds this phone number. */
    async workerByPhone(phone: string): Promise<SmsWorker | undefined> {
      const [row] = await db
        .select(smsWorker)
        .from(accounts)
        .innerJoin(workers, eq(workers.accountId, accounts.id))
        .where(and(eq(accounts.phone, phone), isNull(accounts.deletedAt)));
      return row;
    },

    async setSmsOffers(workerId: string, enabled: boolean, at: Date) {
      const [row] = await db
        .update(workers)
        // Turning SMS on again is a new choice: an earlier 退订 no longer stands.
        .set(
          enabled
            ? { smsOffers: true, smsOptedOutAt: null, updatedAt: at }
            : { smsOffers: false, updatedAt: at },
        )
        .where(eq(workers.id, workerId))
        .returning();
      return row;
    },

    /** TD: no more SMS offers. False when the worker had already opted out. */
    async optOut(workerId: string, at: Date): Promise<boolean> {
      const changed = await db
        .update(workers)
        .set({ smsOffers: false, smsOptedOutAt: at, updatedAt: at })
        .where(and(eq(workers.id, workerId), isNull(workers.smsOptedOutAt)))
        .returning({ id: workers.id });
      return changed.length > 0;
    },

    /**
     * The offer a reply 1 or 2 answers: of the offers texted to the worker, the newest still open,
     * else the newest of all (so a late 1 hears 已招满 or 已过期 rather than nothing). Crew offers
     * are answered in the app, naming who goes.
     */
    async replyTarget(workerId: string, now: Date): Promise<{ id: string } | undefined> {
      const [row] = await db
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.workerId, workerId), isNull(offers.crewId), inArray(offers.smsStatus, TEXTED)))
        .orderBy(
          desc(
            sql`(${offers.status} = 'PENDING' and ${offers.expiresAt} > ${now.toISOString()}::timestamptz)`,
          ),
          desc(offers.sentAt),
        )
        .limit(1);
      return row;
    },

    async insert(row: NewSmsMessage, tx: Executor): Promise<SmsMessageRecord> {
      const [inserted] = await tx.insert(smsMessages).values(row).returning();
      if (!inserted) throw new Error('insert into sms_messages returned nothing');
      return inserted;
    },

    /** Offer SMS of the worker since `since` that count against the daily cap. */
    async offerTextsSince(workerId: string, since: Date, tx: Executor): Promise<number> {
      // Offers, not texts: an answer to the worker's own reply carries the offer it acted on too.
      const [row] = await tx
        .select({ n: sql<number>`count(distinct ${smsMessages.offerId})::int` })
        .from(smsMessages)
        .where(
          and(
            eq(smsMessages.workerId, workerId),
            gte(smsMessages.createdAt, since),
            eq(smsMessages.direction, 'OUT'),
            isNotNull(smsMessages.offerId),
            inArray(smsMessages.status, COUNTED),
          ),
        );
      return row?.n ?? 0;
    },

    /**
     * Serialises one worker's offer texts (the cap's count and the insert) across nodes, and with
     * the worker's erasure, which holds the same key from its start (privacy.wiring.ts).
     */
    async lockWorker(workerId: string, tx: Executor): Promise<void> {
      await holdKeys([smsKey(workerId)], tx);
    },

    /** The offer shows how its SMS went: QUEUED, SENT, DELIVERED, FAILED or SUPPRESSED_<reason>. */
    setOfferStatus,

    /** The provider took the message (SENT) or refused it (FAILED); the offer shows the same. */
    async settle(
      id: string,
      patch: { status: 'SENT' | 'FAILED'; providerMessageId?: string; error?: string },
      at: Date,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(smsMessages)
          .set({ ...patch, updatedAt: at })
          .where(and(eq(smsMessages.id, id), eq(smsMessages.status, 'QUEUED')))
          .returning();
        if (row?.offerId) await setOfferStatus(row.offerId, patch.status, tx);
      });
    },

    /** A delivery report: the message reached the phone, or did not. Unknown ids change nothing. */
    async delivered(
      providerMessageId: string,
      ok: boolean,
      error: string | null,
      at: Date,
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(smsMessages)
          .set({ status: ok ? 'DELIVERED' : 'FAILED', error: ok ? null : error, updatedAt: at })
          .where(
            and(
              eq(smsMessages.providerMessageId, providerMessageId),
              eq(smsMessages.direction, 'OUT'),
              inArray(smsMessages.status, ['SENT', 'DELIVERED', 'FAILED']),
            ),
          )
          .returning();
        for (const row of rows) {
          if (row.offerId) await setOfferStatus(row.offerId, row.status, tx);
        }
        return rows.length > 0;
      });
    },
  };
}

export type SmsRepository = ReturnType<typeof createSmsRepository>;
