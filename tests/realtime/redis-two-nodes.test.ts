import { sql } from 'drizzle-orm';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { offerRows, seedWorkers } from '../support/hiring.js';
import { startRedis } from '../support/redis.js';
import { connectSocket } from '../support/sockets.js';

type OfferEvent = { offerId: string; gigId: string; title: string };

/** Polls `check` until it holds, or fails after `timeoutMs`. */
async function untilTrue(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Two API nodes with SOCKET_ADAPTER=redis on one real Redis (docs/scale.md): an instant gig
 * posted on node 1 offers its seat to a worker whose phone is connected to node 2, the phone's
 * ack comes back to node 1; both nodes run Redis's adapter and no PostgreSQL one (an offer with
 * an ack goes by Redis PUB/SUB, the rest by its stream).
 */
describe('socket.io across two API nodes through Redis Streams', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let one: TestApp;
  let two: TestApp;
  let urlTwo: string;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { SOCKET_ADAPTER: 'redis', REDIS_URL: redis.url };
    one = await createTestApp({ env });
    await one.app.listen({ port: 0, host: '127.0.0.1' });
    two = await createTestApp({ sameDatabaseAs: one, env: { ...env, MEILI_INDEX_PREFIX: one.indexPrefix } });
    urlTwo = await two.app.listen({ port: 0, host: '127.0.0.1' });
    for (const node of [one, two])
      await untilTrue(async () => (await node.app.io.of('/').adapter.serverCount()) === 2);
  });

  afterAll(async () => {
    await two?.app.close();
    await one?.close();
    await redis?.stop();
  });

  it("delivers node 1's offer to a worker on node 2, and the ack back, through Redis", async () => {
    const [worker] = await seedWorkers(one, 1, { skills: [{ code: 'bricklayer', level: 4 }] });
    if (!worker) throw new Error('no worker seeded');
    const employer = await verifiedEmployer(one);
    const phone = await connectSocket(urlTwo, { token: worker.token });
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      // Both nodes on Redis's adapter: its stream, and its channels subscribed; no PostgreSQL one.
      for (const node of [one, two])
        expect(node.app.io.of('/').adapter.constructor.name).toBe('RedisStreamsAdapter');
      expect((await client.pubSubChannels()).length).toBeGreaterThan(0);
      const listening = (await one.app.db.execute(
        sql`select count(*)::int as n from pg_stat_activity where application_name = 'lingong-io'`,
      )) as unknown as { n: number }[];
      expect(listening[0]?.n).toBe(0);
      const offered = new Promise<OfferEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no "offer" within 5 s')), 5_000);
        phone.once('offer', (payload: OfferEvent, ack: () => void) => {
          clearTimeout(timer);
          ack();
          resolve(payload);
        });
      });
      const gig = await postGig(one, employer.token, {
        instant: true,
        headcount: 1,
        skills: ['bricklayer'],
        title: '红砖两节点',
      });
      expect(await offered).toMatchObject({ gigId: gig.id, title: '红砖两节点' });
      // Node 1 sent the offer and records the ack given on node 2.
      await expect
        .poll(async () => (await offerRows(one, gig.id)).map((o) => o.delivered_at !== null), {
          timeout: 5_000,
        })
        .toEqual([true]);
      expect(await client.xLen('socket.io')).toBeGreaterThan(0);
    } finally {
      phone.disconnect();
      await client.close();
    }
  });
});
