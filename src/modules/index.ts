import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { Search } from '../search/client.js';
import type { PiiVault } from '../security/pii-vault.js';
import { createAccountsRepository } from './accounts/accounts.repository.js';
import { createAccountsService } from './accounts/accounts.service.js';
import type { AccessClaims } from './accounts/viewer.js';
import { createEmployersRepository } from './employers/employers.repository.js';
import { createEmployersService } from './employers/employers.service.js';
import { createPrivacyService } from './privacy/privacy.service.js';
import { createReferenceRepository } from './reference/reference.repository.js';
import { createReferenceService } from './reference/reference.service.js';
import { createWorkerDocuments } from './workers/workers.documents.js';
import { createWorkersRepository } from './workers/workers.repository.js';
import { createWorkersService } from './workers/workers.service.js';

export type ServiceDeps = {
  db: Database;
  search: Search;
  clock: Clock;
  log: FastifyBaseLogger;
  vault: PiiVault;
  signAccessToken: (claims: AccessClaims) => string;
  auth: { accessTokenTtlSeconds: number; refreshTokenTtlDays: number };
};

/** The domain services, each a factory over the narrowest thing it needs; the one place they are wired. */
export function createServices(deps: ServiceDeps) {
  const { db, clock } = deps;
  const repositories = {
    reference: createReferenceRepository(db),
    accounts: createAccountsRepository(db),
    workers: createWorkersRepository(db),
    employers: createEmployersRepository(db),
  };
  const onSearchDown = (error: unknown) =>
    deps.log.warn({ err: error }, 'search engine unavailable; answering from PostgreSQL');

  return {
    reference: createReferenceService({
      repository: repositories.reference,
      search: deps.search,
      clock,
      onSearchDown,
    }),
    accounts: createAccountsService({
      repository: repositories.accounts,
      clock,
      signAccessToken: deps.signAccessToken,
      ...deps.auth,
    }),
    workers: createWorkersService({
      db,
      repository: repositories.workers,
      accounts: repositories.accounts,
      reference: repositories.reference,
      vault: deps.vault,
      clock,
    }),
    employers: createEmployersService({
      db,
      repository: repositories.employers,
      accounts: repositories.accounts,
      reference: repositories.reference,
      clock,
    }),
    privacy: createPrivacyService({ db, repositories, clock }),
    documents: {
      workers: createWorkerDocuments({ workers: repositories.workers, reference: repositories.reference }),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
