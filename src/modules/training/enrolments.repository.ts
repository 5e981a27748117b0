import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import {
  courseAttendance,
  courseEnrolments,
  courses,
  trainingProviders,
  workerCertificates,
} from '../../db/schema/index.js';

export type EnrolmentRecord = typeof courseEnrolments.$inferSelect;
export type NewEnrolment = typeof courseEnrolments.$inferInsert;
export type CourseRow = typeof courses.$inferSelect;
export type AttendanceRecord = typeof courseAttendance.$inferSelect;
export type ProviderRow = typeof trainingProviders.$inferSelect;

/** A live seat of the worker elsewhere whose dates meet the course's. */
export type Overlapping = { courseId: string; title: string; startsOn: string; endsOn: string };

/** A worker's enrolment key (an advisory lock, lockWorker), held too by their erasure from its start. */
export const enrolmentsKey = (workerId: string) => `course_enrolments:${workerId}`;

/**
 * The SQL of enrolments, the provider's register (attendance) and results (docs/training.md,
 * "Enrolment and results"). The course's seat count moves only through `takeSeat` / `releaseSeat`.
 */
export function createEnrolmentsRepository(db: Database) {
  return {
    async courseById(id: string, tx: Executor = db): Promise<CourseRow | undefined> {
      const [row] = await tx.select().from(courses).where(eq(courses.id, id));
      return row;
    },

    async coursesByIds(ids: readonly string[], tx: Executor = db): Promise<CourseRow[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(courses)
        .where(inArray(courses.id, [...ids]));
    },

    /** The course's row lock: results of one course are decided one batch at a time. */
    async lockCourse(id: string, tx: Executor): Promise<CourseRow | undefined> {
      const [row] = await tx.select().from(courses).where(eq(courses.id, id)).for('update');
      return row;
    },

    /** The provider an account runs (the token carries no provider id). */
    async providerOfAccount(accountId: string, tx: Executor = db): Promise<ProviderRow | undefined> {
      const [row] = await tx
        .select()
        .from(trainingProviders)
        .where(eq(trainingProviders.accountId, accountId));
      return row;
    },

    async providerById(id: string, tx: Executor = db): Promise<ProviderRow | undefined> {
      const [row] = await tx.select().from(trainingProviders).where(eq(trainingProviders.id, id));
      return row;
    },

    /**
     * Serialises one worker's enrolments (a transaction-scoped advisory lock): two enrolments of the
     * same worker at the same moment cannot both miss each other's seat or date clash.
     */
    async lockWorker(workerId: string, tx: Executor): Promise<void> {
      await holdKeys([enrolmentsKey(workerId)], tx);
    },

    /**
     * One seat taken: `enrolled` is raised only while it is below `seats` on an OPEN course, in one
     * conditional UPDATE that takes the course's row lock (as `takeSeats` does for gigs), backed by
     * the check `courses_seats`. Undefined, and nothing taken, when no seat was left or it closed.
     */
    async takeSeat(courseId: string, at: Date, tx: Executor): Promise<CourseRow | undefined> {
      const [row] = await tx
        .update(courses)
        .set({ enrolled: sql`${courses.enrolled} + 1`, updatedAt: at })
        .where(
          and(
            eq(courses.id, courseId),
            eq(courses.status, 'OPEN'),
            sql`${courses.enrolled} < ${courses.seats}`,
          ),
        )
        .returning();
      return row;
    },

    /** A seat given back (a withdrawal). */
    async releaseSeat(courseId: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .update(courses)
        .set({ enrolled: sql`greatest(${courses.enrolled} - 1, 0)`, updatedAt: at })
        .where(eq(courses.id, courseId));
    },

    async insert(values: NewEnrolment, tx: Executor): Promise<EnrolmentRecord> {
      const [row] = await tx.insert(courseEnrolments).values(values).returning();
      if (!row) throw new Error('insert into course_enrolments returned nothing');
      return row;
    },

    /** The worker's live (not withdrawn) enrolment on the course, if any. */
    async live(courseId: string, workerId: string, tx: Executor = db): Promise<EnrolmentRecord | undefined> {
      const [row] = await tx
        .select()
        .from(courseEnrolments)
        .where(
          and(
            eq(courseEnrolments.courseId, courseId),
            eq(courseEnrolments.workerId, workerId),
            ne(courseEnrolments.status, 'WITHDRAWN'),
          ),
        );
      return row;
    },

    /** The worker's seats on other open courses whose days meet [startsOn, endsOn]. */
    async overlapping(
      workerId: string,
      course: Pick<CourseRow, 'id' | 'startsOn' | 'endsOn'>,
      tx: Executor = db,
    ): Promise<Overlapping[]> {
      return tx
        .select({
          courseId: courses.id,
          title: courses.title,
          startsOn: courses.startsOn,
          endsOn: courses.endsOn,
        })
        .from(courseEnrolments)
        .innerJoin(courses, eq(courses.id, courseEnrolments.courseId))
        .where(
          and(
            eq(courseEnrolments.workerId, workerId),
            eq(courseEnrolments.status, 'ENROLLED'),
            eq(courses.status, 'OPEN'),
            ne(courses.id, course.id),
            sql`${courses.startsOn} <= ${course.endsOn}::date and ${courses.endsOn} >= ${course.startsOn}::date`,
          ),
        )
        .orderBy(asc(courses.startsOn));
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<EnrolmentRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(courseEnrolments)
        .where(inArray(courseEnrolments.id, [...ids]));
    },

    /** Enrolments by id, locked for this transaction (a register or results batch). */
    async lockMany(ids: readonly string[], tx: Executor): Promise<EnrolmentRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(courseEnrolments)
        .where(inArray(courseEnrolments.id, [...ids]))
        .orderBy(asc(courseEnrolments.id))
        .for('update');
    },

    async ofWorker(workerId: string, tx: Executor = db): Promise<EnrolmentRecord[]> {
      return tx
        .select()
        .from(courseEnrolments)
        .where(eq(courseEnrolments.workerId, workerId))
        .orderBy(desc(courseEnrolments.enrolledAt), asc(courseEnrolments.id));
    },

    async withdraw(id: string, at: Date, tx: Executor): Promise<EnrolmentRecord> {
      const [row] = await tx
        .update(courseEnrolments)
        .set({ status: 'WITHDRAWN', withdrawnAt: at })
        .where(eq(courseEnrolments.id, id))
        .returning();
      if (!row) throw new Error('update of course_enrolments returned nothing');
      return row;
    },

    /** One day of the register, per learner: a second record of the same day replaces the first. */
    async upsertAttendance(rows: (typeof courseAttendance.$inferInsert)[], tx: Executor): Promise<void> {
      if (rows.length === 0) return;
      await tx
        .insert(courseAttendance)
        .values(rows)
        .onConflictDoUpdate({
          target: [courseAttendance.enrolmentId, courseAttendance.day],
          set: {
            present: sql`excluded.present`,
            recordedByAccountId: sql`excluded.recorded_by_account_id`,
            recordedAt: sql`excluded.recorded_at`,
          },
        });
    },

    async attendanceOf(enrolmentIds: readonly string[], tx: Executor = db): Promise<AttendanceRecord[]> {
      if (enrolmentIds.length === 0) return [];
      return tx
        .select()
        .from(courseAttendance)
        .where(inArray(courseAttendance.enrolmentId, [...enrolmentIds]))
        .orderBy(asc(courseAttendance.day));
    },

    /** Days each learner was recorded present. */
    async daysPresent(enrolmentIds: readonly string[], tx: Executor = db): Promise<Map<string, number>> {
      if (enrolmentIds.length === 0) return new Map();
      const rows = await tx
        .select({ id: courseAttendance.enrolmentId, days: sql<number>`count(*)::int` })
        .from(courseAttendance)
        .where(
          and(inArray(courseAttendance.enrolmentId, [...enrolmentIds]), eq(courseAttendance.present, true)),
        )
        .groupBy(courseAttendance.enrolmentId);
      return new Map(rows.map((r) => [r.id, r.days]));
    },

    /**
     * Which of these certificate numbers of the kind are already recorded (a read of the workers'
     * certificates, so a batch of results names a taken number before writing anything; the unique
     * index `worker_certificates_number_unique` still decides a race).
     */
    async takenNumbers(
      kind: 'SKILL_LEVEL' | 'SPECIAL_OPERATION',
      numbers: readonly string[],
      tx: Executor = db,
    ): Promise<Set<string>> {
      if (numbers.length === 0) return new Set();
      const rows = await tx
        .select({ number: workerCertificates.number })
        .from(workerCertificates)
        .where(and(eq(workerCertificates.kind, kind), inArray(workerCertificates.number, [...numbers])));
      return new Set(rows.map((r) => r.number));
    },

    async recordResult(
      id: string,
      result: { passed: boolean; score: number; certificateId: string | null },
      at: Date,
      tx: Executor,
    ): Promise<EnrolmentRecord> {
      const [row] = await tx
        .update(courseEnrolments)
        .set({
          status: result.passed ? 'PASSED' : 'FAILED',
          score: result.score,
          certificateId: result.certificateId,
          resultRecordedAt: at,
        })
        .where(and(eq(courseEnrolments.id, id), eq(courseEnrolments.status, 'ENROLLED')))
        .returning();
      if (!row) throw new Error('the enrolment was no longer waiting for its result');
      return row;
    },

    /** How many learners of the course still wait for a result. */
    async waiting(courseId: string, tx: Executor): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(courseEnrolments)
        .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.status, 'ENROLLED')));
      return row?.n ?? 0;
    },

    /**
     * An erased worker's waiting seats (PIPL erasure): every ENROLLED enrolment of the worker
     * becomes WITHDRAWN and its course's seat is given back. The courses are locked first, in id
     * order, then the enrolments (the lock order of results and the register). Returns the
     * courses touched.
     */
    async withdrawAllOf(workerId: string, at: Date, tx: Executor): Promise<CourseRow[]> {
      // The worker's own enrolment lock (the erasure has held it from its start: holdLearner): an
      // enrolment racing the erasure is decided before or after it.
      await this.lockWorker(workerId, tx);
      const held = await tx
        .select({ courseId: courseEnrolments.courseId })
        .from(courseEnrolments)
        .where(and(eq(courseEnrolments.workerId, workerId), eq(courseEnrolments.status, 'ENROLLED')));
      const courseIds = [...new Set(held.map((h) => h.courseId))].sort();
      if (courseIds.length === 0) return [];
      await tx
        .select({ id: courses.id })
        .from(courses)
        .where(inArray(courses.id, courseIds))
        .orderBy(asc(courses.id))
        .for('update');
      const withdrawn = await tx
        .update(courseEnrolments)
        .set({ status: 'WITHDRAWN', withdrawnAt: at })
        .where(and(eq(courseEnrolments.workerId, workerId), eq(courseEnrolments.status, 'ENROLLED')))
        .returning({ courseId: courseEnrolments.courseId });
      const released = new Map<string, number>();
      for (const w of withdrawn) released.set(w.courseId, (released.get(w.courseId) ?? 0) + 1);
      const out: CourseRow[] = [];
      for (const [courseId, seats] of released) {
        const [row] = await tx
          .update(courses)
          .set({ enrolled: sql`greatest(${courses.enrolled} - ${seats}, 0)`, updatedAt: at })
          .where(eq(courses.id, courseId))
          .returning();
        if (row) out.push(row);
      }
      return out;
    },

    /**
     * An erased worker's enrolments let go of the certificates their passes issued (the erasure
     * deletes the worker's certificates); the result itself, PASSED and its score, stays.
     */
    async dropCertificatesOf(workerId: string, tx: Executor): Promise<void> {
      await tx
        .update(courseEnrolments)
        .set({ certificateId: null })
        .where(and(eq(courseEnrolments.workerId, workerId), isNotNull(courseEnrolments.certificateId)));
    },

    /** Whether any learner of the course has a result recorded. */
    async anyResult(courseId: string, tx: Executor): Promise<boolean> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(courseEnrolments)
        .where(
          and(
            eq(courseEnrolments.courseId, courseId),
            inArray(courseEnrolments.status, ['PASSED', 'FAILED']),
          ),
        );
      return (row?.n ?? 0) > 0;
    },

    async complete(courseId: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .update(courses)
        .set({ status: 'COMPLETED', completedAt: at, updatedAt: at })
        .where(and(eq(courses.id, courseId), eq(courses.status, 'OPEN')));
    },
  };
}

export type EnrolmentsRepository = ReturnType<typeof createEnrolmentsRepository>;
