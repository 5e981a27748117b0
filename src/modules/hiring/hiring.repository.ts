import type { Database } from '../../db/client.js';
import { createApplicationsRepository } from './applications.repository.js';
import { createDispatchRepository } from './dispatch.repository.js';
import { createEngagementsRepository } from './engagements.repository.js';
import { createOffersRepository } from './offers.repository.js';
import { createRosterRepository } from './roster.repository.js';

export type { ApplicationRecord } from './applications.repository.js';
export type { DispatchRecord } from './dispatch.repository.js';
export type { EngagementRecord, NewEngagement } from './engagements.repository.js';
export type { ClosedOffer, NewOffer, OfferRecord } from './offers.repository.js';

/**
 * The hiring tables, one repository each, under one name: the records' types are imported from
 * here by other modules and by the GraphQL codegen mappers.
 */
export function createHiringRepository(db: Database) {
  return {
    offers: createOffersRepository(db),
    dispatch: createDispatchRepository(),
    engagements: createEngagementsRepository(db),
    applications: createApplicationsRepository(db),
    roster: createRosterRepository(db),
  };
}

export type HiringRepository = ReturnType<typeof createHiringRepository>;
