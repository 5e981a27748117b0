import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../src/realtime/rooms.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registerWorker } from '../support/people.js';
import { connectSocket, waitFor } from '../support/sockets.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t?.close());

const emit = (room: string, event: string, payload: unknown) =>
  (t.app.io.to(room) as unknown as { emit: (e: string, p: unknown) => void }).emit(event, payload);

describe('socket.io', () => {
  it('refuses a connection without a token, or with a bad one, as UNAUTHENTICATED', async () => {
    for (const auth of [{}, { token: 'not.a.token' }]) {
      const error = (await connectSocket(baseUrl, auth).catch((e) => e)) as Error & {
        data?: { code: string };
      };
      expect(error.data?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('puts a worker who connects with a login token into the rooms of its account and worker', async () => {
    const worker = await registerWorker(t);
    const socket = await connectSocket(baseUrl, { token: worker.token });
    try {
      const toWorker = waitFor<{ n: number }>(socket, 'offer');
      emit(rooms.worker(worker.id), 'offer', { n: 1 });
      expect(await toWorker).toEqual({ n: 1 });
      const toAccount = waitFor<{ n: number }>(socket, 'gig:alert');
      emit(rooms.account(worker.accountId), 'gig:alert', { n: 2 });
      expect(await toAccount).toEqual({ n: 2 });
    } finally {
      socket.disconnect();
    }
  });

  it('disconnects clients when the app closes', async () => {
    const other = await createTestApp();
    const url = await other.app.listen({ host: '127.0.0.1', port: 0 });
    const worker = await registerWorker(other);
    const socket = await connectSocket(url, { token: worker.token });
    const reason = waitFor<string>(socket, 'disconnect');
    await other.close();
    expect(await reason).toBe('io server disconnect');
  });
});
