import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { AppError, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { OfferRecord, OffersRepository } from './offers.repository.js';
import type { Waves } from './waves.js';

/** A worker's "no" to an offer: the slot goes to the next candidate at once. */
export function createDecline(deps: {
  db: Database;
  offers: Pick<OffersRepository, 'lock' | 'respond'>;
  waves: Pick<Waves, 'refillQuietly'>;
  clock: Clock;
  metrics: HiringMetrics;
}) {
  const { db, offers, clock, metrics } = deps;

  /** The worker says no: the slot goes to the next candidate at once. Repeating it is harmless. */
  return async function declineOffer(
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
  };
}
