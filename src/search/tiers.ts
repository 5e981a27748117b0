import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';

/**
 * Gigs are searched in two tiers. Meilisearch 1.21 rewrites its whole geo index for every batch
 * that adds a point, so at 100k gigs each batch of the big index costs seconds, however small;
 * and it applies one batch at a time, across all indexes of a server.
 *
 * - `gigs`, the bulk tier, holds every gig. Its dispatcher sends large batches, a few seconds apart.
 * - `gigs_fresh`, on a Meilisearch of its own, gets each gig within a batch or two of a few
 *   milliseconds: it holds only the gigs of the last minutes.
 *
 * What splits them is the posting transaction's id (`gigs.post_xid`), not a clock: the bulk
 * dispatcher records a watermark W such that every gig posted by a transaction below W is in the
 * bulk index. A search asks the bulk tier for `postXid < W` and the fresh tier for `postXid >= W`:
 * each gig is found in exactly one of them, and a gig is searchable as soon as the fresh tier has it.
 *
 * A node may hold an older W (it re-reads it every second): it then asks the fresh tier for a
 * little more, which is still right as long as the fresh tier keeps gigs a while after W passes
 * them. It keeps them FRESH_KEEP_MS at least (see pruneFloor).
 */
export const GIGS_WATERMARK = 'gigs';

/** How long the fresh tier keeps a gig after the bulk tier has it; far above a node's W age. */
export const FRESH_KEEP_MS = 60_000;

/**
 * Raises the bulk tier's watermark, in the bulk dispatcher's transaction after it sent its batch:
 * to the oldest transaction running when the batch began (anything older had ended, so its rows
 * were claimable), but never past a gig whose rows are still waiting (a retry, or a later batch).
 * Returns the watermark as it now stands.
 */
export async function advanceWatermark(xmin: number, tx: Executor): Promise<number> {
  // One statement: the raised watermark, or, when it did not rise, the one already recorded.
  const rows = await tx.execute<{ xid: string }>(sql`
    with raised as (
      insert into search_watermarks (name, xid, updated_at)
      select ${GIGS_WATERMARK}, least(
        ${xmin}::bigint,
        coalesce(
          (select min(g.post_xid) from outbox o join gigs g on g.id = o.entity_id::uuid where o.topic = 'gigs'),
          ${xmin}::bigint
        )
      ), now()
      on conflict (name) do update set xid = excluded.xid, updated_at = excluded.updated_at
      where excluded.xid > search_watermarks.xid
      returning xid
    )
    select coalesce(
      (select xid from raised),
      (select xid from search_watermarks where name = ${GIGS_WATERMARK})
    )::text as xid`);
  return Number(rows[0]?.xid);
}

export async function readWatermark(db: Executor): Promise<number | null> {
  const rows = await db.execute<{ xid: string }>(
    sql`select xid::text as xid from search_watermarks where name = ${GIGS_WATERMARK}`,
  );
  return rows[0] ? Number(rows[0].xid) : null;
}

/**
 * The watermark as this node knows it, at most `maxAgeMs` old: read again in the background when
 * it is older, so a search never waits for it (but the first one).
 * `null` until the bulk dispatcher first ran: then the bulk tier alone is searched, as before.
 */
export function createWatermarkReader(db: Database, maxAgeMs = 1_000) {
  let value: number | null = null;
  let readAt = 0;
  let reading: Promise<number | null> | undefined;
  const refresh = () => {
    reading ??= readWatermark(db)
      .then((xid) => {
        value = xid;
        readAt = Date.now();
        return xid;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  return {
    async current(): Promise<number | null> {
      if (readAt === 0) return refresh();
      if (Date.now() - readAt > maxAgeMs) void refresh().catch(() => {});
      return value;
    },
  };
}

/**
 * The fresh tier's pruning: gigs below the watermark of FRESH_KEEP_MS ago are in the bulk tier and
 * searched there by every node, so the fresh copies can go.
 */
export function createPruneFloor(keepMs = FRESH_KEEP_MS) {
  const seen: { at: number; xid: number }[] = [];
  return {
    /** Records the watermark now; returns the newest one at least `keepMs` old, if any. */
    next(xid: number, now = Date.now()): number | null {
      seen.push({ at: now, xid });
      let floor: number | null = null;
      while (seen.length > 1 && (seen[0]?.at ?? now) <= now - keepMs) floor = seen.shift()?.xid ?? floor;
      return floor;
    },
  };
}
