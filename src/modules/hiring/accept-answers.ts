import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { AcceptItem, Admission } from './accepts.js';
import type { Settled } from './admission.js';
import type { EngagementRecord, EngagementsRepository } from './engagements.repository.js';
import { crewOffer, gigFilled, type HireStep } from './hire.js';
import type { OfferRecord, OffersRepository } from './offers.repository.js';

/** An accept's answer, or undefined while the batch's transaction has still to decide it. */
export type Answer = Settled<EngagementRecord> | undefined;

/** Refusals a repeated accept gets when its offer already won: the gig is full, the offer taken. */
const MAY_HIDE_A_HIRE: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.GIG_FILLED,
  ErrorCode.OFFER_NOT_PENDING,
  ErrorCode.OFFER_EXPIRED,
  ErrorCode.SCHEDULE_CONFLICT,
]);

/**
 * The answers an accept can get without taking a seat: refusals decided before the batch's
 * transaction (from this node's memory, or from the offer read), the reason an offer cannot be
 * accepted, and the check that a refused winner's repeat gets its hire back.
 */
export function createAcceptAnswers(deps: {
  db: Database;
  offers: Pick<OffersRepository, 'byId'>;
  engagements: Pick<EngagementsRepository, 'hasOverlap' | 'byOffer' | 'byOffers'>;
  gigs: Pick<GigsRepository, 'byIds'>;
  hire: Pick<HireStep, 'assertAcceptable'>;
  admission: Pick<Admission, 'knownFull' | 'withdrawnAtFill'>;
  clock: Clock;
}) {
  const { db, offers, engagements, clock, hire, admission } = deps;

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

  /**
   * An offer read and checked before its hire transaction, failing fast where it can: not the
   * worker's, a crew's, already accepted (the same hire again), expired or no longer pending.
   */
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

  /**
   * What can be answered before the seats are decided: offers this node sent need no reading
   * (GIG_FILLED if it saw the gig fill); offers another node sent are read first, failing fast
   * where they can, as a single accept does. Undefined where the transaction decides.
   */
  function prechecked(gigId: string, items: AcceptItem[], tx: Executor = db): Promise<Answer[]> {
    const full = admission.knownFull(gigId);
    // One refusal for the whole crowd: its message is rendered once per language, not per loser.
    const filled = full ? ({ ok: false, error: gigFilled(full) } as const) : undefined;
    return Promise.all(
      items.map(async (item): Promise<Answer> => {
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
    answers: readonly Answer[],
  ): Promise<Settled<EngagementRecord>[]> {
    // An offer withdrawn after the gig filled was pending until then, and a withdrawn offer is never
    // accepted: it holds no hire. Nor did an offer pending at the fill when it committed: an accept
    // on its way by then is answered as of that commit. Their refusals need no read (a race's
    // losers, on this node).
    const refused = items.filter((item, i) => {
      const answer = answers[i];
      return (
        answer?.ok === false &&
        answer.error instanceof AppError &&
        MAY_HIDE_A_HIRE.has(answer.error.code) &&
        !admission.withdrawnAtFill(gigId, item.offerId, item.since)
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

  return { assertAcceptable, prechecked, answerWinners };
}

export type AcceptAnswers = ReturnType<typeof createAcceptAnswers>;
