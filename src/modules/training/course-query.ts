import { COURSE_STATUSES, type CourseStatus } from '../../db/schema/index.js';
import { createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { TaxonomyEntry } from '../../search/indexes.js';
import { isCalendarDay, marketDay } from '../../time.js';
import { checkFirst, checkNear, continuePage, fingerprint, MAX_Q, MAX_SKILLS } from '../gigs/gig-query.js';
import { isTradeWord } from '../gigs/query-words.js';

export const COURSE_SORTS = ['RELEVANCE', 'NEAREST', 'SOONEST'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

export type CourseSearchInput = {
  q?: string | null;
  skills?: readonly string[] | null;
  regionCode?: string | null;
  near?: { lat: number; lng: number; radiusKm: number } | null;
  startsFrom?: string | null;
  startsTo?: string | null;
  subsidised?: boolean | null;
  hasSeats?: boolean | null;
  statuses?: readonly string[] | null;
  sort?: string | null;
};

/** A course search, checked and complete; `q` holds only the words that tell courses apart. */
export type CourseQuery = {
  q: string | null;
  skills: string[];
  regionCode: string | null;
  near: { lat: number; lng: number; radiusKm: number } | null;
  startsFrom: string | null;
  startsTo: string | null;
  subsidised: boolean | null;
  hasSeats: boolean;
  statuses: CourseStatus[];
  /** No statuses asked for: OPEN courses whose enrolment is still open (enrolBy ≥ today). */
  takingEnrolments: boolean;
  providerId: string | null;
  sort: CourseSort;
  first: number;
  offset: number;
  fingerprint: string;
  /** The moment the first page looked at the market; "today" is its market day. */
  asOf: Date;
};

/**
 * Words that say "a course" (培训, 培训班, 课程…): every course is one, so a query's word loses
 * them — 电焊培训 looks for 电焊, as 电焊工特种作业培训班 and 焊工初级班 both are. A 班 is cut only
 * from the end of a word that is not itself a trade word (钢筋班 and 架子班 are trades' words).
 */
const COURSE_WORDS = ['培训班', '培训课程', '培训课', '培训', '课程', '学习班'];

/** One word of `q` without its course words; empty if it was nothing else. */
export function withoutCourseWords(word: string, taxonomy: readonly TaxonomyEntry[]): string {
  if (isTradeWord(word, taxonomy)) return word;
  let rest = word;
  for (const courseWord of COURSE_WORDS) rest = rest.split(courseWord).join('');
  if (rest.length > 1 && rest.endsWith('班') && !isTradeWord(rest, taxonomy)) rest = rest.slice(0, -1);
  return rest === '班' ? '' : rest;
}

/** The words of `q` that tell courses apart, space-separated; null when none is left. */
export function courseWords(q: string | null | undefined, taxonomy: readonly TaxonomyEntry[]): string | null {
  const words = (q ?? '')
    .split(/\s+/)
    .map((word) => withoutCourseWords(word, taxonomy))
    .filter(Boolean);
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * Checks a `courses` search and its paging, naming the field at fault. The sort defaults to
 * nearest with `near`, to relevance with words, and to soonest otherwise.
 */
export function parseCourseSearch(
  search: CourseSearchInput | null | undefined,
  page: { first?: number | null; after?: string | null },
  now: Date,
  taxonomy: readonly TaxonomyEntry[],
  scope: { providerId?: string | null } = {},
): CourseQuery {
  const s = search ?? {};
  const problems = createProblems();
  const said = s.q?.trim() || null;
  if (said && said.length > MAX_Q) problems.add('search.q', text('gigs:search.qLength', { max: MAX_Q }));
  const q = courseWords(said, taxonomy);
  const skills = [...new Set(s.skills ?? [])].sort();
  if (skills.length > MAX_SKILLS)
    problems.add('search.skills', text('gigs:search.skillsCount', { max: MAX_SKILLS }));
  const known = new Set(taxonomy.map((skill) => skill.code));
  const unknown = skills.filter((code) => !known.has(code));
  if (unknown.length > 0)
    problems.add('search.skills', text('gigs:search.skillsUnknown', { codes: unknown.join(', ') }));
  if (s.regionCode != null && !/^[0-9]{6}$/.test(s.regionCode))
    problems.add('search.regionCode', text('gigs:search.regionCode'));
  const near = checkNear(problems, s.near);
  const startsFrom = s.startsFrom ?? null;
  const startsTo = s.startsTo ?? null;
  if (startsFrom !== null && !isCalendarDay(startsFrom))
    problems.add('search.startsFrom', text('training:day', { field: 'search.startsFrom' }));
  if (startsTo !== null && !isCalendarDay(startsTo))
    problems.add('search.startsTo', text('training:day', { field: 'search.startsTo' }));
  else if (startsFrom !== null && startsTo !== null && startsTo < startsFrom)
    problems.add('search.startsTo', text('training:startsToBeforeFrom'));
  const statuses = [...new Set(s.statuses ?? ['OPEN'])].sort();
  const wrong = statuses.filter((status) => !(COURSE_STATUSES as readonly string[]).includes(status));
  if (wrong.length > 0 || statuses.length === 0)
    problems.add('search.statuses', text('gigs:search.statuses', { statuses: COURSE_STATUSES.join(', ') }));
  const sort = (s.sort ?? (near ? 'NEAREST' : q ? 'RELEVANCE' : 'SOONEST')) as CourseSort;
  if (!COURSE_SORTS.includes(sort))
    problems.add('search.sort', text('gigs:search.sort', { sorts: COURSE_SORTS.join(', ') }));
  if (sort === 'NEAREST' && !near) problems.add('search.sort', text('gigs:search.sortNearest'));
  const first = checkFirst(problems, page.first);
  problems.throwIfAny();

  const filters = {
    q,
    skills,
    regionCode: s.regionCode ?? null,
    near,
    startsFrom,
    startsTo,
    subsidised: s.subsidised ?? null,
    hasSeats: s.hasSeats ?? true,
    statuses: statuses as CourseStatus[],
    takingEnrolments: s.statuses == null,
    providerId: scope.providerId ?? null,
    sort,
  };
  const query: CourseQuery = { ...filters, fingerprint: fingerprint(filters), first, offset: 0, asOf: now };
  return continuePage(query, page.after);
}

/** The market day a search looks at (its first page's), YYYY-MM-DD. */
export const searchDay = (query: CourseQuery) => marketDay(query.asOf);
