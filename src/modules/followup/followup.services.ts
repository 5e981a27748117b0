import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { createFollowUpRepository } from './followup.repository.js';
import { createFollowUpService } from './followup.service.js';
import { createFollowUpListRepository } from './list.repository.js';
import { createFollowUpListService, type FollowUpListArgs, type FollowUpSettings } from './list.service.js';

/**
 * The follow-up ledger (帮扶台账, docs/followup.md) wired from what the house gives it: `service`
 * for the API (the list, contacts, requests for help, the regions' days) and `privacy`, the
 * ledger's part of the PIPL export and erasure.
 */
export function createFollowUpServices(deps: {
  db: Database;
  clock: Clock;
  audit: Pick<AuditService, 'record' | 'recordReads'>;
  regionTree: () => Promise<RegionTree>;
  settings: FollowUpSettings;
}) {
  const repository = createFollowUpRepository(deps.db);
  const ledger = createFollowUpService({ ...deps, repository });
  const list = createFollowUpListService({
    ...deps,
    repository: createFollowUpListRepository(deps.db),
    stationsOf: (accountId) => repository.stationsOf(accountId),
  });
  return {
    service: {
      ...ledger,
      list: list.list,
      countsByStation: list.countsByStation,
      csv: (actor: Actor, args: FollowUpListArgs) => list.csv(actor, args, repository.contactsByIds),
    },
    privacy: repository,
  };
}

export type FollowUpServices = ReturnType<typeof createFollowUpServices>;
export type { FollowUpSettings };
