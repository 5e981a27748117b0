import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import {
  courses,
  engagements,
  type FollowUpChannel,
  type FollowUpOutcome,
  followUpContacts,
  followUpRegionSettings,
  gigs,
  helpRequests,
  stationOperators,
} from '../../db/schema/index.js';
import { HOME_STATION } from './list.repository.js';

export type FollowUpContactRecord = typeof followUpContacts.$inferSelect;
export type HelpRequestRecord = typeof helpRequests.$inferSelect;

export function createFollowUpRepository(db: Database) {
  return {
    /** Sets a region's days (null: the region follows its parent or the configuration again). */
    async setIdleDays(
      regionCode: string,
      days: number | null,
      by: { accountId: string; at: Date },
      tx: Executor,
    ): Promise<void> {
      if (days === null) {
        await tx.delete(followUpRegionSettings).where(eq(followUpRegionSettings.regionCode, regionCode));
        return;
      }
      const row = { regionCode, idleDays: days, updatedByAccountId: by.accountId, updatedAt: by.at };
      await tx
        .insert(followUpRegionSettings)
        .values(row)
        .onConflictDoUpdate({ target: followUpRegionSettings.regionCode, set: row });
    },

    /** The days set for each of these regions (absent: none set). */
    async idleDaysOf(regionCodes: readonly string[], executor: Executor = db): Promise<Map<string, number>> {
      if (regionCodes.length === 0) return new Map();
      const rows = await executor
        .select({ code: followUpRegionSettings.regionCode, days: followUpRegionSettings.idleDays })
        .from(followUpRegionSettings)
        .where(inArray(followUpRegionSettings.regionCode, [...regionCodes]));
      return new Map(rows.map((r) => [r.code, r.days]));
    },

    /** What the ledger holds of one worker, for their PIPL export: requests for help and contacts. */
    async ofWorker(workerId: string) {
      const [requests, contacts] = await Promise.all([
        db
          .select()
          .from(helpRequests)
          .where(eq(helpRequests.workerId, workerId))
          .orderBy(helpRequests.askedAt),
        db
          .select()
          .from(followUpContacts)
          .where(eq(followUpContacts.workerId, workerId))
          .orderBy(followUpContacts.contactedAt),
      ]);
      return { helpRequests: requests, contacts };
    },

    /**
     * The erasure (PIPL): the requests for help go; the contacts stay as the bureau's record of the
     * service given (how, when, what was offered, the outcome) on the pseudonymised worker, without
     * the notes operators wrote about the person.
     */
    async forgetWorker(workerId: string, tx: Executor): Promise<void> {
      await tx.delete(helpRequests).where(eq(helpRequests.workerId, workerId));
      await tx.update(followUpContacts).set({ note: null }).where(eq(followUpContacts.workerId, workerId));
    },

    /** A live worker's home station (`stationId` null: none holds their home); null: no such worker. */
    async homeStation(workerId: string): Promise<{ stationId: string | null } | null> {
      const rows = (await db.execute(sql`
        select st.id as "stationId" from workers w
        join accounts a on a.id = w.account_id and a.deleted_at is null
        left join lateral ${HOME_STATION} st on true
        where w.id = ${workerId}`)) as unknown as { stationId: string | null }[];
      return rows[0] ?? null;
    },

    /** The stations an operator works at. */
    async stationsOf(accountId: string): Promise<string[]> {
      const rows = await db
        .select({ id: stationOperators.stationId })
        .from(stationOperators)
        .where(eq(stationOperators.accountId, accountId));
      return rows.map((r) => r.id);
    },

    /** The worker's open request for help: one made after their latest hire that counts. */
    async openHelpRequest(workerId: string, executor: Executor = db): Promise<HelpRequestRecord | null> {
      const latestHire = executor
        .select({ at: sql`max(${engagements.createdAt})` })
        .from(engagements)
        .where(
          and(eq(engagements.workerId, workerId), sql`${engagements.status} not in ('CANCELLED', 'NO_SHOW')`),
        );
      const [row] = await executor
        .select()
        .from(helpRequests)
        .where(
          and(
            eq(helpRequests.workerId, workerId),
            or(isNull(sql`(${latestHire})`), gt(helpRequests.askedAt, sql`(${latestHire})`)),
          ),
        )
        .orderBy(desc(helpRequests.askedAt))
        .limit(1);
      return row ?? null;
    },

    /**
     * Serialises one worker's requests for help (asking twice at once still adds one) and contact
     * notes with each other and with the worker's erasure (the worker's row lock, which the
     * erasure's anonymisation takes); false when there is no such worker or their account is
     * erased. The erasure is read after the lock is held, by a statement of its own: a request
     * that waited for an erasure sees it committed (a locking read would judge the account row as
     * it was before the wait), and is refused rather than write about an erased person.
     */
    async lockWorker(workerId: string, tx: Executor): Promise<boolean> {
      const rows = await tx.execute(sql`select id from workers where id = ${workerId} for update`);
      if (rows.length === 0) return false;
      const [account] = await tx.execute<{ gone: boolean }>(
        sql`select a.deleted_at is not null as gone from workers w join accounts a on a.id = w.account_id where w.id = ${workerId}`,
      );
      return account?.gone === false;
    },

    async insertHelpRequest(
      row: { workerId: string; note: string | null; askedAt: Date },
      tx: Executor,
    ): Promise<HelpRequestRecord> {
      const [created] = await tx.insert(helpRequests).values(row).returning();
      if (!created) throw new Error('help request not written');
      return created;
    },

    async insertContact(
      row: {
        workerId: string;
        stationId: string | null;
        recordedByAccountId: string;
        channel: FollowUpChannel;
        contactedAt: Date;
        offeredGigIds: string[];
        offeredCourseIds: string[];
        outcome: FollowUpOutcome;
        note: string | null;
        nextOn: string | null;
        createdAt: Date;
      },
      tx: Executor,
    ): Promise<FollowUpContactRecord> {
      const [created] = await tx.insert(followUpContacts).values(row).returning();
      if (!created) throw new Error('follow-up contact not written');
      return created;
    },

    async contactsByIds(ids: readonly string[]): Promise<FollowUpContactRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(followUpContacts)
        .where(inArray(followUpContacts.id, [...ids]));
    },

    /** Which of these gigs and courses exist (what a contact says was offered). */
    async existing(gigIds: readonly string[], courseIds: readonly string[]) {
      const [foundGigs, foundCourses] = await Promise.all([
        gigIds.length
          ? db
              .select({ id: gigs.id })
              .from(gigs)
              .where(inArray(gigs.id, [...gigIds]))
          : [],
        courseIds.length
          ? db
              .select({ id: courses.id })
              .from(courses)
              .where(inArray(courses.id, [...courseIds]))
          : [],
      ]);
      return {
        gigIds: new Set(foundGigs.map((g) => g.id)),
        courseIds: new Set(foundCourses.map((c) => c.id)),
      };
    },
  };
}

export type FollowUpRepository = ReturnType<typeof createFollowUpRepository>;
