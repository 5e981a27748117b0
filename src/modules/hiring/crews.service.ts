import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { badInput, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { singleLineProblem } from '../../text/single-line.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { CrewRecord, CrewsRepository } from './crews.repository.js';
import type { EngagementsRepository } from './engagements.repository.js';

export type { CrewMemberRecord, CrewRecord } from './crews.repository.js';

const NAME = { min: 2, max: 30 };

/**
 * Village labour crews (劳务班组). A crew has a leader and members who joined themselves: the
 * leader invites, the worker joins (or not). Nobody is put in a crew without their own consent.
 */
export function createCrewsService(deps: {
  db: Database;
  repository: CrewsRepository;
  /** The worker's hiring key, which their erasure holds from its start (see inviteOrJoin). */
  engagements: Pick<EngagementsRepository, 'holdWorkers'>;
  workers: WorkersRepository;
  clock: Clock;
  notify: Notify;
}) {
  const { db, repository, clock } = deps;

  /**
   * A crew membership written for `workerId` under their hiring key (engagements.holdWorkers),
   * which their erasure takes before it ends their memberships: an invitation or a join racing
   * the erasure is written before it (and ended by it) or refused after it (NOT_FOUND).
   */
  function asLive(workerId: string, write: (tx: Executor) => Promise<void>): Promise<void> {
    return db.transaction(async (tx) => {
      await deps.engagements.holdWorkers([workerId], tx);
      if (await deps.workers.erased(workerId, tx)) throw notFound('worker', workerId);
      await write(tx);
    });
  }

  async function crew(crewId: string): Promise<CrewRecord> {
    const row = await repository.byId(crewId);
    if (!row) throw notFound('crew', crewId);
    return row;
  }

  return {
    crew,

    async create(leaderWorkerId: string, name: string): Promise<CrewRecord> {
      const trimmed = name.trim();
      const hidden = singleLineProblem('name', trimmed);
      if (hidden) throw badInput('name', hidden);
      if (trimmed.length < NAME.min || trimmed.length > NAME.max) {
        throw badInput('name', text('hiring:crewName', { min: NAME.min, max: NAME.max }));
      }
      const now = clock.now();
      return db.transaction((tx) => repository.insert({ name: trimmed, leaderWorkerId, createdAt: now }, tx));
    },

    async invite(leaderWorkerId: string, crewId: string, workerId: string): Promise<CrewRecord> {
      const found = await crew(crewId);
      if (found.leaderWorkerId !== leaderWorkerId) throw notFound('crewYouLead', crewId);
      const [worker] = await deps.workers.byIds([workerId]);
      if (!worker) throw notFound('worker', workerId);
      const current = await repository.membership(crewId, workerId);
      if (current?.status === 'MEMBER')
        throw badInput('workerId', text('hiring:alreadyInCrew', { name: worker.name }));
      await asLive(workerId, (tx) => repository.invite(crewId, workerId, clock.now(), tx));
      deps.notify(rooms.worker(workerId), 'crew:invited', { crewId, name: found.name });
      return found;
    },

    async join(workerId: string, crewId: string): Promise<CrewRecord> {
      const found = await crew(crewId);
      const current = await repository.membership(crewId, workerId);
      if (current?.status === 'MEMBER') return found;
      if (current?.status !== 'INVITED') {
        throw badInput('crewId', text('hiring:joinNeedsInvite'));
      }
      await asLive(workerId, (tx) =>
        repository.setStatus(crewId, workerId, { status: 'MEMBER', joinedAt: clock.now() }, tx),
      );
      deps.notify(rooms.worker(found.leaderWorkerId), 'crew:joined', { crewId, workerId });
      return found;
    },

    async leave(workerId: string, crewId: string): Promise<boolean> {
      const found = await crew(crewId);
      if (found.leaderWorkerId === workerId) {
        throw badInput('crewId', text('hiring:leaderCannotLeave'));
      }
      const current = await repository.membership(crewId, workerId);
      if (!current || current.status === 'LEFT') return false;
      await repository.setStatus(crewId, workerId, { status: 'LEFT', leftAt: clock.now() });
      return true;
    },

    /** Crews the worker leads, belongs to, or is invited to. */
    ofWorker: (workerId: string) => repository.ofWorker(workerId),

    /**
     * Worker ids of each crew in a status, in the order asked. `tx`: a transaction that holds a
     * gig's lock reads on that transaction's connection (see acceptCrewOffer).
     */
    membersOf: (crewIds: readonly string[], status: 'MEMBER' | 'INVITED', tx?: Executor) =>
      repository.membersOf(crewIds, status, tx),

    byIds: (ids: readonly string[]) => repository.byIds(ids),
  };
}

export type CrewsService = ReturnType<typeof createCrewsService>;
