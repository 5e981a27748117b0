import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { GigsRepository } from '../gigs/gigs.repository.js';
import type { HiringService } from '../hiring/hiring.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { SmsGateway } from './sms.gateway.js';
import type { SmsMetrics } from './sms.metrics.js';
import { createSmsRepository } from './sms.repository.js';
import { createSmsService, type SmsSettings } from './sms.service.js';

/**
 * Offers by SMS wired (docs/sms.md): the provider's adapter and the rules (quiet hours, daily cap),
 * answering replies through hiring.
 */
export function createSmsServices(deps: {
  db: Database;
  clock: Clock;
  log: FastifyBaseLogger;
  repositories: { gigs: GigsRepository; reference: ReferenceRepository; workers: WorkersRepository };
  hiring: HiringService;
  gateway: SmsGateway;
  settings: SmsSettings;
  metrics?: SmsMetrics;
}) {
  return createSmsService({
    db: deps.db,
    repository: createSmsRepository(deps.db),
    hiring: deps.hiring,
    gigs: deps.repositories.gigs,
    reference: deps.repositories.reference,
    workers: deps.repositories.workers,
    gateway: deps.gateway,
    clock: deps.clock,
    log: deps.log,
    settings: deps.settings,
    metrics: deps.metrics,
  });
}
