import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import { AppError, badInput, createProblems, ErrorCode, notFound, type Problem } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { TaxonomyEntry } from '../../search/indexes.js';
import { toShanghaiIso } from '../../time.js';
import { distanceKm, roundKm } from '../gigs/distance.js';
import { type GigQuery, type GigSearchInput, parseGigSearch } from '../gigs/gig-query.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import { queryWords, textHolds } from '../gigs/query-words.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { SavedSearchesRepository, SavedSearchRecord } from './saved-searches.repository.js';

export type { SavedSearchRecord } from './saved-searches.repository.js';

const MAX_PER_WORKER = 20;
const NAME = { min: 1, max: 30 };

/** The problems a refused input lists (`extensions.problems`), or its one field and message. */
function problemsOf(error: AppError): Problem[] {
  const listed = error.details.problems;
  if (Array.isArray(listed)) return listed as Problem[];
  return [{ field: String(error.details.field ?? 'search'), message: error.text }];
}

/** A gig as the saved-search check sees it: its own text and its trades' names. */
export type AlertGig = Pick<
  GigRecord,
  | 'id'
  | 'title'
  | 'description'
  | 'address'
  | 'regionCode'
  | 'lat'
  | 'lng'
  | 'startsAt'
  | 'hourlyFen'
  | 'olderFriendly'
  | 'instant'
  | 'publicWelfare'
  | 'status'
> & { employerName: string; skills: { code: string; name: string }[] };

/**
 * Whether a gig meets a saved search: the same filters as `gigs`, checked in code on one gig. Each
 * word of the text is matched as the PostgreSQL fallback matches it (gigs/query-words.ts): in the
 * gig's title, description, address, employer or trade names, a trade word through its trade's
 * synonyms (电焊工 finds a 焊工 gig), never a crop through a trade (苹果 does not find 大蒜采收).
 */
export function gigMatches(
  gig: AlertGig,
  query: GigQuery,
  tree: RegionTree,
  taxonomy: readonly TaxonomyEntry[],
): boolean {
  if (!query.statuses.includes(gig.status)) return false;
  if (query.skills.length > 0 && !gig.skills.some((s) => query.skills.includes(s.code))) return false;
  if (query.regionCode && !tree.ancestors(gig.regionCode).includes(query.regionCode)) return false;
  if (query.near && distanceKm(query.near, gig) > query.near.radiusKm) return false;
  if (query.startsAfter && gig.startsAt < query.startsAfter) return false;
  if (query.startsBefore && gig.startsAt > query.startsBefore) return false;
  if (query.minHourlyFen != null && gig.hourlyFen < query.minHourlyFen) return false;
  if (query.olderFriendly != null && gig.olderFriendly !== query.olderFriendly) return false;
  if (query.instant != null && gig.instant !== query.instant) return false;
  if (query.publicWelfare != null && gig.publicWelfare !== query.publicWelfare) return false;
  const fields = [
    gig.title,
    gig.description,
    gig.address,
    gig.employerName,
    ...gig.skills.map((s) => s.name),
  ];
  // One field a line: a query word has no spaces, so it never spans two fields.
  return textHolds(fields.join('\n'), queryWords(query.q, taxonomy));
}

/** The search as stored: what the worker sent, dates as ISO strings. */
const stored = (search: GigSearchInput) => ({
  ...search,
  startsAfter: search.startsAfter?.toISOString() ?? null,
  startsBefore: search.startsBefore?.toISOString() ?? null,
});

const revive = (search: unknown): GigSearchInput => {
  const s = search as Record<string, unknown>;
  return {
    ...(s as GigSearchInput),
    startsAfter: typeof s.startsAfter === 'string' ? new Date(s.startsAfter) : null,
    startsBefore: typeof s.startsBefore === 'string' ? new Date(s.startsBefore) : null,
  };
};

/** Saved searches (订阅): a worker keeps up to 20; a new OPEN gig that matches one is pushed. */
export function createSavedSearchesService(deps: {
  repository: SavedSearchesRepository;
  reference: ReferenceRepository;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
}) {
  const { repository, clock } = deps;

  return {
    async save(workerId: string, name: string, search: GigSearchInput): Promise<SavedSearchRecord> {
      // The name's problem and the search's, in one answer.
      const problems = createProblems();
      const trimmed = name.trim();
      if (trimmed.length < NAME.min || trimmed.length > NAME.max)
        problems.add('name', text('hiring:searchName', { min: NAME.min, max: NAME.max }));
      // The same checks as a live search, so a saved one can always run.
      try {
        parseGigSearch(search, {}, clock.now());
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
        for (const problem of problemsOf(error)) problems.add(problem.field, problem.message);
      }
      problems.throwIfAny();
      const saved = await repository.insertWithin(
        { workerId, name: trimmed, search: stored(search), createdAt: clock.now() },
        MAX_PER_WORKER,
      );
      if (saved === 'erased') throw notFound('worker', workerId);
      if (saved === 'full') throw badInput('name', text('hiring:tooManySearches', { max: MAX_PER_WORKER }));
      return saved;
    },

    async remove(workerId: string, id: string): Promise<boolean> {
      if (!(await repository.remove(workerId, id))) throw notFound('savedSearchOfYours', id);
      return true;
    },

    ofWorker: (workerId: string) => repository.ofWorker(workerId),

    /**
     * After a post has committed: tells every worker with a matching saved search (`gig:alert`).
     * A failure is logged, never the employer's problem.
     */
    posted(gig: GigRecord, posted: { employerName: string; skillCodes: string[] }): Promise<number> {
      return (async () => {
        const taxonomy = new Map((await deps.reference.taxonomy()).map((s) => [s.code, s]));
        const skills = posted.skillCodes.map((code) => {
          const skill = taxonomy.get(code);
          return { code, name: skill?.name ?? code };
        });
        return this.alert({ ...gig, employerName: posted.employerName, skills });
      })().catch((error: unknown) => {
        deps.log.warn({ err: error, gigId: gig.id }, 'saved-search alerts failed for a new gig');
        return 0;
      });
    },

    /** Tells every worker whose saved search the gig meets (`gig:alert`); returns how many. */
    async alert(gig: AlertGig): Promise<number> {
      if (gig.status !== 'OPEN') return 0;
      const [rows, tree, taxonomy] = await Promise.all([
        repository.all(),
        deps.reference.regionTree(),
        deps.reference.taxonomy(),
      ]);
      let told = 0;
      for (const row of rows) {
        let query: GigQuery;
        try {
          query = parseGigSearch(revive(row.search), {}, clock.now());
        } catch {
          continue; // a search saved under older rules that no longer parses is skipped, not fatal
        }
        if (!gigMatches(gig, query, tree, taxonomy)) continue;
        told++;
        deps.notify(rooms.worker(row.workerId), 'gig:alert', {
          savedSearchId: row.id,
          name: row.name,
          gigId: gig.id,
          title: gig.title,
          startsAt: toShanghaiIso(gig.startsAt),
          hourlyFen: gig.hourlyFen,
          address: gig.address,
          distanceKm: query.near ? roundKm(distanceKm(query.near, gig)) : null,
        });
      }
      return told;
    },
  };
}

export type SavedSearchesService = ReturnType<typeof createSavedSearchesService>;
