import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { badInput } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { createAcceptTiming } from './accept-timing.js';
import { type AcceptItem, createAccepts } from './accepts.js';
import { createAdmission } from './admission.js';
import { createApplications } from './applications.js';
import { createBackground } from './background.js';
import { createCrewOffers } from './crew-offers.js';
import type { CrewsService } from './crews.service.js';
import { createDeliveryLog } from './deliveries.js';
import type { EngagementRecord } from './engagements.repository.js';
import { type CoverOfGig, createHireStep, type Shortfalls, type Tell } from './hire.js';
import { countNothing, type HiringMetrics } from './hiring.metrics.js';
import type { HiringRepository } from './hiring.repository.js';
import type { CandidateMatch, Matcher } from './matching.js';
import { createNotices } from './notices.js';
import type { OfferRecord } from './offers.repository.js';
import { createRoster } from './roster.js';
import { createWaves, type WaveSettings } from './waves.js';

/** The most candidates an employer may ask to see at once. */
const MAX_CANDIDATES = 200;

export type { OfferSettings } from './hire.js';
export { offerEvent } from './notices.js';
export type { WaveSettings } from './waves.js';
export { EXHAUSTED_RECHECK_MAX_MS, EXHAUSTED_RECHECK_MS, exhaustedRecheckMs } from './waves.js';

/**
 * Instant hire (即时快招) and listed-gig hiring, composed from its parts: offer waves (waves.ts),
 * answers to offers (accepts.ts), crew offers (crew-offers.ts), applications (applications.ts) and
 * the roster (roster.ts), all hiring through one hire step (hire.ts): one transaction that takes
 * a seat only while one is free and that the database refuses if it would double-book the worker.
 *
 * Lock order, the same everywhere so no two transactions wait on each other in a circle: the
 * dispatch row, then the gig row, then offer rows. Declines and expiries lock only their offers
 * and ask for a refill after they commit.
 */
export function createHiringService(deps: {
  db: Database;
  repository: HiringRepository;
  gigs: GigsRepository;
  workers: WorkersRepository;
  employers: EmployersRepository;
  reference: ReferenceRepository;
  matcher: Matcher;
  crews: Pick<CrewsService, 'crew' | 'membersOf'>;
  /** Who may not take a gig (a special-operation trade's certificate, a minimum level): docs/skills.md. */
  shortfalls: Shortfalls;
  /** The accident cover a gig's contracts name (docs/insurance.md). */
  cover: CoverOfGig;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  /** acceptTiming: each batch of accepts logs its timing marks (ACCEPT_TIMING; accept-timing.ts). */
  settings: WaveSettings & { acceptTiming?: boolean };
  /** Kiosk boards near the gigs are told (after commit): places left change with every hire. */
  boards: (gigIds: readonly string[]) => void;
  /** Counts offers sent, delivered, answered, expired and withdrawn (after commit). */
  metrics?: HiringMetrics;
  /** Offers of a wave or a backfill, after they commit: texted to workers who chose SMS. */
  offersSent?: (offers: readonly OfferRecord[], gig: GigRecord) => void;
  /** The side of the grid cells a worker's home is known by to others (LOCATION_CELL_KM). */
  cellKm: number;
}) {
  const { db, repository, clock, settings } = deps;
  const { offers, engagements } = repository;
  const metrics = deps.metrics ?? countNothing;
  /** Refills and follow-ups started without a caller waiting; awaited on shutdown and by tests. */
  const background = createBackground();

  const deliveries = createDeliveryLog({
    markDelivered: offers.markDelivered,
    now: () => clock.now(),
    // A re-sent offer acked again is one delivery: only the ack that set deliveredAt counts.
    onMarked: (count) => (count > 0 ? metrics.offers('delivered', count) : undefined),
    onError: (error, offerIds) => {
      deps.log.warn({ err: error, offerIds }, 'could not record offers as delivered');
    },
    track: (write) => background.add(write),
  });
  const notices = createNotices({
    notify: deps.notify,
    ackTimeoutMs: settings.ackTimeoutMs,
    delivered: (offerId) => deliveries.delivered(offerId),
  });
  const hire = createHireStep({
    offers,
    engagements,
    gigs: deps.gigs,
    workers: deps.workers,
    employers: deps.employers,
    reference: deps.reference,
    shortfalls: deps.shortfalls,
    cover: deps.cover,
    clock,
    settings,
  });
  // Admission decides each batch through `accepts`, made below from the waves that need this
  // admission's memory of sent offers: the closure is only called when an accept arrives, after
  // construction, so both exist by then and nothing is reassigned.
  const admission = createAdmission<AcceptItem, EngagementRecord>(
    () => clock.now().getTime(),
    (gigId, take) => accepts.acceptBatch(gigId, take),
    (item) => item.offerId,
  );
  const waves = createWaves({
    db,
    offers,
    dispatch: repository.dispatch,
    gigs: deps.gigs,
    matcher: deps.matcher,
    clock,
    notices,
    admission,
    background,
    log: deps.log,
    settings,
    metrics,
    offersSent: deps.offersSent,
  });
  const accepts = createAccepts({
    db,
    offers,
    engagements,
    gigs: deps.gigs,
    workers: deps.workers,
    employers: deps.employers,
    reference: deps.reference,
    hire,
    shortfalls: deps.shortfalls,
    waves,
    admission,
    clock,
    notices,
    background,
    log: deps.log,
    metrics,
    boards: deps.boards,
    timing: createAcceptTiming(settings.acceptTiming ?? false, deps.log),
  });
  const shared = { db, clock, notify: deps.notify, notices, metrics, hire, waves, boards: deps.boards };
  const crewOffers = createCrewOffers({
    ...shared,
    offers,
    engagements,
    gigs: deps.gigs,
    workers: deps.workers,
    crews: deps.crews,
    shortfalls: deps.shortfalls,
    settings,
    cellKm: deps.cellKm,
  });
  const applications = createApplications({
    ...shared,
    applications: repository.applications,
    engagements,
    workers: deps.workers,
    gigs: deps.gigs,
    shortfalls: deps.shortfalls,
  });
  const roster = createRoster({
    db: deps.db,
    roster: repository.roster,
    engagements,
    workers: deps.workers,
    clock,
  });

  return {
    schedule: waves.schedule,
    seatFreed: waves.seatFreed,
    /**
     * The first wave of a just-posted instant gig (waves.kick); once it is out, the gig's facts a
     * hire binds are read for the crowd of accepts it brings (accepts.warm), beside what follows.
     */
    kick(gigId: string): Promise<void> {
      const wave = waves.kick(gigId);
      background.add(wave.then(() => accepts.warm(gigId)));
      return wave;
    },
    /** Waits for refills and follow-ups started in the background (shutdown, tests). */
    drain: background.drain,
    sweep: waves.sweep,
    resendPending: waves.resendPending,

    acceptOffer: accepts.acceptOffer,
    declineOffer: accepts.declineOffer,
    offerToCrew: crewOffers.offerToCrew,
    acceptCrewOffer: crewOffers.acceptCrewOffer,

    /** Whose an offer is (for a station operator answering it for a walk-in worker). */
    offerWorker: async (offerId: string) => (await offers.byId(offerId))?.workerId ?? null,

    /**
     * A seat taken back by past work (the bureau finding a no-show worked, attendance.settle.ts),
     * inside that transaction, which holds the gig's row: a gig it filled withdraws its pending
     * offers (the backfill the no-show started), as a hire that fills it does; told after commit.
     */
    async seatRetaken(gig: GigRecord, at: Date, tx: Executor): Promise<Tell> {
      if (gig.filled < gig.headcount) return () => {};
      const withdrawn = await repository.offers.withdrawPendingOfGig(gig.id, at, null, tx);
      return () => {
        metrics.offers('withdrawn', withdrawn.length);
        for (const offer of withdrawn) notices.closed(offer);
      };
    },

    /**
     * A cancelled gig, inside the cancelling transaction (which holds the gig's lock): pending
     * offers are withdrawn and live hires called off; the people are told after commit.
     */
    async gigCancelled(gig: GigRecord, at: Date, tx: Executor): Promise<Tell> {
      const withdrawn = await repository.offers.withdrawPendingOfGig(gig.id, at, null, tx);
      const calledOff = await repository.engagements.cancelOfGig(gig.id, at, tx);
      return () => {
        accepts.forgetGig(gig.id);
        metrics.offers('withdrawn', withdrawn.length);
        for (const offer of withdrawn) notices.closed(offer);
        for (const engagement of calledOff) {
          deps.notify(rooms.worker(engagement.workerId), 'engagement:cancelled', {
            engagementId: engagement.id,
            gigId: gig.id,
            reason: gig.cancelReason,
          });
        }
      };
    },

    /**
     * Who the gig may go to, best first, as the employer may see them: distances from the
     * workers' cells and public scores (never where they live, nor a priority group).
     */
    async candidates(employerId: string, gigId: string, first: number): Promise<CandidateMatch[]> {
      const gig = await hire.ownGig(employerId, gigId);
      if (!Number.isInteger(first) || first < 1 || first > MAX_CANDIDATES) {
        throw badInput('first', text('hiring:candidatesFirst', { max: MAX_CANDIDATES }));
      }
      return waves.candidates(gig, first);
    },

    async offersOfGig(employerId: string, gigId: string): Promise<OfferRecord[]> {
      await hire.ownGig(employerId, gigId);
      return offers.ofGig(gigId);
    },

    offersOfWorker: (workerId: string, status: OfferRecord['status'] | null) =>
      offers.ofWorker(workerId, status, clock.now()),

    apply: applications.apply,
    decideApplication: applications.decideApplication,
    applicationsOfGig: applications.applicationsOfGig,

    engagementsOfWorker: (workerId: string) => engagements.ofWorker(workerId),
    engagementsOfEmployer: (employerId: string) => engagements.ofEmployer(employerId),

    addToRoster: roster.addToRoster,
    removeFromRoster: roster.removeFromRoster,
    roster: roster.roster,
  };
}

export type HiringService = ReturnType<typeof createHiringService>;
