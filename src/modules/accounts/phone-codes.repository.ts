import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { type PhoneCodePurpose, phoneCodes } from '../../db/schema/index.js';

export type PhoneCodeRecord = typeof phoneCodes.$inferSelect;
export type PhoneCodeKeys = { phoneKey: string; pairKey: string; clientKey: string };

/** What was asked for lately: by this number from this address, by the number, by the address. */
export type PhoneCodeCounts = {
  pairHour: number;
  pairDay: number;
  /** The newest request of this number from this address for this purpose, in ms since the epoch. */
  pairLastMs: number | null;
  numberDay: number;
  addressHour: number;
  addressDay: number;
  /** Wrong tries on the codes this address asked for in the last day, all numbers together. */
  addressWrongDay: number;
  /** Warnings texted to the number's owner in the last hour. */
  warningsHour: number;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Raw SQL takes instants as ISO strings (drizzle's postgres.js driver sends no Date).
const instant = (at: Date) => sql`${at.toISOString()}::timestamptz`;

export function createPhoneCodesRepository(db: Database) {
  const t = phoneCodes;
  return {
    db,

    /**
     * Holds the number's and the address's requests until the transaction ends (advisory locks, in
     * one order), so requests racing on any node are counted one after the other.
     */
    async lockKeys(keys: readonly string[], tx: Executor): Promise<void> {
      await holdKeys(keys, tx);
    },

    async counts(
      keys: PhoneCodeKeys,
      purpose: PhoneCodePurpose,
      now: Date,
      tx: Executor,
    ): Promise<PhoneCodeCounts> {
      const hourAgo = instant(new Date(now.getTime() - HOUR));
      const dayAgo = instant(new Date(now.getTime() - DAY));
      const pair = sql`${t.pairKey} = ${keys.pairKey}`;
      const phone = sql`${t.phoneKey} = ${keys.phoneKey}`;
      const client = sql`${t.clientKey} = ${keys.clientKey}`;
      const lastHour = sql`${t.createdAt} > ${hourAgo}`;
      const [row] = await tx
        .select({
          pairHour: sql<number>`(count(*) filter (where ${pair} and ${lastHour}))::int`,
          pairDay: sql<number>`(count(*) filter (where ${pair}))::int`,
          pairLastMs: sql<
            number | null
          >`(extract(epoch from max(${t.createdAt}) filter (where ${pair} and ${t.purpose} = ${purpose})) * 1000)::float8`,
          numberDay: sql<number>`(count(*) filter (where ${phone}))::int`,
          addressHour: sql<number>`(count(*) filter (where ${client} and ${lastHour}))::int`,
          addressDay: sql<number>`(count(*) filter (where ${client}))::int`,
          addressWrongDay: sql<number>`(coalesce(sum(${t.attempts}) filter (where ${client}), 0))::int`,
          warningsHour: sql<number>`(count(*) filter (where ${phone} and ${lastHour} and ${t.delivery} = 'OWNER_WARNING'))::int`,
        })
        .from(t)
        .where(sql`(${phone} or ${client}) and ${t.createdAt} > ${dayAgo}`);
      return {
        pairHour: row?.pairHour ?? 0,
        pairDay: row?.pairDay ?? 0,
        pairLastMs: row?.pairLastMs ?? null,
        numberDay: row?.numberDay ?? 0,
        addressHour: row?.addressHour ?? 0,
        addressDay: row?.addressDay ?? 0,
        addressWrongDay: row?.addressWrongDay ?? 0,
        warningsHour: row?.warningsHour ?? 0,
      };
    },

    async insert(values: typeof phoneCodes.$inferInsert, tx: Executor): Promise<void> {
      await tx.insert(t).values(values);
    },

    /**
     * The number's newest request for `purpose` (for PHONE_CHANGE, the newest of that account),
     * locked until the transaction ends: only it may be used, and wrong tries are counted on it.
     */
    async latest(
      phoneKey: string,
      purpose: PhoneCodePurpose,
      accountId: string | null,
      tx: Executor,
    ): Promise<PhoneCodeRecord | undefined> {
      const [row] = await tx
        .select()
        .from(t)
        .where(
          and(
            eq(t.phoneKey, phoneKey),
            eq(t.purpose, purpose),
            accountId ? eq(t.accountId, accountId) : isNull(t.accountId),
          ),
        )
        .orderBy(desc(t.createdAt))
        .limit(1)
        .for('update');
      return row;
    },

    /** One more wrong code tried against the row; the count after it. */
    async countWrong(id: string, tx: Executor): Promise<number> {
      const [row] = await tx
        .update(t)
        .set({ attempts: sql`${t.attempts} + 1` })
        .where(eq(t.id, id))
        .returning({ attempts: t.attempts });
      return row?.attempts ?? Number.POSITIVE_INFINITY;
    },

    /** Uses a code up; false if it was used already (two requests racing with one code). */
    async use(id: string, now: Date, tx: Executor): Promise<boolean> {
      const used = await tx
        .update(t)
        .set({ usedAt: now })
        .where(and(eq(t.id, id), isNull(t.usedAt)))
        .returning({ id: t.id });
      return used.length > 0;
    },

    /** Forgets requests older than every limit's day. */
    async prune(before: Date): Promise<void> {
      await db.delete(t).where(lt(t.createdAt, before));
    },
  };
}

export type PhoneCodesRepository = ReturnType<typeof createPhoneCodesRepository>;
