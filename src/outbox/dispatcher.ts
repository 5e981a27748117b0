import { and, asc, count, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../db/client.js';
import { outbox } from '../db/schema/index.js';
import { type Search, SearchTaskError, settled } from '../search/client.js';
import type { IndexName } from '../search/indexes.js';
import type { OutboxTopic } from './outbox.js';

/** What a topic's builder returns: documents to put in the index, and ids to take out of it. */
export type DocumentBatch = { upserts: Record<string, unknown>[]; deletes: string[] };
/**
 * A builder per topic this node can index; rows of other topics wait for a node that can. It reads
 * through `tx`, the claim's transaction (a pool read there would wait for a second connection
 * while holding one: three dispatchers on a small pool hung each other).
 */
export type DocumentBuilders = Partial<
  Record<OutboxTopic, (ids: string[], tx?: Executor) => Promise<DocumentBatch>>
>;

/** The same number on every node: one batch at a time, market-wide (per dispatcher kind). */
export const DISPATCH_LOCK = 7_305_510;
const MAX_PAUSE_MS = 10_000;
/** The first pause after a failed batch (or the poll, if shorter); each next failure doubles it. */
const FIRST_PAUSE_MS = 500;

const INDEX_OF: Record<OutboxTopic, IndexName> = {
  workers: 'workers',
  gigs: 'gigs',
  gigs_fresh: 'gigsFresh',
  courses: 'courses',
};

/**
 * Sends outbox rows to Meilisearch. A batch is claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction that also holds a market-wide advisory lock: documents are built from the current
 * rows and sent in commit order, so two nodes can never let an older state of an entity overwrite
 * a newer one. The rows are deleted only after Meilisearch has applied the batch; if the process
 * dies before that, the transaction rolls back and the next run sends them again (documents are
 * keyed by id, so a replay cannot duplicate anything).
 */
export function createOutboxDispatcher(deps: {
  db: Database;
  search: Search;
  builders: DocumentBuilders;
  log: FastifyBaseLogger;
  pollMs: number;
  batchSize: number;
  /** The advisory lock that makes this dispatcher one per market; another kind takes another. */
  lock?: number;
  /**
   * At least this long between two batches that sent something (0: none): a bulk index whose every
   * batch costs seconds whatever its size is better fed a few large batches than many small ones.
   */
  minIntervalMs?: number;
  /**
   * Runs at the end of every batch (also an empty one), in its transaction, with the oldest
   * transaction id still running when the batch began (see src/search/tiers.ts).
   */
  afterBatch?: (xmin: number, tx: Executor) => Promise<void>;
  /**
   * Runs with each topic's documents before they are sent (the fresh gig tier publishes its top
   * here, src/search/tiers.ts); a failure fails the batch like a failed send.
   */
  beforeSend?: (topic: OutboxTopic, batch: DocumentBatch) => Promise<void>;
  /**
   * Sends a topic's documents in place of the one index of its topic, every task applied before it
   * returns (the bulk gig tier's index per city, src/search/cities.ts); inside the batch's transaction.
   */
  send?: (topic: OutboxTopic, batch: DocumentBatch, tx: Executor) => Promise<void>;
  /** Test seam: runs after Meilisearch applied a batch and before the rows are deleted. */
  afterSend?: () => Promise<void>;
}) {
  const { db, search, log } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let pauseMs = 0;
  let kicked = false;
  /** With minIntervalMs: no batch before this moment (Date.now() ms). */
  let notBefore = 0;
  const lockKey = deps.lock ?? DISPATCH_LOCK;
  const paced = (deps.minIntervalMs ?? 0) > 0;
  const topics = Object.keys(deps.builders) as OutboxTopic[];

  /** One batch; returns how many rows it settled, or -1 when another node holds the lock. */
  async function runBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      const [lock] = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(${lockKey}) as ok`,
      );
      if (!lock?.ok) return -1;
      // Taken before the claim: every transaction older than this had ended, so the claim sees its rows.
      const xmin = deps.afterBatch ? await snapshotXmin(tx) : 0;
      const settledRows = await sendClaimed(tx);
      await deps.afterBatch?.(xmin, tx);
      return settledRows;
    });
  }

  async function sendClaimed(tx: Executor): Promise<number> {
    const rows = await tx
      .select({ id: outbox.id, topic: outbox.topic, entityId: outbox.entityId })
      .from(outbox)
      .where(and(lte(outbox.nextAttemptAt, sql`now()`), inArray(outbox.topic, topics)))
      .orderBy(asc(outbox.id))
      .limit(deps.batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    try {
      for (const topic of topics) {
        const entityIds = [...new Set(rows.filter((r) => r.topic === topic).map((r) => r.entityId))];
        const build = deps.builders[topic];
        if (entityIds.length === 0 || !build) continue;
        const batch = await build(entityIds, tx);
        await deps.beforeSend?.(topic, batch);
        if (deps.send) {
          await deps.send(topic, batch, tx);
          continue;
        }
        const { upserts, deletes } = batch;
        const index = search.index(INDEX_OF[topic]);
        if (upserts.length > 0) await settled(index.addDocuments(upserts, { primaryKey: 'id' }));
        if (deletes.length > 0) await settled(index.deleteDocuments(deletes));
      }
    } catch (error) {
      // Anything but a refused task (engine unreachable, slow, database error) pauses the loop.
      if (!(error instanceof SearchTaskError)) throw error;
      // Meilisearch refused the batch itself: retry these rows later, and say why.
      await tx
        .update(outbox)
        .set({
          attempts: sql`${outbox.attempts} + 1`,
          lastError: String((error as Error).message).slice(0, 500),
          nextAttemptAt: sql`now() + least(interval '5 minutes', interval '1 second' * power(2, ${outbox.attempts}))`,
        })
        .where(inArray(outbox.id, ids));
      log.error({ err: error, rows: ids.length }, 'search index refused an outbox batch; will retry');
      return ids.length;
    }
    await deps.afterSend?.();
    await tx.delete(outbox).where(inArray(outbox.id, ids));
    return ids.length;
  }

  async function drainOnce(): Promise<void> {
    try {
      while (!stopped) {
        const settledRows = await runBatch();
        if (settledRows <= 0) break;
        if (paced) {
          // One batch, then the pause; a full batch means more are waiting.
          notBefore = Date.now() + (deps.minIntervalMs ?? 0);
          if (settledRows >= deps.batchSize) kicked = true;
          break;
        }
      }
      pauseMs = 0;
    } catch (error) {
      pauseMs = Math.min(MAX_PAUSE_MS, Math.max(Math.min(deps.pollMs, FIRST_PAUSE_MS), pauseMs * 2));
      log.warn({ err: error, retryInMs: pauseMs }, 'outbox dispatch failed; search index will catch up');
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        running = drainOnce().finally(() => {
          running = undefined;
          const again = kicked && pauseMs === 0;
          kicked = false;
          schedule(again ? 0 : pauseMs || deps.pollMs);
        });
      },
      Math.max(delay, notBefore - Date.now()),
    );
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    /** Dispatch now rather than at the next poll (an outbox row was committed somewhere). */
    kick() {
      if (stopped || pauseMs > 0) return;
      if (running) kicked = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /**
     * Runs batches until no row is due, waiting out rows another node holds; for tests and the
     * reindex command. Fails after `timeoutMs` rather than hang.
     */
    async drain(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const settledRows = await runBatch();
        if (settledRows > 0) continue;
        const [due] = await db
          .select({ n: count() })
          .from(outbox)
          .where(and(lte(outbox.nextAttemptAt, sql`now()`), inArray(outbox.topic, topics)));
        if (!due?.n) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`outbox not drained within ${timeoutMs} ms`);
    },
    async pending(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(outbox).where(inArray(outbox.topic, topics));
      return row?.n ?? 0;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;

/** The oldest transaction id still running (PostgreSQL's xid8 as a number). */
async function snapshotXmin(tx: Executor): Promise<number> {
  const [row] = await tx.execute<{ xmin: string }>(
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
  );
  return Number(row?.xmin);
}
