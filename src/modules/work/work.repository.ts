import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import {
  arrearsCases,
  type DisputeStatus,
  disputeNotes,
  disputes,
  engagements,
  gigs,
  payments,
  ratings,
  workers,
} from '../../db/schema/index.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';

export type PaymentEntry = typeof payments.$inferSelect;
export type ArrearsRecord = typeof arrearsCases.$inferSelect;
export type DisputeRecord = typeof disputes.$inferSelect;
export type DisputeNoteRecord = typeof disputeNotes.$inferSelect;
/** A note as GraphQL shows it: who said it (ADMIN, WORKER or EMPLOYER). */
export type DisputeNoteView = DisputeNoteRecord & { by: string };
export type RatingRecord = typeof ratings.$inferSelect;
export type EngagementChange = Partial<typeof engagements.$inferInsert>;

/** What reliability is computed from: a worker's last hires that reached an end. */
export type OutcomeRow = {
  status: EngagementRecord['status'];
  cancelledLate: boolean;
  stars: number | null;
  /** For a completed hire: the hours its attendance settled at (null while undecided). */
  settledHours?: number | null;
};

/** Stars workers gave an employer, counting verified raters only (see employerRatings). */
export type EmployerRating = { average: number; count: number };

/** How many of a worker's latest hires reliability looks at. */
export const RELIABILITY_WINDOW = 50;

export function createWorkRepository(db: Database) {
  return {
    async engagement(id: string, tx: Executor = db): Promise<EngagementRecord | undefined> {
      const [row] = await tx.select().from(engagements).where(eq(engagements.id, id));
      return row;
    },

    async engagements(ids: readonly string[]): Promise<EngagementRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(engagements)
        .where(inArray(engagements.id, [...ids]));
    },

    async lockEngagement(id: string, tx: Executor): Promise<EngagementRecord | undefined> {
      const [row] = await tx.select().from(engagements).where(eq(engagements.id, id)).for('update');
      return row;
    },

    /** A worker's hires not yet started (CONFIRMED, starting after `now`), locked in id order. */
    async lockFutureHiresOf(workerId: string, now: Date, tx: Executor): Promise<EngagementRecord[]> {
      return tx
        .select()
        .from(engagements)
        .where(
          and(
            eq(engagements.workerId, workerId),
            eq(engagements.status, 'CONFIRMED'),
            sql`${engagements.startsAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(engagements.id))
        .for('update');
    },

    async updateEngagement(id: string, change: EngagementChange, tx: Executor): Promise<EngagementRecord> {
      const [row] = await tx.update(engagements).set(change).where(eq(engagements.id, id)).returning();
      if (!row) throw new Error(`engagement ${id} vanished inside its transaction`);
      return row;
    },

    /** The employer of each gig, by gig id (who the other party of its hires is): one query for a batch. */
    async employersOf(gigIds: readonly string[], tx: Executor = db): Promise<Map<string, string>> {
      if (gigIds.length === 0) return new Map();
      const rows = await tx
        .select({ gigId: gigs.id, employerId: gigs.employerId })
        .from(gigs)
        .where(inArray(gigs.id, [...new Set(gigIds)]));
      return new Map(rows.map((r) => [r.gigId, r.employerId]));
    },

    /**
     * Claims hires still CONFIRMED or CHECKED_IN whose end plus the grace has passed (SKIP LOCKED:
     * any number of nodes may sweep at once; each hire is claimed by one).
     */
    async claimOverrun(endedBefore: Date, limit: number, tx: Executor): Promise<EngagementRecord[]> {
      return tx
        .select()
        .from(engagements)
        .where(
          and(inArray(engagements.status, ['CONFIRMED', 'CHECKED_IN']), lte(engagements.endsAt, endedBefore)),
        )
        .orderBy(asc(engagements.endsAt))
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    /** Claims doubtful attendance the employer left unanswered past its time. */
    async claimAttendanceDue(now: Date, limit: number, tx: Executor): Promise<EngagementRecord[]> {
      return tx
        .select()
        .from(engagements)
        .where(and(eq(engagements.attendanceStatus, 'UNCONFIRMED'), lte(engagements.attendanceAnswerBy, now)))
        .orderBy(asc(engagements.attendanceAnswerBy))
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    /**
     * Claims completed hires past their pay-by date, not confirmed paid in full, with no case yet,
     * whose attendance is decided: doubtful or contested work never becomes a wage debt.
     */
    async claimUnpaid(now: Date, limit: number, tx: Executor): Promise<EngagementRecord[]> {
      return tx
        .select()
        .from(engagements)
        .where(
          and(
            eq(engagements.status, 'COMPLETED'),
            inArray(engagements.attendanceStatus, ['CONFIRMED', 'SETTLED']),
            sql`${engagements.confirmedFen} < ${engagements.amountDueFen}`,
            lte(engagements.payDueAt, now),
            sql`not exists (select 1 from ${arrearsCases} where ${arrearsCases.engagementId} = ${engagements.id})`,
          ),
        )
        .orderBy(asc(engagements.payDueAt))
        .limit(limit)
        .for('update', { of: engagements, skipLocked: true });
    },

    payments: {
      async insert(row: typeof payments.$inferInsert, tx: Executor): Promise<PaymentEntry> {
        const [inserted] = await tx.insert(payments).values(row).returning();
        if (!inserted) throw new Error('insert into payments returned nothing');
        return inserted;
      },
      async ofEngagements(ids: readonly string[]): Promise<PaymentEntry[]> {
        if (ids.length === 0) return [];
        return db
          .select()
          .from(payments)
          .where(inArray(payments.engagementId, [...ids]))
          .orderBy(asc(payments.recordedAt), asc(payments.id));
      },
    },

    arrears: {
      /** Opens a hire's case; undefined when another node opened it first. */
      async open(row: typeof arrearsCases.$inferInsert, tx: Executor): Promise<ArrearsRecord | undefined> {
        const [inserted] = await tx.insert(arrearsCases).values(row).onConflictDoNothing().returning();
        return inserted;
      },
      async lock(id: string, tx: Executor): Promise<ArrearsRecord | undefined> {
        const [row] = await tx.select().from(arrearsCases).where(eq(arrearsCases.id, id)).for('update');
        return row;
      },
      /** An open case follows what its hire now owes (the bureau raised the hours). */
      async follow(id: string, owedFen: number, tx: Executor): Promise<void> {
        await tx
          .update(arrearsCases)
          .set({ owedFen })
          .where(and(eq(arrearsCases.id, id), eq(arrearsCases.status, 'OPEN')));
      },
      async openOfEngagement(engagementId: string, tx: Executor): Promise<ArrearsRecord | undefined> {
        const [row] = await tx
          .select()
          .from(arrearsCases)
          .where(and(eq(arrearsCases.engagementId, engagementId), eq(arrearsCases.status, 'OPEN')))
          .for('update');
        return row;
      },
      async close(
        id: string,
        change: { at: Date; reason: 'PAID' | 'RESOLVED'; resolution?: string; by?: string | null },
        tx: Executor,
      ): Promise<ArrearsRecord> {
        const [row] = await tx
          .update(arrearsCases)
          .set({
            status: 'CLOSED',
            closedAt: change.at,
            closeReason: change.reason,
            resolution: change.resolution ?? null,
            closedByAccountId: change.by ?? null,
          })
          .where(eq(arrearsCases.id, id))
          .returning();
        if (!row) throw new Error(`arrears case ${id} vanished inside its transaction`);
        return row;
      },
      async byIds(ids: readonly string[]): Promise<ArrearsRecord[]> {
        if (ids.length === 0) return [];
        return db
          .select()
          .from(arrearsCases)
          .where(inArray(arrearsCases.id, [...ids]));
      },
      async ofEngagements(ids: readonly string[], tx: Executor = db): Promise<ArrearsRecord[]> {
        if (ids.length === 0) return [];
        return tx
          .select()
          .from(arrearsCases)
          .where(inArray(arrearsCases.engagementId, [...ids]));
      },
      async list(filter: { status: 'OPEN' | 'CLOSED' | null; employerId: string | null }) {
        return db
          .select()
          .from(arrearsCases)
          .where(
            and(
              filter.status ? eq(arrearsCases.status, filter.status) : undefined,
              filter.employerId ? eq(arrearsCases.employerId, filter.employerId) : undefined,
            ),
          )
          .orderBy(asc(arrearsCases.openedAt), asc(arrearsCases.id));
      },
      /** Open cases per employer, for many employers in one query. */
      async openCounts(employerIds: readonly string[]): Promise<Map<string, number>> {
        if (employerIds.length === 0) return new Map();
        const rows = await db
          .select({ employerId: arrearsCases.employerId, n: sql<number>`count(*)::int` })
          .from(arrearsCases)
          .where(and(inArray(arrearsCases.employerId, [...employerIds]), eq(arrearsCases.status, 'OPEN')))
          .groupBy(arrearsCases.employerId);
        return new Map(rows.map((r) => [r.employerId, r.n]));
      },
      async employerHasOpen(employerId: string, tx: Executor = db): Promise<boolean> {
        const [row] = await tx
          .select({ id: arrearsCases.id })
          .from(arrearsCases)
          .where(and(eq(arrearsCases.employerId, employerId), eq(arrearsCases.status, 'OPEN')))
          .limit(1);
        return row !== undefined;
      },
    },

    disputes: {
      async insert(row: typeof disputes.$inferInsert, tx: Executor): Promise<DisputeRecord> {
        const [inserted] = await tx.insert(disputes).values(row).returning();
        if (!inserted) throw new Error('insert into disputes returned nothing');
        return inserted;
      },
      async openOfEngagement(engagementId: string, tx: Executor): Promise<DisputeRecord | undefined> {
        const [row] = await tx
          .select()
          .from(disputes)
          .where(and(eq(disputes.engagementId, engagementId), sql`${disputes.status} <> 'RESOLVED'`))
          .for('update');
        return row;
      },
      async lock(id: string, tx: Executor): Promise<DisputeRecord | undefined> {
        const [row] = await tx.select().from(disputes).where(eq(disputes.id, id)).for('update');
        return row;
      },
      async update(id: string, change: Partial<DisputeRecord>, tx: Executor): Promise<DisputeRecord> {
        const [row] = await tx.update(disputes).set(change).where(eq(disputes.id, id)).returning();
        if (!row) throw new Error(`dispute ${id} vanished inside its transaction`);
        return row;
      },
      /** Ties a hire's open wage disputes without a case to the case just opened. */
      async tieToCase(engagementId: string, caseId: string, tx: Executor): Promise<void> {
        await tx
          .update(disputes)
          .set({ arrearsCaseId: caseId })
          .where(
            and(
              eq(disputes.engagementId, engagementId),
              eq(disputes.kind, 'WAGE'),
              isNull(disputes.arrearsCaseId),
              sql`${disputes.status} <> 'RESOLVED'`,
            ),
          );
      },
      async list(status: DisputeStatus | null): Promise<DisputeRecord[]> {
        return db
          .select()
          .from(disputes)
          .where(status ? eq(disputes.status, status) : undefined)
          .orderBy(asc(disputes.openedAt), asc(disputes.id));
      },
      async ofWorker(workerId: string): Promise<DisputeRecord[]> {
        const rows = await db
          .select({ dispute: disputes })
          .from(disputes)
          .innerJoin(engagements, eq(engagements.id, disputes.engagementId))
          .where(eq(engagements.workerId, workerId))
          .orderBy(desc(disputes.openedAt));
        return rows.map((r) => r.dispute);
      },
      async ofEmployer(employerId: string): Promise<DisputeRecord[]> {
        const rows = await db
          .select({ dispute: disputes })
          .from(disputes)
          .innerJoin(engagements, eq(engagements.id, disputes.engagementId))
          .innerJoin(gigs, eq(gigs.id, engagements.gigId))
          .where(eq(gigs.employerId, employerId))
          .orderBy(desc(disputes.openedAt));
        return rows.map((r) => r.dispute);
      },
      async ofEngagements(ids: readonly string[]): Promise<DisputeRecord[]> {
        if (ids.length === 0) return [];
        return db
          .select()
          .from(disputes)
          .where(inArray(disputes.engagementId, [...ids]))
          .orderBy(asc(disputes.openedAt));
      },
      async addNote(row: typeof disputeNotes.$inferInsert, tx: Executor): Promise<void> {
        await tx.insert(disputeNotes).values(row);
      },
      async notesOf(ids: readonly string[]): Promise<DisputeNoteRecord[]> {
        if (ids.length === 0) return [];
        return db
          .select()
          .from(disputeNotes)
          .where(inArray(disputeNotes.disputeId, [...ids]))
          .orderBy(asc(disputeNotes.createdAt), asc(disputeNotes.id));
      },
    },

    ratings: {
      async insert(row: typeof ratings.$inferInsert, tx: Executor): Promise<RatingRecord> {
        const [inserted] = await tx.insert(ratings).values(row).returning();
        if (!inserted) throw new Error('insert into ratings returned nothing');
        return inserted;
      },
      async ofEngagements(ids: readonly string[]): Promise<RatingRecord[]> {
        if (ids.length === 0) return [];
        return db
          .select()
          .from(ratings)
          .where(inArray(ratings.engagementId, [...ids]));
      },
      /**
       * Stars workers gave each employer: the average and how many, for many employers in one
       * query. The one place an employer's rating is worked out, and the one rule it keeps: only
       * a rater whose identity is verified (in person or by service) counts, so invented
       * self-declared workers cannot move it; once a rater is verified, all their ratings count.
       */
      async employerRatings(employerIds: readonly string[]): Promise<Map<string, EmployerRating>> {
        if (employerIds.length === 0) return new Map();
        const rows = await db
          .select({
            employerId: gigs.employerId,
            average: sql<number>`avg(${ratings.stars})::float8`,
            count: sql<number>`count(*)::int`,
          })
          .from(ratings)
          .innerJoin(engagements, eq(engagements.id, ratings.engagementId))
          .innerJoin(gigs, eq(gigs.id, engagements.gigId))
          .innerJoin(workers, eq(workers.id, engagements.workerId))
          .where(
            and(
              eq(ratings.byRole, 'WORKER'),
              ne(workers.identityStatus, 'SELF_DECLARED'),
              inArray(gigs.employerId, [...employerIds]),
            ),
          )
          .groupBy(gigs.employerId);
        return new Map(rows.map((r) => [r.employerId, { average: r.average, count: r.count }]));
      },
    },

    /**
     * A worker's latest hires that reached an end (completed, no-show, or called off by the
     * worker), newest first, with the stars the employer gave each.
     */
    async outcomesOf(workerId: string, tx: Executor = db): Promise<OutcomeRow[]> {
      return tx
        .select({
          status: engagements.status,
          cancelledLate: engagements.cancelledLate,
          stars: ratings.stars,
          settledHours: engagements.settledHours,
        })
        .from(engagements)
        .leftJoin(ratings, and(eq(ratings.engagementId, engagements.id), eq(ratings.byRole, 'EMPLOYER')))
        .where(
          and(
            eq(engagements.workerId, workerId),
            sql`(${engagements.status} in ('COMPLETED', 'NO_SHOW') or (${engagements.status} = 'CANCELLED' and ${engagements.cancelledBy} = 'WORKER'))`,
          ),
        )
        .orderBy(desc(engagements.startsAt), desc(engagements.id))
        .limit(RELIABILITY_WINDOW);
    },

    async setReliability(workerId: string, score: number, tx: Executor): Promise<void> {
      await tx.update(workers).set({ reliability: score }).where(eq(workers.id, workerId));
    },
  };
}

export type WorkRepository = ReturnType<typeof createWorkRepository>;
