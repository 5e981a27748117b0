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

export type FollowUpContactRecord = typeof followUpContacts.$inferSelect;
export type HelpRequestRecord = typeof helpRequests.$inferSelect;

/** One worker on the follow-up list, as the rule computes it (see `list`). */
export type FollowUpRow = {
  workerId: string;
  name: string;
  priorityGroups: string[];
  regionCode: string;
  stationId: string | null;
  stationName: string | null;
  askedForHelpAt: Date | null;
  idleSince: Date;
  thresholdDays: number;
  lastContactId: string | null;
  nextOn: string | null;
};

/** Whose list: the stations named (an operator's), and/or the regions (an admin's, codes of a subtree). */
export type FollowUpScope = {
  stationIds: string[] | null;
  regionCodes: string[] | null;
};

/** Hires that count as work: a hire cancelled, or one the worker did not come to, is no work. */
const WORKED = sql`e.status not in ('CANCELLED', 'NO_SHOW')`;

/**
 * The station of the worker `w`'s home: the nearest whose service area holds it (haversine, as
 * the gig search measures), ties by id.
 */
const HOME_STATION = sql`(
  select s.id, s.name from stations s
  where (12742 * asin(least(1, sqrt(
    power(sin(radians(w.lat - s.lat) / 2), 2) +
    cos(radians(s.lat)) * cos(radians(w.lat)) * power(sin(radians(w.lng - s.lng) / 2), 2))))) <= s.service_radius_km
  order by power(w.lat - s.lat, 2) + power((w.lng - s.lng) * cos(radians(w.lat)), 2), s.id
  limit 1
)`;

export function createFollowUpRepository(db: Database) {
  return {
    /**
     * The follow-up list (帮扶台账), one set-based statement. A worker is on it when
     *  - they are in a priority group, or asked for help after their latest hire (an open request);
     *  - and they have had no work for the region's days: `idleSince` (the end of their latest hire
     *    that counts, or their registration when they never had one) is at least that many days ago.
     *    A hire running now or ahead ends in the future, so a worker just hired leaves the list.
     * The days: the setting of the worker's county, else its city, else its province, else
     * `defaultDays` (FOLLOW_UP_IDLE_DAYS). The station: the nearest one whose service area holds the
     * worker's home (ties by id); none when no station's area does (admins still see them).
     * The last contact counts only from the start of this spell without work. An erased person
     * (PIPL) is on no list, whatever their request said.
     */
    async list(
      scope: FollowUpScope,
      at: Date,
      defaultDays: number,
      executor: Executor = db,
    ): Promise<FollowUpRow[]> {
      const now = at.toISOString();
      const stationFilter = scope.stationIds
        ? sql`and st.id = any(${`{${scope.stationIds.join(',')}}`}::uuid[])`
        : sql``;
      const regionFilter = scope.regionCodes
        ? sql`and r.code = any(${`{${scope.regionCodes.join(',')}}`}::text[])`
        : sql``;
      const rows = await executor.execute(sql`
        select w.id as "workerId", w.name, w.priority_groups as "priorityGroups", r.code as "regionCode",
          st.id as "stationId", st.name as "stationName", h.asked_at as "askedForHelpAt",
          idle.since as "idleSince", days.n as "thresholdDays",
          c.id as "lastContactId", c.next_on::text as "nextOn"
        from workers w
        join accounts a on a.id = w.account_id and a.deleted_at is null
        join regions r on r.code = coalesce(w.residence_region_code, w.home_region_code)
        left join regions r2 on r2.code = r.parent_code
        left join follow_up_region_settings s1 on s1.region_code = r.code
        left join follow_up_region_settings s2 on s2.region_code = r2.code
        left join follow_up_region_settings s3 on s3.region_code = r2.parent_code
        cross join lateral (select coalesce(s1.idle_days, s2.idle_days, s3.idle_days, ${defaultDays}::int) as n) days
        left join lateral (
          select max(e.created_at) as hired_at, max(e.ends_at) as worked_until
          from engagements e where e.worker_id = w.id and ${WORKED}
        ) work on true
        left join lateral (
          select hr.asked_at from help_requests hr
          where hr.worker_id = w.id and (work.hired_at is null or hr.asked_at > work.hired_at)
          order by hr.asked_at desc limit 1
        ) h on true
        cross join lateral (select greatest(w.created_at, work.worked_until) as since) idle
        left join lateral ${HOME_STATION} st on true
        left join lateral (
          select fc.id, fc.next_on from follow_up_contacts fc
          where fc.worker_id = w.id and fc.contacted_at >= idle.since
          order by fc.contacted_at desc, fc.created_at desc limit 1
        ) c on true
        where (cardinality(w.priority_groups) > 0 or h.asked_at is not null)
          and idle.since <= ${now}::timestamptz - make_interval(days => days.n)
          ${stationFilter} ${regionFilter}
        order by idle.since, w.id`);
      return (rows as unknown as FollowUpRow[]).map((row) => ({
        ...row,
        idleSince: new Date(row.idleSince),
        askedForHelpAt: row.askedForHelpAt ? new Date(row.askedForHelpAt) : null,
      }));
    },

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

    /** Serialises one worker's requests for help (asking twice at once still adds one). */
    async lockWorker(workerId: string, tx: Executor): Promise<boolean> {
      const rows = await tx.execute(sql`select id from workers where id = ${workerId} for update`);
      return rows.length > 0;
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
