import type { Database } from '../db/client.js';
import { createAccountsRepository } from './accounts/accounts.repository.js';
import { createEmployersRepository } from './employers/employers.repository.js';
import { createGigsRepository } from './gigs/gigs.repository.js';
import { createHiringRepository } from './hiring/hiring.repository.js';
import { createReferenceRepository } from './reference/reference.repository.js';
import { createCoursesRepository } from './training/courses.repository.js';
import { createWorkRepository } from './work/work.repository.js';
import { createCertificatesRepository } from './workers/certificates.repository.js';
import { createWorkersRepository } from './workers/workers.repository.js';

/**
 * The repositories more than one domain reads, each made once over the db handle and handed to the
 * domains' wiring (src/modules/index.ts); a repository only its own domain reads is made there.
 */
export function createRepositories(db: Database) {
  return {
    reference: createReferenceRepository(db),
    accounts: createAccountsRepository(db),
    workers: createWorkersRepository(db),
    certificates: createCertificatesRepository(db),
    employers: createEmployersRepository(db),
    gigs: createGigsRepository(db),
    hiring: createHiringRepository(db),
    work: createWorkRepository(db),
    courses: createCoursesRepository(db),
  };
}
