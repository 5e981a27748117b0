import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import type { Search } from '../../search/client.js';
import { createTierReader } from '../../search/tiers.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkRepository } from '../work/work.repository.js';
import { createGigSearchService } from './gig-search.service.js';
import type { GigsRepository } from './gigs.repository.js';
import { createGigsService } from './gigs.service.js';

/**
 * Gig search wired (docs/search.md): the reader of what the search tiers hold, as this node knows
 * it (the outbox plugin tells it the fresh top), and the search over both tiers, which PostgreSQL
 * answers when Meilisearch does not within `timeoutMs`.
 */
export function createGigSearchServices(deps: {
  db: Database;
  search: Search;
  clock: Clock;
  repositories: { gigs: GigsRepository; reference: ReferenceRepository };
  /** The bulk tier has an index per city (SEARCH_GIG_INDEX=city, src/search/cities.ts). */
  cities: boolean;
  timeoutMs: number;
  onSearchDown: (error: unknown) => void;
}) {
  const { db, repositories } = deps;
  const searchTiers = createTierReader(db, { cities: deps.cities });
  const gigSearch = createGigSearchService({
    db,
    search: deps.search,
    gigs: repositories.gigs,
    reference: repositories.reference,
    clock: deps.clock,
    timeoutMs: deps.timeoutMs,
    tiers: searchTiers,
    onSearchDown: deps.onSearchDown,
  });
  return { searchTiers, gigSearch };
}

type GigsDeps = Parameters<typeof createGigsService>[0];

/**
 * Posting gigs wired: instant gigs start hiring's offer waves, saved searches and kiosk boards are
 * told of new gigs, open wage arrears bar an employer from instant gigs, and each posting states
 * its accident cover.
 */
export function createGigServices(deps: {
  db: Database;
  clock: Clock;
  notify: Notify;
  repositories: {
    gigs: GigsRepository;
    employers: EmployersRepository;
    reference: ReferenceRepository;
    work: Pick<WorkRepository, 'arrears'>;
  };
  hiring: GigsDeps['hiring'];
  alerts: GigsDeps['alerts'];
  boards: GigsDeps['boards'];
  insurance: GigsDeps['insurance'];
}) {
  const { repositories } = deps;
  return createGigsService({
    db: deps.db,
    repository: repositories.gigs,
    employers: repositories.employers,
    reference: repositories.reference,
    clock: deps.clock,
    notify: deps.notify,
    hiring: deps.hiring,
    alerts: deps.alerts,
    boards: deps.boards,
    arrears: repositories.work.arrears,
    insurance: deps.insurance,
  });
}
