import type { SessionEndReason } from './sessions.repository.js';

/** What a `session:renew` is answered with (its ack). */
export type RenewReply =
  | { ok: true; data: { expiresAt: string | null } }
  | { ok: false; error: { code: string; message: string } };

/**
 * What a connection is told about its own sign-in (to that socket alone, never a room):
 * its token expires soon, has expired (events are refused until `session:renew`, and the socket
 * is cut after `graceSeconds`), or its session ended and the socket is about to be disconnected.
 */
export type SessionsEvents = {
  'session:expiring': (payload: { expiresAt: string }) => void;
  'session:expired': (payload: { graceSeconds: number }) => void;
  'session:ended': (payload: { reason: SessionEndReason }) => void;
};

/** What a client sends about its sign-in: a fresh access token of the same account (from refreshSession). */
export type SessionsClientEvents = {
  'session:renew': (payload: { token: string }, reply: (answer: RenewReply) => void) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends SessionsEvents {}
  interface ClientToServerEvents extends SessionsClientEvents {}
}
