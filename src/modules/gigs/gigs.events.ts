import type { GigStatus } from '../../db/schema/gigs.js';
import type { OfferTier } from '../../db/schema/hiring.js';

/** What an employer's screen needs to redraw a gig's card (`gigUpdate` in gigs.service.ts). */
export type GigCardUpdate = {
  gigId: string;
  status: GigStatus;
  filled: number;
  headcount: number;
};

/**
 * `gig:updated`, to the gig's employer: the card, and what the sender adds. Gigs sends the card
 * alone (cancelled, moved by the clock); work adds `seatFreed`; hiring adds how its offers go.
 */
export type GigUpdated = GigCardUpdate & {
  /** The hire whose seat a no-show or a cancellation gave back. */
  seatFreed?: string;
  /** Instant hire: offers sent in a wave, or stopped (the gig started, or nobody is left). */
  offers?: 'SENT' | 'STOPPED';
  reason?: 'STARTED' | 'NO_CANDIDATES';
  wave?: number;
  tier?: OfferTier | null;
  sent?: number;
  pending?: number;
  /** The worker just hired; a crew hired, with how many hires. */
  hired?: string;
  hiredCrew?: string;
  hires?: number;
};

/** What the gigs domain tells people over socket.io (room: the employer). */
export type GigsEvents = {
  'gig:updated': (payload: GigUpdated) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends GigsEvents {}
}
