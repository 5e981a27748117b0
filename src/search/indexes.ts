import type { Settings } from 'meilisearch';

export type TaxonomyEntry = { code: string; name: string; category: string; synonyms: string[] };

/**
 * Every word of a trade (its name and each synonym) finds the others, both ways. A synonym is a
 * word for the whole trade (采摘工, 摘果 for 采摘), never a crop, animal, place or one kind of the
 * work (摘苹果, 养猪, 氩弧焊): those are found in the gig's own text (docs/search.md, "Synonyms").
 * The table applies to the words of a query only; the gig documents hold trade names, not synonyms.
 */
export function synonymsFromTaxonomy(taxonomy: readonly TaxonomyEntry[]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const skill of taxonomy) {
    const words = [...new Set([skill.name, ...skill.synonyms].map((word) => word.trim()).filter(Boolean))];
    for (const word of words) {
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...words.filter((other) => other !== word)])];
    }
  }
  return synonyms;
}

/** How deep matching may read the workers index for one gig (Meilisearch's maxTotalHits). */
export const WORKER_PAGE_DEPTH = 20_000;

/** How deep a searcher may page through one gig search (Meilisearch's maxTotalHits). */
export const GIG_PAGE_DEPTH = 2000;

const chinese = [{ attributePatterns: ['*'], locales: ['cmn' as const] }];

/**
 * Both gig indexes: the bulk one with every gig, and the small one of gigs posted since the bulk
 * index was last brought up to date (src/search/tiers.ts). `postXid` splits them.
 */
const gigSettings = (): Settings => ({
  // Trade names, not their synonyms: a synonym's parts would match on their own (摘苹果 made 苹果
  // find every harvest). Meilisearch's synonyms turn a query's trade word into the trade's name.
  searchableAttributes: ['title', 'skillNames', 'description', 'address', 'employerName'],
  filterableAttributes: [
    'skills',
    'regionCodes',
    'status',
    'startsAt',
    'postedAt',
    'hourlyFen',
    'payUnit',
    'olderFriendly',
    'publicWelfare',
    'instant',
    'employerId',
    'postXid',
    '_geo',
  ],
  sortableAttributes: ['startsAt', 'hourlyFen', 'postedAt', '_geo', 'id'],
  // A sort the searcher asked for (nearest, soonest, best paid) comes before text relevance;
  // without one, relevance alone ranks.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: GIG_PAGE_DEPTH },
  localizedAttributes: chinese,
});

type IndexDefinition = { primaryKey: string; settings: () => Settings; uidSuffix?: string };

/** The indexes Lingong keeps, by logical name; the physical name carries the configured prefix. */
export const indexDefinitions = {
  skills: {
    primaryKey: 'code',
    settings: (): Settings => ({
      searchableAttributes: ['name', 'synonyms', 'category'],
      filterableAttributes: ['category'],
      localizedAttributes: chinese,
    }),
  },
  gigs: { primaryKey: 'id', settings: gigSettings },
  gigsFresh: { primaryKey: 'id', settings: gigSettings, uidSuffix: 'gigs_fresh' },
  workers: {
    primaryKey: 'id',
    settings: (): Settings => ({
      searchableAttributes: ['name', 'skillNames', 'laborBrand'],
      filterableAttributes: [
        'skills',
        // Levels by trade (`skillLevels.welder >= 3`), certified trades and valid special-operation
        // certificates: a gig's minimum level and 特种作业 qualification (docs/skills.md).
        'skillLevels',
        'certifiedSkills',
        'specialOperationSkills',
        'specialOperationUntil',
        'regionCodes',
        'priorityGroups',
        'availability',
        'travelRadiusKm',
        '_geo',
      ],
      sortableAttributes: ['reliability', '_geo'],
      // Matching reads past the workers a gig was already offered to (see hiring/matching.ts).
      pagination: { maxTotalHits: WORKER_PAGE_DEPTH },
      localizedAttributes: chinese,
    }),
  },
  /** Training courses (docs/training.md), found like gigs: Chinese text, trade, county, dates, distance. */
  courses: {
    primaryKey: 'id',
    settings: (): Settings => ({
      searchableAttributes: ['title', 'skillNames', 'description', 'address', 'providerName'],
      filterableAttributes: [
        'skills',
        'regionCodes',
        'status',
        'startsOn',
        'enrolBy',
        'subsidised',
        'seatsLeft',
        'providerId',
        '_geo',
      ],
      sortableAttributes: ['startsOn', '_geo', 'id'],
      rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
      faceting: { maxValuesPerFacet: 200 },
      pagination: { maxTotalHits: GIG_PAGE_DEPTH },
      localizedAttributes: chinese,
    }),
  },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof indexDefinitions;

/** The index's name on the server, after the prefix: `gigs_fresh` for `gigsFresh`. */
export const uidSuffix = (name: IndexName): string =>
  (indexDefinitions[name] as IndexDefinition).uidSuffix ?? name;
export const indexNames = Object.keys(indexDefinitions) as IndexName[];
