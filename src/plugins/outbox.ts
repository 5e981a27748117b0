import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { outsideTransaction } from '../db/tx-guard.js';
import { createOutboxDispatcher, DISPATCH_LOCK, type OutboxDispatcher } from '../outbox/dispatcher.js';
import { OUTBOX_CHANNEL } from '../outbox/outbox.js';
import { createCitySender } from '../search/cities.js';
import {
  advanceWatermark,
  createPruneFloor,
  FRESH_TOP_CHANNEL,
  publishFreshTop,
  seedFreshTop,
} from '../search/tiers.js';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxDispatcher;
  }
}

/** Leaves at least this long between two prunings of the fresh tier. */
const PRUNE_EVERY_MS = 10_000;

/**
 * Keeps the search indexes in step with PostgreSQL with three dispatchers (see src/search/tiers.ts):
 * the fresh gig tier, the workers index, and a paced one for the bulk gig index that also raises
 * the watermark and prunes the fresh tier. `fastify.outbox` drives them all. They stop (finishing
 * their batch) before the pool closes.
 */
export default fp(
  async (fastify, { config, autoStart = true }: { config: Config; autoStart?: boolean }) => {
    const log = fastify.log.child({ component: 'outbox' });
    const common = { db: fastify.db, search: fastify.meili, log, pollMs: config.outbox.pollMs };
    // Each its own loop and lock: a new gig must never wait for a workers batch, which goes to
    // the big server and may queue there behind a batch of the bulk gig index.
    const tiers = fastify.services.searchTiers;
    /** The highest post_xid this node has published as the fresh tier's top. */
    let published = 0;
    const fresh = createOutboxDispatcher({
      ...common,
      builders: { gigs_fresh: fastify.services.documents.gigs },
      batchSize: config.outbox.batchSize,
      lock: DISPATCH_LOCK + 2,
      // Before the batch can be searched, every node learns that the fresh tier may hold it, so none
      // skips the fresh tier (src/search/tiers.ts): this node at once, the others by the notice.
      beforeSend: async (_topic, { upserts }) => {
        let top = 0;
        for (const document of upserts) top = Math.max(top, Number(document.postXid) || 0);
        if (top === 0) return;
        tiers.heard(top);
        if (top <= published) return;
        // The one query on the pool inside a transaction, on purpose: the top must be committed
        // (and its notice sent) before the batch is searchable, while the batch's claim stays
        // open. One dispatcher per node waits so, and nothing else holding a transaction waits
        // for the pool (the rule DB_TX_GUARD checks), so a pool of two always serves it.
        await outsideTransaction(() => publishFreshTop(top, fastify.db));
        published = top;
      },
    });
    const workers = createOutboxDispatcher({
      ...common,
      // Courses ride with workers: both are small, and neither may wait behind the bulk gig index.
      builders: { workers: fastify.services.documents.workers, courses: fastify.services.documents.courses },
      batchSize: config.outbox.batchSize,
    });
    const floor = createPruneFloor();
    let prunedTo = 0;
    let prunedAt = 0;
    const reference = fastify.services.reference;
    // SEARCH_GIG_INDEX=city: each gig to its city's index (src/search/cities.ts).
    const toCities =
      config.meili.gigIndex === 'city'
        ? createCitySender({
            search: fastify.meili,
            // Both read once and held: the batch's documents were built from them already.
            tree: () => reference.regionTree(),
            taxonomy: () => reference.taxonomy(),
          })
        : undefined;
    const bulk = createOutboxDispatcher({
      ...common,
      builders: { gigs: fastify.services.documents.gigs },
      send: toCities && ((_topic, batch, tx) => toCities(batch, tx)),
      batchSize: config.outbox.bulkBatchSize,
      minIntervalMs: config.outbox.bulkIntervalMs,
      lock: DISPATCH_LOCK + 1,
      afterBatch: async (xmin, tx) => {
        const below = floor.next(await advanceWatermark(xmin, tx));
        if (below == null || below <= prunedTo || Date.now() - prunedAt < PRUNE_EVERY_MS) return;
        prunedTo = below;
        prunedAt = Date.now();
        // Not awaited: the fresh copies are only clutter; a pruning that fails is tried again.
        fastify.meili
          .index('gigsFresh')
          .deleteDocuments({ filter: `postXid < ${below}` })
          .catch((error: unknown) => {
            prunedTo = 0;
            log.warn({ err: error }, 'could not prune the fresh gig index');
          });
      },
    });
    const all = [fresh, workers, bulk];
    const dispatcher: OutboxDispatcher = {
      start: () => {
        for (const d of all) d.start();
      },
      kick: () => {
        for (const d of all) d.kick();
      },
      stop: async () => {
        await Promise.all(all.map((d) => d.stop()));
      },
      drain: async (timeoutMs?: number) => {
        for (const d of all) await d.drain(timeoutMs);
      },
      pending: async () => (await Promise.all(all.map((d) => d.pending()))).reduce((a, b) => a + b, 0),
    };
    fastify.decorate('outbox', dispatcher);
    if (autoStart) {
      // The fresh top raised to the newest gig (a market from before it was published, or a lost one).
      await seedFreshTop(fastify.db).catch((error: unknown) => {
        fastify.log.warn({ err: error }, 'fresh tier: could not seed its top; searches ask it always');
      });
      dispatcher.start();
      // Every commit that adds outbox rows notifies. A notice sent while the listening connection
      // was down is lost, so each (re)connection of it dispatches too; the slow poll
      // (OUTBOX_POLL_MS) remains for retries that come due and for anything else missed.
      const listening = await fastify.sql
        .listen(
          OUTBOX_CHANNEL,
          () => dispatcher.kick(),
          () => dispatcher.kick(),
        )
        .catch((error: unknown) => {
          fastify.log.warn({ err: error }, 'outbox: LISTEN failed; polling only');
          return null;
        });
      // Other nodes' fresh tops; a (re)connection reads the table again, for notices lost meanwhile.
      const hearing = await fastify.sql
        .listen(
          FRESH_TOP_CHANNEL,
          (xid) => tiers.heard(Number(xid)),
          () => void tiers.reread().catch(() => {}),
        )
        .catch((error: unknown) => {
          fastify.log.warn({ err: error }, 'fresh tier: LISTEN failed; its top is read every second');
          return null;
        });
      fastify.addHook('preClose', async () => {
        await listening?.unlisten().catch(() => {});
        await hearing?.unlisten().catch(() => {});
      });
    }
    fastify.addHook('preClose', async () => {
      await dispatcher.stop();
    });
  },
  { name: 'outbox', dependencies: ['services'], fastify: '5.x' },
);
