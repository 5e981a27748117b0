import { io, type Socket } from 'socket.io-client';

/** A real socket.io client on the API's port, connected (or failed) before it is returned. */
export async function connectSocket(baseUrl: string, auth: Record<string, unknown> = {}): Promise<Socket> {
  const socket = io(baseUrl, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** The next `event` on the socket, or a failure naming it after `timeoutMs`. */
export function waitFor<T = unknown>(socket: Socket, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, handler);
  });
}
