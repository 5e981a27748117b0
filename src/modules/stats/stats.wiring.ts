import type { Database } from '../../db/client.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { createStatsRepository } from './stats.repository.js';
import { createStatsService } from './stats.service.js';

/** The bureau's figures (监测, docs/statistics.md) wired: their repository, the regions and the trades. */
export function createStatsServices(deps: {
  db: Database;
  repositories: { reference: ReferenceRepository };
}) {
  const { reference } = deps.repositories;
  return createStatsService({
    repository: createStatsRepository(deps.db),
    regionTree: () => reference.regionTree(),
    taxonomy: () => reference.taxonomy(),
  });
}
