import type { EngagementStatus } from '../../db/schema/hiring.js';
import type { DisputeStatus } from '../../db/schema/work.js';

/** A step of a hire, told to its worker and its employer. */
export type EngagementChange =
  | 'CONTRACT_ACCEPTED'
  | 'CHECKED_IN'
  | 'OFF_SITE_CONFIRMED'
  | 'ATTENDANCE_CONFIRMED'
  | 'ATTENDANCE_CONTESTED'
  | 'ATTENDANCE_SETTLED'
  | 'COMPLETED'
  | 'CHECKED_OUT_AUTOMATICALLY'
  | 'NO_SHOW'
  | 'CANCELLED_BY_WORKER'
  | 'PAYMENT_RECORDED'
  | 'PAYMENT_CONFIRMED';

/** What some steps add to `engagement:updated` (each step sends only its own). */
export type EngagementChangeDetails = {
  /** CONTRACT_ACCEPTED: which side acknowledged. */
  side?: 'WORKER' | 'EMPLOYER';
  /** CHECKED_IN by GPS. */
  offSite?: boolean;
  distanceM?: number;
  /** CHECKED_IN with the worker's code. */
  byCode?: true;
  /** ATTENDANCE_CONFIRMED and ATTENDANCE_SETTLED: the hours paid. */
  hours?: number | null;
  /** ATTENDANCE_SETTLED: the bureau's ruling or the silence rule. */
  by?: 'BUREAU' | 'SILENCE';
  /** ATTENDANCE_CONTESTED and CANCELLED_BY_WORKER: the reason given. */
  reason?: string;
  /** CANCELLED_BY_WORKER: inside `lateCancelHours`. */
  late?: boolean;
  /** PAYMENT_RECORDED. */
  amountFen?: number;
  paidFen?: number;
  /** PAYMENT_CONFIRMED. */
  confirmedFen?: number;
  settled?: boolean;
};

export type EngagementUpdate = {
  engagementId: string;
  gigId: string;
  status: EngagementStatus;
  what: EngagementChange;
} & EngagementChangeDetails;

/** An arrears case opening (the sweep) or closing (paid in full, or resolved by the bureau). */
export type ArrearsEvent = {
  caseId: string;
  engagementId: string;
  /** Sent when the case opens or is closed by payment; not when the bureau resolves it. */
  employerId?: string;
  owedFen: number;
  status: 'OPEN' | 'CLOSED';
};

export type DisputeUpdate = {
  disputeId: string;
  engagementId: string;
  status: DisputeStatus;
  what: 'OPENED' | 'MEDIATING' | 'NOTE_ADDED' | 'RESOLVED' | 'RESOLVED_AND_ARREARS_CLOSED';
};

/** A rating given, told to the side rated. */
export type RatingNew = { engagementId: string; stars: number };

/** What work and wages tell people over socket.io (rooms: the worker, the employer, the admins). */
export type WorkEvents = {
  'engagement:updated': (payload: EngagementUpdate) => void;
  'arrears:opened': (payload: ArrearsEvent) => void;
  'arrears:closed': (payload: ArrearsEvent) => void;
  'dispute:updated': (payload: DisputeUpdate) => void;
  'rating:new': (payload: RatingNew) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends WorkEvents {}
}
