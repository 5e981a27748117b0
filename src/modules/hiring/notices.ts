import type { ServerEventPayload } from '../../realtime/events.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { toShanghaiIso } from '../../time.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import { gigUpdate } from '../gigs/gigs.service.js';
import type { HiringGigNews, OfferEvent } from './hiring.events.js';
import type { ClosedOffer, OfferRecord } from './offers.repository.js';

/** What a worker's phone shows of an offer (the `offer` event). */
export const offerEvent = (offer: OfferRecord, gig: GigRecord): OfferEvent => ({
  offerId: offer.id,
  gigId: gig.id,
  title: gig.title,
  payFen: gig.payFen,
  payUnit: gig.payUnit,
  startsAt: toShanghaiIso(gig.startsAt),
  endsAt: toShanghaiIso(gig.endsAt),
  address: gig.address,
  distanceKm: offer.distanceKm,
  expiresAt: toShanghaiIso(offer.expiresAt),
  wave: offer.wave,
  crewId: offer.crewId,
});

/**
 * The notices every part of hiring sends (offers, closed offers, the employer's gig), each only
 * after its transaction has committed: said before, it might roll back.
 */
export function createNotices(deps: {
  notify: Notify;
  /** How long the server waits for a client's ack of an `offer` event. */
  ackTimeoutMs: number;
  /** An `offer` event was acked: the offer reached the worker's phone. */
  delivered: (offerId: string) => void;
}) {
  const { notify } = deps;
  const offer = (offer: OfferRecord, event: OfferEvent): void => {
    notify(rooms.worker(offer.workerId), 'offer', event, {
      timeoutMs: deps.ackTimeoutMs,
      onAck: () => deps.delivered(offer.id),
    });
  };
  return {
    offer(record: OfferRecord, gig: GigRecord): void {
      offer(record, offerEvent(record, gig));
    },
    /** A wave's offers of one gig: what they share of the gig is written once. */
    offers(records: readonly OfferRecord[], gig: GigRecord): void {
      if (records.length === 0) return;
      const first = records[0] as OfferRecord;
      const shared = offerEvent(first, gig);
      const firstExpiry = first.expiresAt.getTime();
      // Each payload written out in the event's order, not spread from the shared one: the loop
      // makes a thousand of them, and a literal of known shape is one allocation.
      for (const record of records) {
        offer(record, {
          offerId: record.id,
          gigId: shared.gigId,
          title: shared.title,
          payFen: shared.payFen,
          payUnit: shared.payUnit,
          startsAt: shared.startsAt,
          endsAt: shared.endsAt,
          address: shared.address,
          distanceKm: record.distanceKm,
          expiresAt:
            record.expiresAt.getTime() === firstExpiry ? shared.expiresAt : toShanghaiIso(record.expiresAt),
          wave: record.wave,
          crewId: record.crewId,
        });
      }
    },
    closed(offer: ClosedOffer): void {
      const payload: ServerEventPayload<'offer:closed'> = { offerId: offer.id, status: offer.status };
      notify(rooms.worker(offer.workerId), 'offer:closed', payload);
    },
    employer(gig: GigRecord, news: HiringGigNews): void {
      const payload: ServerEventPayload<'gig:updated'> = { ...gigUpdate(gig), ...news };
      notify(rooms.employer(gig.employerId), 'gig:updated', payload);
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
