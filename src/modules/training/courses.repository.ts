import { and, asc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { courseEnrolments, courses, trainingOrders, trainingProviders } from '../../db/schema/index.js';
import { sharedReads } from '../../db/shared-reads.js';

export type CourseRecord = typeof courses.$inferSelect & {
  /** Its provider, read with the course itself (a search page), so the loader need not query it again. */
  preloaded?: { provider: typeof trainingProviders.$inferSelect };
};
export type CourseEnrolmentRecord = typeof courseEnrolments.$inferSelect;
export type TrainingOrderRecord = typeof trainingOrders.$inferSelect;

/** The SQL of courses: posting, cancelling, reading, and what the `courses` index is built from. */
export function createCoursesRepository(db: Database) {
  // Built and named once: every course search page runs it.
  const pageQuery = db
    .select({ course: courses, provider: trainingProviders })
    .from(courses)
    .innerJoin(trainingProviders, eq(trainingProviders.id, courses.providerId))
    .where(sql`${courses.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('course_page_by_ids');

  return {
    /** A search page's courses with their providers; concurrent pages share one read (sharedReads). */
    pageByIds: sharedReads(
      async (ids): Promise<CourseRecord[]> =>
        (await pageQuery.execute({ ids })).map(({ course, provider }) => ({
          ...course,
          preloaded: { provider },
        })),
      (course) => course.id,
    ),

    async insert(values: typeof courses.$inferInsert, tx: Executor): Promise<CourseRecord> {
      const [row] = await tx.insert(courses).values(values).returning();
      if (!row) throw new Error('insert into courses returned nothing');
      return row;
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<CourseRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(courses)
        .where(inArray(courses.id, [...ids]));
    },

    /** The course's row, locked for a change (cancel) in the caller's transaction. */
    async lock(id: string, tx: Executor): Promise<CourseRecord | undefined> {
      const [row] = await tx.select().from(courses).where(eq(courses.id, id)).for('update');
      return row;
    },

    async ofProvider(providerId: string, tx: Executor = db): Promise<CourseRecord[]> {
      return tx
        .select()
        .from(courses)
        .where(eq(courses.providerId, providerId))
        .orderBy(asc(courses.startsOn), asc(courses.id));
    },

    async cancel(id: string, reason: string, at: Date, tx: Executor): Promise<CourseRecord> {
      const [row] = await tx
        .update(courses)
        .set({ status: 'CANCELLED', cancelledAt: at, cancelReason: reason, updatedAt: at })
        .where(eq(courses.id, id))
        .returning();
      if (!row) throw new Error(`course ${id} vanished under its lock`);
      return row;
    },

    async orderById(id: string, tx: Executor = db): Promise<TrainingOrderRecord | undefined> {
      const [row] = await tx.select().from(trainingOrders).where(eq(trainingOrders.id, id));
      return row;
    },

    async ordersByIds(ids: readonly string[]): Promise<TrainingOrderRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(trainingOrders)
        .where(inArray(trainingOrders.id, [...ids]));
    },

    /**
     * Names the course on its order, only if the order is still this provider's, TAKEN, in the
     * course's trade and without a course: false if another request got there first.
     */
    async attachToOrder(
      orderId: string,
      course: { id: string; providerId: string; skillCode: string },
      tx: Executor,
    ): Promise<boolean> {
      const rows = await tx
        .update(trainingOrders)
        .set({ courseId: course.id })
        .where(
          and(
            eq(trainingOrders.id, orderId),
            eq(trainingOrders.providerId, course.providerId),
            eq(trainingOrders.status, 'TAKEN'),
            eq(trainingOrders.skillCode, course.skillCode),
            isNull(trainingOrders.courseId),
          ),
        )
        .returning({ id: trainingOrders.id });
      return rows.length === 1;
    },

    /** A cancelled course no longer fills its order: the provider may post another for it. */
    async detachFromOrder(courseId: string, tx: Executor): Promise<void> {
      await tx
        .update(trainingOrders)
        .set({ courseId: null })
        .where(and(eq(trainingOrders.courseId, courseId), eq(trainingOrders.status, 'TAKEN')));
    },

    /** The learners of courses (every status), in enrolment order. */
    async enrolmentsOf(courseIds: readonly string[]): Promise<CourseEnrolmentRecord[]> {
      if (courseIds.length === 0) return [];
      return db
        .select()
        .from(courseEnrolments)
        .where(inArray(courseEnrolments.courseId, [...courseIds]))
        .orderBy(asc(courseEnrolments.enrolledAt), asc(courseEnrolments.id));
    },

    /** The workers still enrolled on a course (told when it is called off). */
    async enrolledWorkers(courseId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ workerId: courseEnrolments.workerId })
        .from(courseEnrolments)
        .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.status, 'ENROLLED')));
      return rows.map((r) => r.workerId);
    },

    /** Courses with their provider's name, for the index. */
    async forIndex(ids: readonly string[], tx: Executor = db) {
      if (ids.length === 0) return [];
      return tx
        .select({ course: courses, providerName: trainingProviders.name })
        .from(courses)
        .innerJoin(trainingProviders, eq(trainingProviders.id, courses.providerId))
        .where(inArray(courses.id, [...ids]));
    },

    // What a rebuild of the index reads (src/search/reindex.ts).
    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(courses);
      return row?.n ?? 0;
    },
    async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: courses.id })
        .from(courses)
        .where(afterId ? gt(courses.id, afterId) : undefined)
        .orderBy(asc(courses.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },
    async idsUpdatedSince(since: Date): Promise<string[]> {
      const rows = await db.select({ id: courses.id }).from(courses).where(gte(courses.updatedAt, since));
      return rows.map((r) => r.id);
    },
  };
}

export type CoursesRepository = ReturnType<typeof createCoursesRepository>;
