import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import type { Database, Executor } from '../../db/client.js';
import { courses, trainingOrders, trainingProviders } from '../../db/schema/index.js';
import type { TrainingOrderStatus } from '../../db/schema/training.js';

export type TrainingOrderRecord = typeof trainingOrders.$inferSelect;
export type ProviderRecord = typeof trainingProviders.$inferSelect;
export type OrderCourseRecord = typeof courses.$inferSelect;

export type OrderProgress = { enrolled: number; passed: number; failed: number; onRoster: number };

/** Who reads the list of orders, and so which ones they see (orders.service.ts `list`). */
export type OrderReader =
  | { kind: 'employer'; employerId: string }
  | { kind: 'provider'; providerId: string }
  | { kind: 'bureau' };

/** What a graduation wrote: the order fulfilled and how many graduates joined the roster. */
export type Graduation = {
  orderId: string;
  employerId: string;
  skillCode: string;
  graduates: number;
  priorityUntil: Date;
};

/** The SQL of ordered training (订单培训): orders, their taking, and graduates joining the roster. */
export function createOrdersRepository(db: Database) {
  return {
    async insert(values: typeof trainingOrders.$inferInsert, tx: Executor): Promise<TrainingOrderRecord> {
      const [row] = await tx.insert(trainingOrders).values(values).returning();
      if (!row) throw new Error('insert into training_orders returned nothing');
      return row;
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<TrainingOrderRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(trainingOrders)
        .where(inArray(trainingOrders.id, [...ids]));
    },

    /**
     * The order to this provider if it is still OPEN: one conditional update, so of any number of
     * providers racing for it exactly one gets a row back.
     */
    async take(orderId: string, providerId: string, at: Date, tx: Executor) {
      const [row] = await tx
        .update(trainingOrders)
        .set({ status: 'TAKEN', providerId, takenAt: at })
        .where(and(eq(trainingOrders.id, orderId), eq(trainingOrders.status, 'OPEN')))
        .returning();
      return row;
    },

    /**
     * Cancels the employer's order if it is OPEN, or TAKEN and its course (if posted) has not
     * started by `today`; undefined otherwise.
     */
    async cancel(orderId: string, employerId: string, today: string, tx: Executor) {
      const [row] = await tx
        .update(trainingOrders)
        .set({ status: 'CANCELLED' })
        .where(
          and(
            eq(trainingOrders.id, orderId),
            eq(trainingOrders.employerId, employerId),
            or(
              eq(trainingOrders.status, 'OPEN'),
              and(
                eq(trainingOrders.status, 'TAKEN'),
                sql`not exists (select 1 from courses c where c.id = ${trainingOrders.courseId} and c.starts_on <= ${today}::date)`,
              ),
            ),
          ),
        )
        .returning();
      return row;
    },

    /** The orders a reader sees, newest first, with the filters of `trainingOrders`. */
    async list(
      reader: OrderReader,
      filter: { status: TrainingOrderStatus | null; regionCodes: readonly string[] | null },
    ): Promise<TrainingOrderRecord[]> {
      const conditions: (SQL | undefined)[] = [];
      if (reader.kind === 'employer') conditions.push(eq(trainingOrders.employerId, reader.employerId));
      if (reader.kind === 'provider')
        conditions.push(
          or(eq(trainingOrders.status, 'OPEN'), eq(trainingOrders.providerId, reader.providerId)),
        );
      if (filter.status) conditions.push(eq(trainingOrders.status, filter.status));
      if (filter.regionCodes) conditions.push(inArray(trainingOrders.regionCode, [...filter.regionCodes]));
      return db
        .select()
        .from(trainingOrders)
        .where(and(...conditions))
        .orderBy(desc(trainingOrders.createdAt), desc(trainingOrders.id));
    },

    /**
     * Each order's progress, from its course's enrolments and the employer's roster: learners not
     * withdrawn, passed, failed, and graduates on the roster with their priority still running.
     */
    async progress(orderIds: readonly string[], now: Date): Promise<Map<string, OrderProgress>> {
      if (orderIds.length === 0) return new Map();
      const rows = await db.execute<{
        id: string;
        enrolled: number;
        passed: number;
        failed: number;
        on_roster: number;
      }>(sql`
        select o.id,
          (select count(*) from course_enrolments e where e.course_id = o.course_id and e.status <> 'WITHDRAWN')::int as enrolled,
          (select count(*) from course_enrolments e where e.course_id = o.course_id and e.status = 'PASSED')::int as passed,
          (select count(*) from course_enrolments e where e.course_id = o.course_id and e.status = 'FAILED')::int as failed,
          (select count(*) from employer_roster r where r.employer_id = o.employer_id and r.training_order_id = o.id
             and (r.priority_until is null or r.priority_until > ${now.toISOString()}::timestamptz))::int as on_roster
        from training_orders o where o.id = any(${pgArray([...orderIds])}::uuid[])`);
      return new Map(
        rows.map((r) => [
          r.id,
          { enrolled: r.enrolled, passed: r.passed, failed: r.failed, onRoster: r.on_roster },
        ]),
      );
    },

    async providerOfAccount(accountId: string): Promise<ProviderRecord | undefined> {
      const [row] = await db
        .select()
        .from(trainingProviders)
        .where(eq(trainingProviders.accountId, accountId));
      return row;
    },

    async providersByIds(ids: readonly string[]): Promise<ProviderRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(trainingProviders)
        .where(inArray(trainingProviders.id, [...ids]));
    },

    async coursesByIds(ids: readonly string[], tx: Executor = db): Promise<OrderCourseRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(courses)
        .where(inArray(courses.id, [...ids]));
    },

    /**
     * The graduates of a COMPLETED course that fills a TAKEN order join the employer's roster (the
     * order's row locked first, so a completion and the sweep never both do it): each PASSED
     * learner whose account still exists, with `priority_until` = `at` + the order's priorityDays.
     * A favourite already there stays a favourite (no end); a graduate already there keeps the
     * later end. The order becomes FULFILLED. Undefined when the course fills no such order.
     */
    async graduate(courseId: string, at: Date, tx: Executor): Promise<Graduation | undefined> {
      const [order] = await tx.execute<{
        id: string;
        employer_id: string;
        skill_code: string;
        priority_days: number;
      }>(sql`
        select o.id, o.employer_id, o.skill_code, o.priority_days
        from training_orders o join courses c on c.id = o.course_id
        where c.id = ${courseId} and c.status = 'COMPLETED' and o.status = 'TAKEN'
        for update of o`);
      if (!order) return undefined;
      const priorityUntil = new Date(at.getTime() + order.priority_days * 86_400_000);
      const joined = await tx.execute<{ worker_id: string }>(sql`
        insert into employer_roster (employer_id, worker_id, added_at, priority_until, training_order_id)
        select ${order.employer_id}, e.worker_id, ${at.toISOString()}::timestamptz,
               ${priorityUntil.toISOString()}::timestamptz, ${order.id}
        from course_enrolments e
        join workers w on w.id = e.worker_id
        join accounts a on a.id = w.account_id and a.deleted_at is null
        where e.course_id = ${courseId} and e.status = 'PASSED'
        on conflict (employer_id, worker_id) do update set
          priority_until = case when employer_roster.priority_until is null then null
                                else greatest(employer_roster.priority_until, excluded.priority_until) end,
          training_order_id = excluded.training_order_id
        returning worker_id`);
      await tx.update(trainingOrders).set({ status: 'FULFILLED' }).where(eq(trainingOrders.id, order.id));
      return {
        orderId: order.id,
        employerId: order.employer_id,
        skillCode: order.skill_code,
        graduates: joined.length,
        priorityUntil,
      };
    },

    /**
     * Courses COMPLETED for a TAKEN order whose graduates are not yet on the roster (the order
     * still TAKEN), claimed (`skip locked`) so any number of nodes may sweep.
     */
    async claimCompleted(limit: number, tx: Executor): Promise<string[]> {
      const rows = await tx.execute<{ course_id: string }>(sql`
        select o.course_id from training_orders o join courses c on c.id = o.course_id
        where o.status = 'TAKEN' and c.status = 'COMPLETED'
        order by c.completed_at nulls first
        limit ${limit}
        for update of o skip locked`);
      return rows.map((r) => r.course_id);
    },
  };
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
