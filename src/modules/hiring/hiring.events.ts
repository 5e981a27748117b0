import type { GigStatus, OfferStatus, OfferTier } from '../../db/schema/index.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import type { ApplicationRecord } from './applications.repository.js';
import type { OfferRecord } from './offers.repository.js';

/** What a worker's phone shows of an offer (the `offer` event; see offerEvent in notices.ts). */
export type OfferEvent = {
  offerId: string;
  gigId: string;
  title: string;
  payFen: number;
  payUnit: GigRecord['payUnit'];
  /** ISO 8601, as every time in an event. */
  startsAt: string;
  endsAt: string;
  address: string;
  distanceKm: OfferRecord['distanceKm'];
  expiresAt: string;
  wave: number;
  /** Set on an offer to a crew, sent to its leader. */
  crewId: string | null;
};

/** What hiring adds to an employer's `gig:updated`: how its offers go, or who was hired. */
export type HiringGigNews =
  | { offers: 'STOPPED'; reason: 'STARTED' }
  | { offers: 'STOPPED'; reason: 'NO_CANDIDATES'; wave: number }
  | { offers: 'SENT'; wave: number; tier: OfferTier | null; sent: number; pending: number }
  | { hired: string }
  | { hiredCrew: string; hires: number };

/** A gig's seats as every `gig:updated` carries them (gigUpdate in gigs.service.ts). */
export type GigSeats = { gigId: string; status: GigStatus; filled: number; headcount: number };

/** A new OPEN gig meets a worker's saved search. */
export type GigAlertEvent = {
  savedSearchId: string;
  name: string;
  gigId: string;
  title: string;
  startsAt: string;
  hourlyFen: number;
  address: string;
  /** From the search's point, when it has one. */
  distanceKm: number | null;
};

/**
 * What the hiring domain tells people over socket.io, by event name: the server-to-client map
 * that realtime/ composes with the other domains'. The names are the product's contract.
 */
export type HiringEvents = {
  /** To the worker's room; the ack records the offer as delivered. */
  offer: (payload: OfferEvent, ack: () => void) => void;
  /** To the worker's room: the offer was withdrawn, expired, or answered elsewhere. */
  'offer:closed': (payload: { offerId: string; status: OfferStatus }) => void;
  // 'gig:updated' is the gigs domain's event (GigUpdated in gigs.events.ts); hiring adds HiringGigNews.
  /** To each worker hired by a crew offer. */
  'engagement:new': (payload: { engagementId: string; gigId: string }) => void;
  /** To each worker whose hire a cancelled gig called off. */
  'engagement:cancelled': (payload: { engagementId: string; gigId: string; reason: string | null }) => void;
  /** To the employer's room. */
  'application:new': (payload: { applicationId: string; gigId: string }) => void;
  /** To the applicant's room. */
  'application:decided': (payload: {
    applicationId: string;
    gigId: string;
    status: ApplicationRecord['status'];
  }) => void;
  /** To the invited worker's room. */
  'crew:invited': (payload: { crewId: string; name: string }) => void;
  /** To the leader's room. */
  'crew:joined': (payload: { crewId: string; workerId: string }) => void;
  /** To the room of each worker whose saved search the gig meets. */
  'gig:alert': (payload: GigAlertEvent) => void;
};

/** What an `offer:accept` is answered with (its ack). */
export type AcceptReply =
  | { ok: true; data: { engagementId: string } }
  | { ok: false; error: { code: string; message: string } };

/** What a worker's client sends hiring over socket.io. */
export type HiringClientEvents = {
  'offer:accept': (payload: { offerId: string }, reply: (answer: AcceptReply) => void) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends HiringEvents {}
  interface ClientToServerEvents extends HiringClientEvents {}
}
