import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import type { Search } from '../../search/client.js';
import { WORKER_PAGE_DEPTH } from '../../search/indexes.js';
import { endOfMarketDay } from '../../time.js';
import { cellReachKm } from '../workers/coarse-location.js';
import type { EligibleOptions, MatchGig, MatchingRepository } from './matching.repository.js';
import {
  type CandidateMatch,
  olderBornBy,
  RECENT_HIRE_DAYS,
  RECENT_WORK_DAYS,
  rankRows,
} from './matching-score.js';
import { type Mark, markNothing } from './wave-timing.js';

export type { MatchGig } from './matching.repository.js';
export {
  type CandidateMatch,
  OLDER_WORKER_AGE,
  olderBornBy,
  RATED_WELL,
  RECENT_HIRE_DAYS,
  RECENT_WORK_DAYS,
  rankRows,
  SCORE,
  type ScoreInput,
  scoreOf,
  WORKLOAD_CAP,
} from './matching-score.js';

/** The order offers go out in: the employer's roster, then well-rated workers, then everyone. */
export const TIERS = ['ROSTER', 'RATED', 'MATCH'] as const;

/**
 * How many near workers Meilisearch hands PostgreSQL to check, beyond those already offered the
 * gig (who come first by distance and are dropped by PostgreSQL); at most the index's page depth.
 */
const MEILI_CANDIDATES = 1000;

/** How a gig's candidates are asked for (`candidates`). */
type Ask = {
  /** Leaves out workers who already had an offer of this gig (for the next wave); the employer's list keeps them. */
  fresh: boolean;
  /** How many workers were offered the gig already, when the caller has just read it. */
  offered?: number;
  /** Timing marks of a wave (wave-timing.ts): after Meilisearch, the statement, the ranking. */
  mark?: Mark;
  /**
   * Meilisearch's answer for this gig asked ahead (`near`), used when nobody was offered the gig
   * yet; PostgreSQL checks every rule of each worker in it as ever.
   */
  near?: Promise<string[] | null>;
};

/**
 * Finds the workers a gig may be offered to. Meilisearch narrows the field (a trade of the gig,
 * within the gig's radius, a free window around the gig's); PostgreSQL, the truth, then checks
 * each rule exactly: trade, a whole availability window covering the gig, no live hire
 * overlapping it, and no offer of this gig already; both radii are judged on the worker's cell
 * (coarse-location.ts), since who is listed is something the employer sees. If Meilisearch is
 * down, PostgreSQL checks every worker of the trade instead.
 */
export function createMatcher(deps: {
  repository: MatchingRepository;
  search: Search;
  clock: Clock;
  timeoutMs: number;
  onSearchDown: (error: unknown) => void;
  /** The side of the grid cells a worker's home is known by to others (LOCATION_CELL_KM). */
  cellKm: number;
}) {
  const reachKm = cellReachKm(deps.cellKm);

  async function nearIds(gig: MatchGig, skip: number, tx?: Executor): Promise<string[] | null> {
    const start = Math.floor(gig.startsAt.getTime() / 1000);
    const end = Math.ceil(gig.endsAt.getTime() / 1000);
    const skills = gig.skills.map((s) => JSON.stringify(s)).join(', ');
    // Qualification (docs/skills.md) narrows here too, so the nearest unqualified workers do not
    // crowd out qualified ones; PostgreSQL judges it exactly below.
    // On the caller's handle: a wave's fill holds a pooled connection in its transaction, and a
    // second one asked for here would never come once every connection is such a fill.
    const special = await deps.repository.specialOperations(gig.skills, tx);
    const qualification: string[] = [];
    if (special.length > 0) {
      qualification.push(
        `specialOperationSkills IN [${special.map((s) => JSON.stringify(s)).join(', ')}]`,
        `specialOperationUntil >= ${Math.floor(endOfMarketDay(gig.endsAt).getTime() / 1000)}`,
      );
    }
    if (gig.minSkillLevel !== null) {
      qualification.push(gig.skills.map((s) => `skillLevels.${s} >= ${gig.minSkillLevel}`).join(' OR '));
    }
    try {
      const result = await deps.search.query(
        'workers',
        '',
        {
          filter: [
            `skills IN [${skills}]`,
            // The index holds each worker's cell (workers.documents.ts); widened by the cell's
            // reach, the filter keeps everyone whose cell is in range even if the index still
            // held exact homes, and PostgreSQL and the cell decide below.
            `_geoRadius(${gig.lat}, ${gig.lng}, ${Math.ceil((gig.searchRadiusKm + reachKm) * 1000)})`,
            `availability.start <= ${start}`,
            `availability.end >= ${end}`,
            ...qualification,
          ],
          sort: [`_geoPoint(${gig.lat}, ${gig.lng}):asc`],
          attributesToRetrieve: ['id'],
          limit: Math.min(skip + MEILI_CANDIDATES, WORKER_PAGE_DEPTH),
        },
        AbortSignal.timeout(deps.timeoutMs),
      );
      return result.hits.map((hit) => String(hit.id));
    } catch (error) {
      deps.onSearchDown(error);
      return null;
    }
  }

  /**
   * What the eligibility statement is asked with: the workers Meilisearch finds near (past those
   * already offered the gig, when `fresh`), and the moments the score's steps count from; null
   * when Meilisearch found nobody.
   */
  async function eligibility(gig: MatchGig, options: Ask, tx?: Executor): Promise<EligibleOptions | null> {
    const offered = options.fresh ? (options.offered ?? (await deps.repository.offeredCount(gig.id, tx))) : 0;
    const mark = options.mark ?? markNothing;
    const ids = await (offered === 0 && options.near
      ? options.near.catch(() => nearIds(gig, offered, tx))
      : nearIds(gig, offered, tx));
    mark('meili');
    if (ids !== null && ids.length === 0) return null;
    const now = deps.clock.now();
    return {
      ids,
      fresh: options.fresh,
      recentSince: new Date(now.getTime() - RECENT_HIRE_DAYS * 86_400_000),
      workSince: new Date(now.getTime() - RECENT_WORK_DAYS * 86_400_000),
      olderBorn: olderBornBy(now),
      reachKm,
      now,
    };
  }

  return {
    /**
     * The near workers of a gig nobody has been offered yet (Meilisearch's part of a first wave),
     * asked ahead: waves.ts starts it while the gig's posting commits and hands it to the first
     * wave's `candidates` as `near` (null: Meilisearch is down). If it fails otherwise (its read
     * of the special operations), nobody may be waiting on it yet: the failure is kept for the
     * wave, which then asks afresh.
     */
    near(gig: MatchGig): Promise<string[] | null> {
      const asked = nearIds(gig, 0);
      asked.catch(() => {});
      return asked;
    },

    /**
     * Everyone the gig may go to now, best first. `fresh` leaves out workers who already had an
     * offer of this gig (for the next wave); the employer's candidate list keeps them.
     */
    async candidates(
      gig: MatchGig,
      options: Ask & { limit?: number },
      tx?: Executor,
    ): Promise<CandidateMatch[]> {
      const ask = await eligibility(gig, options, tx);
      if (!ask) return [];
      const rows = await deps.repository.eligible(gig, ask, tx);
      const mark = options.mark ?? markNothing;
      mark('statement');
      const ranked = rankRows(rows, gig, deps.cellKm);
      mark('ranked');
      return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
