import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { connectSocket } from '../../support/sockets.js';

const TTL_SECONDS = 90;
// A wave of headcount 2 × fan-out 4 = 8 offers goes out as a first chunk of 3, then the rest of 5
// (a chunk of up to 6); with a first chunk of 1, in four transactions: chunks of 1, 2, 4 and 1.
const envOf = (firstChunk: number) => ({
  OFFER_FAN_OUT: '4',
  OFFER_FIRST_CHUNK: String(firstChunk),
  OFFER_TTL_SECONDS: String(TTL_SECONDS),
  OFFER_SWEEP_MS: '60000',
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  { firstChunk: 3, chunks: 2 },
  { firstChunk: 1, chunks: 4 },
])(
  'a wave in chunks (first chunk $firstChunk: $chunks transactions, its best first)',
  ({ firstChunk, chunks }) => {
    const clock = testClock();
    let t: TestApp;
    let baseUrl: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      t = await createTestApp({ env: envOf(firstChunk), clock });
      baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      for (const socket of sockets) socket.disconnect();
      await t.close();
    });

    /**
     * A worker's phone: every `offer` it is pushed, each acked; while `holding`, the acks wait (an
     * ack updates the offer's row, so its xmin would no longer name the transaction that wrote it).
     */
    let holding = true;
    const held: (() => void)[] = [];
    async function phone(worker: SeededWorker, received: Map<string, string[]>): Promise<void> {
      const socket = await connectSocket(baseUrl, { token: worker.token });
      sockets.push(socket);
      socket.on('offer', (payload: { offerId: string }, ack?: () => void) => {
        received.set(worker.id, [...(received.get(worker.id) ?? []), payload.offerId]);
        if (!ack) return;
        if (holding) held.push(ack);
        else ack();
      });
    }

    it('offers the same workers in the same order as one wave, each once, online or on reconnect, due at the first expiry', async () => {
      // Twelve painters at one spot, so the order is their reliability alone: worker 0 is the best.
      const workers: SeededWorker[] = [];
      for (let i = 0; i < 12; i++) {
        const [worker] = await seedWorkers(t, 1, {
          skills: [{ code: 'painter', level: 2 }],
          spreadKm: 0,
          reliability: 1 - i * 0.05,
        });
        if (!worker) throw new Error('no worker');
        workers.push(worker);
      }
      // Worker 1 (of the first chunk) and worker 5 (of the rest) are offline during the wave.
      const offline = new Set([workers[1]?.id, workers[5]?.id]);
      const received = new Map<string, string[]>();
      for (const worker of workers) if (!offline.has(worker.id)) await phone(worker, received);

      const employer = await verifiedEmployer(t);
      const employerSocket = await connectSocket(baseUrl, { token: employer.token });
      sockets.push(employerSocket);
      const news: { offers?: string; wave?: number; sent?: number; pending?: number }[] = [];
      employerSocket.on('gig:updated', (payload) => news.push(payload));

      const postedAt = clock.now();
      const gig = await postGig(t, employer.token, { instant: true, headcount: 2, skills: ['painter'] });
      await t.app.services.hiring.drain();
      await sleep(300);

      // The whole wave: the best eight, best first, in as many transactions as chunks (one
      // `sent_at`: the clock stands still, so the transactions are told apart by their xmin).
      const rows = (await t.app.db.execute(
        sql`select id, worker_id, wave, status, expires_at, xmin::text as tx from offers where gig_id = ${gig.id} order by score desc, id`,
      )) as unknown as {
        id: string;
        worker_id: string;
        wave: number;
        status: string;
        expires_at: string;
        tx: string;
      }[];
      expect(rows.map((r) => r.worker_id)).toEqual(workers.slice(0, 8).map((w) => w.id));
      const sizes: number[] = [];
      for (const [i, row] of rows.entries()) {
        if (i > 0 && row.tx === rows[i - 1]?.tx) sizes[sizes.length - 1] = (sizes.at(-1) ?? 0) + 1;
        else sizes.push(1);
      }
      expect(sizes).toEqual(firstChunk === 3 ? [3, 5] : [1, 2, 4, 1]);
      expect(sizes).toHaveLength(chunks);
      holding = false;
      for (const ack of held.splice(0)) ack();
      expect(new Set(rows.map((r) => `${r.wave}:${r.status}`))).toEqual(new Set(['1:PENDING']));

      // Each online worker offered got the offer once; nobody else got anything.
      const offerOf = new Map(rows.map((r) => [r.worker_id, r.id]));
      for (const worker of workers) {
        const expected = offerOf.has(worker.id) && !offline.has(worker.id) ? [offerOf.get(worker.id)] : [];
        expect(received.get(worker.id) ?? []).toEqual(expected);
      }

      // The gig's timer is at its first live offer's expiry, and the employer heard of the wave once.
      const expiry = postedAt.getTime() + TTL_SECONDS * 1000;
      expect(new Set(rows.map((r) => new Date(r.expires_at).getTime()))).toEqual(new Set([expiry]));
      const [dispatch] = (await t.app.db.execute(
        sql`select state, wave, due_at from gig_dispatch where gig_id = ${gig.id}`,
      )) as unknown as { state: string; wave: number; due_at: string }[];
      expect(dispatch?.state).toBe('ACTIVE');
      expect(new Date(dispatch?.due_at ?? 0).getTime()).toBe(expiry);
      expect(news.filter((n) => n.offers === 'SENT')).toEqual([
        expect.objectContaining({ offers: 'SENT', wave: 1, sent: 8, pending: 8 }),
      ]);

      // The offline two connect: each is sent its pending offer once, from the rows.
      for (const worker of workers) if (offline.has(worker.id)) await phone(worker, received);
      await sleep(500);
      for (const id of offline) expect(received.get(id ?? '')).toEqual([offerOf.get(id ?? '')]);
      const delivered = (await t.app.db.execute(
        sql`select count(*)::int as n from offers where gig_id = ${gig.id} and delivered_at is not null`,
      )) as unknown as { n: number }[];
      expect(delivered[0]?.n).toBe(8);
    });
  },
);
