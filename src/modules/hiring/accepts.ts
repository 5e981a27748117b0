import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { pipelined } from '../../db/pipelined.js';
import { AppError, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { notQualified } from '../workers/certificates.service.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { Settled } from './admission.js';
import type { Background } from './background.js';
import type { EngagementRecord, EngagementsRepository } from './engagements.repository.js';
import {
  crewOffer,
  gigFilled,
  type HireStep,
  hireRefused,
  isBackfill,
  type Parties,
  type Shortfalls,
} from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { Notices } from './notices.js';
import type { ClosedOffer, OfferRecord, OffersRepository } from './offers.repository.js';
import type { Waves } from './waves.js';

/** An accept waiting for its batch; `sent` when this node sent the offer (admission.ts). */
export type AcceptItem = {
  workerId: string;
  offerId: string;
  actedBy: string | null;
  sent: { gigId: string; workerId: string } | undefined;
};

/** What accepts need of admission.ts: the queue, and this node's memory of sent offers and full gigs. */
type Admission = {
  batched(gigId: string, item: AcceptItem): Promise<EngagementRecord>;
  sentOffer(offerId: string): { gigId: string; workerId: string } | undefined;
  knownFull(gigId: string): GigRecord | undefined;
  markFull(gig: GigRecord, withdrawn?: Iterable<string>): void;
  withdrawnAtFill(gigId: string, offerId: string): boolean;
  afterCrowd(gigId: string, run: () => void): Promise<void>;
  forget(offerId: string): void;
};

/**
 * Answers to offers: accepts, batched per gig (admission.ts) and decided together in one
 * transaction, first accept wins; a repeated accept gets the same hire back, never "full"; and
 * declines, whose slot goes to the next candidate at once.
 */
export function createAccepts(deps: {
  db: Database;
  offers: OffersRepository;
  engagements: EngagementsRepository;
  gigs: Pick<GigsRepository, 'byIds' | 'lock'>;
  workers: Pick<WorkersRepository, 'byIds'>;
  employers: Pick<EmployersRepository, 'ofGig'>;
  reference: Pick<ReferenceRepository, 'regionTree'>;
  hire: HireStep;
  shortfalls: Shortfalls;
  waves: Pick<Waves, 'releaseOverlapping' | 'refillQuietly'>;
  admission: Admission;
  clock: Clock;
  notices: Notices;
  background: Background;
  log: FastifyBaseLogger;
  metrics: HiringMetrics;
  /** Kiosk boards near the gigs are told (after commit): places left change with every hire. */
  boards: (gigIds: readonly string[]) => void;
}) {
  const { db, offers, engagements, clock, notices, metrics, hire, admission } = deps;

  /** Work after a hire that its caller need not wait for; logged if it fails, awaited by drain(). */
  function track(work: Promise<unknown>): void {
    deps.background.add(
      work.catch((error: unknown) => {
        deps.log.error({ err: error }, 'follow-up of a hire failed');
      }),
    );
  }

  /**
   * An offer read and checked before its hire transaction, failing fast where it can: not the
   * worker's, a crew's, already accepted (the same hire again), expired or no longer pending.
   */
  /**
   * Why an offer cannot be accepted, said as the worker's reason: an offer withdrawn because the
   * worker was just hired for an overlapping gig answers SCHEDULE_CONFLICT (they are booked then),
   * whichever of the two accepts reached the database first.
   */
  async function assertAcceptable(offer: OfferRecord, gig: GigRecord, now: Date, tx: Executor) {
    try {
      hire.assertAcceptable(offer, gig, now);
    } catch (error) {
      if (offer.status === 'WITHDRAWN' && (await engagements.hasOverlap(offer.workerId, gig, tx))) {
        throw new AppError(ErrorCode.SCHEDULE_CONFLICT, text('hiring:overlapsHire'));
      }
      throw error;
    }
  }

  async function precheck(
    workerId: string,
    offerId: string,
    tx: Executor = db,
  ): Promise<{ offer: OfferRecord; accepted?: EngagementRecord }> {
    const offer = await offers.byId(offerId, tx);
    if (!offer || offer.workerId !== workerId) throw notFound('offerOfYours', offerId);
    if (offer.crewId) {
      throw crewOffer();
    }
    if (offer.status === 'ACCEPTED') {
      const existing = await engagements.byOffer(offerId, tx);
      if (existing) return { offer, accepted: existing };
    }
    // Fail fast without queueing on the gig's lock: once a gig fills, its other offers are
    // withdrawn, so a crowd of late accepts costs two reads each. The transaction decides.
    if (offer.status !== 'PENDING' || offer.expiresAt <= clock.now()) {
      const [gig] = await deps.gigs.byIds([offer.gigId], tx);
      if (gig) await assertAcceptable(offer, gig, clock.now(), tx);
    }
    return { offer };
  }

  /** After accepts of one gig commit: the employer's screen, boards, the withdrawn offers, overlapping ones. */
  function accepted(hires: { engagement: EngagementRecord; gig: GigRecord }[], withdrawn: ClosedOffer[]) {
    const last = hires.reduce((a, b) => (b.gig.filled > a.gig.filled ? b : a));
    if (last.gig.filled >= last.gig.headcount)
      admission.markFull(
        last.gig,
        withdrawn.map((offer) => offer.id),
      );
    metrics.offers('accepted', hires.length);
    metrics.offers('withdrawn', withdrawn.length);
    // The filling accept withdraws hundreds of offers, mostly of workers whose own accepts are
    // queued here or still on their way: they get their GIG_FILLED answers first (from memory),
    // and the withdrawals are pushed once the crowd has been answered (admission.afterCrowd).
    if (withdrawn.length > 0)
      track(admission.afterCrowd(last.gig.id, () => withdrawn.forEach(notices.closed)));
    for (const { engagement, gig } of [...hires].sort((a, b) => a.gig.filled - b.gig.filled)) {
      if (engagement.offerId) admission.forget(engagement.offerId);
      notices.employer(gig, { hired: engagement.workerId });
      track(deps.waves.releaseOverlapping(engagement.workerId, gig));
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
    // One refusal for the whole crowd: its message is rendered once per language, not per loser.
    const filled = full ? ({ ok: false, error: gigFilled(full) } as const) : undefined;
    return Promise.all(
      items.map(async (item): Promise<Settled<EngagementRecord> | undefined> => {
        if (item.sent?.workerId === item.workerId) return filled;
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
    gigId: string,
    items: readonly AcceptItem[],
    answers: readonly (Settled<EngagementRecord> | undefined)[],
  ): Promise<Settled<EngagementRecord>[]> {
    // An offer the filling transaction withdrew was pending then, and a withdrawn offer is never
    // accepted: it holds no hire, and its refusal needs no read (a race's losers, on this node).
    const refused = items.filter((item, i) => {
      const answer = answers[i];
      return (
        answer?.ok === false &&
        answer.error instanceof AppError &&
        MAY_HIDE_A_HIRE.has(answer.error.code) &&
        !admission.withdrawnAtFill(gigId, item.offerId)
      );
    });
    const hires =
      refused.length === 0
        ? new Map<string, EngagementRecord>()
        : new Map(
            (await engagements.byOffers([...new Set(refused.map((item) => item.offerId))])).map((hire) => [
              hire.offerId,
              hire,
            ]),
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
      if (answers.every((answer) => answer !== undefined)) return answerWinners(gigId, items, answers);
    }
    // Read before the transaction, so nothing waits for it while holding the gig's lock: the gig's
    // region and day do not change once posted, and a backfill day is today's.
    const tree = await deps.reference.regionTree();
    const [place] = await deps.gigs.byIds([gigId]);
    const [minimumHourlyFen, accidentCover] = place
      ? await Promise.all([hire.minimumHourlyOf(place, tree), hire.coverOf(place.id)])
      : [undefined, undefined];
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
      const workerIds = [...new Set(open.map(({ item }) => item.workerId))];
      const [gig, locked, workers, employer, shortfalls] = await pipelined([
        deps.gigs.lock(gigId, tx),
        offers.lockMany([...new Set(open.map(({ item }) => item.offerId))], tx),
        deps.workers.byIds(workerIds, tx),
        deps.employers.ofGig(gigId, tx),
        deps.shortfalls(gigId, workerIds, tx),
      ] as const);
      if (!gig || !employer) throw notFound('gig', gigId);
      const parties: Parties = {
        gig,
        workers: new Map(workers.map((w) => [w.id, w])),
        employer,
        tree,
        minimumHourlyFen,
        accidentCover,
        shortfalls,
      };
      const offersById = new Map(locked.map((offer) => [offer.id, offer]));
      const decided = new Map<number, Settled<EngagementRecord> | { twinOf: number }>();
      const winners: { i: number; item: AcceptItem; offer: OfferRecord }[] = [];
      const winnerOf = new Map<string, number>();
      for (const { item, i } of open) {
        const offer = offersById.get(item.offerId);
        const twin = winnerOf.get(item.offerId);
        try {
          if (!offer || offer.workerId !== item.workerId) throw notFound('offerOfYours', item.offerId);
          if (offer.crewId) throw crewOffer();
          if (twin !== undefined) {
            decided.set(i, { twinOf: twin }); // the same accept sent twice: the same hire
            continue;
          }
          if (offer.status === 'ACCEPTED') {
            const existing = await engagements.byOffer(offer.id, tx);
            if (existing) {
              decided.set(i, { ok: true, value: existing });
              continue;
            }
          }
          await assertAcceptable(offer, { ...gig, filled: gig.filled + winners.length }, now, tx);
          // One worker's expired certificate refuses that worker, not the batch.
          const shortfall = shortfalls.get(item.workerId);
          if (shortfall) throw notQualified(item.workerId, shortfall);
          winnerOf.set(offer.id, i);
          winners.push({ i, item, offer });
        } catch (error) {
          decided.set(i, { ok: false, error });
        }
      }
      const hiring = hire.hireAll(
        gig,
        parties,
        winners.map(({ item, offer }) => ({
          workerId: item.workerId,
          source: { offerId: offer.id, actedBy: item.actedBy, backfill: isBackfill(offer, gig) },
        })),
        tx,
      );
      const answering = Promise.all(
        winners.map(({ item, offer }) => offers.respond(offer.id, 'ACCEPTED', now, item.actedBy, tx)),
      );
      // When the winners fill the gig, its other offers are withdrawn in the same round trip: the
      // winners' offers are answered by then, so only the others are still pending.
      const fills = winners.length > 0 && gig.filled + winners.length >= gig.headcount;
      const withdrawing = fills ? offers.withdrawPendingOfGig(gig.id, now, null, tx) : Promise.resolve([]);
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
    return answerWinners(gigId, items ?? [], answers);
  }

  return {
    acceptBatch,

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
      const gigId = sent?.gigId ?? (await offers.byId(offerId))?.gigId;
      if (!gigId) throw notFound('offerOfYours', offerId);
      // Even on a gig this node saw fill, the accept queues: its batch answers from memory, but
      // checks the refusals against the hires made, so the winner's repeat gets its hire back.
      return admission.batched(gigId, { workerId, offerId, actedBy, sent });
    },

    /** The worker says no: the slot goes to the next candidate at once. Repeating it is harmless. */
    async declineOffer(
      workerId: string,
      offerId: string,
      actedBy: string | null = null,
    ): Promise<OfferRecord> {
      const declined = await db.transaction(async (tx) => {
        const offer = await offers.lock(offerId, tx);
        if (!offer || offer.workerId !== workerId) throw notFound('offerOfYours', offerId);
        if (offer.status === 'DECLINED') return { offer, fresh: false };
        if (offer.status === 'EXPIRED' || (offer.status === 'PENDING' && offer.expiresAt <= clock.now())) {
          throw new AppError(ErrorCode.OFFER_EXPIRED, text('hiring:declineExpired'));
        }
        if (offer.status !== 'PENDING') {
          throw new AppError(
            ErrorCode.OFFER_NOT_PENDING,
            text('hiring:declineNotPending', { status: text(`hiring:offerStatus.${offer.status}`) }),
            { status: offer.status },
          );
        }
        return {
          offer: await offers.respond(offerId, 'DECLINED', clock.now(), actedBy, tx),
          fresh: true,
        };
      });
      if (declined.fresh) metrics.offers('declined');
      // A repeated decline refills too: the node that took the first may have died between its
      // commit and its refill (the phone never got the answer and asks again), and the slot would
      // otherwise wait for the gig's next timer. A refill only tops up, so it cannot over-offer.
      await deps.waves.refillQuietly(declined.offer.gigId);
      return declined.offer;
    },
  };
}

export type Accepts = ReturnType<typeof createAccepts>;
