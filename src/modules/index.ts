import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { Search } from '../search/client.js';
import { createReferenceRepository } from './reference/reference.repository.js';
import { createReferenceService } from './reference/reference.service.js';

/** The domain services, each a factory over the narrowest thing it needs. */
export function createServices(deps: { db: Database; search: Search; clock: Clock; log: FastifyBaseLogger }) {
  const onSearchDown = (error: unknown) =>
    deps.log.warn({ err: error }, 'search engine unavailable; answering from PostgreSQL');
  return {
    reference: createReferenceService({
      repository: createReferenceRepository(deps.db),
      search: deps.search,
      clock: deps.clock,
      onSearchDown,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
