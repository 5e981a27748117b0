import { randomInt } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { exclusionViolation, uniqueViolation } from '../../db/errors.js';
import { pipelined } from '../../db/pipelined.js';
import type { OfferTier } from '../../db/schema/index.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { marketDay } from '../../time.js';
import type { EmployerRecord, EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import { gigUpdate } from '../gigs/gigs.service.js';
import { distanceKm, roundKm } from '../gigs/search/distance.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { WorkerRecord, WorkersRepository } from '../workers/workers.repository.js';
import { createAdmission, type Settled } from './admission.js';
import { agreedTerms, contractOf, originOf } from './contract.js';
import type { CrewsService } from './crews.service.js';
import { createDeliveryLog } from './deliveries.js';
import { countNothing, type HiringMetrics } from './hiring.metrics.js';
import type {
  ApplicationRecord,
  ClosedOffer,
  DispatchRecord,
  EngagementRecord,
  HiringRepository,
  OfferRecord,
} from './hiring.repository.js';
import { type CandidateMatch, type Matcher, TIERS } from './matching.js';

export type OfferSettings = {
  /** Offers per free seat in a wave. */
  fanOut: number;
  /** How long a worker has to answer an offer. */
  ttlSeconds: number;
  /** How long the server waits for a client's ack of an `offer` event. */
  ackTimeoutMs: number;
  /** A started gig with a seat freed (a no-show) takes backfill hires while this much is left. */
  backfillMinMinutes: number;
};

/** What a worker's phone shows of an offer (the `offer` event). */
export const offerEvent = (offer: OfferRecord, gig: GigRecord) => ({
  offerId: offer.id,
  gigId: gig.id,
  title: gig.title,
  payFen: gig.payFen,
  payUnit: gig.payUnit,
  startsAt: gig.startsAt.toISOString(),
  endsAt: gig.endsAt.toISOString(),
  address: gig.address,
  distanceKm: offer.distanceKm,
  expiresAt: offer.expiresAt.toISOString(),
  wave: offer.wave,
  crewId: offer.crewId,
});

/** Six random digits a worker shows to be checked in without GPS. */
const checkInCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** How soon a gig whose candidates ran out is first matched again. */
export const EXHAUSTED_RECHECK_MS = 60_000;
/** The longest wait between two looks at a gig nobody could be offered, until it starts. */
export const EXHAUSTED_RECHECK_MAX_MS = 15 * 60_000;

/**
 * How long until a gig whose candidates ran out is matched again: a minute after it ran out, then
 * twice as long after each look that found nobody, up to EXHAUSTED_RECHECK_MAX_MS. Each wait is
 * stretched by up to a quarter at random, so gigs that ran out together (a batch of posts) do not
 * all come due in one sweep, a burst that held the API's loop for a second or more each minute.
 * The last wait is read back from the dispatch row (due minus updated). A look that sent offers,
 * or a gig that had offers out or a seat come free (an ACTIVE dispatch), starts from a minute again.
 */
export function exhaustedRecheckMs(
  dispatch: Pick<DispatchRecord, 'state' | 'dueAt' | 'updatedAt'>,
  sentNow: number,
  random: () => number = Math.random,
): number {
  const last =
    dispatch.state === 'EXHAUSTED' && sentNow === 0
      ? dispatch.dueAt.getTime() - dispatch.updatedAt.getTime()
      : 0;
  const wait = Math.min(EXHAUSTED_RECHECK_MAX_MS, Math.max(EXHAUSTED_RECHECK_MS, 2 * last));
  return Math.round(wait * (1 + random() / 4));
}

/** Whatever must be said once a transaction has committed (never before: it might roll back). */
type Tell = () => void;
/** An accept waiting for its batch; `sent` when this node sent the offer (admission.ts). */
type AcceptItem = {
  workerId: string;
  offerId: string;
  actedBy: string | null;
  sent: { gigId: string; workerId: string } | undefined;
};

type Parties = {
  /** The gig as read before the transaction: only for failing fast, never for deciding. */
  gig: GigRecord;
  workers: Map<string, WorkerRecord>;
  employer: EmployerRecord;
  tree: RegionTree;
  /** The gig region's hourly minimum wage in force when the work starts (计件保底), if it has one. */
  minimumHourlyFen: number | undefined;
};

/**
 * Instant hire (即时快招) and listed-gig hiring. Offers go out in waves, one tier at a time (the
 * employer's roster, then well-rated workers, then everyone who matches), `fanOut` offers per free
 * seat; a decline or an expiry frees a slot for the next candidate of the tier; when a tier has
 * nobody left and its wave is spent, the next tier follows. Every hire, from an offer or an
 * application, runs one transaction that takes a seat only while one is free and that the
 * database refuses if it would double-book the worker.
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
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  settings: OfferSettings;
  /** Kiosk boards near the gigs are told (after commit): places left change with every hire. */
  boards: (gigIds: readonly string[]) => void;
  /** Counts offers sent, delivered, answered, expired and withdrawn (after commit). */
  metrics?: HiringMetrics;
  /** Offers of a wave or a backfill, after they commit: texted to workers who chose SMS. */
  offersSent?: (offers: readonly OfferRecord[], gig: GigRecord) => void;
}) {
  const { db, repository, clock, notify, settings } = deps;
  const metrics = deps.metrics ?? countNothing;
  const admission = createAdmission(() => clock.now().getTime(), acceptBatch);
  /** Refills started without a caller waiting (after a post); awaited on shutdown and by tests. */
  const inFlight = new Set<Promise<unknown>>();

  const deliveries = createDeliveryLog({
    markDelivered: repository.offers.markDelivered,
    now: () => clock.now(),
    // A re-sent offer acked again is one delivery: only the ack that set deliveredAt counts.
    onMarked: (count) => (count > 0 ? metrics.offers('delivered', count) : undefined),
    onError: (error, offerIds) => {
      deps.log.warn({ err: error, offerIds }, 'could not record offers as delivered');
    },
    track: (write) => {
      inFlight.add(write);
      void write.finally(() => inFlight.delete(write));
    },
  });

  const tellOffer = (offer: OfferRecord, gig: GigRecord) =>
    notify(rooms.worker(offer.workerId), 'offer', offerEvent(offer, gig), {
      timeoutMs: settings.ackTimeoutMs,
      onAck: () => deliveries.delivered(offer.id),
    });
  const tellClosed = (offer: ClosedOffer) =>
    notify(rooms.worker(offer.workerId), 'offer:closed', { offerId: offer.id, status: offer.status });
  const tellEmployer = (gig: GigRecord, extra: Record<string, unknown> = {}) =>
    notify(rooms.employer(gig.employerId), 'gig:updated', { ...gigUpdate(gig), ...extra });

  /**
   * When a hire made now would start, or null if the gig takes no hires now: before its start,
   * an OPEN gig with a seat; after it, only as a backfill (a seat a no-show or a cancellation gave
   * back) of a started gig, while at least `backfillMinMinutes` are left. A backfill hire starts on
   * the next whole minute.
   */
  function hireStart(gig: GigRecord, now: Date, backfill: boolean): Date | null {
    if (gig.filled >= gig.headcount) return null;
    if (gig.status === 'OPEN' && gig.startsAt > now) return gig.startsAt;
    if (gig.status !== 'IN_PROGRESS' || !backfill) return null;
    const start = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
    return gig.endsAt.getTime() - start.getTime() >= settings.backfillMinMinutes * 60_000 ? start : null;
  }

  /** The last moment offers of this gig are worth sending: its start, or for a backfill, its end less the minimum. */
  const offerCutoff = (gig: GigRecord) =>
    gig.status === 'IN_PROGRESS'
      ? new Date(gig.endsAt.getTime() - settings.backfillMinMinutes * 60_000)
      : gig.startsAt;

  /**
   * The hourly minimum wage of the gig's region (the nearest of its county, city, province that has
   * one) in force on the day its hires start: the gig's day, or today for a backfill of a started gig.
   */
  async function minimumHourlyOf(gig: Pick<GigRecord, 'regionCode' | 'startsAt'>, tree: RegionTree) {
    const now = clock.now();
    const chain = tree.ancestors(gig.regionCode);
    const wages = await deps.reference.minimumWagesInForce(
      chain,
      marketDay(gig.startsAt > now ? gig.startsAt : now),
    );
    return chain.map((code) => wages.get(code)).find((fen) => fen !== undefined);
  }

  async function skillsOf(gigId: string, tx: Executor = db) {
    return (await deps.gigs.skillsOf([gigId], tx)).map((s) => s.skillCode);
  }

  /**
   * Who a hire binds, read before its transaction opens: a transaction waiting on a gig's lock
   * must never need a second pooled connection, or a crowd of accepts could starve the pool.
   */
  async function partiesOf(gigId: string, workerIds: string[]): Promise<Parties> {
    const [gig] = await deps.gigs.byIds([gigId]);
    if (!gig) throw notFound('gig', gigId);
    const tree = await deps.reference.regionTree();
    const [workers, [employer], minimumHourlyFen] = await Promise.all([
      deps.workers.byIds(workerIds),
      deps.employers.byIds([gig.employerId]),
      minimumHourlyOf(gig, tree),
    ]);
    if (!employer) throw notFound('employer', gig.employerId);
    return { gig, workers: new Map(workers.map((w) => [w.id, w])), employer, tree, minimumHourlyFen };
  }

  /**
   * Tops a gig's pending offers up to `(headcount − filled) × fanOut`, inside the transaction
   * that holds its dispatch row. Returns what to tell once committed.
   */
  async function fill(tx: Executor, dispatch: DispatchRecord): Promise<Tell> {
    const now = clock.now();
    const gig = await deps.gigs.lockShared(tx, dispatch.gigId);
    if (!gig) throw new Error(`dispatch of a missing gig ${dispatch.gigId}`);
    const seats = gig.headcount - gig.filled;
    if ((gig.status !== 'OPEN' && gig.status !== 'IN_PROGRESS') || seats <= 0) {
      await repository.dispatch.update(tx, gig.id, { state: 'DONE', updatedAt: now });
      return () => {};
    }
    const wasActive = dispatch.state === 'ACTIVE';
    const startsAt = hireStart(gig, now, dispatch.backfill);
    if (!startsAt) {
      await repository.dispatch.update(tx, gig.id, { state: 'DONE', updatedAt: now });
      return () => (wasActive ? tellEmployer(gig, { offers: 'STOPPED', reason: 'STARTED' }) : undefined);
    }

    const pending = await repository.offers.pendingCount(gig.id, now, tx);
    const need = seats * dispatch.fanOut - pending;
    let { wave, tier } = dispatch;
    let sent: OfferRecord[] = [];
    if (need > 0) {
      const candidates = await deps.matcher.candidates(
        { ...gig, startsAt, skills: await skillsOf(gig.id, tx) },
        { fresh: true },
        tx,
      );
      const ofTier = (t: OfferTier | null) => candidates.filter((c) => c.tier === t);
      let pick: CandidateMatch[] = ofTier(tier);
      // The tier in play has nobody left: once its wave is spent, the next tier with anyone opens.
      if (pick.length === 0 && (pending === 0 || tier === null)) {
        const next = TIERS.find((t) => ofTier(t).length > 0);
        if (next) {
          wave += 1;
          tier = next;
          pick = ofTier(next);
        }
      }
      const expiresAt = new Date(now.getTime() + dispatch.offerTtlSeconds * 1000);
      sent = await repository.offers.insertWave(
        tx,
        { gigId: gig.id, wave, sentAt: now, expiresAt },
        pick.slice(0, need).map((c) => ({
          workerId: c.workerId,
          tier: c.tier,
          distanceKm: c.distanceKm,
          score: c.score,
        })),
      );
    }

    const nextExpiry = await repository.offers.earliestPendingExpiry(gig.id, now, tx);
    if (nextExpiry === null) {
      // Nobody left to ask and nobody still deciding: the gig stays listed for applications, and
      // is looked at again now and then until it starts, for workers who become free or join.
      const wait = exhaustedRecheckMs(dispatch, sent.length);
      const recheck = new Date(Math.min(now.getTime() + wait, offerCutoff(gig).getTime()));
      await repository.dispatch.update(tx, gig.id, {
        state: 'EXHAUSTED',
        wave,
        tier,
        dueAt: recheck,
        updatedAt: now,
      });
      return () =>
        wasActive ? tellEmployer(gig, { offers: 'STOPPED', reason: 'NO_CANDIDATES', wave }) : undefined;
    }
    const cutoff = offerCutoff(gig);
    const dueAt = nextExpiry < cutoff ? nextExpiry : cutoff;
    await repository.dispatch.update(tx, gig.id, { state: 'ACTIVE', wave, tier, dueAt, updatedAt: now });
    // The fill that opens a gig's first wave: how long its offers took from the posting is watched.
    const opensFirstWave = dispatch.wave === 0 && wave === 1;
    return () => {
      for (const offer of sent) {
        admission.rememberSent(offer);
        tellOffer(offer, gig);
        if (opensFirstWave) metrics.postToOffer((clock.now().getTime() - gig.createdAt.getTime()) / 1000);
      }
      if (sent.length > 0) {
        metrics.offers('sent', sent.length);
        deps.offersSent?.(sent, gig);
      }
      if (sent.length > 0 || wave !== dispatch.wave) {
        tellEmployer(gig, { offers: 'SENT', wave, tier, sent: sent.length, pending: pending + sent.length });
      }
    };
  }

  /** Runs a gig's dispatch now (after a post, decline or expiry), waiting for any other holder. */
  async function refill(gigId: string): Promise<void> {
    const tell = await db.transaction(async (tx) => {
      const dispatch = await repository.dispatch.lock(tx, gigId);
      if (!dispatch || dispatch.state === 'DONE') return () => {};
      return fill(tx, dispatch);
    });
    tell();
  }

  /** Work after a hire that its caller need not wait for; logged if it fails, awaited by drain(). */
  function track(work: Promise<unknown>): void {
    const run = work.catch((error: unknown) => {
      deps.log.error({ err: error }, 'follow-up of a hire failed');
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }

  function refillQuietly(gigId: string): Promise<void> {
    const run = refill(gigId).catch((error) => {
      // The dispatch row stays due; the sweeper retries it.
      deps.log.error({ err: error, gigId }, 'offer wave failed; the sweeper will retry');
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  }

  type HireSource = {
    offerId?: string;
    applicationId?: string;
    crewId?: string;
    actedBy?: string | null;
    backfill?: boolean;
  };
  type Hired = { engagement: EngagementRecord; gig: GigRecord };

  /**
   * Hires into a gig, in the caller's transaction holding the gig's row lock: each its contract
   * snapshot and its worker's booked window (the database refuses a double booking), and their
   * seats taken together. One round trip however many there are: the caller saw the seats free,
   * and should there be too few after all, the hires roll back with the transaction. Each comes
   * back with the gig as it stands with all of them: nobody outside the transaction could see the
   * seats taken one at a time.
   */
  async function hireAll(
    tx: Executor,
    gig: GigRecord,
    parties: Parties,
    seats: { workerId: string; source: HireSource }[],
  ): Promise<Hired[]> {
    if (seats.length === 0) return [];
    const now = clock.now();
    const { employer, tree } = parties;
    const rows = seats.map(({ workerId, source }) => {
      const worker = parties.workers.get(workerId);
      if (!worker) throw notFound('worker', workerId);
      // Offers sent after the start are backfill offers; nothing else hires into a started gig.
      const startsAt = hireStart(gig, now, source.backfill === true);
      if (!startsAt) throw gigFilled(gig);
      // A backfill hire agrees to the time that is left, and its pay is worked out on that.
      const terms = agreedTerms({ ...gig, startsAt }, employer, worker, parties.minimumHourlyFen);
      const contract = contractOf(terms, {
        employerCreditCode: employer.creditCode,
        workerIdMasked: worker.idNumberMasked,
      });
      return {
        gigId: gig.id,
        workerId,
        offerId: source.offerId ?? null,
        applicationId: source.applicationId ?? null,
        crewId: source.crewId ?? null,
        actedByAccountId: source.actedBy ?? null,
        origin: originOf(worker.homeRegionCode, gig.regionCode, tree),
        startsAt,
        endsAt: gig.endsAt,
        terms,
        contractText: contract.text,
        contractVersion: contract.version,
        contractRecord: contract.record,
        contractHash: contract.hash,
        checkInCode: checkInCode(),
        amountDueFen: terms.amountDueFen,
        payDueAt: new Date(terms.payDueAt),
        createdAt: now,
      };
    });
    const [taken, inserted] = await pipelined([
      deps.gigs.takeSeats(tx, gig.id, seats.length, now),
      repository.engagements.insert(tx, rows),
      enqueueOutbox(tx, 'gigs', [gig.id]),
    ] as const);
    if (!taken) throw gigFilled(gig);
    return inserted.map((engagement) => ({ engagement, gig: taken }));
  }

  /** One hire (see hireAll). */
  async function hire(
    tx: Executor,
    gig: GigRecord,
    workerId: string,
    parties: Parties,
    source: HireSource,
  ): Promise<Hired> {
    const [hired] = await hireAll(tx, gig, parties, [{ workerId, source }]);
    if (!hired) throw new Error(`the hire of ${workerId} came back empty`);
    return hired;
  }

  /** Why an offer cannot be accepted now, if it cannot: expired, gig full, or no longer pending. */
  function assertAcceptable(offer: OfferRecord, gig: GigRecord, now: Date): void {
    if (offer.status === 'EXPIRED' || (offer.status === 'PENDING' && offer.expiresAt <= now)) {
      throw new AppError(
        ErrorCode.OFFER_EXPIRED,
        'This offer ran out of time before you accepted it. Watch for new offers, or apply to listed gigs.',
        { expiresAt: offer.expiresAt.toISOString() },
      );
    }
    if (gig.status === 'FILLED' || gig.filled >= gig.headcount) throw gigFilled(gig);
    if (offer.status !== 'PENDING' || !hireStart(gig, now, isBackfill(offer, gig))) {
      throw new AppError(
        ErrorCode.OFFER_NOT_PENDING,
        offer.status === 'PENDING'
          ? `This gig is ${gig.status.toLowerCase().replace('_', ' ')} and takes no more hires.`
          : `This offer is ${offer.status.toLowerCase()} and can no longer be accepted.`,
        { status: offer.status },
      );
    }
  }

  /** An offer sent after its gig started was sent to backfill a seat given back. */
  const isBackfill = (offer: OfferRecord, gig: GigRecord) => offer.sentAt >= gig.startsAt;

  const crewOffer = () =>
    badInput('offerId', 'This is an offer to your crew: accept it with acceptCrewOffer, naming who goes.');

  const gigFilled = (gig: GigRecord) =>
    new AppError(
      ErrorCode.GIG_FILLED,
      `Every seat of this gig is taken (${gig.headcount} of ${gig.headcount}). Look for another gig nearby.`,
      { gigId: gig.id },
    );

  /** The database refused a hire: the worker is booked elsewhere then, or already on this gig. */
  function hireRefused(error: unknown): never {
    if (exclusionViolation(error) !== undefined) {
      throw new AppError(
        ErrorCode.SCHEDULE_CONFLICT,
        'You are already hired for work at that time; you cannot take two gigs that overlap.',
      );
    }
    if (uniqueViolation(error) === 'engagements_one_per_worker') {
      throw new AppError(ErrorCode.SCHEDULE_CONFLICT, 'You are already hired for this gig.');
    }
    throw error;
  }

  /** After a hire: withdraw the gig's other offers if it filled, and the worker's overlapping ones. */
  async function afterHire(tx: Executor, gig: GigRecord, offerId: string | null): Promise<ClosedOffer[]> {
    if (gig.filled < gig.headcount) return [];
    return repository.offers.withdrawPendingOfGig(tx, gig.id, clock.now(), offerId ?? undefined);
  }

  /** Once a worker is hired, their pending offers of overlapping gigs are withdrawn (and refilled). */
  async function releaseOverlapping(workerId: string, window: { startsAt: Date; endsAt: Date }) {
    const withdrawn = await db.transaction((tx) =>
      repository.offers.withdrawOverlapping(tx, workerId, window, clock.now()),
    );
    for (const offer of withdrawn) tellClosed(offer);
    metrics.offers('withdrawn', withdrawn.length);
    await Promise.all([...new Set(withdrawn.map((o) => o.gigId))].map((id) => refillQuietly(id)));
  }

  async function ownGig(employerId: string, gigId: string): Promise<GigRecord> {
    const [gig] = await deps.gigs.byIds([gigId]);
    if (!gig || gig.employerId !== employerId) throw notFound('gig of yours', gigId);
    return gig;
  }

  /**
   * An offer read and checked before its hire transaction, failing fast where it can: not the
   * worker's, a crew's, already accepted (the same hire again), expired or no longer pending.
   */
  async function precheck(
    workerId: string,
    offerId: string,
    tx: Executor = db,
  ): Promise<{ offer: OfferRecord; accepted?: EngagementRecord }> {
    const offer = await repository.offers.byId(offerId, tx);
    if (!offer || offer.workerId !== workerId) throw notFound('offer of yours', offerId);
    if (offer.crewId) {
      throw crewOffer();
    }
    if (offer.status === 'ACCEPTED') {
      const existing = await repository.engagements.byOffer(offerId, tx);
      if (existing) return { offer, accepted: existing };
    }
    // Fail fast without queueing on the gig's lock: once a gig fills, its other offers are
    // withdrawn, so a crowd of late accepts costs two reads each. The transaction decides.
    if (offer.status !== 'PENDING' || offer.expiresAt <= clock.now()) {
      const [gig] = await deps.gigs.byIds([offer.gigId], tx);
      if (gig) assertAcceptable(offer, gig, clock.now());
    }
    return { offer };
  }

  /** After accepts of one gig commit: the employer's screen, boards, the withdrawn offers, overlapping ones. */
  function accepted(hires: { engagement: EngagementRecord; gig: GigRecord }[], withdrawn: ClosedOffer[]) {
    const last = hires.reduce((a, b) => (b.gig.filled > a.gig.filled ? b : a));
    if (last.gig.filled >= last.gig.headcount) admission.markFull(last.gig);
    metrics.offers('accepted', hires.length);
    metrics.offers('withdrawn', withdrawn.length);
    // The filling accept withdraws hundreds of offers, mostly of workers whose own accepts are
    // queued here: they get their GIG_FILLED answers first (from memory, in this turn of the
    // loop), and the withdrawals are pushed right after.
    if (withdrawn.length > 0) setImmediate(() => withdrawn.forEach(tellClosed));
    for (const { engagement, gig } of [...hires].sort((a, b) => a.gig.filled - b.gig.filled)) {
      if (engagement.offerId) admission.forget(engagement.offerId);
      tellEmployer(gig, { hired: engagement.workerId });
      track(releaseOverlapping(engagement.workerId, gig));
    }
    deps.boards([last.gig.id]);
  }

  /**
   * Accepts of one gig that queued together (admission.ts), in arrival order, decided in one
   * transaction: the gig and the offers locked once, the seats left given to the first
   * acceptable ones, their hires sent together. Should the database refuse a hire (a worker
   * booked elsewhere meanwhile), nothing of the batch is kept and each accept runs again in a
   * batch of its own, so each gets its own answer.
   */
  async function acceptBatch(gigId: string, take: () => AcceptItem[]): Promise<Settled<EngagementRecord>[]> {
    let items: AcceptItem[] = [];
    try {
      return await acceptTogether(gigId, () => {
        items = take();
        return items;
      });
    } catch (error) {
      // Nothing taken (the transaction did not open): admission answers the waiting with this.
      if (items.length === 0) throw error;
      if (items.length === 1) {
        try {
          hireRefused(error);
        } catch (refused) {
          return [{ ok: false, error: refused }];
        }
      }
      // Nothing of the batch was kept (a refused hire, or anything else): one by one, in order.
      const answers: Settled<EngagementRecord>[] = [];
      for (const item of items) answers.push(...(await acceptBatch(gigId, () => [item])));
      return answers;
    }
  }

  /**
   * What can be answered before the seats are decided: offers this node sent need no reading
   * (GIG_FILLED if it saw the gig fill); offers another node sent are read first, failing fast
   * where they can, as a single accept does. Undefined where the transaction decides.
   */
  function prechecked(gigId: string, items: AcceptItem[], tx: Executor = db) {
    const full = admission.knownFull(gigId);
    return Promise.all(
      items.map(async (item): Promise<Settled<EngagementRecord> | undefined> => {
        if (item.sent?.workerId === item.workerId)
          return full ? { ok: false, error: gigFilled(full) } : undefined;
        try {
          const checked = await precheck(item.workerId, item.offerId, tx);
          return checked.accepted ? { ok: true, value: checked.accepted } : undefined;
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Refusals a repeated accept gets when its offer already won: the gig is full, the offer taken. */
  const MAY_HIDE_A_HIRE: ReadonlySet<ErrorCode> = new Set([
    ErrorCode.GIG_FILLED,
    ErrorCode.OFFER_NOT_PENDING,
    ErrorCode.OFFER_EXPIRED,
    ErrorCode.SCHEDULE_CONFLICT,
  ]);

  /**
   * A winner's repeated accept must answer its hire, never "full": a hired worker told the gig is
   * full may stay at home. A refusal decided from memory or from a read made before the winning
   * batch committed can be wrong for the winner, so every refusal that might hide a hire is checked
   * against the hires of its offer, read after the batch (and any batch it raced) committed: a
   * batch of one gig runs alone on this node, and another node's hire of the offer commits before
   * the refusal that needs it (the gig's row lock orders them). One read per batch, only when
   * something was refused.
   */
  async function answerWinners(
    items: readonly AcceptItem[],
    answers: readonly (Settled<EngagementRecord> | undefined)[],
  ): Promise<Settled<EngagementRecord>[]> {
    const refused = items.filter((_item, i) => {
      const answer = answers[i];
      return (
        answer?.ok === false && answer.error instanceof AppError && MAY_HIDE_A_HIRE.has(answer.error.code)
      );
    });
    const hires =
      refused.length === 0
        ? new Map<string, EngagementRecord>()
        : new Map(
            (await repository.engagements.byOffers([...new Set(refused.map((item) => item.offerId))])).map(
              (hire) => [hire.offerId, hire],
            ),
          );
    return items.map((item, i) => {
      const answer = answers[i];
      const hire = hires.get(item.offerId);
      if (answer?.ok === false && hire?.workerId === item.workerId) return { ok: true, value: hire };
      // An accept left unanswered stays so: admission refuses it as "no answer".
      return answer as Settled<EngagementRecord>;
    });
  }

  async function acceptTogether(
    gigId: string,
    take: () => AcceptItem[],
  ): Promise<Settled<EngagementRecord>[]> {
    let items: AcceptItem[] | undefined;
    let answers: (Settled<EngagementRecord> | undefined)[] = [];
    // A gig this node saw fill: its accepts are answered from memory, with no transaction to open.
    if (admission.knownFull(gigId)) {
      items = take();
      answers = await prechecked(gigId, items);
      if (answers.every((answer) => answer !== undefined)) return answerWinners(items, answers);
    }
    // Read before the transaction, so nothing waits for it while holding the gig's lock: the gig's
    // region and day do not change once posted, and a backfill day is today's.
    const tree = await deps.reference.regionTree();
    const [place] = await deps.gigs.byIds([gigId]);
    const minimumHourlyFen = place ? await minimumHourlyOf(place, tree) : undefined;
    let open: { item: AcceptItem; i: number }[] = [];
    const outcome = await db.transaction(async (tx) => {
      if (!items) {
        // Taken once the transaction is open: on a crowded node the accepts that arrived while
        // it opened go in this batch, rather than the first of a crowd deciding on its own.
        items = take();
        answers = await prechecked(gigId, items, tx);
      }
      const taken = items;
      open = taken.flatMap((item, i) => (answers[i] ? [] : [{ item, i }]));
      if (open.length === 0)
        return { decided: new Map<number, Settled<EngagementRecord>>(), hires: [], withdrawn: [] };
      const now = clock.now();
      // The locks (gig, then offers) and the parties a hire binds, in one round trip.
      const [gig, locked, workers, employer] = await pipelined([
        deps.gigs.lock(tx, gigId),
        repository.offers.lockMany(tx, [...new Set(open.map(({ item }) => item.offerId))]),
        deps.workers.byIds([...new Set(open.map(({ item }) => item.workerId))], tx),
        deps.employers.ofGig(gigId, tx),
      ] as const);
      if (!gig || !employer) throw notFound('gig', gigId);
      const parties: Parties = {
        gig,
        workers: new Map(workers.map((w) => [w.id, w])),
        employer,
        tree,
        minimumHourlyFen,
      };
      const offersById = new Map(locked.map((offer) => [offer.id, offer]));
      const decided = new Map<number, Settled<EngagementRecord> | { twinOf: number }>();
      const winners: { i: number; item: AcceptItem; offer: OfferRecord }[] = [];
      const winnerOf = new Map<string, number>();
      for (const { item, i } of open) {
        const offer = offersById.get(item.offerId);
        const twin = winnerOf.get(item.offerId);
        try {
          if (!offer || offer.workerId !== item.workerId) throw notFound('offer of yours', item.offerId);
          if (offer.crewId) throw crewOffer();
          if (twin !== undefined) {
            decided.set(i, { twinOf: twin }); // the same accept sent twice: the same hire
            continue;
          }
          if (offer.status === 'ACCEPTED') {
            const existing = await repository.engagements.byOffer(offer.id, tx);
            if (existing) {
              decided.set(i, { ok: true, value: existing });
              continue;
            }
          }
          assertAcceptable(offer, { ...gig, filled: gig.filled + winners.length }, now);
          winnerOf.set(offer.id, i);
          winners.push({ i, item, offer });
        } catch (error) {
          decided.set(i, { ok: false, error });
        }
      }
      const hiring = hireAll(
        tx,
        gig,
        parties,
        winners.map(({ item, offer }) => ({
          workerId: item.workerId,
          source: { offerId: offer.id, actedBy: item.actedBy, backfill: isBackfill(offer, gig) },
        })),
      );
      const answering = Promise.all(
        winners.map(({ item, offer }) =>
          repository.offers.respond(tx, offer.id, 'ACCEPTED', now, item.actedBy),
        ),
      );
      // When the winners fill the gig, its other offers are withdrawn in the same round trip: the
      // winners' offers are answered by then, so only the others are still pending.
      const fills = winners.length > 0 && gig.filled + winners.length >= gig.headcount;
      const withdrawing = fills
        ? repository.offers.withdrawPendingOfGig(tx, gig.id, now)
        : Promise.resolve([]);
      const [hires, , withdrawn] = await pipelined([hiring, answering, withdrawing] as const);
      hires.forEach(({ engagement }, k) => {
        const winner = winners[k];
        if (winner) decided.set(winner.i, { ok: true, value: engagement });
      });
      return { decided, hires, withdrawn };
    });
    if (outcome.hires.length > 0) accepted(outcome.hires, outcome.withdrawn);
    for (const { i } of open) {
      const answer = outcome.decided.get(i);
      answers[i] =
        answer && 'twinOf' in answer
          ? (outcome.decided.get(answer.twinOf) as Settled<EngagementRecord>)
          : answer;
    }
    return answerWinners(items ?? [], answers);
  }

  return {
    /** Called in the posting transaction of an instant gig: its first wave is due at once. */
    async schedule(tx: Executor, gig: GigRecord): Promise<void> {
      await repository.dispatch.insert(tx, {
        gigId: gig.id,
        fanOut: settings.fanOut,
        offerTtlSeconds: settings.ttlSeconds,
        dueAt: gig.createdAt,
        updatedAt: gig.createdAt,
      });
    },

    /**
     * A seat came free (a no-show or a cancellation): an instant gig's dispatch wakes at once and
     * sends offers for it, a backfill if the gig has started. Listed gigs have no dispatch.
     */
    async seatFreed(gigId: string): Promise<void> {
      admission.forgetFull(gigId);
      const tell = await db.transaction(async (tx) => {
        const dispatch = await repository.dispatch.lock(tx, gigId);
        if (!dispatch) return () => {};
        await repository.dispatch.update(tx, gigId, { backfill: true, updatedAt: clock.now() });
        return fill(tx, { ...dispatch, state: 'ACTIVE', backfill: true });
      });
      tell();
    },

    /** Sends the first wave of a just-posted instant gig without holding up the employer's answer. */
    kick(gigId: string): void {
      void refillQuietly(gigId);
    },

    /** Waits for refills started in the background (shutdown, tests). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /**
     * One round of the timers: expire pending offers past their time (telling the workers), then
     * run every dispatch that is due. Any number of nodes may sweep at once (SKIP LOCKED).
     */
    async sweep(limit = 200): Promise<{ expired: number; dispatched: number }> {
      const expired = await db.transaction((tx) => repository.offers.expireDue(tx, clock.now(), limit));
      metrics.offers('expired', expired.length);
      for (const offer of expired) tellClosed(offer);
      await Promise.all([...new Set(expired.map((o) => o.gigId))].map((id) => refillQuietly(id)));
      let dispatched = 0;
      for (; dispatched < limit; dispatched++) {
        const tell = await db.transaction(async (tx) => {
          const due = await repository.dispatch.claimDue(tx, clock.now());
          return due ? fill(tx, due) : null;
        });
        if (!tell) break;
        tell();
      }
      return { expired: expired.length, dispatched };
    },

    /**
     * First accept wins. Exactly `headcount` hires however many race: accepts queue on this node
     * in arrival order and go to the gig's row lock in batches; a second call for an accepted
     * offer returns the same hire.
     */
    async acceptOffer(
      workerId: string,
      offerId: string,
      actedBy: string | null = null,
    ): Promise<EngagementRecord> {
      const sent = admission.sentOffer(offerId);
      const gigId = sent?.gigId ?? (await repository.offers.byId(offerId))?.gigId;
      if (!gigId) throw notFound('offer of yours', offerId);
      // Even on a gig this node saw fill, the accept queues: its batch answers from memory, but
      // checks the refusals against the hires made, so the winner's repeat gets its hire back.
      return admission.batched(gigId, { workerId, offerId, actedBy, sent });
    },

    /** The employer offers its gig to a whole crew: one offer, to the leader. */
    async offerToCrew(employerId: string, gigId: string, crewId: string): Promise<OfferRecord> {
      const gig = await ownGig(employerId, gigId);
      const now = clock.now();
      if (gig.status !== 'OPEN' || gig.startsAt <= now) {
        throw badInput(
          'gigId',
          `This gig is ${gig.status.toLowerCase().replace('_', ' ')}; it takes no more hires.`,
        );
      }
      const crew = await deps.crews.crew(crewId);
      const [leader] = await deps.workers.byIds([crew.leaderWorkerId]);
      if (!leader) throw notFound('worker', crew.leaderWorkerId);
      try {
        const [offer] = await db.transaction((tx) =>
          repository.offers.insert(tx, [
            {
              gigId,
              workerId: leader.id,
              crewId,
              wave: 1,
              tier: 'CREW',
              distanceKm: roundKm(distanceKm(gig, leader)),
              sentAt: now,
              expiresAt: new Date(now.getTime() + settings.ttlSeconds * 1000),
            },
          ]),
        );
        if (!offer) throw new Error('insert into offers returned nothing');
        tellOffer(offer, gig);
        metrics.offers('sent');
        return offer;
      } catch (error) {
        if (uniqueViolation(error) === 'offers_one_per_crew') {
          throw badInput('crewId', 'This crew already has an offer of this gig.');
        }
        throw error;
      }
    },

    /**
     * The leader takes a crew offer for the members named: each gets a hire of their own, all in
     * one transaction, or none if a seat is missing or a member is booked at that time.
     */
    async acceptCrewOffer(
      leaderWorkerId: string,
      offerId: string,
      memberIds: string[],
    ): Promise<EngagementRecord[]> {
      const offer = await repository.offers.byId(offerId);
      if (!offer || offer.workerId !== leaderWorkerId || !offer.crewId)
        throw notFound('crew offer of yours', offerId);
      const crewId = offer.crewId;
      // A repeat of a crew accept that went through answers its hires without queueing on the gig.
      if (offer.status === 'ACCEPTED') {
        const already = await repository.engagements.ofCrewOnGig(crewId, offer.gigId);
        if (already.length > 0) return already;
      }
      const going = [...new Set(memberIds)];
      if (going.length === 0)
        throw badInput('memberIds', 'Name at least one member of the crew who will go.');
      const parties = await partiesOf(offer.gigId, going);
      let outcome: {
        engagements: EngagementRecord[];
        gig: GigRecord;
        withdrawn: ClosedOffer[];
        fresh: boolean;
      };
      try {
        outcome = await db.transaction(async (tx) => {
          const now = clock.now();
          let gig = await deps.gigs.lock(tx, offer.gigId);
          const current = await repository.offers.lock(tx, offerId);
          if (!gig || !current) throw notFound('crew offer of yours', offerId);
          if (current.status === 'ACCEPTED') {
            const already = await repository.engagements.ofCrewOnGig(crewId, gig.id, tx);
            return { engagements: already, gig, withdrawn: [], fresh: false };
          }
          assertAcceptable(current, gig, now);
          // On this transaction's connection: one waiting for a second connection while holding
          // the gig's lock starved the pool when a leader's repeats queued on that lock.
          const [members = []] = await deps.crews.membersOf([crewId], 'MEMBER', tx);
          const outsider = going.find((id) => !members.includes(id));
          if (outsider) {
            throw badInput(
              'memberIds',
              `Worker ${outsider} is not a member of this crew; only members who joined can go.`,
            );
          }
          const seatsLeft = gig.headcount - gig.filled;
          if (going.length > seatsLeft) {
            throw new AppError(
              ErrorCode.GIG_FILLED,
              `Only ${seatsLeft} seat(s) are left on this gig; name at most ${seatsLeft} member(s).`,
              { seatsLeft },
            );
          }
          const engagements: EngagementRecord[] = [];
          for (const workerId of going) {
            if (await repository.engagements.hasOverlap(workerId, gig, tx)) {
              throw new AppError(
                ErrorCode.SCHEDULE_CONFLICT,
                `${parties.workers.get(workerId)?.name ?? workerId} is already hired for work at that time; leave them out.`,
                { workerId },
              );
            }
            const hired = await hire(tx, gig, workerId, parties, {
              crewId,
              backfill: isBackfill(current, gig),
            });
            engagements.push(hired.engagement);
            gig = hired.gig;
          }
          await repository.offers.respond(tx, offerId, 'ACCEPTED', now);
          return { engagements, gig, withdrawn: await afterHire(tx, gig, offerId), fresh: true };
        });
      } catch (error) {
        hireRefused(error);
      }
      if (outcome.fresh) {
        metrics.offers('accepted');
        metrics.offers('withdrawn', outcome.withdrawn.length);
        for (const closed of outcome.withdrawn) tellClosed(closed);
        tellEmployer(outcome.gig, { hiredCrew: crewId, hires: outcome.engagements.length });
        deps.boards([outcome.gig.id]);
        for (const engagement of outcome.engagements) {
          notify(rooms.worker(engagement.workerId), 'engagement:new', {
            engagementId: engagement.id,
            gigId: outcome.gig.id,
          });
          await releaseOverlapping(engagement.workerId, outcome.gig);
        }
      }
      return outcome.engagements;
    },

    /** The worker says no: the slot goes to the next candidate at once. Repeating it is harmless. */
    async declineOffer(
      workerId: string,
      offerId: string,
      actedBy: string | null = null,
    ): Promise<OfferRecord> {
      const declined = await db.transaction(async (tx) => {
        const offer = await repository.offers.lock(tx, offerId);
        if (!offer || offer.workerId !== workerId) throw notFound('offer of yours', offerId);
        if (offer.status === 'DECLINED') return { offer, fresh: false };
        if (offer.status === 'EXPIRED' || (offer.status === 'PENDING' && offer.expiresAt <= clock.now())) {
          throw new AppError(ErrorCode.OFFER_EXPIRED, 'This offer has already run out of time.');
        }
        if (offer.status !== 'PENDING') {
          throw new AppError(
            ErrorCode.OFFER_NOT_PENDING,
            `This offer is ${offer.status.toLowerCase()}; there is nothing to decline.`,
            { status: offer.status },
          );
        }
        return {
          offer: await repository.offers.respond(tx, offerId, 'DECLINED', clock.now(), actedBy),
          fresh: true,
        };
      });
      if (declined.fresh) metrics.offers('declined');
      // A repeated decline refills too: the node that took the first may have died between its
      // commit and its refill (the phone never got the answer and asks again), and the slot would
      // otherwise wait for the gig's next timer. A refill only tops up, so it cannot over-offer.
      await refillQuietly(declined.offer.gigId);
      return declined.offer;
    },

    /** Whose an offer is (for a station operator answering it for a walk-in worker). */
    offerWorker: async (offerId: string) => (await repository.offers.byId(offerId))?.workerId ?? null,

    /** Sends a (re)connecting worker every offer still open to them: the rows are the inbox. */
    async resendPending(workerId: string): Promise<number> {
      const pending = await repository.offers.ofWorker(workerId, 'PENDING', clock.now());
      const gigs = new Map((await deps.gigs.byIds(pending.map((o) => o.gigId))).map((g) => [g.id, g]));
      for (const offer of pending) {
        const gig = gigs.get(offer.gigId);
        if (gig) tellOffer(offer, gig);
      }
      return pending.length;
    },

    /**
     * A cancelled gig, inside the cancelling transaction (which holds the gig's lock): pending
     * offers are withdrawn and live hires called off; the people are told after commit.
     */
    async gigCancelled(tx: Executor, gig: GigRecord, at: Date): Promise<Tell> {
      const withdrawn = await repository.offers.withdrawPendingOfGig(tx, gig.id, at);
      const calledOff = await repository.engagements.cancelOfGig(tx, gig.id, at);
      return () => {
        metrics.offers('withdrawn', withdrawn.length);
        for (const offer of withdrawn) tellClosed(offer);
        for (const engagement of calledOff) {
          notify(rooms.worker(engagement.workerId), 'engagement:cancelled', {
            engagementId: engagement.id,
            gigId: gig.id,
            reason: gig.cancelReason,
          });
        }
      };
    },

    /** Who the gig may go to, best first, with distance and score (never where they live). */
    async candidates(employerId: string, gigId: string, first: number): Promise<CandidateMatch[]> {
      const gig = await ownGig(employerId, gigId);
      if (!Number.isInteger(first) || first < 1 || first > 200) {
        throw badInput('first', 'Ask for 1 to 200 candidates.');
      }
      return deps.matcher.candidates(
        { ...gig, skills: await skillsOf(gig.id) },
        { fresh: false, limit: first },
      );
    },

    async offersOfGig(employerId: string, gigId: string): Promise<OfferRecord[]> {
      await ownGig(employerId, gigId);
      return repository.offers.ofGig(gigId);
    },

    offersOfWorker: (workerId: string, status: OfferRecord['status'] | null) =>
      repository.offers.ofWorker(workerId, status, clock.now()),

    /** A worker applies to a listed gig: once, and not while hired elsewhere at that time. */
    async apply(workerId: string, gigId: string, actedBy: string | null = null): Promise<ApplicationRecord> {
      const [gig] = await deps.gigs.byIds([gigId]);
      if (!gig) throw notFound('gig', gigId);
      if (gig.status !== 'OPEN' || gig.startsAt <= clock.now()) {
        throw badInput(
          'gigId',
          `This gig is ${gig.status.toLowerCase().replace('_', ' ')} and takes no applications.`,
          {
            status: gig.status,
          },
        );
      }
      if (await repository.engagements.hasOverlap(workerId, gig)) {
        throw new AppError(
          ErrorCode.SCHEDULE_CONFLICT,
          'You are already hired for work at that time; this gig overlaps it.',
        );
      }
      try {
        const application = await db.transaction((tx) =>
          repository.applications.insert(tx, {
            gigId,
            workerId,
            createdAt: clock.now(),
            actedByAccountId: actedBy,
          }),
        );
        notify(rooms.employer(gig.employerId), 'application:new', { applicationId: application.id, gigId });
        return application;
      } catch (error) {
        if (uniqueViolation(error) === 'applications_one_per_worker') {
          throw badInput('gigId', 'You have already applied to this gig; the employer will answer.');
        }
        throw error;
      }
    },

    /** The employer answers an application; accepting hires under the same rules as an offer. */
    async decideApplication(
      employerId: string,
      applicationId: string,
      accept: boolean,
    ): Promise<ApplicationRecord> {
      const found = await repository.applications.byId(applicationId);
      if (!found) throw notFound('application', applicationId);
      const parties = await partiesOf(found.gigId, [found.workerId]);
      let outcome: {
        application: ApplicationRecord;
        gig: GigRecord;
        withdrawn: ClosedOffer[];
        hired: boolean;
      };
      try {
        outcome = await db.transaction(async (tx) => {
          const gig = await deps.gigs.lock(tx, found.gigId);
          const application = await repository.applications.lock(tx, applicationId);
          if (!gig || !application || gig.employerId !== employerId)
            throw notFound('application', applicationId);
          const wanted = accept ? 'ACCEPTED' : 'REJECTED';
          if (application.status === wanted) return { application, gig, withdrawn: [], hired: false };
          if (application.status !== 'APPLIED') {
            throw badInput(
              'applicationId',
              `This application is already ${application.status.toLowerCase()}.`,
              {
                status: application.status,
              },
            );
          }
          if (!accept) {
            const rejected = await repository.applications.decide(tx, applicationId, 'REJECTED', clock.now());
            return { application: rejected, gig, withdrawn: [], hired: false };
          }
          if (gig.status === 'FILLED' || gig.filled >= gig.headcount) throw gigFilled(gig);
          if (gig.status !== 'OPEN' || gig.startsAt <= clock.now()) {
            throw badInput(
              'applicationId',
              `This gig is ${gig.status.toLowerCase().replace('_', ' ')}; nobody more can be hired.`,
            );
          }
          const hired = await hire(tx, gig, application.workerId, parties, { applicationId });
          const decided = await repository.applications.decide(tx, applicationId, 'ACCEPTED', clock.now());
          return {
            application: decided,
            gig: hired.gig,
            withdrawn: await afterHire(tx, hired.gig, null),
            hired: true,
          };
        });
      } catch (error) {
        hireRefused(error);
      }
      const { application, gig } = outcome;
      notify(rooms.worker(application.workerId), 'application:decided', {
        applicationId,
        gigId: gig.id,
        status: application.status,
      });
      if (outcome.hired) {
        metrics.offers('withdrawn', outcome.withdrawn.length);
        for (const closed of outcome.withdrawn) tellClosed(closed);
        tellEmployer(gig, { hired: application.workerId });
        deps.boards([gig.id]);
        await releaseOverlapping(application.workerId, gig);
      }
      return application;
    },

    async applicationsOfGig(employerId: string, gigId: string): Promise<ApplicationRecord[]> {
      await ownGig(employerId, gigId);
      return repository.applications.ofGig(gigId);
    },

    engagementsOfWorker: (workerId: string) => repository.engagements.ofWorker(workerId),
    engagementsOfEmployer: (employerId: string) => repository.engagements.ofEmployer(employerId),

    /** Favourites: only a worker who has worked for the employer can be put on its roster. */
    async addToRoster(employerId: string, workerId: string) {
      const [worker] = await deps.workers.byIds([workerId]);
      if (!worker) throw notFound('worker', workerId);
      if (!(await repository.engagements.workedFor(employerId, workerId))) {
        throw badInput('workerId', 'Only a worker who has worked for you can be added to your roster.');
      }
      await repository.roster.add(employerId, workerId, clock.now());
      return worker;
    },
    removeFromRoster: (employerId: string, workerId: string) =>
      repository.roster.remove(employerId, workerId),
    roster: (employerId: string) => repository.roster.workersOf(employerId),
  };
}

export type HiringService = ReturnType<typeof createHiringService>;
