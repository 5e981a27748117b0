import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import type { Search } from '../../search/client.js';
import { byCount, type FacetCount, skillNames } from '../gigs/gig-search.service.js';
import { pageOf } from '../gigs/search-result.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { type CourseQuery, type CourseSearchInput, parseCourseSearch, searchDay } from './course-query.js';
import { type CourseSearchResult, searchCoursesMeili } from './course-search.meili.js';
import { searchCoursesPostgres } from './course-search.repository.js';
import type { CourseRecord, CoursesRepository } from './courses.repository.js';

export type CoursePage = {
  edges: { cursor: string; node: CourseRecord; distanceKm: number | null }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  facets: { skills: FacetCount[]; regions: FacetCount[]; subsidised: FacetCount[] };
  degraded: boolean;
};

/** Whether a course read from PostgreSQL still fits the query's status and seats (the index may lag). */
function stillFits(course: CourseRecord, query: CourseQuery): boolean {
  if (query.hasSeats && course.enrolled >= course.seats) return false;
  if (query.takingEnrolments) return course.status === 'OPEN' && course.enrolBy >= searchDay(query);
  return query.statuses.includes(course.status);
}

/**
 * Finds courses as gigs are found (docs/training.md): Meilisearch ranks and filters; if it does
 * not answer in time, PostgreSQL answers the same query and the page says `degraded`. The courses
 * themselves are read from PostgreSQL in the order the engine gave.
 */
export function createCourseSearchService(deps: {
  db: Database;
  search: Search;
  courses: CoursesRepository;
  reference: ReferenceRepository;
  clock: Clock;
  timeoutMs: number;
  onSearchDown?: (error: unknown) => void;
}) {
  async function run(query: CourseQuery): Promise<CourseSearchResult> {
    try {
      return await searchCoursesMeili(deps.search, query, deps.timeoutMs);
    } catch (error) {
      deps.onSearchDown?.(error);
      const [tree, taxonomy] = await Promise.all([deps.reference.regionTree(), deps.reference.taxonomy()]);
      return searchCoursesPostgres({ tree, taxonomy }, query, deps.db);
    }
  }

  return {
    async find(
      search: CourseSearchInput | null | undefined,
      page: { first?: number | null; after?: string | null },
      scope: { locale?: Locale } = {},
    ): Promise<CoursePage> {
      const [taxonomy, tree] = await Promise.all([deps.reference.taxonomy(), deps.reference.regionTree()]);
      const query = parseCourseSearch(search, page, deps.clock.now(), taxonomy);
      const result = await run(query);
      const rows = await deps.courses.pageByIds(result.hits.map((h) => h.id));
      // A course the index still lists but whose seats or status have moved on is left out.
      const listed = pageOf(query, result, rows, (course) => stillFits(course, query));
      const skillName = skillNames(taxonomy);
      const locale = scope.locale ?? DEFAULT_LOCALE;
      return {
        ...listed,
        facets: {
          skills: byCount(result.facets.skills, (code) => skillName.get(code) ?? code),
          regions: byCount(result.facets.regions, (code) => tree.name(code) ?? code),
          subsidised: byCount(result.facets.subsidised, (value) =>
            render(text(value === 'true' ? 'training:facetSubsidised' : 'training:facetPaid'), locale),
          ),
        },
      };
    },
  };
}

export type CourseSearchService = ReturnType<typeof createCourseSearchService>;
