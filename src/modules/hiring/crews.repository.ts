import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { crewMembers, crews } from '../../db/schema/index.js';

export type CrewRecord = typeof crews.$inferSelect;
export type CrewMemberRecord = typeof crewMembers.$inferSelect;

/** Crews and their members. A write that spans both tables takes the transaction first. */
export function createCrewsRepository(db: Database) {
  return {
    async byId(crewId: string, tx: Executor = db): Promise<CrewRecord | undefined> {
      const [row] = await tx.select().from(crews).where(eq(crews.id, crewId));
      return row;
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<CrewRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(crews)
        .where(inArray(crews.id, [...ids]));
    },

    /** A new crew with its leader as its first member. */
    async insert(row: { name: string; leaderWorkerId: string; createdAt: Date }, tx: Executor) {
      const [crew] = await tx.insert(crews).values(row).returning();
      if (!crew) throw new Error('insert into crews returned nothing');
      await tx.insert(crewMembers).values({
        crewId: crew.id,
        workerId: row.leaderWorkerId,
        status: 'MEMBER',
        invitedAt: row.createdAt,
        joinedAt: row.createdAt,
      });
      return crew;
    },

    async membership(
      crewId: string,
      workerId: string,
      tx: Executor = db,
    ): Promise<CrewMemberRecord | undefined> {
      const [row] = await tx
        .select()
        .from(crewMembers)
        .where(and(eq(crewMembers.crewId, crewId), eq(crewMembers.workerId, workerId)));
      return row;
    },

    /** Invites a worker, or invites again one who left or was invited before. */
    async invite(crewId: string, workerId: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .insert(crewMembers)
        .values({ crewId, workerId, status: 'INVITED', invitedAt: at })
        .onConflictDoUpdate({
          target: [crewMembers.crewId, crewMembers.workerId],
          set: { status: 'INVITED', invitedAt: at, leftAt: null },
        });
    },

    async setStatus(
      crewId: string,
      workerId: string,
      change: { status: 'MEMBER'; joinedAt: Date } | { status: 'LEFT'; leftAt: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .update(crewMembers)
        .set(change)
        .where(and(eq(crewMembers.crewId, crewId), eq(crewMembers.workerId, workerId)));
    },

    /** Crews the worker leads, belongs to, or is invited to. */
    async ofWorker(workerId: string, tx: Executor = db): Promise<CrewRecord[]> {
      const rows = await tx
        .select({ crew: crews })
        .from(crewMembers)
        .innerJoin(crews, eq(crews.id, crewMembers.crewId))
        .where(and(eq(crewMembers.workerId, workerId), inArray(crewMembers.status, ['MEMBER', 'INVITED'])))
        .orderBy(asc(crews.createdAt));
      return rows.map((r) => r.crew);
    },

    /** Worker ids of each crew in a status, in the order asked. */
    async membersOf(
      crewIds: readonly string[],
      status: 'MEMBER' | 'INVITED',
      tx: Executor = db,
    ): Promise<string[][]> {
      if (crewIds.length === 0) return [];
      const rows = await tx
        .select()
        .from(crewMembers)
        .where(and(inArray(crewMembers.crewId, [...crewIds]), eq(crewMembers.status, status)))
        .orderBy(asc(crewMembers.invitedAt));
      return crewIds.map((id) => rows.filter((r) => r.crewId === id).map((r) => r.workerId));
    },
  };
}

export type CrewsRepository = ReturnType<typeof createCrewsRepository>;
