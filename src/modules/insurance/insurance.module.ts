import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { createInsuranceRepository } from './insurance.repository.js';
import { createInsuranceService } from './insurance.service.js';
import { createDevInsurerGateway, type InsurerGateway } from './insurer.gateway.js';

/**
 * The insurance domain, wired (docs/insurance.md): the service the API answers through, and the
 * ports other domains take from it: the hire step's contract line, the posting's statement, and
 * check-in's rule. The insurer adapter is the configuration's (src/config.ts), else the
 * development one.
 */
export function createInsuranceServices(deps: {
  db: Database;
  clock: Clock;
  log: FastifyBaseLogger;
  audit: AuditTrail;
  /** The hire and its gig, as the work and gigs domains read them. */
  engagement: (id: string) => Promise<EngagementRecord | undefined>;
  gig: (id: string) => Promise<GigRecord | undefined>;
  gateway?: InsurerGateway;
}) {
  const insurance = createInsuranceService({
    db: deps.db,
    repository: createInsuranceRepository(deps.db),
    engagement: deps.engagement,
    gig: deps.gig,
    gateway: deps.gateway ?? createDevInsurerGateway(deps.log),
    clock: deps.clock,
    audit: deps.audit,
    log: deps.log,
  });
  return {
    insurance,
    /** The hire step: what each contract says of the gig's cover. */
    contractCover: (gigId: string) => insurance.contractCover(gigId),
    /** Check-in: refused with INSURANCE_REQUIRED without a policy for the day. */
    requireCover: insurance.requireCover,
  };
}

export type InsuranceServices = ReturnType<typeof createInsuranceServices>;
