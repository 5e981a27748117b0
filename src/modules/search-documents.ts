import { createGigDocuments } from './gigs/gigs.documents.js';
import type { GigsRepository } from './gigs/gigs.repository.js';
import type { ReferenceRepository } from './reference/reference.repository.js';
import type { createCourseDocuments } from './training/courses.documents.js';
import type { CertificatesRepository } from './workers/certificates.repository.js';
import { createWorkerDocuments } from './workers/workers.documents.js';
import type { WorkersRepository } from './workers/workers.repository.js';

/**
 * What the outbox writes to each Meilisearch index, by index (src/plugins/outbox.ts): a worker's
 * document (matching's), a gig's (both tiers'), and a course's (made by the training domain).
 */
export function createSearchDocuments(deps: {
  repositories: {
    workers: WorkersRepository;
    certificates: CertificatesRepository;
    gigs: GigsRepository;
    reference: ReferenceRepository;
  };
  /** The side of the grid cells a worker's home is known by to others (LOCATION_CELL_KM). */
  cellKm: number;
  courses: ReturnType<typeof createCourseDocuments>;
}) {
  const { repositories } = deps;
  return {
    workers: createWorkerDocuments({
      workers: repositories.workers,
      certificates: repositories.certificates,
      reference: repositories.reference,
      cellKm: deps.cellKm,
    }),
    gigs: createGigDocuments({ gigs: repositories.gigs, reference: repositories.reference }),
    courses: deps.courses,
  };
}
