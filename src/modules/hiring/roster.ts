import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { badInput, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { EngagementsRepository } from './engagements.repository.js';
import type { RosterRepository } from './roster.repository.js';

/** An employer's roster (熟工): the workers its instant gigs are offered to first. */
export function createRoster(deps: {
  db: Database;
  roster: RosterRepository;
  engagements: Pick<EngagementsRepository, 'workedFor' | 'holdWorkers'>;
  workers: Pick<WorkersRepository, 'byIds' | 'erased'>;
  clock: Clock;
}) {
  const { db, clock } = deps;
  return {
    /** Favourites: only a worker who has worked for the employer can be put on its roster. */
    async addToRoster(employerId: string, workerId: string) {
      const [worker] = await deps.workers.byIds([workerId]);
      if (!worker) throw notFound('worker', workerId);
      if (!(await deps.engagements.workedFor(employerId, workerId))) {
        throw badInput('workerId', text('hiring:rosterOnlyWorked'));
      }
      // Under the worker's hiring key, which their erasure holds from its start (it takes the
      // worker off every roster): an erased person is put on no roster, during the erasure or after.
      await db.transaction(async (tx) => {
        await deps.engagements.holdWorkers([workerId], tx);
        if (await deps.workers.erased(workerId, tx)) throw notFound('worker', workerId);
        await deps.roster.add(employerId, workerId, clock.now(), tx);
      });
      return worker;
    },
    removeFromRoster: (employerId: string, workerId: string) => deps.roster.remove(employerId, workerId),
    /** The live roster: favourites, and graduates still in their priority period. */
    roster: (employerId: string) => deps.roster.workersOf(employerId, clock.now()),
  };
}
