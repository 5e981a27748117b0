import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Text } from '../i18n/text.js';
import type { Notify } from '../realtime/notifier.js';
import type { LingongSocket } from '../realtime/socket.js';
import type { Search } from '../search/client.js';
import type { PiiVault } from '../security/pii-vault.js';
import { accountsJobs } from './accounts/accounts.jobs.js';
import { type AuthSettings, createAccountServices } from './accounts/accounts.services.js';
import type { AccessClaims } from './accounts/viewer.js';
import { createAuditRepository } from './audit/audit.repository.js';
import { createAuditService } from './audit/audit.service.js';
import { createEmployerServices } from './employers/employers.wiring.js';
import { followUpJobs } from './followup/followup.jobs.js';
import { createFollowUpServices, type FollowUpSettings } from './followup/followup.services.js';
import { gigsJobs } from './gigs/gigs.jobs.js';
import type { GigRecord } from './gigs/gigs.repository.js';
import { createGigSearchServices, createGigServices } from './gigs/gigs.wiring.js';
import { hiringJobs } from './hiring/hiring.jobs.js';
import type { HiringMetrics } from './hiring/hiring.metrics.js';
import type { WaveSettings } from './hiring/hiring.service.js';
import { registerHiringSocket, type SocketGuards } from './hiring/hiring.socket.js';
import { createHiringServices, createSavedSearches } from './hiring/hiring.wiring.js';
import type { OfferRecord } from './hiring/offers.repository.js';
import { createInsuranceServices } from './insurance/insurance.module.js';
import type { InsurerGateway } from './insurance/insurer.gateway.js';
import type { Job } from './jobs.js';
import { createPrivacyServices } from './privacy/privacy.wiring.js';
import { createReferenceServices } from './reference/reference.wiring.js';
import { createRepositories } from './repositories.js';
import { createSearchDocuments } from './search-documents.js';
import type { SmsGateway } from './sms/sms.gateway.js';
import type { SmsMetrics } from './sms/sms.metrics.js';
import type { SmsSettings } from './sms/sms.service.js';
import { createSmsServices } from './sms/sms.wiring.js';
import { createStationServices } from './stations/stations.wiring.js';
import { statsJobs } from './stats/stats.jobs.js';
import { createStatsServices } from './stats/stats.wiring.js';
import type { ResultSettings } from './training/enrolments.results.js';
import type { TrainingOrderSettings } from './training/orders.service.js';
import { trainingJobs } from './training/training.jobs.js';
import { createTrainingServices } from './training/training.services.js';
import { warningsJobs } from './warnings/warnings.jobs.js';
import { createWarningServices, type WarningSettings } from './warnings/warnings.wiring.js';
import { workJobs } from './work/work.jobs.js';
import type { WorkSettings } from './work/work.service.js';
import { createWorkServices } from './work/work.wiring.js';
import type { CertificateSettings } from './workers/certificates.service.js';
import type { IdentityGateway } from './workers/identity.gateway.js';
import { workersJobs } from './workers/workers.jobs.js';
import { createCredentialServices, createWorkerServices } from './workers/workers.wiring.js';

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

/**
 * The domain services, each a factory over the narrowest thing it needs; the one place they are
 * wired. Each domain wires its own parts (its `*.wiring.ts`, `*.services.ts` or `*.module.ts`);
 * this calls them in the order their ports need and names what each hands the others.
 */
export function createServices(deps: ServiceDeps) {
  const { db, search, clock, notify, log } = deps;
  const repositories = createRepositories(db);
  /** The audit log of sensitive actions: the services below write to it in their own transactions. */
  const audit = createAuditService({ db, repository: createAuditRepository(db), clock });
  /** What a domain's wiring takes of the house: each picks what it needs and passes on no more. */
  const shared = { db, search, clock, notify, log, audit, vault: deps.vault, repositories };
  const onSearchDown = (error: unknown) =>
    log.warn({ err: error }, 'search engine unavailable; answering from PostgreSQL');
  // SMS answers replies through hiring, so it is made after hiring; certificates, hiring and
  // training reach it through these closures, which they call only long after both exist (a
  // notice job, a committed wave): a binding, not a variable set later.
  const textNotice = (workerId: string, said: Text) => sms.notice(workerId, said);
  const offersSent = (offers: readonly OfferRecord[], gig: GigRecord) => sms.offersSent(offers, gig);

  const { identity, certificates } = createCredentialServices({
    ...shared,
    identity: deps.identity,
    textNotice,
    certificates: deps.certificates,
  });
  const { searchTiers, gigSearch } = createGigSearchServices({
    ...shared,
    cities: deps.gigIndex === 'city',
    timeoutMs: deps.searchTimeoutMs,
    onSearchDown,
  });
  const { stations, boards } = createStationServices({
    ...shared,
    gigSearch,
    kioskCacheMs: deps.kiosk.cacheMs,
  });
  /** Per-day accident insurance (docs/insurance.md): contracts name it, postings state it, check-in asks it. */
  const insurance = createInsuranceServices({
    ...shared,
    engagement: (id) => repositories.work.engagement(id),
    gig: async (id) => (await repositories.gigs.byIds([id]))[0],
    gateway: deps.insurance?.gateway,
  });
  const { crews, hiring } = createHiringServices({
    ...shared,
    searchTimeoutMs: deps.searchTimeoutMs,
    onSearchDown,
    cellKm: deps.privacy.locationCellKm,
    shortfalls: certificates.shortfalls,
    cover: insurance.contractCover,
    boards,
    settings: deps.offers,
    metrics: deps.metrics.hiring,
    offersSent,
  });
  const sms = createSmsServices({ ...shared, hiring, ...deps.sms });
  const { sessions, accounts, phoneCodes, phones } = createAccountServices({
    ...shared,
    repository: repositories.accounts,
    signAccessToken: deps.signAccessToken,
    auth: deps.auth,
    sms: { gateway: deps.sms.gateway, signName: deps.sms.settings.signName },
  });
  /** 帮扶台账: the follow-up list, its contacts, requests for help (docs/followup.md). */
  // Not `shared`: this wiring hands its deps on whole to the ledger's services.
  const followUp = createFollowUpServices({
    db,
    clock,
    audit,
    notify,
    regionTree: () => repositories.reference.regionTree(),
    settings: deps.followUp,
  });
  /** Training (docs/training.md): made here so registration can take its wishes port. */
  const training = createTrainingServices({
    ...shared,
    certificates,
    phoneCodes,
    textNotice,
    searchTimeoutMs: deps.searchTimeoutMs,
    onSearchDown,
    settings: { enrolments: deps.enrolments, trainingOrders: deps.trainingOrders },
  });
  const savedSearches = createSavedSearches({ ...shared, reference: repositories.reference });
  const { work, disputes } = createWorkServices({
    ...shared,
    hiring,
    stations,
    boards,
    requireCover: insurance.requireCover,
    settings: deps.work,
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
    reference: createReferenceServices({ ...shared, onSearchDown }),
    sessions,
    accounts,
    phones,
    workers: createWorkerServices({
      ...shared,
      codes: phoneCodes,
      identity,
      wishes: training.services.trainingWishes,
    }),
    identity,
    certificates,
    employers: createEmployerServices({ ...shared, codes: phoneCodes }),
    gigs: createGigServices({
      ...shared,
      hiring,
      alerts: savedSearches,
      boards,
      insurance: insurance.insurance,
    }),
    privacy: createPrivacyServices({
      ...shared,
      ...training.privacy,
      followUp: followUp.privacy,
      insurance: insurance.insurance,
      work,
      sessions,
    }),
    followUp: followUp.service,
    stats: createStatsServices(shared),
    /** 规模性失业风险预警: the early warning of job loss per county (docs/warnings.md). */
    warnings: createWarningServices({
      ...shared,
      regionTree: () => repositories.reference.regionTree(),
      settings: deps.warnings,
    }),
    documents: createSearchDocuments({
      repositories,
      cellKm: deps.privacy.locationCellKm,
      courses: training.courseDocuments,
    }),
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
