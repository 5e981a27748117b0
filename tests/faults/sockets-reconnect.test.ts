import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import { createTestDatabase } from '../support/database.js';
import {
  type ApiProcess,
  httpGql,
  memoryOf,
  seedWorkersFast,
  startApiProcess,
  until,
  verifiedEmployerVia,
} from '../support/faults.js';
import { gigInput, POST_GIG } from '../support/gigs.js';

const SOCKETS = 1_000;
const GIGS = 2;
/** The offers issue's budget is 1 GB for 10k sockets; 1k must stay far inside it. */
const RSS_BUDGET_MIB = 1_024;
const DAY = 86_400_000;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: ReturnType<typeof createDatabase>;
let dataDir: string;
let api: ApiProcess | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase(database.url, { max: 2, applicationName: 'fault-test' });
  dataDir = await mkdtemp(join(tmpdir(), 'lingong-reconnect-'));
  // The API as its own process, so its memory is its own and not the thousand clients'.
  api = await startApiProcess({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '10',
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX_PREFIX: `t${randomBytes(5).toString('hex')}`,
    DATA_DIR: join(dataDir, 'api'),
    OFFER_ACK_TIMEOUT_MS: '10000',
  });
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) {
    socket.io.reconnection(false);
    socket.disconnect();
  }
  await api?.stop();
  await db?.sql.end({ timeout: 5 });
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a thousand workers dropped and reconnected at once', () => {
  it('sends every socket every pending offer again, within the memory budget', async () => {
    if (!api) throw new Error('API not started');
    const { url, pid } = api;
    const gql = httpGql(url);
    const idle = memoryOf(pid);

    // The market, made quickly: the workers straight into the tables, two listed gigs on two days
    // through the API, and an offer of each to every worker as one statement.
    const workers = await seedWorkersFast(db.db, SOCKETS, { index: false });
    const employer = await verifiedEmployerVia(gql, db.db);
    const gigIds: string[] = [];
    for (let g = 0; g < GIGS; g++) {
      const start = new Date(Date.now() + (2 + g) * DAY);
      start.setUTCHours(0, 0, 0, 0);
      const posted = await gql<{ postGig: { id: string } }>(
        POST_GIG,
        {
          input: gigInput({
            title: `重连演练${g + 1}号`,
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
          }),
        },
        employer.token,
      );
      if (!posted.data) throw new Error(`postGig failed: ${JSON.stringify(posted.errors)}`);
      gigIds.push(posted.data.postGig.id);
    }
    await db.db.execute(sql`insert into offers (gig_id, worker_id, wave, tier, distance_km, sent_at, expires_at)
      select g.id, w.id, 1, 'MATCH', 3.2, now(), now() + interval '1 hour'
      from workers w cross join unnest(${`{${gigIds.join(',')}}`}::uuid[]) as g(id)
      where w.id = any(${`{${workers.map((w) => w.id).join(',')}}`}::uuid[])`);
    const pending = (await db.db.execute(
      sql`select worker_id, id from offers where status = 'PENDING'`,
    )) as unknown as { worker_id: string; id: string }[];
    expect(pending).toHaveLength(SOCKETS * GIGS);
    const expected = new Map<string, Set<string>>();
    for (const o of pending) expected.set(o.worker_id, (expected.get(o.worker_id) ?? new Set()).add(o.id));

    // Every socket counts the offers it is sent on each of its connections, and acks them.
    const received = workers.map(() => new Map<number, string[]>());
    const connections = workers.map(() => 0);
    const clients = workers.map((worker, i) => {
      const socket = io(url, {
        auth: { token: worker.token },
        transports: ['websocket'],
        forceNew: true,
        autoConnect: false,
        reconnectionDelay: 200,
        reconnectionDelayMax: 1_000,
      });
      socket.on('connect', () => {
        connections[i] = (connections[i] ?? 0) + 1;
      });
      socket.on('offer', (offer: { offerId: string }, ack?: () => void) => {
        ack?.();
        const on = received[i] as Map<number, string[]>;
        const connection = connections[i] ?? 0;
        on.set(connection, [...(on.get(connection) ?? []), offer.offerId]);
      });
      sockets.push(socket);
      return socket;
    });
    const allReceivedOn = (connection: number) =>
      workers.every((w, i) => (received[i]?.get(connection)?.length ?? 0) >= (expected.get(w.id)?.size ?? 0));

    // First connection, fifty at a time, as phones come online through a morning.
    const connectBegan = performance.now();
    for (let from = 0; from < clients.length; from += 50) {
      await Promise.all(
        clients.slice(from, from + 50).map(
          (socket) =>
            new Promise<void>((resolve, reject) => {
              socket.once('connect', () => resolve());
              socket.once('connect_error', reject);
              socket.connect();
            }),
        ),
      );
    }
    await until('every socket sent its pending offers', async () => allReceivedOn(1), 60_000, 100);
    const connectMs = performance.now() - connectBegan;
    await until(
      'every offer marked delivered by its ack',
      async () => {
        const [row] = (await db.db.execute(
          sql`select count(*)::int as n from offers where delivered_at is null`,
        )) as unknown as { n: number }[];
        return row?.n === 0;
      },
      30_000,
      200,
    );
    const connected = memoryOf(pid);

    // All connections drop at once (as when a township's network blinks), and every phone
    // reconnects at once; the memory high-water mark is read while they do.
    let peak = connected.peakMiB;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(pid).peakMiB);
    }, 100);
    const dropBegan = performance.now();
    try {
      for (const socket of clients) socket.io.engine.close();
      await until('every socket reconnected', async () => connections.every((n) => n >= 2), 60_000, 50);
      await until('every socket sent its pending offers again', async () => allReceivedOn(2), 60_000, 50);
    } finally {
      clearInterval(sampler);
    }
    const reconnectMs = performance.now() - dropBegan;
    const after = memoryOf(pid);
    peak = Math.max(peak, after.peakMiB);

    // Each socket got exactly its own pending offers on each connection: none missing, none twice,
    // none of someone else's.
    const wrong: string[] = [];
    workers.forEach((worker, i) => {
      const mine = [...(expected.get(worker.id) ?? [])].sort();
      for (const [connection, ids] of received[i] ?? []) {
        if (connection > 2) continue; // a third connection (a slow reconnect retried) is not judged
        const got = [...ids].sort();
        if (got.join() !== mine.join())
          wrong.push(`worker ${i} connection ${connection}: ${got.length} offers`);
      }
    });
    expect(wrong).toEqual([]);
    expect(api.alive()).toBe(true);
    expect(peak).toBeLessThan(RSS_BUDGET_MIB);

    console.info(
      `sockets-reconnect: ${SOCKETS} sockets × ${GIGS} pending offers; first connection in ${(connectMs / 1000).toFixed(1)} s; all dropped and all ${SOCKETS * GIGS} offers re-sent ${(reconnectMs / 1000).toFixed(1)} s after the drop; API RSS ${idle.rssMiB.toFixed(0)} MiB idle, ${connected.rssMiB.toFixed(0)} MiB with ${SOCKETS} sockets, ${after.rssMiB.toFixed(0)} MiB after the reconnect, peak ${peak.toFixed(0)} MiB (budget ${RSS_BUDGET_MIB} MiB)`,
    );
  }, 120_000);
});
