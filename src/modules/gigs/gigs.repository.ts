import { and, asc, count, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { employers, gigSkills, gigs } from '../../db/schema/index.js';
import { sharedReads } from '../../db/shared-reads.js';
import type { EmployerRecord } from '../employers/employers.repository.js';

export type GigRecord = typeof gigs.$inferSelect & {
  /** Relations read with the gig itself (a search page), so loaders need not query them again. */
  preloaded?: { employer: EmployerRecord; skillCodes: string[] };
};
/**
 * The columns of a gig a list card shows (CARD_GIG_FIELDS in search/gig-cards.ts): what a search
 * page reads when its query asks for no more, with the employer's name and the gig's trades.
 */
const CARD_COLUMNS = {
  id: gigs.id,
  employerId: gigs.employerId,
  title: gigs.title,
  status: gigs.status,
  headcount: gigs.headcount,
  filled: gigs.filled,
  startsAt: gigs.startsAt,
  endsAt: gigs.endsAt,
  address: gigs.address,
  payFen: gigs.payFen,
  payUnit: gigs.payUnit,
  hourlyFen: gigs.hourlyFen,
  olderFriendly: gigs.olderFriendly,
  publicWelfare: gigs.publicWelfare,
  instant: gigs.instant,
  regionCode: gigs.regionCode,
};
export type GigCard = Pick<GigRecord, keyof typeof CARD_COLUMNS> & {
  preloaded: { employer: Pick<EmployerRecord, 'id' | 'name'>; skillCodes: string[] };
};
export type NewGig = typeof gigs.$inferInsert;
/** What an employer's screen needs to redraw a gig's card after a status change. */
export type GigUpdate = Pick<GigRecord, 'id' | 'employerId' | 'status' | 'filled' | 'headcount'>;

export function createGigsRepository(db: Database) {
  /** A gig's trade codes, in the employer's order, as an array column. */
  const skillCodesOf = sql<string[]>`array(select ${gigSkills.skillCode} from ${gigSkills}
    where ${gigSkills.gigId} = ${gigs.id} order by ${gigSkills.position})`;
  // Built and named once: every search page runs it, and building the SQL cost more than running it.
  const pageQuery = db
    .select({
      gig: gigs,
      employer: employers,
      skillCodes: skillCodesOf,
    })
    .from(gigs)
    .innerJoin(employers, eq(employers.id, gigs.employerId))
    .where(sql`${gigs.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('gig_page_by_ids');

  const cardQuery = db
    .select({
      ...CARD_COLUMNS,
      employerName: employers.name,
      skillCodes: skillCodesOf,
    })
    .from(gigs)
    .innerJoin(employers, eq(employers.id, gigs.employerId))
    .where(sql`${gigs.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('gig_cards_by_ids');

  // Search pages read their gigs through these, shared with the other pages of the same turn
  // (src/db/shared-reads.ts): a gig's page and card are public, the same whoever asks.
  const pageByIds: (ids: readonly string[]) => Promise<GigRecord[]> = sharedReads(
    async (ids) =>
      (await pageQuery.execute({ ids })).map(({ gig, employer, skillCodes }) => ({
        ...gig,
        preloaded: { employer, skillCodes },
      })),
    (gig) => gig.id,
  );
  const cardsByIds: (ids: readonly string[]) => Promise<GigCard[]> = sharedReads(
    async (ids) =>
      (await cardQuery.execute({ ids })).map(({ employerName, skillCodes, ...card }) => ({
        ...card,
        preloaded: { employer: { id: card.employerId, name: employerName }, skillCodes },
      })),
    (card) => card.id,
  );

  return {
    async insert(gig: NewGig, skillCodes: string[], tx: Executor): Promise<GigRecord> {
      const [row] = await tx.insert(gigs).values(gig).returning();
      if (!row) throw new Error('insert into gigs returned nothing');
      await tx
        .insert(gigSkills)
        .values(skillCodes.map((skillCode, position) => ({ gigId: row.id, skillCode, position })));
      return row;
    },

    async byIds(ids: readonly string[], tx: Executor = db): Promise<GigRecord[]> {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(gigs)
        .where(inArray(gigs.id, [...ids]));
    },

    /**
     * A page of gigs with their employers and trades in one query: what a search page shows,
     * read in one round trip instead of three. In the order asked; gigs no longer there left out.
     */
    pageByIds,

    /** The same page as cards: only the columns a list card shows (see GigCard). */
    cardsByIds,

    async byEmployer(employerId: string): Promise<GigRecord[]> {
      return db
        .select()
        .from(gigs)
        .where(eq(gigs.employerId, employerId))
        .orderBy(desc(gigs.startsAt), asc(gigs.id));
    },

    async skillsOf(gigIds: readonly string[], tx: Executor = db) {
      if (gigIds.length === 0) return [];
      return tx
        .select()
        .from(gigSkills)
        .where(inArray(gigSkills.gigId, [...gigIds]))
        .orderBy(asc(gigSkills.position));
    },

    /** The row, locked for the rest of the transaction, so a status change cannot race another. */
    async lock(id: string, tx: Executor): Promise<GigRecord | undefined> {
      const [row] = await tx.select().from(gigs).where(eq(gigs.id, id)).for('update');
      return row;
    },

    /** The row, share-locked: hires wait until the reader (an offer wave) commits, and it sees theirs. */
    async lockShared(id: string, tx: Executor): Promise<GigRecord | undefined> {
      const [row] = await tx.select().from(gigs).where(eq(gigs.id, id)).for('share');
      return row;
    },

    /**
     * Takes `seats` seats at once (a batch of accepts, a crew): `filled` rises only if it stays
     * within headcount, on an OPEN gig or a started one taking backfills; an OPEN gig becomes
     * FILLED with its last seat. Undefined, and nothing taken, when too few seats were left.
     */
    async takeSeats(id: string, seats: number, at: Date, tx: Executor): Promise<GigRecord | undefined> {
      const [row] = await tx
        .update(gigs)
        .set({
          filled: sql`${gigs.filled} + ${seats}`,
          // A started gig taking a backfill stays IN_PROGRESS when full.
          status: sql`case when ${gigs.status} = 'OPEN' and ${gigs.filled} + ${seats} >= ${gigs.headcount} then 'FILLED' else ${gigs.status} end`,
          filledAt: sql`coalesce(${gigs.filledAt}, case when ${gigs.filled} + ${seats} >= ${gigs.headcount} then ${at.toISOString()}::timestamptz end)`,
          updatedAt: at,
        })
        .where(
          and(
            eq(gigs.id, id),
            inArray(gigs.status, ['OPEN', 'IN_PROGRESS']),
            sql`${gigs.filled} + ${seats} <= ${gigs.headcount}`,
          ),
        )
        .returning();
      return row;
    },

    /**
     * Gives a seat back (a no-show or a worker's cancellation): a FILLED gig is OPEN again; a
     * started one stays IN_PROGRESS. The UPDATE takes the gig's row lock itself.
     */
    async releaseSeat(id: string, at: Date, tx: Executor): Promise<GigRecord> {
      const [row] = await tx
        .update(gigs)
        .set({
          filled: sql`${gigs.filled} - 1`,
          status: sql`case when ${gigs.status} = 'FILLED' then 'OPEN' else ${gigs.status} end`,
          updatedAt: at,
        })
        .where(and(eq(gigs.id, id), sql`${gigs.filled} > 0`))
        .returning();
      if (!row) throw new Error(`gig ${id} had no seat to give back`);
      return row;
    },

    /**
     * A hire marked a no-show (its seat given back) that the bureau finds was worked takes its
     * seat back, only while one is free: never from a hire made into it since. An OPEN gig whose
     * last seat this was is FILLED; one that EXPIRED when the no-show left it empty had work after
     * all (IN_PROGRESS, or COMPLETED past its end). `filledAt` is kept: a correction is not a
     * fill the market made. Undefined, nothing changed, when no seat is free (or the gig was
     * cancelled, whose count is no longer kept).
     */
    async retakeSeat(id: string, at: Date, tx: Executor): Promise<GigRecord | undefined> {
      const [row] = await tx
        .update(gigs)
        .set({
          filled: sql`${gigs.filled} + 1`,
          status: sql`case
            when ${gigs.status} = 'OPEN' and ${gigs.filled} + 1 >= ${gigs.headcount} then 'FILLED'
            when ${gigs.status} = 'EXPIRED' then case when ${gigs.endsAt} <= ${at.toISOString()}::timestamptz then 'COMPLETED' else 'IN_PROGRESS' end
            else ${gigs.status} end`,
          updatedAt: at,
        })
        .where(and(eq(gigs.id, id), ne(gigs.status, 'CANCELLED'), sql`${gigs.filled} < ${gigs.headcount}`))
        .returning();
      return row;
    },

    async cancel(id: string, reason: string, at: Date, tx: Executor): Promise<GigRecord> {
      const [row] = await tx
        .update(gigs)
        .set({ status: 'CANCELLED', cancelReason: reason, cancelledAt: at, updatedAt: at })
        .where(eq(gigs.id, id))
        .returning();
      if (!row) throw new Error(`gig ${id} vanished inside its transaction`);
      return row;
    },

    /**
     * Moves gigs along by the clock: a gig whose start has passed is IN_PROGRESS if anyone was
     * hired and EXPIRED if not; one whose end has passed is COMPLETED. Conditional updates, so
     * any number of nodes may run it at once.
     */
    async advanceByTime(now: Date, tx: Executor): Promise<GigUpdate[]> {
      const changed = {
        id: gigs.id,
        employerId: gigs.employerId,
        status: gigs.status,
        filled: gigs.filled,
        headcount: gigs.headcount,
      };
      const started = await tx
        .update(gigs)
        .set({
          status: sql`case when ${gigs.filled} = 0 then 'EXPIRED' else 'IN_PROGRESS' end`,
          updatedAt: now,
        })
        .where(and(inArray(gigs.status, ['OPEN', 'FILLED']), lte(gigs.startsAt, now)))
        .returning(changed);
      const ended = await tx
        .update(gigs)
        .set({ status: 'COMPLETED', updatedAt: now })
        .where(and(eq(gigs.status, 'IN_PROGRESS'), lte(gigs.endsAt, now)))
        .returning(changed);
      // A gig that started and ended since the last sweep appears twice; its last state counts.
      return [...new Map([...started, ...ended].map((g) => [g.id, g])).values()];
    },

    /** Gigs with their employer's name, as the search index needs them. */
    async forIndex(ids: readonly string[], tx: Executor = db) {
      if (ids.length === 0) return [];
      return tx
        .select({ gig: gigs, employerName: employers.name })
        .from(gigs)
        .innerJoin(employers, eq(employers.id, gigs.employerId))
        .where(inArray(gigs.id, [...ids]));
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(gigs);
      return row?.n ?? 0;
    },

    async idsAfter(afterId: string | null, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: gigs.id })
        .from(gigs)
        .where(afterId ? sql`${gigs.id} > ${afterId}` : undefined)
        .orderBy(asc(gigs.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async idsUpdatedSince(since: Date): Promise<string[]> {
      const rows = await db.select({ id: gigs.id }).from(gigs).where(gte(gigs.updatedAt, since));
      return rows.map((r) => r.id);
    },
  };
}

export type GigsRepository = ReturnType<typeof createGigsRepository>;
