/**
 * A self-declared worker's ID number was taken by the person it belongs to, verified at a station:
 * the number is cleared from this account, which takes no hires until verified in person.
 */
export type IdentityLost = { workerId: string; at: string; message: string };

/**
 * A 特种作业操作证 of the worker's expires soon (CERTIFICATE_NOTICE_DAYS ahead, told once): after
 * `expiresOn` (a market day, the last valid one) the trade's gigs no longer reach them.
 */
export type CertificateExpiring = {
  certificateId: string;
  skillCode: string;
  expiresOn: string;
  days: number;
  message: string;
};

/** What the workers' registry tells people over socket.io (room: the worker). */
export type WorkersEvents = {
  'identity:lost': (payload: IdentityLost) => void;
  'certificate:expiring': (payload: CertificateExpiring) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends WorkersEvents {}
}
