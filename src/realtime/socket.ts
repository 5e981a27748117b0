import type { Server, Socket } from 'socket.io';
import type { Locale } from '../i18n/locale.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { ClientToServerEvents, ServerToClientEvents } from './events.js';

/**
 * What a connection carries once its token is checked: who, and for an account the session its
 * token names and when that token expires (ms since the epoch; the socket must renew it by then).
 */
export type SocketData = {
  viewer: Viewer;
  /** The language of this connection's acks and refusals: `auth.locale` at the handshake, else its `Accept-Language`, else Chinese. */
  locale: Locale;
  session: { id: string; version: number; expiresAtMs: number | null } | null;
  /** When the event being handled reached the session check (performance.now(); ACCEPT_TIMING). */
  eventAt?: number;
};

export type LingongServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type LingongSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
