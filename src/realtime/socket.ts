import type { Server, Socket } from 'socket.io';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { ClientToServerEvents, ServerToClientEvents } from './events.js';

/** What a connection carries once its token is checked. */
export type SocketData = { viewer: Viewer };

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
