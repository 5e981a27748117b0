import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  applications,
  arrearsCases,
  auditLog,
  courseAttendance,
  courseEnrolments,
  crewMembers,
  crews,
  disputeNotes,
  disputes,
  employerRoster,
  engagements,
  gigs,
  offers,
  payments,
  ratings,
  refreshTokens,
  savedSearches,
  smsMessages,
} from '../../db/schema/index.js';

type EngagementRow = typeof engagements.$inferSelect;

/**
 * The reads of a personal data export (PIPL art. 45): every table that holds something about the
 * person, by the ids that name them. Read-only, so it gathers across the domains' tables in one
 * place; each domain's writes stay in its own repository.
 */
export function createExportRepository(db: Database) {
  /** Everything recorded around these hires: pay, arrears, ratings, disputes and their notes. */
  async function aroundHires(ids: string[]) {
    if (ids.length === 0) {
      return { payments: [], arrears: [], ratings: [], disputes: [], disputeNotes: [] };
    }
    const [paid, owed, rated, disputed] = await Promise.all([
      db.select().from(payments).where(inArray(payments.engagementId, ids)).orderBy(asc(payments.recordedAt)),
      db.select().from(arrearsCases).where(inArray(arrearsCases.engagementId, ids)),
      db.select().from(ratings).where(inArray(ratings.engagementId, ids)).orderBy(asc(ratings.createdAt)),
      db.select().from(disputes).where(inArray(disputes.engagementId, ids)).orderBy(asc(disputes.openedAt)),
    ]);
    const notes =
      disputed.length === 0
        ? []
        : await db
            .select({
              disputeId: disputeNotes.disputeId,
              authorRole: disputeNotes.authorRole,
              note: disputeNotes.note,
              createdAt: disputeNotes.createdAt,
            })
            .from(disputeNotes)
            .where(
              inArray(
                disputeNotes.disputeId,
                disputed.map((d) => d.id),
              ),
            )
            .orderBy(asc(disputeNotes.createdAt));
    return { payments: paid, arrears: owed, ratings: rated, disputes: disputed, disputeNotes: notes };
  }

  return {
    aroundHires,

    /** The account's sessions (refresh tokens; their hashes are not the person's and stay out). */
    sessionsOf: (accountId: string) =>
      db
        .select({
          createdAt: refreshTokens.createdAt,
          expiresAt: refreshTokens.expiresAt,
          revokedAt: refreshTokens.revokedAt,
        })
        .from(refreshTokens)
        .where(eq(refreshTokens.accountId, accountId))
        .orderBy(asc(refreshTokens.createdAt)),

    hiresOfWorker: (workerId: string): Promise<EngagementRow[]> =>
      db
        .select()
        .from(engagements)
        .where(eq(engagements.workerId, workerId))
        .orderBy(asc(engagements.startsAt)),

    hiresOfEmployer: (employerId: string): Promise<EngagementRow[]> =>
      db
        .select({ engagement: engagements })
        .from(engagements)
        .innerJoin(gigs, eq(gigs.id, engagements.gigId))
        .where(eq(gigs.employerId, employerId))
        .orderBy(asc(engagements.startsAt))
        .then((rows) => rows.map((row) => row.engagement)),

    offersOf: (workerId: string) =>
      db.select().from(offers).where(eq(offers.workerId, workerId)).orderBy(asc(offers.sentAt)),

    /** The worker's course enrolments (培训), each with the provider's register of their days. */
    async courseEnrolmentsOf(workerId: string) {
      const enrolments = await db
        .select()
        .from(courseEnrolments)
        .where(eq(courseEnrolments.workerId, workerId))
        .orderBy(asc(courseEnrolments.enrolledAt));
      const ids = enrolments.map((e) => e.id);
      const days =
        ids.length === 0
          ? []
          : await db
              .select()
              .from(courseAttendance)
              .where(inArray(courseAttendance.enrolmentId, ids))
              .orderBy(asc(courseAttendance.day));
      return enrolments.map((enrolment) => ({
        ...enrolment,
        attendance: days
          .filter((d) => d.enrolmentId === enrolment.id)
          .map(({ day, present, recordedAt }) => ({ day, present, recordedAt })),
      }));
    },

    applicationsOf: (workerId: string) =>
      db
        .select()
        .from(applications)
        .where(eq(applications.workerId, workerId))
        .orderBy(asc(applications.createdAt)),

    /** Texts sent to the worker and received from them (短信接活), both directions. */
    smsOf: (workerId: string) =>
      db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.workerId, workerId))
        .orderBy(asc(smsMessages.createdAt)),

    savedSearchesOf: (workerId: string) =>
      db
        .select()
        .from(savedSearches)
        .where(eq(savedSearches.workerId, workerId))
        .orderBy(asc(savedSearches.createdAt)),

    /** The crews the worker leads or was asked into, with their part in each. */
    crewsOf: (workerId: string) =>
      db
        .select({
          crewId: crews.id,
          name: crews.name,
          leader: sql<boolean>`${crews.leaderWorkerId} = ${workerId}`,
          status: crewMembers.status,
          invitedAt: crewMembers.invitedAt,
          joinedAt: crewMembers.joinedAt,
          leftAt: crewMembers.leftAt,
        })
        .from(crewMembers)
        .innerJoin(crews, eq(crews.id, crewMembers.crewId))
        .where(eq(crewMembers.workerId, workerId))
        .orderBy(asc(crewMembers.invitedAt)),

    arrearsOfEmployer: (employerId: string) =>
      db.select().from(arrearsCases).where(eq(arrearsCases.employerId, employerId)),

    gigsOf: (employerId: string) =>
      db.select().from(gigs).where(eq(gigs.employerId, employerId)).orderBy(asc(gigs.startsAt)),

    rosterOf: (employerId: string) =>
      db
        .select({ workerId: employerRoster.workerId, addedAt: employerRoster.addedAt })
        .from(employerRoster)
        .where(eq(employerRoster.employerId, employerId)),

    /**
     * The audit log's rows about the person (their account, worker or employer as the subject) and
     * the ones they made. Where somebody else acted (an admin reading their record), who it was
     * and from where stays out: that is the other person's data.
     */
    async auditOf(accountId: string, subjectIds: string[]) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(or(eq(auditLog.actorAccountId, accountId), inArray(auditLog.subjectId, subjectIds)))
        .orderBy(asc(auditLog.at), asc(auditLog.id));
      return rows.map(({ actorAccountId, ip, userAgent, ...row }) =>
        actorAccountId === accountId ? { ...row, byYou: true, ip, userAgent } : { ...row, byYou: false },
      );
    },
  };
}

export type ExportRepository = ReturnType<typeof createExportRepository>;
