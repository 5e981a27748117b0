import { createHash } from 'node:crypto';
import { GIG_STATUSES, type GigStatus } from '../../db/schema/index.js';
import { badInput, createProblems, type Problems } from '../../errors.js';
import { text } from '../../i18n/text.js';

export const GIG_SORTS = ['BEST', 'NEAREST', 'SOONEST', 'HIGHEST_PAY', 'NEWEST'] as const;
export type GigSort = (typeof GIG_SORTS)[number];

export const PAGE_SIZE = { default: 20, max: 100 } as const;
const MAX_RADIUS_KM = 200;
export const MAX_Q = 100;
export const MAX_SKILLS = 20;

export type GigSearchInput = {
  q?: string | null;
  skills?: readonly string[] | null;
  regionCode?: string | null;
  near?: { lat: number; lng: number; radiusKm: number } | null;
  startsAfter?: Date | null;
  startsBefore?: Date | null;
  minHourlyFen?: number | null;
  olderFriendly?: boolean | null;
  instant?: boolean | null;
  publicWelfare?: boolean | null;
  statuses?: readonly string[] | null;
  sort?: string | null;
};

/** A gig search, checked and complete: every filter, the page, and the moment it looks at. */
export type GigQuery = {
  q: string | null;
  skills: string[];
  regionCode: string | null;
  near: { lat: number; lng: number; radiusKm: number } | null;
  startsAfter: Date | null;
  startsBefore: Date | null;
  minHourlyFen: number | null;
  olderFriendly: boolean | null;
  instant: boolean | null;
  publicWelfare: boolean | null;
  employerId: string | null;
  statuses: GigStatus[];
  sort: GigSort;
  first: number;
  offset: number;
  /** Which search this is (a hash of its filters): a cursor must come from the same one. */
  fingerprint: string;
  /**
   * The moment the first page looked at the market. Later pages keep it, so a gig posted meanwhile
   * cannot push the rest of the list down a page, and "still open" means open at that moment.
   */
  asOf: Date;
};

type Cursor = { v: 1; o: number; t: number; h: string };

type GigFilters = Omit<GigQuery, 'fingerprint' | 'first' | 'offset' | 'asOf'>;

/** A hash of a search's filters: a cursor must come from the same search. */
export const fingerprint = (query: object) =>
  createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12);

/** A page's place in a search (gigs or courses): the offset, the moment and the filters' hash. */
type Paged = { fingerprint: string; offset: number; asOf: Date };

export function encodeCursor(query: Paged, offset: number): string {
  const cursor: Cursor = { v: 1, o: offset, t: query.asOf.getTime(), h: query.fingerprint };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(after: string): Cursor | null {
  try {
    const cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Cursor;
    const valid =
      cursor.v === 1 &&
      Number.isInteger(cursor.o) &&
      cursor.o >= 0 &&
      Number.isFinite(cursor.t) &&
      typeof cursor.h === 'string';
    return valid ? cursor : null;
  } catch {
    return null;
  }
}

/**
 * Checks a `gigs` search and its paging, naming the field at fault. Only OPEN gigs are listed
 * unless `statuses` asks for others; the sort defaults to nearest with `near`, to relevance with
 * text, and to soonest start otherwise.
 */
export function parseGigSearch(
  search: GigSearchInput | null | undefined,
  page: { first?: number | null; after?: string | null },
  now: Date,
  scope: { employerId?: string | null } = {},
): GigQuery {
  const s = search ?? {};
  const problems = createProblems();
  const q = s.q?.trim() || null;
  if (q && q.length > MAX_Q) problems.add('search.q', text('gigs:search.qLength', { max: MAX_Q }));
  const skills = [...new Set(s.skills ?? [])];
  if (skills.length > MAX_SKILLS)
    problems.add('search.skills', text('gigs:search.skillsCount', { max: MAX_SKILLS }));
  if (s.regionCode != null && !/^[0-9]{6}$/.test(s.regionCode))
    problems.add('search.regionCode', text('gigs:search.regionCode'));
  const near = checkNear(problems, s.near);
  if (s.startsAfter && s.startsBefore && s.startsBefore <= s.startsAfter)
    problems.add('search.startsBefore', text('gigs:search.startsBefore'));
  if (s.minHourlyFen != null && !(Number.isInteger(s.minHourlyFen) && s.minHourlyFen >= 0))
    problems.add('search.minHourlyFen', text('gigs:search.minHourlyFen'));
  const statuses = [...new Set(s.statuses ?? ['OPEN'])];
  const unknown = statuses.filter((status) => !(GIG_STATUSES as readonly string[]).includes(status));
  if (unknown.length > 0 || statuses.length === 0)
    problems.add('search.statuses', text('gigs:search.statuses', { statuses: GIG_STATUSES.join(', ') }));
  const sort = (s.sort ?? (near ? 'NEAREST' : q ? 'BEST' : 'SOONEST')) as GigSort;
  if (!GIG_SORTS.includes(sort))
    problems.add('search.sort', text('gigs:search.sort', { sorts: GIG_SORTS.join(', ') }));
  if (sort === 'NEAREST' && !near) problems.add('search.sort', text('gigs:search.sortNearest'));
  const first = checkFirst(problems, page.first);
  problems.throwIfAny();

  const filters: GigFilters = {
    q,
    skills,
    regionCode: s.regionCode ?? null,
    near,
    startsAfter: s.startsAfter ?? null,
    startsBefore: s.startsBefore ?? null,
    minHourlyFen: s.minHourlyFen ?? null,
    olderFriendly: s.olderFriendly ?? null,
    instant: s.instant ?? null,
    publicWelfare: s.publicWelfare ?? null,
    employerId: scope.employerId ?? null,
    statuses: statuses.sort() as GigStatus[],
    sort,
  };
  const query: GigQuery = { ...filters, fingerprint: fingerprint(filters), first, offset: 0, asOf: now };
  return continuePage(query, page.after);
}

/** A search's point (search.near), checked: latitude, longitude and a radius up to MAX_RADIUS_KM. */
export function checkNear<T extends { lat: number; lng: number; radiusKm: number }>(
  problems: Problems,
  near: T | null | undefined,
): T | null {
  if (!near) return null;
  if (!(near.lat >= -90 && near.lat <= 90)) problems.add('search.near.lat', text('gigs:search.lat'));
  if (!(near.lng >= -180 && near.lng <= 180)) problems.add('search.near.lng', text('gigs:search.lng'));
  if (!(near.radiusKm > 0 && near.radiusKm <= MAX_RADIUS_KM))
    problems.add('search.near.radiusKm', text('gigs:search.radius', { max: MAX_RADIUS_KM }));
  return near;
}

/** The page size asked for (`first`), checked; PAGE_SIZE.default without one. */
export function checkFirst(problems: Problems, first: number | null | undefined): number {
  const size = first ?? PAGE_SIZE.default;
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max)
    problems.add('first', text('gigs:search.first', { max: PAGE_SIZE.max }));
  return size;
}

/**
 * The first page of a search, or the page after a cursor of the same search (its fingerprint),
 * looking at the market as of the moment the first page did.
 */
export function continuePage<Q extends Paged>(query: Q, after: string | null | undefined): Q {
  if (!after) return query;
  const cursor = decodeCursor(after);
  if (!cursor || cursor.h !== query.fingerprint) {
    throw badInput('after', text('gigs:search.cursor'));
  }
  return { ...query, offset: cursor.o, asOf: new Date(cursor.t) };
}
