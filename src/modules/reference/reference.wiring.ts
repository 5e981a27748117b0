import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Search } from '../../search/client.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { ReferenceRepository } from './reference.repository.js';
import { createReferenceService } from './reference.service.js';

/**
 * The reference data wired: trades (searched in Meilisearch, in PostgreSQL when it is down), regions
 * and their minimum wages (each change in the audit log).
 */
export function createReferenceServices(deps: {
  db: Database;
  search: Search;
  clock: Clock;
  audit: AuditTrail;
  repositories: { reference: ReferenceRepository };
  onSearchDown: (error: unknown) => void;
}) {
  return createReferenceService({
    db: deps.db,
    repository: deps.repositories.reference,
    search: deps.search,
    clock: deps.clock,
    onSearchDown: deps.onSearchDown,
    audit: deps.audit,
  });
}
