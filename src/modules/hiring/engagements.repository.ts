import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { engagements, gigs } from '../../db/schema/index.js';

export type EngagementRecord = typeof engagements.$inferSelect;
export type NewEngagement = typeof engagements.$inferInsert;

/** Statuses in which a hire holds the worker's time (the exclusion constraint's). */
export const LIVE_ENGAGEMENT = ['CONFIRMED', 'CHECKED_IN', 'COMPLETED'] as const;

const overlaps = (startsAt: Date, endsAt: Date) =>
  sql`tstzrange(${engagements.startsAt}, ${engagements.endsAt}, '[)') && tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, '[)')`;

/**
 * A worker's hiring key (an advisory lock, engagements.holdWorkers): every hire, application and
 * accept of the worker holds it before any row, and so does the worker's erasure (erasure.repository.ts).
 */
export const hiringKey = (workerId: string) => `engagements:${workerId}`;

/** Hires (engagements) as hiring writes and reads them; the work module keeps their life after. */
export function createEngagementsRepository(db: Database) {
  return {
    /**
     * Holds these workers' hires until the transaction ends (advisory locks, taken in one order).
     * Two transactions hiring one worker into overlapping gigs would otherwise both write their
     * row and then each wait on the other's at the exclusion constraint, a deadlock PostgreSQL
     * breaks by aborting one of them with no answer the worker can use. Held, the second waits
     * before writing and is refused by the constraint once the first commits (SCHEDULE_CONFLICT).
     * Taken first in the transaction, before any row (the gig's, an offer's, an application's):
     * the erasure of a worker holds the key from its start and then changes those rows.
     */
    async holdWorkers(workerIds: readonly string[], tx: Executor): Promise<void> {
      await holdKeys(workerIds.map(hiringKey), tx);
    },

    /** Hires in one statement, returned in the order given (matched by worker: one hire each). */
    async insert(rows: NewEngagement[], tx: Executor): Promise<EngagementRecord[]> {
      if (rows.length === 0) return [];
      const inserted = await tx.insert(engagements).values(rows).returning();
      const byWorker = new Map(inserted.map((row) => [row.workerId, row]));
      return rows.map((row) => {
        const found = byWorker.get(row.workerId);
        if (!found) throw new Error(`the hire of ${row.workerId} is missing from its insert`);
        return found;
      });
    },

    async byOffer(offerId: string, tx: Executor = db): Promise<EngagementRecord | undefined> {
      const [row] = await tx.select().from(engagements).where(eq(engagements.offerId, offerId));
      return row;
    },

    /** The hires made from these offers, in one read (a batch of refused accepts, see acceptOffer). */
    async byOffers(offerIds: readonly string[], tx: Executor = db): Promise<EngagementRecord[]> {
      if (offerIds.length === 0) return [];
      return tx
        .select()
        .from(engagements)
        .where(inArray(engagements.offerId, [...offerIds]));
    },

    async byApplication(applicationId: string, tx: Executor = db): Promise<EngagementRecord | undefined> {
      const [row] = await tx.select().from(engagements).where(eq(engagements.applicationId, applicationId));
      return row;
    },

    async ofCrewOnGig(crewId: string, gigId: string, tx: Executor = db): Promise<EngagementRecord[]> {
      return tx
        .select()
        .from(engagements)
        .where(and(eq(engagements.crewId, crewId), eq(engagements.gigId, gigId)));
    },

    async ofWorker(workerId: string): Promise<EngagementRecord[]> {
      return db
        .select()
        .from(engagements)
        .where(eq(engagements.workerId, workerId))
        .orderBy(desc(engagements.startsAt), asc(engagements.id));
    },

    async ofEmployer(employerId: string): Promise<EngagementRecord[]> {
      const rows = await db
        .select({ engagement: engagements })
        .from(engagements)
        .innerJoin(gigs, eq(gigs.id, engagements.gigId))
        .where(eq(gigs.employerId, employerId))
        .orderBy(desc(engagements.startsAt), asc(engagements.id));
      return rows.map((r) => r.engagement);
    },

    /** Whether the worker holds a live hire overlapping the window. */
    async hasOverlap(
      workerId: string,
      window: { startsAt: Date; endsAt: Date },
      tx: Executor = db,
    ): Promise<boolean> {
      const [row] = await tx
        .select({ id: engagements.id })
        .from(engagements)
        .where(
          and(
            eq(engagements.workerId, workerId),
            inArray(engagements.status, [...LIVE_ENGAGEMENT]),
            overlaps(window.startsAt, window.endsAt),
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    /** Calls off the live hires of a cancelled gig, returning them so the workers can be told. */
    async cancelOfGig(gigId: string, at: Date, tx: Executor): Promise<EngagementRecord[]> {
      return tx
        .update(engagements)
        .set({ status: 'CANCELLED', cancelledAt: at, cancelledBy: 'EMPLOYER' })
        .where(and(eq(engagements.gigId, gigId), inArray(engagements.status, ['CONFIRMED', 'CHECKED_IN'])))
        .returning();
    },

    async workedFor(employerId: string, workerId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: engagements.id })
        .from(engagements)
        .innerJoin(gigs, eq(gigs.id, engagements.gigId))
        .where(and(eq(gigs.employerId, employerId), eq(engagements.workerId, workerId)))
        .limit(1);
      return row !== undefined;
    },
  };
}

export type EngagementsRepository = ReturnType<typeof createEngagementsRepository>;
