import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { PAY_UNITS, type PayUnit } from '../../db/schema/index.js';
import { badInput } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import type { Search } from '../../search/client.js';
import type { TierState } from '../../search/tiers.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { type GigSearchInput, parseGigSearch } from './gig-query.js';
import { searchPostgres } from './gig-search.repository.js';
import type { GigRecord, GigsRepository } from './gigs.repository.js';
import { searchMeili } from './meili-search.js';
import { type GigSearchResult, pageOf } from './search-result.js';

/**
 * A pay unit's facet label in the reader's language (按天, by the day); an unknown one as it is.
 * Rendered once per unit and language: every search page names the same few units, and rendering
 * through i18next and ICU cost a search more than the rest of its facets.
 */
const payUnitLabels = new Map<string, string>();
function payUnitLabel(unit: string, locale: Locale): string {
  if (!(PAY_UNITS as readonly string[]).includes(unit)) return unit;
  const key = `${locale} ${unit}`;
  let label = payUnitLabels.get(key);
  if (label === undefined) {
    label = render(text(`gigs:payUnit.${unit as PayUnit}`), locale);
    payUnitLabels.set(key, label);
  }
  return label;
}

export type FacetCount = { value: string; label: string; count: number };

/** Facet values by count, most first; ties by value (codes, compared as they are: no locale rules). */
export const byCount = (counts: Record<string, number>, label: (value: string) => string): FacetCount[] =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([value, count]) => ({ value, label: label(value), count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

/** Trade names by code, built once per taxonomy the reference repository holds. */
const skillNamesOf = new WeakMap<readonly { code: string; name: string }[], Map<string, string>>();
export function skillNames(taxonomy: readonly { code: string; name: string }[]): Map<string, string> {
  let names = skillNamesOf.get(taxonomy);
  if (!names) {
    names = new Map(taxonomy.map((s) => [s.code, s.name]));
    skillNamesOf.set(taxonomy, names);
  }
  return names;
}

export type GigPage = {
  edges: { cursor: string; node: GigRecord; distanceKm: number | null }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  facets: { skills: FacetCount[]; regions: FacetCount[]; payUnits: FacetCount[] };
  degraded: boolean;
};

/**
 * Finds gigs: Meilisearch ranks and filters (in two tiers, see src/search/tiers.ts); if it does not answer in time, PostgreSQL answers the
 * same query (without text relevance) and the page says `degraded`. Either way the gigs themselves
 * are read from PostgreSQL, the truth, in the order the engine gave.
 */
export function createGigSearchService(deps: {
  db: Database;
  search: Search;
  gigs: GigsRepository;
  reference: ReferenceRepository;
  clock: Clock;
  timeoutMs: number;
  /** What the search tiers hold (src/search/tiers.ts): the watermark and the fresh tier's top. */
  tiers: { current(): Promise<TierState> };
  onSearchDown?: (error: unknown) => void;
}) {
  async function run(query: ReturnType<typeof parseGigSearch>): Promise<GigSearchResult> {
    const tiers = await deps.tiers.current();
    try {
      const tree = tiers.cities ? await deps.reference.regionTree() : undefined;
      return await searchMeili(deps.search, query, deps.timeoutMs, tiers, tree);
    } catch (error) {
      deps.onSearchDown?.(error);
      const [tree, taxonomy] = await Promise.all([deps.reference.regionTree(), deps.reference.taxonomy()]);
      return searchPostgres({ tree, taxonomy }, query, deps.db);
    }
  }

  return {
    /**
     * A page of gigs. With `cards`, the caller vouches that only card fields will be resolved
     * (asksOnlyForCards in gig-cards.ts), and the page reads only their columns.
     */
    async find(
      search: GigSearchInput | null | undefined,
      page: { first?: number | null; after?: string | null },
      scope: { employerId?: string | null; cards?: boolean; locale?: Locale } = {},
    ): Promise<GigPage> {
      const query = parseGigSearch(search, page, deps.clock.now(), scope);
      if (query.skills.length > 0) {
        // A misspelt trade would otherwise match nothing and look like an empty market.
        const known = skillNames(await deps.reference.taxonomy());
        const unknown = query.skills.filter((code) => !known.has(code));
        if (unknown.length > 0) {
          throw badInput('search.skills', text('gigs:search.skillsUnknown', { codes: unknown.join(', ') }));
        }
      }
      const [result, taxonomy, tree] = await Promise.all([
        run(query),
        deps.reference.taxonomy(),
        deps.reference.regionTree(),
      ]);
      const ids = result.hits.map((h) => h.id);
      // A card has a card's columns only; the resolvers are typed for whole gigs, and the caller
      // has checked that no field outside the card is asked for (tests/modules/gigs/gig-cards.test.ts).
      const read = scope.cards
        ? ((await deps.gigs.cardsByIds(ids)) as unknown as GigRecord[])
        : await deps.gigs.pageByIds(ids);
      // A gig whose status has moved on (filled, cancelled) before the bulk tier heard of it is left out.
      const listed = pageOf(query, result, read, (gig) => (query.statuses as string[]).includes(gig.status));
      const skillName = skillNames(taxonomy);
      return {
        ...listed,
        facets: {
          skills: byCount(result.facets.skills, (code) => skillName.get(code) ?? code),
          regions: byCount(result.facets.regions, (code) => tree.name(code) ?? code),
          payUnits: byCount(result.facets.payUnits, (unit) =>
            payUnitLabel(unit, scope.locale ?? DEFAULT_LOCALE),
          ),
        },
      };
    },
  };
}

export type GigSearchService = ReturnType<typeof createGigSearchService>;
