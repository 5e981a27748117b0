import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { GigSearchService } from '../gigs/gig-search.service.js';
import type { GigsRepository } from '../gigs/gigs.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { createStationsRepository } from './stations.repository.js';
import { createStationsService } from './stations.service.js';

/**
 * Job stations and their kiosks wired (docs/kiosk.md): the service, and `boards`, the port through
 * which hiring, work and postings tell the kiosk boards near the gigs they changed.
 */
export function createStationServices(deps: {
  db: Database;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  audit: AuditTrail;
  repositories: { gigs: GigsRepository; reference: ReferenceRepository };
  gigSearch: GigSearchService;
  /** How long a kiosk token's check is trusted without asking the database again. */
  kioskCacheMs: number;
}) {
  const { db, log, repositories } = deps;
  const stations = createStationsService({
    db,
    repository: createStationsRepository(db),
    gigs: repositories.gigs,
    gigSearch: deps.gigSearch,
    reference: repositories.reference,
    clock: deps.clock,
    notify: deps.notify,
    log,
    audit: deps.audit,
    kioskCacheMs: deps.kioskCacheMs,
  });
  /** Told after each commit; a failure only costs a live update. */
  const boards = (gigIds: readonly string[]) => {
    stations.gigsChanged(gigIds).catch((error: unknown) => {
      log.warn({ err: error }, 'could not update kiosk boards');
    });
  };
  return { stations, boards };
}
