import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { WarningThresholds } from './level.js';
import { createWarningsRepository } from './warnings.repository.js';
import { createWarningsService } from './warnings.service.js';

/** What the early warning is configured with (the WARNING_* settings, docs/configuration.md). */
export type WarningSettings = { thresholds: WarningThresholds };

/**
 * The early warning of job loss (规模性失业风险预警, docs/warnings.md) wired from what the rest of
 * the app hands it: its own repository over `db`, the region tree, the clock, the audit log and
 * the admins' room. src/modules/index.ts makes it with this one call.
 */
export function createWarningServices(deps: {
  db: Database;
  regionTree: () => Promise<RegionTree>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  notify: Notify;
  settings: WarningSettings;
}) {
  return createWarningsService({
    db: deps.db,
    repository: createWarningsRepository(deps.db),
    regionTree: deps.regionTree,
    clock: deps.clock,
    audit: deps.audit,
    notify: deps.notify,
    thresholds: deps.settings.thresholds,
  });
}
