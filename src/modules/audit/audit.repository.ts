import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export type AuditRecord = typeof auditLog.$inferSelect;
export type NewAuditRecord = typeof auditLog.$inferInsert;

export type AuditFilter = {
  action: string | null;
  subjectType: string | null;
  subjectId: string | null;
  actorAccountId: string | null;
  from: Date | null;
  to: Date | null;
};

/** Where a page ends, newest first: the last entry's time and id. */
export type AuditPosition = { at: Date; id: number };

export function createAuditRepository(db: Database) {
  function matching(filter: AuditFilter): SQL | undefined {
    return and(
      filter.action ? eq(auditLog.action, filter.action) : undefined,
      filter.subjectType ? eq(auditLog.subjectType, filter.subjectType) : undefined,
      filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
      filter.actorAccountId ? eq(auditLog.actorAccountId, filter.actorAccountId) : undefined,
      filter.from ? gte(auditLog.at, filter.from) : undefined,
      filter.to ? lt(auditLog.at, filter.to) : undefined,
    );
  }

  return {
    /** Inserts with the caller's handle, so an entry commits with the change it describes, or not at all. */
    async insert(rows: NewAuditRecord[], executor: Executor): Promise<void> {
      if (rows.length === 0) return;
      await executor.insert(auditLog).values(rows);
    },

    /** Newest first, after `position` (keyset paging: entries added meanwhile never shift a page). */
    async page(filter: AuditFilter, limit: number, position: AuditPosition | null): Promise<AuditRecord[]> {
      const after = position
        ? sql`(${auditLog.at}, ${auditLog.id}) < (${position.at.toISOString()}::timestamptz, ${position.id}::bigint)`
        : undefined;
      return db
        .select()
        .from(auditLog)
        .where(and(matching(filter), after))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit);
    },

    async count(filter: AuditFilter): Promise<number> {
      const [row] = await db.select({ n: count() }).from(auditLog).where(matching(filter));
      return row?.n ?? 0;
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
