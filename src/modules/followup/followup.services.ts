import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { createFollowUpRepository } from './followup.repository.js';
import { createFollowUpService } from './followup.service.js';
import { createFollowUpListRepository } from './list.repository.js';
import { createFollowUpListService, type FollowUpListArgs, type FollowUpSettings } from './list.service.js';
import { createFollowUpNoticesRepository } from './notices.repository.js';
import { createFollowUpNoticesService } from './notices.service.js';

/**
 * The follow-up ledger (帮扶台账, docs/followup.md) wired from what the house gives it: `service`
 * for the API (the list, contacts, requests for help, the regions' days) and `privacy`, the
 * ledger's part of the PIPL export and erasure.
 */
export function createFollowUpServices(deps: {
  db: Database;
  clock: Clock;
  audit: Pick<AuditService, 'record' | 'recordReads'>;
  notify: Notify;
  regionTree: () => Promise<RegionTree>;
  settings: FollowUpSettings;
}) {
  const repository = createFollowUpRepository(deps.db);
  const ledger = createFollowUpService({ ...deps, repository });
  const listRepository = createFollowUpListRepository(deps.db);
  const list = createFollowUpListService({
    ...deps,
    repository: listRepository,
    stationsOf: (accountId) => repository.stationsOf(accountId),
  });
  const noticesRepository = createFollowUpNoticesRepository(deps.db);
  const notices = createFollowUpNoticesService({
    ...deps,
    list: listRepository,
    repository: noticesRepository,
  });
  return {
    service: {
      ...ledger,
      list: list.list,
      countsByStation: list.countsByStation,
      sendNotices: notices.sendNotices,
      csv: (actor: Actor, args: FollowUpListArgs) => list.csv(actor, args, repository.contactsByIds),
    },
    privacy: {
      ofWorker: repository.ofWorker,
      async forgetWorker(workerId: string, tx: Executor) {
        await repository.forgetWorker(workerId, tx);
        await noticesRepository.forgetWorker(workerId, tx);
      },
    },
  };
}

export type FollowUpServices = ReturnType<typeof createFollowUpServices>;
export type { FollowUpSettings };
