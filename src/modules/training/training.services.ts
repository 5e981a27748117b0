import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { Text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import type { Search } from '../../search/client.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
import type { AuditService } from '../audit/audit.service.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { CertificatesService } from '../workers/certificates.service.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { createCourseSearchService } from './course-search.service.js';
import { createCourseDocuments } from './courses.documents.js';
import type { CoursesRepository } from './courses.repository.js';
import { createCoursesService } from './courses.service.js';
import { createLearnerErasure } from './enrolments.erasure.js';
import { createEnrolmentsRepository } from './enrolments.repository.js';
import { createCourseResults, type ResultSettings } from './enrolments.results.js';
import { createEnrolmentsService } from './enrolments.service.js';
import { createOrdersRepository } from './orders.repository.js';
import { createOrdersService, type TrainingOrderSettings } from './orders.service.js';
import { createProvidersRepository } from './providers.repository.js';
import { createProvidersService } from './providers.service.js';
import { createShortageRepository } from './shortage.repository.js';
import { createShortageService } from './shortage.service.js';
import { createWishesRepository } from './wishes.repository.js';
import { createWishesService } from './wishes.service.js';

export type TrainingDeps = {
  db: Database;
  search: Search;
  clock: Clock;
  log: FastifyBaseLogger;
  notify: Notify;
  audit: AuditService;
  repositories: {
    reference: ReferenceRepository;
    accounts: AccountsRepository;
    workers: WorkersRepository;
    employers: EmployersRepository;
    courses: CoursesRepository;
  };
  certificates: CertificatesService;
  /** Sign-up codes, shared with every other account kind. */
  phoneCodes: PhoneCodes;
  /** A notice by SMS to a worker, in their language (the SMS service, made after this domain). */
  textNotice: (workerId: string, said: Text) => Promise<void>;
  /** How long a course search waits for Meilisearch, and what is logged when PostgreSQL answers. */
  searchTimeoutMs: number;
  onSearchDown: (error: unknown) => void;
  settings: { enrolments: ResultSettings; trainingOrders: TrainingOrderSettings };
};

/**
 * The training domain wired as one (docs/training.md): providers and their courses, course search,
 * enrolments and results, training wishes, ordered training and the shortage report; plus what other
 * domains take from it (the wishes port of registration, the learner erasure of the PIPL, the course
 * documents of the outbox).
 */
export function createTrainingServices(deps: TrainingDeps) {
  const { db, clock, audit, log, notify, repositories } = deps;
  const chosenLocales = (ids: readonly string[]) => repositories.accounts.chosenLocales(ids);

  /** Training wishes (培训意愿) and ordered training (订单培训). */
  const wishesRepository = createWishesRepository(db);
  const trainingWishes = createWishesService({
    db,
    repository: wishesRepository,
    reference: repositories.reference,
    workers: repositories.workers,
    clock,
  });
  const trainingOrders = createOrdersService({
    db,
    repository: createOrdersRepository(db),
    employers: repositories.employers,
    reference: repositories.reference,
    clock,
    audit,
    notify,
    chosenLocales,
    settings: deps.settings.trainingOrders,
    log,
  });
  /** Graduates of an ordered course join its employer's roster, in the results' transaction. */
  const graduates = (courseId: string, tx: Executor) => trainingOrders.graduatesPassed(courseId, tx);

  /** Enrolments, the register and results ("Enrolment and results"). */
  const enrolmentsRepository = createEnrolmentsRepository(db);
  const enrolments = createEnrolmentsService({
    db,
    repository: enrolmentsRepository,
    workers: repositories.workers,
    clock,
    notify,
  });
  const courseResults = createCourseResults({
    db,
    repository: enrolmentsRepository,
    certificates: deps.certificates,
    workers: repositories.workers,
    reference: repositories.reference,
    clock,
    audit,
    notify,
    textNotice: deps.textNotice,
    chosenLocales,
    settings: deps.settings.enrolments,
    log,
    graduates,
  });

  /** Providers and their courses ("Providers and courses"). */
  const trainingProviders = createProvidersService({
    db,
    repository: createProvidersRepository(db),
    accounts: repositories.accounts,
    codes: deps.phoneCodes,
    reference: repositories.reference,
    clock,
    audit,
  });
  const courses = createCoursesService({
    db,
    repository: repositories.courses,
    providers: trainingProviders,
    reference: repositories.reference,
    workers: repositories.workers,
    clock,
    audit,
    notify,
    textNotice: deps.textNotice,
    chosenLocales,
    log,
  });
  const courseSearch = createCourseSearchService({
    db,
    search: deps.search,
    courses: repositories.courses,
    reference: repositories.reference,
    clock,
    timeoutMs: deps.searchTimeoutMs,
    onSearchDown: deps.onSearchDown,
  });

  return {
    services: {
      trainingProviders,
      courses,
      courseSearch,
      enrolments,
      courseResults,
      trainingWishes,
      trainingOrders,
      /** 急需紧缺: the shortage report of training. */
      shortage: createShortageService({
        repository: createShortageRepository(db),
        regionTree: () => repositories.reference.regionTree(),
        taxonomy: () => repositories.reference.taxonomy(),
        clock,
      }),
    },
    /** What the PIPL export and erasure take of training: wishes, and a learner's seats and results. */
    privacy: {
      trainingWishes: wishesRepository,
      learners: createLearnerErasure({ repository: enrolmentsRepository, graduates }),
    },
    courseDocuments: createCourseDocuments({
      courses: repositories.courses,
      reference: repositories.reference,
    }),
  };
}
