import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Notify } from '../realtime/notifier.js';
import type { LingongSocket } from '../realtime/socket.js';
import type { Search } from '../search/client.js';
import { createTierReader } from '../search/tiers.js';
import type { PiiVault } from '../security/pii-vault.js';
import { accountsJobs } from './accounts/accounts.jobs.js';
import { createAccountsRepository } from './accounts/accounts.repository.js';
import { type AuthSettings, createAccountServices } from './accounts/accounts.services.js';
import type { AccessClaims } from './accounts/viewer.js';
import { createAuditRepository } from './audit/audit.repository.js';
import { createAuditService } from './audit/audit.service.js';
import { createEmployersRepository } from './employers/employers.repository.js';
import { createEmployersService } from './employers/employers.service.js';
import { followUpJobs } from './followup/followup.jobs.js';
import { createFollowUpServices, type FollowUpSettings } from './followup/followup.services.js';
import { createGigSearchService } from './gigs/gig-search.service.js';
import { createGigDocuments } from './gigs/gigs.documents.js';
import { gigsJobs } from './gigs/gigs.jobs.js';
import { createGigsRepository } from './gigs/gigs.repository.js';
import { createGigsService } from './gigs/gigs.service.js';
import { createCrewsRepository } from './hiring/crews.repository.js';
import { createCrewsService } from './hiring/crews.service.js';
import { createHiringErasure } from './hiring/erasure.repository.js';
import { hiringJobs } from './hiring/hiring.jobs.js';
import type { HiringMetrics } from './hiring/hiring.metrics.js';
import { createHiringRepository } from './hiring/hiring.repository.js';
import { createHiringService, type WaveSettings } from './hiring/hiring.service.js';
import { registerHiringSocket, type SocketGuards } from './hiring/hiring.socket.js';
import { createMatcher } from './hiring/matching.js';
import { createMatchingRepository } from './hiring/matching.repository.js';
import { createSavedSearchesRepository } from './hiring/saved-searches.repository.js';
import { createSavedSearchesService } from './hiring/saved-searches.service.js';
import { createInsuranceServices } from './insurance/insurance.module.js';
import type { InsurerGateway } from './insurance/insurer.gateway.js';
import type { Job } from './jobs.js';
import { createExportRepository } from './privacy/export.repository.js';
import { createPrivacyService } from './privacy/privacy.service.js';
import { createReferenceRepository } from './reference/reference.repository.js';
import { createReferenceService } from './reference/reference.service.js';
import type { SmsGateway } from './sms/sms.gateway.js';
import type { SmsMetrics } from './sms/sms.metrics.js';
import { createSmsRepository } from './sms/sms.repository.js';
import { createSmsService, type SmsSettings } from './sms/sms.service.js';
import { createStationsRepository } from './stations/stations.repository.js';
import { createStationsService } from './stations/stations.service.js';
import { statsJobs } from './stats/stats.jobs.js';
import { createStatsRepository } from './stats/stats.repository.js';
import { createStatsService } from './stats/stats.service.js';
import { createCoursesRepository } from './training/courses.repository.js';
import type { ResultSettings } from './training/enrolments.results.js';
import type { TrainingOrderSettings } from './training/orders.service.js';
import { trainingJobs } from './training/training.jobs.js';
import { createTrainingServices } from './training/training.services.js';
import { warningsJobs } from './warnings/warnings.jobs.js';
import { createWarningServices, type WarningSettings } from './warnings/warnings.wiring.js';
import { createDisputesService } from './work/disputes.service.js';
import { workJobs } from './work/work.jobs.js';
import { createWorkRepository } from './work/work.repository.js';
import { createWorkService, type WorkSettings } from './work/work.service.js';
import { createCertificatesRepository } from './workers/certificates.repository.js';
import { type CertificateSettings, createCertificatesService } from './workers/certificates.service.js';
import type { IdentityGateway } from './workers/identity.gateway.js';
import { createIdentityRepository } from './workers/identity.repository.js';
import { createIdentityService } from './workers/identity.service.js';
import { createWorkerDocuments } from './workers/workers.documents.js';
import { workersJobs } from './workers/workers.jobs.js';
import { createWorkersRepository } from './workers/workers.repository.js';
import { createWorkersService } from './workers/workers.service.js';

export type ServiceDeps = {
  db: Database;
  search: Search;
  clock: Clock;
  log: FastifyBaseLogger;
  vault: PiiVault;
  signAccessToken: (claims: AccessClaims) => string;
  notify: Notify;
  /** How long a search waits for Meilisearch before PostgreSQL answers instead. */
  searchTimeoutMs: number;
  /** The bulk gig tier: one index, or one per city (SEARCH_GIG_INDEX, src/search/cities.ts). */
  gigIndex?: 'one' | 'city';
  offers: WaveSettings;
  work: WorkSettings;
  auth: AuthSettings;
  /** What the domain counts for /metrics (after each commit). */
  metrics: { hiring: HiringMetrics };
  /** How long a kiosk token's check is trusted without asking the database again. */
  kiosk: { cacheMs: number };
  /** Others know a worker's home only by its grid cell of this side, km (coarse-location.ts). */
  privacy: { locationCellKm: number };
  /** Offers by SMS: the provider's adapter and the rules (quiet hours, daily cap). */
  sms: { gateway: SmsGateway; settings: SmsSettings; metrics?: SmsMetrics };
  /** The identity service that may confirm a worker's name and number (IDENTITY_SERVICE). */
  identity: { gateway: IdentityGateway };
  /** The notice before a 特种作业操作证 expires (CERTIFICATE_NOTICE_DAYS). */
  certificates: CertificateSettings;
  /** Course results: the attendance a pass needs (COURSE_MIN_ATTENDANCE). */
  enrolments: ResultSettings;
  /** Ordered training's sweep of completed courses (TRAINING_ORDER_SWEEP_MS). */
  trainingOrders: TrainingOrderSettings;
  /** The follow-up ledger's default days without work (FOLLOW_UP_IDLE_DAYS). */
  followUp: FollowUpSettings;
  /** The early warning's thresholds (WARNING_* settings). */
  warnings: WarningSettings;
  /** Per-day accident policies: the insurer's adapter (the development one when none is given). */
  insurance?: { gateway: InsurerGateway };
};

/** The domain services, each a factory over the narrowest thing it needs; the one place they are wired. */
export function createServices(deps: ServiceDeps) {
  const { db, clock } = deps;
  const repositories = {
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
  /** The audit log of sensitive actions: the services below write to it in their own transactions. */
  const audit = createAuditService({ db, repository: createAuditRepository(db), clock });
  const identity = createIdentityService({
    db,
    repository: createIdentityRepository(db),
    vault: deps.vault,
    clock,
    audit,
    notify: deps.notify,
    gateway: deps.identity.gateway,
    chosenLocales: (ids, tx) => repositories.accounts.chosenLocales(ids, tx),
  });
  /** Skill levels that can be trusted: certificates, special-operation qualification (docs/skills.md). */
  const certificates = createCertificatesService({
    db,
    repository: repositories.certificates,
    workers: repositories.workers,
    reference: repositories.reference,
    clock,
    audit,
    notify: deps.notify,
    // The SMS service is made below; this is called only by the notice job, long after.
    textNotice: (workerId, said) => sms.notice(workerId, said),
    chosenLocales: (ids) => repositories.accounts.chosenLocales(ids),
    settings: deps.certificates,
  });
  const onSearchDown = (error: unknown) =>
    deps.log.warn({ err: error }, 'search engine unavailable; answering from PostgreSQL');

  /** What the search tiers hold, as this node knows it (the outbox plugin tells it the fresh top). */
  const searchTiers = createTierReader(db, undefined, { cities: deps.gigIndex === 'city' });
  const gigSearch = createGigSearchService({
    db,
    search: deps.search,
    gigs: repositories.gigs,
    reference: repositories.reference,
    clock,
    timeoutMs: deps.searchTimeoutMs,
    tiers: searchTiers,
    onSearchDown,
  });
  const stations = createStationsService({
    db,
    repository: createStationsRepository(db),
    gigs: repositories.gigs,
    gigSearch,
    reference: repositories.reference,
    clock,
    notify: deps.notify,
    log: deps.log,
    audit,
    kioskCacheMs: deps.kiosk.cacheMs,
  });
  /** Kiosk boards near changed gigs are told after each commit; a failure only costs a live update. */
  const boards = (gigIds: readonly string[]) => {
    stations.gigsChanged(gigIds).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not update kiosk boards');
    });
  };
  /** Per-day accident insurance (docs/insurance.md): contracts name it, postings state it, check-in asks it. */
  const insurance = createInsuranceServices({
    db,
    clock,
    log: deps.log,
    audit,
    engagement: (id) => repositories.work.engagement(id),
    gig: async (id) => (await repositories.gigs.byIds([id]))[0],
    gateway: deps.insurance?.gateway,
  });
  const crews = createCrewsService({
    db,
    repository: createCrewsRepository(db),
    workers: repositories.workers,
    clock,
    notify: deps.notify,
  });
  // SMS answers replies through hiring, and hiring tells SMS of the offers it sent. Hiring is made
  // first and reaches `sms` (made just below) through this closure, which it calls only after a
  // wave commits, long after both exist: a binding, not a variable set later.
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
      onSearchDown,
      cellKm: deps.privacy.locationCellKm,
    }),
    crews,
    shortfalls: certificates.shortfalls,
    cover: insurance.contractCover,
    clock,
    notify: deps.notify,
    log: deps.log,
    settings: deps.offers,
    boards,
    metrics: deps.metrics.hiring,
    offersSent: (offers, gig) => sms.offersSent(offers, gig),
    cellKm: deps.privacy.locationCellKm,
  });
  const sms = createSmsService({
    db,
    repository: createSmsRepository(db),
    hiring,
    gigs: repositories.gigs,
    reference: repositories.reference,
    gateway: deps.sms.gateway,
    clock,
    log: deps.log,
    settings: deps.sms.settings,
    metrics: deps.sms.metrics,
  });

  const { sessions, accounts, phoneCodes, phones } = createAccountServices({
    db,
    clock,
    log: deps.log,
    vault: deps.vault,
    audit,
    repository: repositories.accounts,
    signAccessToken: deps.signAccessToken,
    auth: deps.auth,
    sms: { gateway: deps.sms.gateway, signName: deps.sms.settings.signName },
  });

  /** 帮扶台账: the follow-up list, its contacts, requests for help (docs/followup.md). */
  const followUp = createFollowUpServices({
    db,
    clock,
    audit,
    notify: deps.notify,
    regionTree: () => repositories.reference.regionTree(),
    settings: deps.followUp,
  });

  /** Training (docs/training.md): made here so registration can take its wishes port. */
  const training = createTrainingServices({
    db,
    search: deps.search,
    clock,
    log: deps.log,
    notify: deps.notify,
    audit,
    repositories,
    certificates,
    phoneCodes,
    textNotice: (workerId, said) => sms.notice(workerId, said),
    searchTimeoutMs: deps.searchTimeoutMs,
    onSearchDown,
    settings: { enrolments: deps.enrolments, trainingOrders: deps.trainingOrders },
  });

  const savedSearches = createSavedSearchesService({
    repository: createSavedSearchesRepository(db),
    reference: repositories.reference,
    clock,
    notify: deps.notify,
    log: deps.log,
  });

  const work = createWorkService({
    db,
    repository: repositories.work,
    gigs: repositories.gigs,
    hiring,
    mayActFor: (operator, workerId) => stations.mayActFor(operator, workerId),
    operatesNear: (operator, place) => stations.operatesNear(operator, place),
    clock,
    notify: deps.notify,
    log: deps.log,
    settings: deps.work,
    boards,
    requireCover: insurance.requireCover,
  });
  const disputes = createDisputesService({
    db,
    repository: repositories.work,
    clock,
    notify: deps.notify,
    audit,
  });

  return {
    hiring,
    insurance: insurance.insurance,
    sms,
    ...training.services,
    work,
    disputes,
    /** Read-side of wages for loaders: payments, arrears, ratings, disputes by hire or employer. */
    workRecords: repositories.work,
    crews,
    savedSearches,
    stations,
    audit,
    gigSearch,
    searchTiers,
    reference: createReferenceService({
      db,
      repository: repositories.reference,
      search: deps.search,
      clock,
      onSearchDown,
      audit,
    }),
    sessions,
    accounts,
    phones,
    workers: createWorkersService({
      db,
      repository: repositories.workers,
      accounts: repositories.accounts,
      codes: phoneCodes,
      reference: repositories.reference,
      vault: deps.vault,
      clock,
      identity,
      wishes: training.services.trainingWishes,
    }),
    identity,
    certificates,
    employers: createEmployersService({
      db,
      repository: repositories.employers,
      accounts: repositories.accounts,
      codes: phoneCodes,
      reference: repositories.reference,
      clock,
      audit,
    }),
    gigs: createGigsService({
      db,
      repository: repositories.gigs,
      employers: repositories.employers,
      reference: repositories.reference,
      clock,
      notify: deps.notify,
      hiring,
      alerts: savedSearches,
      boards,
      arrears: repositories.work.arrears,
      insurance: insurance.insurance,
    }),
    privacy: createPrivacyService({
      db,
      repositories,
      exports: createExportRepository(db),
      hiringErasure: createHiringErasure(),
      ...training.privacy,
      followUp: followUp.privacy,
      insurance: insurance.insurance,
      work,
      clock,
      audit,
      endSessions: (accountId, at, tx) => sessions.endAll(accountId, 'ACCOUNT_ERASED', at, tx),
    }),
    followUp: followUp.service,
    stats: createStatsService({
      repository: createStatsRepository(db),
      regionTree: () => repositories.reference.regionTree(),
      taxonomy: () => repositories.reference.taxonomy(),
    }),
    /** 规模性失业风险预警: the early warning of job loss per county (docs/warnings.md). */
    warnings: createWarningServices({
      db,
      regionTree: () => repositories.reference.regionTree(),
      clock,
      audit,
      notify: deps.notify,
      settings: deps.warnings,
    }),
    documents: {
      workers: createWorkerDocuments({
        workers: repositories.workers,
        certificates: repositories.certificates,
        reference: repositories.reference,
        cellKm: deps.privacy.locationCellKm,
      }),
      gigs: createGigDocuments({ gigs: repositories.gigs, reference: repositories.reference }),
      courses: training.courseDocuments,
    },
  };
}

export type Services = ReturnType<typeof createServices>;

/** Every module's timers, run on each node by the `jobs` plugin. */
export function moduleJobs(services: Services, config: Config): Job[] {
  return [
    ...accountsJobs(services.sessions),
    ...gigsJobs(services.gigs, config.gigs),
    ...hiringJobs(services.hiring, config.offers),
    ...workJobs(services.work, config.work),
    ...statsJobs(services.stats, config.stats),
    ...workersJobs(services.certificates, config.certificates),
    ...trainingJobs(services.trainingOrders, config.trainingOrders),
    ...warningsJobs(services.warnings, config.warnings),
    ...followUpJobs(services.followUp, config.followUp),
  ];
}

/**
 * Each module's socket handlers, registered on every connection by the `sockets` plugin. The
 * guards are the API's own (the mutation limit), so a socket is no side door.
 */
export function moduleSockets(services: Services, guards: SocketGuards): ((socket: LingongSocket) => void)[] {
  return [(socket) => registerHiringSocket(socket, { hiring: services.hiring, ...guards })];
}

// What the sessions plugin reads of an ending, and a socket's renewal answer.
export type { RenewReply } from './accounts/sessions.events.js';
export type { SessionEndReason, SessionProblem, SessionsEnded } from './accounts/sessions.service.js';
// What infrastructure may use of the modules besides their services (the layout rule in
// .dependency-cruiser.cjs): the SMS gateway's and identity service's adapters, the kiosk token's shape, and the audit
// trail of private reads a GraphQL request makes.
export { createPrivateReads, recordPrivateReads } from './audit/private-reads.js';
export type { SocketGuards } from './hiring/hiring.socket.js';
export { createInsurerGateway, type InsurerGateway } from './insurance/insurer.gateway.js';
export { createSmsGateway, type SmsGateway } from './sms/sms.gateway.js';
export { looksLikeKioskToken } from './stations/stations.service.js';
export { createIdentityGateway, type IdentityGateway } from './workers/identity.gateway.js';
