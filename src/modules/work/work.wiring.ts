import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { GigsRepository } from '../gigs/gigs.repository.js';
import type { StationsService } from '../stations/stations.service.js';
import { createDisputesService } from './disputes.service.js';
import type { WorkDeps, WorkSettings } from './work.context.js';
import type { WorkRepository } from './work.repository.js';
import { createWorkService } from './work.service.js';

/**
 * Work and wages after the hire wired (docs/work-and-wages.md): the contract, attendance, pay and
 * arrears, and disputes. Stations say which operators may act for a walk-in worker; insurance
 * refuses a check-in without cover.
 */
export function createWorkServices(deps: {
  db: Database;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  audit: AuditTrail;
  repositories: { work: WorkRepository; gigs: GigsRepository };
  hiring: WorkDeps['hiring'];
  stations: Pick<StationsService, 'mayActFor' | 'operatesNear'>;
  boards: (gigIds: readonly string[]) => void;
  requireCover: WorkDeps['requireCover'];
  settings: WorkSettings;
}) {
  const { db, clock, notify, repositories, stations } = deps;
  const work = createWorkService({
    db,
    repository: repositories.work,
    gigs: repositories.gigs,
    hiring: deps.hiring,
    mayActFor: (operator, workerId) => stations.mayActFor(operator, workerId),
    operatesNear: (operator, place) => stations.operatesNear(operator, place),
    clock,
    notify,
    log: deps.log,
    settings: deps.settings,
    boards: deps.boards,
    requireCover: deps.requireCover,
    audit: deps.audit,
  });
  const disputes = createDisputesService({
    db,
    repository: repositories.work,
    clock,
    notify,
    audit: deps.audit,
    mayActFor: (operator, workerId, tx) => stations.mayActFor(operator, workerId, tx),
  });
  return { work, disputes };
}
