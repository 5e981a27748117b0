import type { Server, Socket } from 'socket.io';
import type { Viewer } from '../modules/accounts/viewer.js';

/** What a connection carries once its token is checked. */
export type SocketData = { viewer: Viewer };

export type LingongServer = Server<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  SocketData
>;
export type LingongSocket = Socket<
  Record<string, never>,
  Record<string, never>,
  Record<string, never>,
  SocketData
>;
