import type { Clock } from '../../clock.js';
import { marketDay } from '../../time.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { ContractCover } from '../insurance/cover.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { HireStep } from './hire.js';

/** Gigs whose facts a node keeps at once, at most (a crowd is one gig; a busy node, a few hundred). */
const MAX_GIGS = 2_000;
/** How long a gig's facts are kept after they were read. */
const KEEP_MS = 30_000;

/** What a hire of a gig binds beside the gig's row, read before its transaction opens. */
export type GigFacts = {
  tree: RegionTree;
  /** The gig as it was read (its region, day, terms); undefined if there is no such gig. */
  place: GigRecord | undefined;
  minimumHourlyFen: number | undefined;
  accidentCover: ContractCover | undefined;
};

/**
 * A gig's facts for a crowd of accepts, kept in memory per gig so that a crowd's first batch opens
 * its transaction at once instead of first reading the region tree, the gig, the minimum wage and
 * the accident cover. Safe because none of them changes once the gig is posted: there is no edit
 * of a gig's region, day, terms or trades (only cancelGig, which drops the entry, and the
 * transaction reads the locked row anyway, so a cancelled or full gig is refused whatever is kept
 * here); the cover is stated in the posting's transaction; the minimum wage is looked up for the
 * market day the hires start (the gig's day, or today for a backfill), and an entry is kept only
 * for that day. A minimum wage added meanwhile is seen at most KEEP_MS late, as it would be by an
 * accept whose reads were already made before its transaction. Bounded: MAX_GIGS entries, each
 * for KEEP_MS; reads of one gig at the same time share one.
 */
export function createGigFacts(deps: {
  gigs: Pick<GigsRepository, 'byIds'>;
  reference: Pick<ReferenceRepository, 'regionTree'>;
  hire: Pick<HireStep, 'minimumHourlyOf' | 'coverOf'>;
  clock: Clock;
}) {
  const kept = new Map<string, { facts: Promise<GigFacts>; readAt: Date; until: number }>();

  /** The market day whose minimum wage a hire of `gig` pays by (hire.minimumHourlyOf). */
  const wageDay = (gig: Pick<GigRecord, 'startsAt'>, now: Date) =>
    marketDay(gig.startsAt > now ? gig.startsAt : now);

  async function read(gigId: string): Promise<GigFacts> {
    const tree = await deps.reference.regionTree();
    const [place] = await deps.gigs.byIds([gigId]);
    const [minimumHourlyFen, accidentCover] = place
      ? await Promise.all([deps.hire.minimumHourlyOf(place, tree), deps.hire.coverOf(place.id)])
      : [undefined, undefined];
    return { tree, place, minimumHourlyFen, accidentCover };
  }

  return {
    /** The gig's facts: kept ones if they are still good, else read now (and kept if the gig exists). */
    async of(gigId: string): Promise<GigFacts> {
      const now = deps.clock.now();
      const entry = kept.get(gigId);
      if (entry && entry.until > now.getTime()) {
        const facts = await entry.facts;
        // Good for the day its minimum wage was looked up for: a backfill past midnight reads again.
        if (facts.place && wageDay(facts.place, entry.readAt) === wageDay(facts.place, now)) return facts;
      }
      if (kept.get(gigId) === entry) kept.delete(gigId);
      if (kept.size >= MAX_GIGS) kept.clear();
      const stored = { facts: read(gigId), readAt: now, until: now.getTime() + KEEP_MS };
      kept.set(gigId, stored);
      try {
        const facts = await stored.facts;
        // No such gig: nothing to keep.
        if (!facts.place && kept.get(gigId) === stored) kept.delete(gigId);
        return facts;
      } catch (error) {
        if (kept.get(gigId) === stored) kept.delete(gigId);
        throw error;
      }
    },

    /** Forgets a gig's facts (it was cancelled). */
    drop(gigId: string): void {
      kept.delete(gigId);
    },
  };
}

export type GigFactsCache = ReturnType<typeof createGigFacts>;
