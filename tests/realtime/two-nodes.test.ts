import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../src/realtime/rooms.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, offerRows, seedWorkers } from '../support/hiring.js';
import { connectSocket, waitFor } from '../support/sockets.js';

type OfferEvent = { offerId: string; gigId: string; title: string };
type GigUpdated = { gigId: string; status: string; filled: number; headcount: number };
type Accepted = { acceptOffer: { id: string; status: string; gig: { id: string; filled: number } } };

/** The first `event` whose payload passes `test` (earlier ones, e.g. a wave's update, are skipped). */
function waitForMatching<T>(socket: Socket, event: string, test: (payload: T) => boolean, timeoutMs = 5_000) {
  return new Promise<T>((resolve, reject) => {
    const handler = (payload: T) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, handler);
  });
}

/** The next `offer`, acknowledged as a client does; the ack is what marks it delivered. */
function nextOfferAcked(socket: Socket, timeoutMs = 5_000) {
  return new Promise<OfferEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "offer" within ${timeoutMs} ms`)), timeoutMs);
    socket.once('offer', (payload: OfferEvent, ack: () => void) => {
      clearTimeout(timer);
      ack();
      resolve(payload);
    });
  });
}

/** Polls `check` (expect.poll works only inside a test) until it holds, or fails after `timeoutMs`. */
async function untilTrue(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Two API nodes on one database, as behind a load balancer: sockets connect to node A, requests
 * go to node B, and the PostgreSQL adapter carries B's events (and the clients' acks) across.
 */
describe('socket.io across two API nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    a = await createTestApp();
    urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
    // B matches against A's workers index, as every node of one deployment shares one Meilisearch.
    b = await createTestApp({ sameDatabaseAs: a, env: { MEILI_INDEX_PREFIX: a.indexPrefix } });
    urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
    // An ack counts once the emitting node knows how many nodes should answer: wait for both to know.
    for (const node of [a, b])
      await untilTrue(async () => (await node.app.io.of('/').adapter.serverCount()) === 2);
  });

  afterAll(async () => {
    // B's own close() would drop the Meilisearch indexes it shares with A: close only its app.
    await b?.app.close();
    await a?.close();
  });

  it("delivers an instant gig's offer posted on B to the worker on A, whose ack and accept come back", async () => {
    const [worker] = await seedWorkers(a, 1, { skills: [{ code: 'bricklayer', level: 4 }] });
    if (!worker) throw new Error('no worker seeded');
    const employer = await verifiedEmployer(b);
    const workerSocket = await connectSocket(urlA, { token: worker.token });
    const employerSocket = await connectSocket(urlA, { token: employer.token });
    try {
      const offered = nextOfferAcked(workerSocket);
      const gig = await postGig(b, employer.token, {
        instant: true,
        headcount: 1,
        skills: ['bricklayer'],
        title: '两节点砌墙',
      });
      const offer = await offered;
      expect(offer).toMatchObject({ gigId: gig.id, title: '两节点砌墙' });

      // The ack was given on A; B sent the offer and records the delivery.
      await expect
        .poll(async () => (await offerRows(a, gig.id)).map((o) => o.delivered_at !== null), {
          timeout: 5_000,
        })
        .toEqual([true]);
      const [row] = await offerRows(a, gig.id);
      expect(row).toMatchObject({ id: offer.offerId, worker_id: worker.id, status: 'PENDING' });

      const filled = waitForMatching<GigUpdated>(
        employerSocket,
        'gig:updated',
        (u) => u.gigId === gig.id && u.filled === 1,
      );
      const { data, errors } = await b.gql<Accepted>(ACCEPT_OFFER, { id: offer.offerId }, worker.token);
      expect(errors).toBeUndefined();
      expect(data?.acceptOffer.gig).toMatchObject({ id: gig.id, filled: 1 });
      expect(await filled).toMatchObject({ gigId: gig.id, filled: 1, headcount: 1 });
    } finally {
      workerSocket.disconnect();
      employerSocket.disconnect();
    }
  });

  it('lets B reach a room whose only socket is connected to A, and see that socket', async () => {
    const [worker] = await seedWorkers(a, 1);
    if (!worker) throw new Error('no worker seeded');
    const socket = await connectSocket(urlA, { token: worker.token });
    try {
      const room = rooms.account(worker.accountId);
      expect(b.app.io.of('/').adapter.rooms.has(room)).toBe(false); // nobody in it on B itself
      expect((await b.app.io.in(room).fetchSockets()).map((s) => s.id)).toEqual([socket.id]);

      const alert = waitFor<{ n: number }>(socket, 'gig:alert');
      (b.app.io.to(room) as unknown as { emit: (event: string, payload: unknown) => void }).emit(
        'gig:alert',
        { n: 7 },
      );
      expect(await alert).toEqual({ n: 7 });
    } finally {
      socket.disconnect();
    }
  });

  it("carries a burst of B's emits with acks to A's sockets in one batch, and every ack back", async () => {
    const workers = await seedWorkers(a, 30);
    const sockets = await Promise.all(workers.map((w) => connectSocket(urlA, { token: w.token })));
    try {
      for (const [i, socket] of sockets.entries())
        socket.on('gig:alert', (_payload: unknown, ack: (n: number) => void) => ack(i));
      const acked = new Set<number>();
      const rowsBefore = await attachmentRows(a);
      // 30 events of 1 kB in one turn of B's loop: one batch, over NOTIFY's 8000 bytes, so sent
      // as several NOTIFYs under it, none through the attachments table.
      for (const [i, worker] of workers.entries()) {
        (
          b.app.io.to(rooms.worker(worker.id)).timeout(5_000) as unknown as {
            emit: (
              event: string,
              payload: unknown,
              ack: (error: Error | null, answers: number[]) => void,
            ) => void;
          }
        ).emit('gig:alert', { n: i, pad: 'x'.repeat(1_000) }, (error, answers) => {
          if (!error) for (const answer of answers) acked.add(answer);
        });
      }
      await untilTrue(async () => acked.size === workers.length, 5_000);
      expect([...acked].sort((x, y) => x - y)).toEqual(workers.map((_, i) => i));
      expect(await attachmentRows(a)).toBe(rowsBefore);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  });

  it("carries one event over NOTIFY's 8000 bytes through the attachments table", async () => {
    const [worker] = await seedWorkers(a, 1);
    if (!worker) throw new Error('no worker seeded');
    const socket = await connectSocket(urlA, { token: worker.token });
    try {
      const rowsBefore = await attachmentRows(a);
      const alert = waitFor<{ pad: string }>(socket, 'gig:alert');
      const pad = '长'.repeat(4_000); // 12,000 bytes of UTF-8
      (b.app.io.to(rooms.worker(worker.id)) as unknown as { emit: (e: string, p: unknown) => void }).emit(
        'gig:alert',
        { pad },
      );
      expect((await alert).pad).toBe(pad);
      expect(await attachmentRows(a)).toBe(rowsBefore + 1);
    } finally {
      socket.disconnect();
    }
  });
  it("sends a binary payload alone, through the attachments table, to A's socket", async () => {
    const [worker] = await seedWorkers(a, 1);
    if (!worker) throw new Error('no worker seeded');
    const socket = await connectSocket(urlA, { token: worker.token });
    try {
      const rowsBefore = await attachmentRows(a);
      const alerts: { n: number; blob?: ArrayBuffer | Uint8Array }[] = [];
      socket.on('gig:alert', (payload: { n: number; blob?: ArrayBuffer | Uint8Array }) =>
        alerts.push(payload),
      );
      const room = b.app.io.to(rooms.worker(worker.id)) as unknown as {
        emit: (e: string, p: unknown) => void;
      };
      // A text event and a binary one in the same turn of B's loop: the text one is batched.
      room.emit('gig:alert', { n: 1 });
      room.emit('gig:alert', { n: 2, blob: Buffer.from([1, 2, 3, 250]) });
      await untilTrue(async () => alerts.length === 2, 5_000);
      const binary = alerts.find((alert) => alert.n === 2);
      expect([...new Uint8Array(binary?.blob ?? new ArrayBuffer(0))]).toEqual([1, 2, 3, 250]);
      expect(alerts.map((alert) => alert.n).sort()).toEqual([1, 2]);
      expect(await attachmentRows(a)).toBe(rowsBefore + 1);
    } finally {
      socket.disconnect();
    }
  });

  it("gives B's own socket each of B's emits once, whose ack B takes once, while A's socket gets its copy", async () => {
    const [onA, onB] = await seedWorkers(a, 2);
    if (!onA || !onB) throw new Error('no workers seeded');
    // One account's room with a socket on each node: B sends to its own socket at once, and to
    // A's through the batch, which B also hears back from PostgreSQL and must drop.
    const socketA = await connectSocket(urlA, { token: onA.token });
    const socketB = await connectSocket(urlB, { token: onB.token });
    try {
      const seen = { a: [] as number[], b: [] as number[] };
      socketA.on('gig:alert', (payload: { n: number }, ack: (who: string) => void) => {
        seen.a.push(payload.n);
        ack('a');
      });
      socketB.on('gig:alert', (payload: { n: number }, ack: (who: string) => void) => {
        seen.b.push(payload.n);
        ack('b');
      });
      const answers: string[][] = [];
      for (let n = 0; n < 20; n++) {
        (
          b.app.io.to([rooms.worker(onA.id), rooms.worker(onB.id)]).timeout(5_000) as unknown as {
            emit: (e: string, p: unknown, ack: (error: Error | null, answers: string[]) => void) => void;
          }
        ).emit('gig:alert', { n, pad: 'x'.repeat(500) }, (error, got) => {
          answers.push(error ? ['error'] : [...got].sort());
        });
      }
      await untilTrue(async () => answers.length === 20, 5_000);
      // Time for a duplicate to show up, had B taken its own batch back in.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const all = Array.from({ length: 20 }, (_, n) => n);
      expect(seen.b).toEqual(all);
      expect(seen.a).toEqual(all);
      expect(answers).toEqual(all.map(() => ['a', 'b']));
    } finally {
      socketA.disconnect();
      socketB.disconnect();
    }
  });
});

/** The attachments table's last id: how many messages went through it, not NOTIFY alone. */
async function attachmentRows(t: TestApp): Promise<number> {
  const rows = (await t.app.db.execute(
    sql`select coalesce(max(id), 0)::int as id from socket_io_attachments`,
  )) as unknown as { id: number }[];
  return rows[0]?.id ?? 0;
}
