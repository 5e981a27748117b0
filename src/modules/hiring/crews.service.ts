import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { crewMembers, crews } from '../../db/schema/index.js';
import { badInput, notFound } from '../../errors.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { singleLineProblem } from '../../text/single-line.js';
import type { WorkersRepository } from '../workers/workers.repository.js';

export type CrewRecord = typeof crews.$inferSelect;
export type CrewMemberRecord = typeof crewMembers.$inferSelect;

const NAME = { min: 2, max: 30 };

/**
 * Village labour crews (劳务班组). A crew has a leader and members who joined themselves: the
 * leader invites, the worker joins (or not). Nobody is put in a crew without their own consent.
 */
export function createCrewsService(deps: {
  db: Database;
  workers: WorkersRepository;
  clock: Clock;
  notify: Notify;
}) {
  const { db, clock } = deps;

  async function crew(crewId: string): Promise<CrewRecord> {
    const [row] = await db.select().from(crews).where(eq(crews.id, crewId));
    if (!row) throw notFound('crew', crewId);
    return row;
  }

  async function membership(crewId: string, workerId: string): Promise<CrewMemberRecord | undefined> {
    const [row] = await db
      .select()
      .from(crewMembers)
      .where(and(eq(crewMembers.crewId, crewId), eq(crewMembers.workerId, workerId)));
    return row;
  }

  return {
    crew,

    async create(leaderWorkerId: string, name: string): Promise<CrewRecord> {
      const trimmed = name.trim();
      const hidden = singleLineProblem('name', trimmed);
      if (hidden) throw badInput('name', hidden);
      if (trimmed.length < NAME.min || trimmed.length > NAME.max) {
        throw badInput(
          'name',
          `Give the crew a name of ${NAME.min} to ${NAME.max} characters, e.g. 韩垓镇焊工班.`,
        );
      }
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(crews)
          .values({ name: trimmed, leaderWorkerId, createdAt: now })
          .returning();
        if (!row) throw new Error('insert into crews returned nothing');
        await tx.insert(crewMembers).values({
          crewId: row.id,
          workerId: leaderWorkerId,
          status: 'MEMBER',
          invitedAt: now,
          joinedAt: now,
        });
        return row;
      });
    },

    async invite(leaderWorkerId: string, crewId: string, workerId: string): Promise<CrewRecord> {
      const found = await crew(crewId);
      if (found.leaderWorkerId !== leaderWorkerId) throw notFound('crew you lead', crewId);
      const [worker] = await deps.workers.byIds([workerId]);
      if (!worker) throw notFound('worker', workerId);
      const current = await membership(crewId, workerId);
      if (current?.status === 'MEMBER') throw badInput('workerId', `${worker.name} is already in this crew.`);
      const now = clock.now();
      await db
        .insert(crewMembers)
        .values({ crewId, workerId, status: 'INVITED', invitedAt: now })
        .onConflictDoUpdate({
          target: [crewMembers.crewId, crewMembers.workerId],
          set: { status: 'INVITED', invitedAt: now, leftAt: null },
        });
      deps.notify(rooms.worker(workerId), 'crew:invited', { crewId, name: found.name });
      return found;
    },

    async join(workerId: string, crewId: string): Promise<CrewRecord> {
      const found = await crew(crewId);
      const current = await membership(crewId, workerId);
      if (current?.status === 'MEMBER') return found;
      if (current?.status !== 'INVITED') {
        throw badInput('crewId', 'You can join a crew only when its leader has invited you; ask the leader.');
      }
      await db
        .update(crewMembers)
        .set({ status: 'MEMBER', joinedAt: clock.now() })
        .where(and(eq(crewMembers.crewId, crewId), eq(crewMembers.workerId, workerId)));
      deps.notify(rooms.worker(found.leaderWorkerId), 'crew:joined', { crewId, workerId });
      return found;
    },

    async leave(workerId: string, crewId: string): Promise<boolean> {
      const found = await crew(crewId);
      if (found.leaderWorkerId === workerId) {
        throw badInput('crewId', 'The leader cannot leave the crew they lead.');
      }
      const current = await membership(crewId, workerId);
      if (!current || current.status === 'LEFT') return false;
      await db
        .update(crewMembers)
        .set({ status: 'LEFT', leftAt: clock.now() })
        .where(and(eq(crewMembers.crewId, crewId), eq(crewMembers.workerId, workerId)));
      return true;
    },

    /** Crews the worker leads, belongs to, or is invited to. */
    async ofWorker(workerId: string): Promise<CrewRecord[]> {
      const rows = await db
        .select({ crew: crews })
        .from(crewMembers)
        .innerJoin(crews, eq(crews.id, crewMembers.crewId))
        .where(and(eq(crewMembers.workerId, workerId), inArray(crewMembers.status, ['MEMBER', 'INVITED'])))
        .orderBy(asc(crews.createdAt));
      return rows.map((r) => r.crew);
    },

    /** Worker ids of each crew in a status, in the order asked. */
    /** `executor`: a transaction that holds a gig's lock reads on its own connection (see acceptCrewOffer). */
    async membersOf(
      crewIds: readonly string[],
      status: 'MEMBER' | 'INVITED',
      executor: Executor = db,
    ): Promise<string[][]> {
      if (crewIds.length === 0) return [];
      const rows = await executor
        .select()
        .from(crewMembers)
        .where(and(inArray(crewMembers.crewId, [...crewIds]), eq(crewMembers.status, status)))
        .orderBy(asc(crewMembers.invitedAt));
      return crewIds.map((id) => rows.filter((r) => r.crewId === id).map((r) => r.workerId));
    },

    async byIds(ids: readonly string[]): Promise<CrewRecord[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(crews)
        .where(inArray(crews.id, [...ids]));
    },
  };
}

export type CrewsService = ReturnType<typeof createCrewsService>;
