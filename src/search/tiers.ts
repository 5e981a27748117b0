import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { type CityExtent, readCityExtents } from './cities.js';

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
  return (await readTierState(db)).bulk;
}

/**
 * The fresh tier's top: the highest `post_xid` its dispatcher has sent it (or is sending it now).
 * Published before each batch goes to Meilisearch, in a statement of its own (so it is committed,
 * and its notice on FRESH_TOP_CHANNEL sent, before the batch can be searched): a node that knows
 * a top below the watermark knows the fresh tier holds no gig a search would ask it for.
 */
export const FRESH_TOP = 'gigs_fresh';
/** The PostgreSQL channel that tells every node a raised fresh top (payload: the xid). */
export const FRESH_TOP_CHANNEL = 'lingong_fresh_top';

/**
 * Raises the fresh tier's top to `xid` (never lowers it) and tells every node, at once. It is on
 * the path of every new gig, so its commit does not wait for the WAL flush (a durable commit cost
 * a new gig 30 ms at the p50 on the shared machine): a crash of PostgreSQL may lose the last
 * tops, which every node still holds from the notices, and a node that starts raises the top to
 * the newest gig anyway (seedFreshTop).
 */
export async function publishFreshTop(xid: number, db: Executor): Promise<void> {
  await db.execute(sql`
    with quick as (select set_config('synchronous_commit', 'off', true)),
    raised as (
      insert into search_watermarks (name, xid, updated_at)
      values (${FRESH_TOP}, ${xid}, now())
      on conflict (name) do update set xid = excluded.xid, updated_at = excluded.updated_at
      where excluded.xid > search_watermarks.xid
      returning xid
    )
    select pg_notify(${FRESH_TOP_CHANNEL}, raised.xid::text) from raised, quick`);
}

/**
 * At a node's start: raises the top to the highest post_xid of any gig, above anything the fresh
 * tier can hold. A market from before the top was published gets one, so searches may skip the
 * fresh tier from the start; a top lost with a crash of PostgreSQL (its commits do not wait for
 * the flush) is made good.
 */
export async function seedFreshTop(db: Executor): Promise<void> {
  await db.execute(sql`
    insert into search_watermarks (name, xid, updated_at)
    select ${FRESH_TOP}, coalesce(max(post_xid), 0), now() from gigs
    on conflict (name) do update set xid = excluded.xid, updated_at = excluded.updated_at
    where excluded.xid > search_watermarks.xid`);
}

/**
 * What a search needs to know of the tiers: the bulk tier's watermark (null until its dispatcher
 * first ran: the bulk tier alone is searched), and the fresh tier's top (null when never published:
 * the fresh tier is always asked).
 */
export type TierState = {
  bulk: number | null;
  freshTop: number | null;
  /**
   * With an index per city (src/search/cities.ts): the cities whose index the bulk tier has, with
   * their boxes, read after the watermark. Absent with one bulk index.
   */
  cities?: CityExtent[];
};

/** Whether a search must ask the fresh tier: it may hold a gig at or above the watermark. */
export const freshTierNeeded = (tiers: TierState): boolean =>
  tiers.bulk != null && (tiers.freshTop == null || tiers.freshTop >= tiers.bulk);

export async function readTierState(db: Executor, cities = false): Promise<TierState> {
  const rows = await db.execute<{ name: string; xid: string }>(
    sql`select name, xid::text as xid from search_watermarks where name in (${GIGS_WATERMARK}, ${FRESH_TOP})`,
  );
  const of = (name: string) => {
    const row = rows.find((r) => r.name === name);
    return row ? Number(row.xid) : null;
  };
  const state = { bulk: of(GIGS_WATERMARK), freshTop: of(FRESH_TOP) };
  // After the watermark: the boxes committed with it, or newer ones, hold every gig below it.
  return cities ? { ...state, cities: await readCityExtents(db) } : state;
}

/** A state this many times its maximum age is read again before a search uses it. */
const STALE_FACTOR = 5;

const higher = (a: number | null, b: number | null) => (a == null ? b : b == null ? a : Math.max(a, b));

/**
 * The tiers as this node knows them, at most `maxAgeMs` old (a second unless told): read again in
 * the background when older, so a search never waits for it (but the first one). With `cities`
 * (an index per city) each read also takes the cities' boxes. The fresh top is also raised at once
 * by `heard` (this node's fresh dispatcher before it sends, every other node's through
 * FRESH_TOP_CHANNEL), so a node asks the fresh tier before it can hold the new gig; a notice lost
 * while the listening connection was down is made good by the next read.
 */
export function createTierReader(
  db: Database,
  { maxAgeMs = 1_000, cities }: { maxAgeMs?: number; cities?: boolean } = {},
) {
  let state: TierState = { bulk: null, freshTop: null };
  let readAt = 0;
  let reading: Promise<TierState> | undefined;
  const refresh = () => {
    reading ??= readTierState(db, cities)
      .then((read) => {
        // Both only rise; a notice heard while the read was under way is kept.
        state = { ...read, freshTop: higher(state.freshTop, read.freshTop) };
        readAt = Date.now();
        return state;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  return {
    async current(): Promise<TierState> {
      const age = Date.now() - readAt;
      // Long unread (a node no search reached for a while): waited for, not used. A state older
      // than the fresh tier keeps its gigs could ask it for gigs already pruned; and one from before
      // the first bulk batch has no watermark, so only the bulk tier is asked, while it may have
      // nothing yet (with an index per city, no city at all): such a state is read again once it is
      // older than its maximum age, before use.
      if (readAt === 0 || age > maxAgeMs * (state.bulk == null ? 1 : STALE_FACTOR)) return refresh();
      if (age > maxAgeMs) void refresh().catch(() => {});
      return state;
    },
    /** Reads the table now (the notices' connection was (re)opened: some may have been lost). */
    reread: (): Promise<TierState> => refresh(),
    /** The fresh tier's top rose to `xid` (this node publishes it, or another's notice says so). */
    heard(xid: number): void {
      if (Number.isFinite(xid)) state = { ...state, freshTop: higher(state.freshTop, xid) };
    },
  };
}

export type TierReader = ReturnType<typeof createTierReader>;

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
