/** What happens to instant offers, as the metrics count it: one name per step of an offer's life. */
export type OfferEvent = 'sent' | 'delivered' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

/**
 * How instant hire reports what it did, without knowing prom-client: the metrics plugin
 * implements it. Every call comes after the transaction that made the change has committed, so a
 * rolled-back accept or expiry is never counted.
 */
export type HiringMetrics = {
  /** `count` offers took this step (a re-send to a reconnecting worker is not a new `sent`). */
  offers(event: OfferEvent, count?: number): void;
  /** A first-wave offer was pushed to its worker's room this many seconds after the gig was posted. */
  postToOffer(seconds: number): void;
};

export const countNothing: HiringMetrics = { offers: () => {}, postToOffer: () => {} };
