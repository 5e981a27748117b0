import { randomInt } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import { exclusionViolation, uniqueViolation } from '../../db/errors.js';
import { pipelined } from '../../db/pipelined.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { marketDay } from '../../time.js';
import type { EmployerRecord, EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { ContractCover } from '../insurance/cover.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { notQualified } from '../workers/certificates.service.js';
import type { Shortfall } from '../workers/qualification.js';
import type { WorkerRecord, WorkersRepository } from '../workers/workers.repository.js';
import { agreedTerms, contractOf, originOf } from './contract.js';
import type { EngagementRecord, EngagementsRepository } from './engagements.repository.js';
import type { ClosedOffer, OfferRecord, OffersRepository } from './offers.repository.js';

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

/** Whatever must be said once a transaction has committed (never before: it might roll back). */
export type Tell = () => void;

/** Who a hire binds, read before its transaction (see partiesOf). */
export type Parties = {
  /** The gig as read before the transaction: only for failing fast, never for deciding. */
  gig: GigRecord;
  workers: Map<string, WorkerRecord>;
  employer: EmployerRecord;
  tree: RegionTree;
  /** The gig region's hourly minimum wage in force when the work starts (计件保底), if it has one. */
  minimumHourlyFen: number | undefined;
  /** The accident cover the gig's hires have, as their contracts name it (docs/insurance.md). */
  accidentCover: ContractCover | undefined;
  /**
   * Who may not take the gig and why (qualification.ts), when the caller already read it in its
   * transaction; otherwise the hire step reads it there.
   */
  shortfalls?: Map<string, Shortfall>;
  /**
   * Those of the workers an admin has suspended, when the caller already read it in its
   * transaction under their hiring keys (the accept batch, workers.goneAmong; a crew's
   * acceptance); otherwise the hire step reads it there.
   */
  suspended?: ReadonlySet<string>;
};

/** Of `workerIds`, who may not take the gig now and why (certificates.service.ts `shortfalls`). */
export type Shortfalls = (
  gigId: string,
  workerIds: readonly string[],
  tx?: Executor,
) => Promise<Map<string, Shortfall>>;

/** A gig's accident cover as its contracts name it (the insurance domain's rule). */
export type CoverOfGig = (gigId: string) => Promise<ContractCover | undefined>;

/** Where a hire came from, written on its engagement. */
export type HireSource = {
  offerId?: string;
  applicationId?: string;
  crewId?: string;
  actedBy?: string | null;
  backfill?: boolean;
};
export type Hired = { engagement: EngagementRecord; gig: GigRecord };

/** Six random digits a worker shows to be checked in without GPS. */
const checkInCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * When a hire made now would start, or null if the gig takes no hires now: before its start,
 * an OPEN gig with a seat; after it, only as a backfill (a seat a no-show or a cancellation gave
 * back) of a started gig, while at least `backfillMinMinutes` are left. A backfill hire starts on
 * the next whole minute.
 */
export function hireStart(
  gig: GigRecord,
  now: Date,
  backfill: boolean,
  backfillMinMinutes: number,
): Date | null {
  if (gig.filled >= gig.headcount) return null;
  if (gig.status === 'OPEN' && gig.startsAt > now) return gig.startsAt;
  if (gig.status !== 'IN_PROGRESS' || !backfill) return null;
  const start = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
  return gig.endsAt.getTime() - start.getTime() >= backfillMinMinutes * 60_000 ? start : null;
}

/** An offer sent after its gig started was sent to backfill a seat given back. */
export const isBackfill = (offer: OfferRecord, gig: GigRecord) => offer.sentAt >= gig.startsAt;

/** A gig's status as a refusal names it ("这个零工已招满"). */
export const gigStatusWord = (status: GigRecord['status']) => text(`hiring:gigStatus.${status}`);

export const crewOffer = () => badInput('offerId', text('hiring:crewOfferNeedsMembers'));

export const gigFilled = (gig: GigRecord) =>
  new AppError(ErrorCode.GIG_FILLED, text('hiring:gigFilled', { headcount: gig.headcount }), {
    gigId: gig.id,
  });

/**
 * Every contract names the worker by ID number (实名): an account whose number was taken by the
 * person verified with it has none, and takes no hire until verified at a station.
 */
const identityLost = (workerId: string) =>
  new AppError(ErrorCode.IDENTITY_NOT_VERIFIED, text('hiring:identityLost'), { workerId });

/**
 * A suspended account takes no gig (suspendAccount, docs/security.md): not by the worker, who
 * cannot sign in, nor by any door that acts for them (an operator, an SMS reply, an employer
 * accepting an application made before the suspension). `at` names what the path was given.
 */
export const workerSuspended = (at: { offerId: string } | { applicationId: string } | { workerId: string }) =>
  new AppError(ErrorCode.ACCOUNT_SUSPENDED, text('hiring:workerSuspended'), {
    field: Object.keys(at)[0],
    ...at,
  });

/** The database refused a hire: the worker is booked elsewhere then, or already on this gig. */
export function hireRefused(error: unknown): never {
  if (exclusionViolation(error) !== undefined) {
    throw new AppError(ErrorCode.SCHEDULE_CONFLICT, text('hiring:overlapsHire'));
  }
  if (uniqueViolation(error) === 'engagements_one_per_worker') {
    throw new AppError(ErrorCode.SCHEDULE_CONFLICT, text('hiring:alreadyHiredHere'));
  }
  throw error;
}

/**
 * The one hire step every way of hiring shares (an accepted offer, a batch of them, a crew offer,
 * an accepted application): in the caller's transaction, holding the gig's row lock, it refuses a
 * worker the gig's trade qualification excludes (CERTIFICATE_REQUIRED, SKILL_LEVEL_TOO_LOW), takes
 * the seats and writes each engagement with its contract. The database has the last word: the seat
 * update is conditional on a seat being free, and the exclusion constraint refuses a double
 * booking. What to tell afterwards is each caller's, once its transaction has committed.
 */
export function createHireStep(deps: {
  offers: Pick<OffersRepository, 'withdrawPendingOfGig'>;
  engagements: Pick<EngagementsRepository, 'holdWorkers' | 'insert'>;
  gigs: Pick<GigsRepository, 'byIds' | 'takeSeats'>;
  workers: Pick<WorkersRepository, 'byIds' | 'suspended'>;
  employers: Pick<EmployersRepository, 'byIds'>;
  reference: Pick<ReferenceRepository, 'regionTree' | 'minimumWagesInForce'>;
  /** A special-operation trade needs a valid 特种作业操作证, a minimum level that level (docs/skills.md). */
  shortfalls: Shortfalls;
  /** The gig's accident cover as a contract names it, or undefined when its hires need none. */
  cover: CoverOfGig;
  clock: Clock;
  settings: Pick<OfferSettings, 'backfillMinMinutes'>;
}) {
  const { clock, settings } = deps;
  const startOf = (gig: GigRecord, now: Date, backfill: boolean) =>
    hireStart(gig, now, backfill, settings.backfillMinMinutes);

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

  /**
   * Hires into a gig, in the caller's transaction holding the gig's row lock: each its contract
   * snapshot and its worker's booked window (the database refuses a double booking; hires of one
   * worker wait for each other first, engagements.holdWorkers, which every caller has taken before
   * the gig's lock and which is taken again here at no cost), and their
   * seats taken together. One round trip however many there are: the caller saw the seats free,
   * and should there be too few after all, the hires roll back with the transaction. Each comes
   * back with the gig as it stands with all of them: nobody outside the transaction could see the
   * seats taken one at a time.
   */
  async function hireAll(
    gig: GigRecord,
    parties: Parties,
    seats: { workerId: string; source: HireSource }[],
    tx: Executor,
  ): Promise<Hired[]> {
    if (seats.length === 0) return [];
    const now = clock.now();
    const { employer, tree } = parties;
    // Read in this transaction, together unless the caller read them: a certificate that expired
    // since the offer went out counts, and so does a suspension since the worker applied.
    const workerIds = seats.map((s) => s.workerId);
    const [shortfalls, suspended] = await pipelined([
      parties.shortfalls ? Promise.resolve(parties.shortfalls) : deps.shortfalls(gig.id, workerIds, tx),
      parties.suspended ? Promise.resolve(parties.suspended) : deps.workers.suspended(workerIds, tx),
    ] as const);
    const rows = seats.map(({ workerId, source }) => {
      const worker = parties.workers.get(workerId);
      if (!worker) throw notFound('worker', workerId);
      if (suspended.has(workerId))
        throw workerSuspended(
          source.offerId
            ? { offerId: source.offerId }
            : source.applicationId
              ? { applicationId: source.applicationId }
              : { workerId },
        );
      if (worker.idNumberLostAt) throw identityLost(worker.id);
      const shortfall = shortfalls.get(workerId);
      if (shortfall) throw notQualified(workerId, shortfall);
      // Offers sent after the start are backfill offers; nothing else hires into a started gig.
      const startsAt = startOf(gig, now, source.backfill === true);
      if (!startsAt) throw gigFilled(gig);
      // A backfill hire agrees to the time that is left, and its pay is worked out on that.
      const terms = agreedTerms(
        { ...gig, startsAt },
        employer,
        worker,
        parties.minimumHourlyFen,
        parties.accidentCover,
      );
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
    const [, taken, inserted] = await pipelined([
      deps.engagements.holdWorkers(
        seats.map((s) => s.workerId),
        tx,
      ),
      deps.gigs.takeSeats(gig.id, seats.length, now, tx),
      deps.engagements.insert(rows, tx),
      enqueueOutbox('gigs', [gig.id], tx),
    ] as const);
    if (!taken) throw gigFilled(gig);
    return inserted.map((engagement) => ({ engagement, gig: taken }));
  }

  return {
    hireStart: startOf,
    minimumHourlyOf,
    /** The gig's accident cover as its contracts name it: read before a hire's transaction, like the minimum wage. */
    coverOf: deps.cover,
    hireAll,

    /** One hire (see hireAll). */
    async hire(
      gig: GigRecord,
      workerId: string,
      parties: Parties,
      source: HireSource,
      tx: Executor,
    ): Promise<Hired> {
      const [hired] = await hireAll(gig, parties, [{ workerId, source }], tx);
      if (!hired) throw new Error(`the hire of ${workerId} came back empty`);
      return hired;
    },

    /**
     * Who a hire binds, read before its transaction opens: a transaction waiting on a gig's lock
     * must never need a second pooled connection, or a crowd of accepts could starve the pool.
     */
    async partiesOf(gigId: string, workerIds: string[]): Promise<Parties> {
      const [gig] = await deps.gigs.byIds([gigId]);
      if (!gig) throw notFound('gig', gigId);
      const tree = await deps.reference.regionTree();
      const [workers, [employer], minimumHourlyFen, accidentCover] = await Promise.all([
        deps.workers.byIds(workerIds),
        deps.employers.byIds([gig.employerId]),
        minimumHourlyOf(gig, tree),
        deps.cover(gig.id),
      ]);
      if (!employer) throw notFound('employer', gig.employerId);
      return {
        gig,
        workers: new Map(workers.map((w) => [w.id, w])),
        employer,
        tree,
        minimumHourlyFen,
        accidentCover,
      };
    },

    /** A gig of the employer's, or not found (the same answer whether it exists or is another's). */
    async ownGig(employerId: string, gigId: string): Promise<GigRecord> {
      const [gig] = await deps.gigs.byIds([gigId]);
      if (!gig || gig.employerId !== employerId) throw notFound('gigOfYours', gigId);
      return gig;
    },

    /** Why an offer cannot be accepted now, if it cannot: expired, gig full, or no longer pending. */
    assertAcceptable(offer: OfferRecord, gig: GigRecord, now: Date): void {
      if (offer.status === 'EXPIRED' || (offer.status === 'PENDING' && offer.expiresAt <= now)) {
        throw new AppError(
          ErrorCode.OFFER_EXPIRED,
          text('hiring:offerRanOut', { expiresAt: offer.expiresAt }),
          { expiresAt: offer.expiresAt },
        );
      }
      if (gig.status === 'FILLED' || gig.filled >= gig.headcount) throw gigFilled(gig);
      if (offer.status !== 'PENDING' || !startOf(gig, now, isBackfill(offer, gig))) {
        throw new AppError(
          ErrorCode.OFFER_NOT_PENDING,
          offer.status === 'PENDING'
            ? text('hiring:acceptGigClosed', { status: gigStatusWord(gig.status) })
            : text('hiring:acceptOfferDone', { status: text(`hiring:offerStatus.${offer.status}`) }),
          { status: offer.status },
        );
      }
    },

    /**
     * After a hire, in its transaction: if it filled the gig, the gig's other pending offers are
     * withdrawn (all but `offerId`, the one just accepted). The hired worker's offers of other,
     * overlapping gigs are withdrawn after commit (waves.releaseOverlapping).
     */
    async withdrawIfFilled(gig: GigRecord, offerId: string | null, tx: Executor): Promise<ClosedOffer[]> {
      if (gig.filled < gig.headcount) return [];
      return deps.offers.withdrawPendingOfGig(gig.id, clock.now(), offerId, tx);
    },
  };
}

export type HireStep = ReturnType<typeof createHireStep>;
