import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import type { Database, Executor } from '../../db/client.js';
import { gigs, type OfferStatus, offers } from '../../db/schema/index.js';

export type OfferRecord = typeof offers.$inferSelect;
/** What a worker is told when an offer closes. */
export type ClosedOffer = Pick<OfferRecord, 'id' | 'workerId' | 'status'>;
export type NewOffer = typeof offers.$inferInsert;
/** One offer of a wave, as matching ranked it. */
export type WaveRow = Pick<
  OfferRecord,
  'workerId' | 'tier' | 'distanceKm' | 'score' | 'shownDistanceKm' | 'shownScore'
>;

/** A wave's rows as one `unnest` over six arrays, numbered in their order (`r.n`). */
const waveRows = (rows: readonly WaveRow[]) => sql`
  unnest(${pgArray(rows.map((r) => r.workerId))}::uuid[], ${pgArray(rows.map((r) => r.tier))}::text[],
         ${pgArray(rows.map((r) => r.distanceKm))}::float8[],
         ${pgArray(rows.map((r) => r.score))}::float8[],
         ${pgArray(rows.map((r) => r.shownDistanceKm))}::float8[],
         ${pgArray(rows.map((r) => r.shownScore))}::float8[])
    with ordinality as r(worker_id, tier, distance_km, score, shown_distance_km, shown_score, n)`;

/**
 * The offers a wave's insert made, in the order of its rows (best first). `all`: every row must
 * have been inserted; otherwise rows the insert left out are left out.
 */
function waveRecords(
  wave: { gigId: string; wave: number; sentAt: Date; expiresAt: Date },
  rows: readonly WaveRow[],
  inserted: readonly { id: string; worker_id: string }[],
  all: boolean,
): OfferRecord[] {
  const idOf = new Map(inserted.map((row) => [row.worker_id, row.id]));
  const records: OfferRecord[] = [];
  for (const row of rows) {
    const id = idOf.get(row.workerId);
    if (!id) {
      if (all) throw new Error(`offer to ${row.workerId} missing from its wave's insert`);
      continue;
    }
    // Written out rather than spread: a wave builds a thousand of these before it can send.
    records.push({
      workerId: row.workerId,
      tier: row.tier,
      distanceKm: row.distanceKm,
      score: row.score,
      shownDistanceKm: row.shownDistanceKm,
      shownScore: row.shownScore,
      id,
      gigId: wave.gigId,
      crewId: null,
      wave: wave.wave,
      status: 'PENDING',
      sentAt: wave.sentAt,
      expiresAt: wave.expiresAt,
      deliveredAt: null,
      respondedAt: null,
      respondedByAccountId: null,
      smsStatus: null,
    });
  }
  return records;
}

/** The head of a wave's insert: its rows (`r`, numbered `r.n` in order) as offers of the wave. */
const waveInsert = (
  wave: { gigId: string; wave: number; sentAt: Date; expiresAt: Date },
  rows: readonly WaveRow[],
) => sql`
  insert into offers (gig_id, worker_id, wave, tier, distance_km, score, shown_distance_km, shown_score,
                      sent_at, expires_at)
  select ${wave.gigId}::uuid, r.worker_id, ${wave.wave}::int, r.tier, r.distance_km, r.score,
         r.shown_distance_km, r.shown_score,
         ${wave.sentAt.toISOString()}::timestamptz, ${wave.expiresAt.toISOString()}::timestamptz
  from ${waveRows(rows)}`;

/** Withdraws a gig's pending offers that also meet `also`, returning who to tell (only what the notice needs). */
const withdrawPending = (
  tx: Executor,
  gigId: string,
  at: Date,
  also: SQL | undefined,
): Promise<ClosedOffer[]> =>
  tx
    .update(offers)
    .set({ status: 'WITHDRAWN', respondedAt: at })
    .where(and(eq(offers.gigId, gigId), eq(offers.status, 'PENDING'), also))
    .returning({ id: offers.id, workerId: offers.workerId, status: offers.status });

/**
 * Offers: one row per worker asked (or per crew, to its leader). A write or a lock takes the
 * transaction first, since it means nothing outside one; a read takes it last, defaulting to the
 * pool (the order of the gigs repository and most of the others).
 */
export function createOffersRepository(db: Database) {
  return {
    async insert(rows: NewOffer[], tx: Executor): Promise<OfferRecord[]> {
      if (rows.length === 0) return [];
      return tx.insert(offers).values(rows).returning();
    },

    /**
     * A wave's offers in one statement over six arrays: built row by row, a wave of 1,000 made
     * 9,000 parameters and cost more CPU than the matching (seen in a profile of bench/offers.ts).
     * The rows come back in the order given (best candidate first).
     */
    async insertWave(
      wave: { gigId: string; wave: number; sentAt: Date; expiresAt: Date },
      rows: readonly WaveRow[],
      tx: Executor,
    ): Promise<OfferRecord[]> {
      if (rows.length === 0) return [];
      const inserted = await tx.execute<{ id: string; worker_id: string }>(sql`
        ${waveInsert(wave, rows)}
        returning id, worker_id`);
      return waveRecords(wave, rows, inserted, true);
    },

    /**
     * The rest of a wave (waves.ts), matched in an earlier transaction: the first `limit` of the
     * rows, in their order, leaving out workers who were offered the gig or hired into a live
     * engagement overlapping `startsAt`–`endsAt` since (the rules a concurrent hire or fill can
     * change within the wave). Returns the offers made, in the order given.
     */
    async insertRest(
      wave: { gigId: string; wave: number; sentAt: Date; expiresAt: Date },
      rows: readonly WaveRow[],
      free: { limit: number; startsAt: Date; endsAt: Date },
      tx: Executor,
    ): Promise<OfferRecord[]> {
      if (rows.length === 0 || free.limit <= 0) return [];
      const inserted = await tx.execute<{ id: string; worker_id: string }>(sql`
        ${waveInsert(wave, rows)}
        where not exists (select 1 from offers o where o.gig_id = ${wave.gigId}::uuid and o.worker_id = r.worker_id
                          and o.crew_id is null)
          and not exists (select 1 from engagements e where e.worker_id = r.worker_id
                          and e.status in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED')
                          and tstzrange(e.starts_at, e.ends_at, '[)') &&
                              tstzrange(${free.startsAt.toISOString()}::timestamptz, ${free.endsAt.toISOString()}::timestamptz, '[)'))
        order by r.n
        limit ${free.limit}
        returning id, worker_id`);
      return waveRecords(wave, rows, inserted, false);
    },

    async byId(id: string, tx: Executor = db): Promise<OfferRecord | undefined> {
      const [row] = await tx.select().from(offers).where(eq(offers.id, id));
      return row;
    },

    async lock(id: string, tx: Executor): Promise<OfferRecord | undefined> {
      const [row] = await tx.select().from(offers).where(eq(offers.id, id)).for('update');
      return row;
    },

    /** Several offers locked, in id order so two lockers never wait on each other crosswise. */
    async lockMany(ids: readonly string[], tx: Executor): Promise<OfferRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(offers)
        .where(inArray(offers.id, [...ids]))
        .orderBy(asc(offers.id))
        .for('update');
    },

    async respond(
      id: string,
      status: OfferStatus,
      at: Date,
      by: string | null,
      tx: Executor,
    ): Promise<OfferRecord> {
      const [row] = await tx
        .update(offers)
        .set({ status, respondedAt: at, respondedByAccountId: by })
        .where(eq(offers.id, id))
        .returning();
      if (!row) throw new Error(`offer ${id} vanished inside its transaction`);
      return row;
    },

    /**
     * What a wave needs to know of a gig's offers, in one statement: how many are pending and
     * still live (counted against the seats), when the first of those runs out, and how many
     * workers were offered the gig themselves (crew offers aside; matching looks past them).
     * Only offers still running count as pending: one past its time but not yet swept would make
     * the gig's timer due again at once, and the sweep would claim it over and over until its
     * next round marks the offer EXPIRED.
     */
    async waveState(
      gigId: string,
      now: Date,
      tx: Executor = db,
    ): Promise<{ pending: number; earliestExpiry: Date | null; offered: number }> {
      const live = and(eq(offers.status, 'PENDING'), gt(offers.expiresAt, now));
      const [row] = await tx
        .select({
          pending: sql<number>`(count(*) filter (where ${live}))::int`,
          earliest: sql<string | null>`min(${offers.expiresAt}) filter (where ${live})`,
          offered: sql<number>`(count(*) filter (where ${offers.crewId} is null))::int`,
        })
        .from(offers)
        .where(eq(offers.gigId, gigId));
      return {
        pending: row?.pending ?? 0,
        earliestExpiry: row?.earliest ? new Date(row.earliest) : null,
        offered: row?.offered ?? 0,
      };
    },

    /**
     * Withdraws every pending offer of a gig but one (the accepted), returning who to tell: a
     * filling hire withdraws hundreds, so only what the notice needs comes back.
     */
    async withdrawPendingOfGig(
      gigId: string,
      at: Date,
      exceptId: string | null,
      tx: Executor,
    ): Promise<ClosedOffer[]> {
      return withdrawPending(tx, gigId, at, exceptId ? ne(offers.id, exceptId) : undefined);
    },

    /**
     * After a batch filled a gig (accepts.ts): withdraws those of `offerIds` (pending at the fill)
     * still pending, if the gig is still full. A seat freed since (a cancellation, a no-show)
     * leaves them live for it, and offers a later wave sent for it are not among `offerIds`.
     */
    async withdrawAfterFill(
      gigId: string,
      offerIds: readonly string[],
      at: Date,
      tx: Executor,
    ): Promise<ClosedOffer[]> {
      if (offerIds.length === 0) return [];
      return withdrawPending(
        tx,
        gigId,
        at,
        and(
          sql`${offers.id} = any(${pgArray([...offerIds])}::uuid[])`,
          sql`exists (select 1 from ${gigs} where ${gigs.id} = ${gigId} and ${gigs.filled} >= ${gigs.headcount})`,
        ),
      );
    },

    /**
     * The ids of a gig's pending offers, read under the gig's row lock by the batch that fills it
     * (accept-batch.ts): none of them holds a hire, and they are withdrawn after its commit.
     */
    async pendingIdsOfGig(gigId: string, tx: Executor): Promise<string[]> {
      const rows = await tx
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.gigId, gigId), eq(offers.status, 'PENDING')));
      return rows.map((row) => row.id);
    },

    /** A hired worker's other pending offers whose gigs overlap the hire: they can no longer take them. */
    async withdrawOverlapping(
      workerId: string,
      window: { startsAt: Date; endsAt: Date },
      at: Date,
      tx: Executor,
    ): Promise<OfferRecord[]> {
      return tx
        .update(offers)
        .set({ status: 'WITHDRAWN', respondedAt: at })
        .where(
          and(
            eq(offers.workerId, workerId),
            eq(offers.status, 'PENDING'),
            sql`exists (select 1 from ${gigs} g where g.id = ${offers.gigId}
              and tstzrange(g.starts_at, g.ends_at, '[)') && tstzrange(${window.startsAt.toISOString()}::timestamptz, ${window.endsAt.toISOString()}::timestamptz, '[)'))`,
          ),
        )
        .returning();
    },

    /**
     * Claims pending offers past their expiry and marks them EXPIRED. SKIP LOCKED: several nodes
     * sweep at once, each taking different rows, and an offer being accepted is left alone.
     */
    async expireDue(now: Date, limit: number, tx: Executor): Promise<OfferRecord[]> {
      const due = await tx
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.status, 'PENDING'), lte(offers.expiresAt, now)))
        .orderBy(asc(offers.expiresAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(offers)
        .set({ status: 'EXPIRED' })
        .where(
          inArray(
            offers.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    },

    /** Records the first delivery of offers; returns how many had none recorded yet. */
    async markDelivered(ids: string[], at: Date): Promise<number> {
      if (ids.length === 0) return 0;
      const marked = await db
        .update(offers)
        .set({ deliveredAt: at })
        .where(and(sql`${offers.id} = any(${pgArray(ids)}::uuid[])`, isNull(offers.deliveredAt)))
        .returning({ id: offers.id });
      return marked.length;
    },

    /** A worker's offers, newest first; PENDING means still open to accept. */
    async ofWorker(
      workerId: string,
      status: OfferStatus | null,
      now: Date,
      tx: Executor = db,
    ): Promise<OfferRecord[]> {
      const live = and(eq(offers.status, 'PENDING'), gt(offers.expiresAt, now));
      const filter =
        status === null
          ? undefined
          : status === 'PENDING'
            ? live
            : status === 'EXPIRED'
              ? or(
                  eq(offers.status, 'EXPIRED'),
                  and(eq(offers.status, 'PENDING'), lte(offers.expiresAt, now)),
                )
              : eq(offers.status, status);
      return tx
        .select()
        .from(offers)
        .where(and(eq(offers.workerId, workerId), filter))
        .orderBy(desc(offers.sentAt), asc(offers.id));
    },

    async ofGig(gigId: string, tx: Executor = db): Promise<OfferRecord[]> {
      return tx
        .select()
        .from(offers)
        .where(eq(offers.gigId, gigId))
        .orderBy(asc(offers.wave), desc(offers.score), asc(offers.id));
    },
  };
}

export type OffersRepository = ReturnType<typeof createOffersRepository>;
