/**
 * A self-declared worker's ID number was taken by the person it belongs to, verified at a station:
 * the number is cleared from this account, which takes no hires until verified in person.
 */
export type IdentityLost = { workerId: string; at: string; message: string };

/** What the workers' registry tells people over socket.io (room: the worker). */
export type WorkersEvents = {
  'identity:lost': (payload: IdentityLost) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends WorkersEvents {}
}
