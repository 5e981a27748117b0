import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import type { Search } from '../../search/client.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { createCrewsRepository } from './crews.repository.js';
import { createCrewsService } from './crews.service.js';
import { createEngagementsRepository } from './engagements.repository.js';
import type { CoverOfGig, Shortfalls } from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { HiringRepository } from './hiring.repository.js';
import { createHiringService, type WaveSettings } from './hiring.service.js';
import { createMatcher } from './matching.js';
import { createMatchingRepository } from './matching.repository.js';
import type { OfferRecord } from './offers.repository.js';
import { createSavedSearchesRepository } from './saved-searches.repository.js';
import { createSavedSearchesService } from './saved-searches.service.js';

/**
 * Hiring wired (docs/instant-hire.md): village crews, and instant and listed-gig hiring over the
 * matcher (Meilisearch narrows the field, PostgreSQL checks every rule). What it takes of other
 * domains comes in as ports: certificates' shortfalls, insurance's contract cover, the kiosk
 * boards, and the SMS service's `offersSent`.
 */
export function createHiringServices(deps: {
  db: Database;
  search: Search;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  repositories: {
    hiring: HiringRepository;
    gigs: GigsRepository;
    workers: WorkersRepository;
    employers: EmployersRepository;
    reference: ReferenceRepository;
  };
  /** How long matching waits for Meilisearch, and what is logged when PostgreSQL answers. */
  searchTimeoutMs: number;
  onSearchDown: (error: unknown) => void;
  /** The side of the grid cells a worker's home is known by to others (LOCATION_CELL_KM). */
  cellKm: number;
  shortfalls: Shortfalls;
  cover: CoverOfGig;
  boards: (gigIds: readonly string[]) => void;
  settings: WaveSettings;
  metrics: HiringMetrics;
  /** Offers of a wave or a backfill, after they commit: texted to workers who chose SMS. */
  offersSent: (offers: readonly OfferRecord[], gig: GigRecord) => void;
}) {
  const { db, clock, notify, log, repositories } = deps;
  const crews = createCrewsService({
    db,
    repository: createCrewsRepository(db),
    engagements: createEngagementsRepository(db),
    workers: repositories.workers,
    clock,
    notify,
  });
  const hiring = createHiringService({
    db,
    repository: repositories.hiring,
    gigs: repositories.gigs,
    workers: repositories.workers,
    employers: repositories.employers,
    reference: repositories.reference,
    matcher: createMatcher({
      repository: createMatchingRepository(db),
      search: deps.search,
      clock,
      timeoutMs: deps.searchTimeoutMs,
      onSearchDown: deps.onSearchDown,
      cellKm: deps.cellKm,
    }),
    crews,
    shortfalls: deps.shortfalls,
    cover: deps.cover,
    clock,
    notify,
    log,
    settings: deps.settings,
    boards: deps.boards,
    metrics: deps.metrics,
    offersSent: deps.offersSent,
    cellKm: deps.cellKm,
  });
  return { crews, hiring };
}

/** Saved searches (订阅): a worker is told of new gigs that meet one. */
export function createSavedSearches(deps: {
  db: Database;
  reference: ReferenceRepository;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
}) {
  return createSavedSearchesService({
    repository: createSavedSearchesRepository(deps.db),
    reference: deps.reference,
    clock: deps.clock,
    notify: deps.notify,
    log: deps.log,
  });
}
