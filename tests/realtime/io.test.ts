import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../src/realtime/rooms.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { connectSocket, waitFor } from '../support/sockets.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t?.close());

describe('socket.io', () => {
  it('accepts a client on the API port and reads its auth token in the handshake', async () => {
    const seen = new Promise<string | null>((resolve) => {
      t.app.io.once('connection', (socket) => resolve(socket.data.token));
    });
    const socket = await connectSocket(baseUrl, { token: 'abc.def' });
    expect(await seen).toBe('abc.def');
    socket.disconnect();
  });

  it('delivers an event emitted to a room the socket joined', async () => {
    const joined = new Promise<void>((resolve) => {
      t.app.io.once('connection', async (socket) => {
        await socket.join(rooms.station('s1'));
        resolve();
      });
    });
    const socket = await connectSocket(baseUrl);
    await joined;
    const received = waitFor<{ gigId: string }>(socket, 'board:remove');
    // Emitted from the server, as a domain module does; the client type-checks nothing here.
    (t.app.io.to(rooms.station('s1')) as unknown as { emit: (e: string, p: unknown) => void }).emit(
      'board:remove',
      {
        gigId: 'g1',
      },
    );
    expect(await received).toEqual({ gigId: 'g1' });
    socket.disconnect();
  });

  it('disconnects clients when the app closes', async () => {
    const other = await createTestApp();
    const url = await other.app.listen({ host: '127.0.0.1', port: 0 });
    const socket = await connectSocket(url);
    const reason = waitFor<string>(socket, 'disconnect');
    await other.close();
    expect(await reason).toBe('io server disconnect');
  });
});
