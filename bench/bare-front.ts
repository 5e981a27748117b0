// The least a Node front can add to a gig search on this machine: a bare `node:http` server that
// takes the same GraphQL request as the API, builds the same tier requests with the API's own code,
// sends them with the API's own search client and answers the total alone. No fastify, GraphQL,
// authentication, PostgreSQL read or page building. Run in bench/search.ts's process, as the API is.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cityRequest, runCityRequest } from '../src/modules/gigs/city-search.js';
import type { GigSearchInput } from '../src/modules/gigs/gig-query.js';
import { parseGigSearch } from '../src/modules/gigs/gig-query.js';
import { tierRequests } from '../src/modules/gigs/meili-search.js';
import type { RegionTree } from '../src/modules/reference/region-ancestry.js';
import { citiesToAsk } from '../src/search/cities.js';
import { createSearch, type Search } from '../src/search/client.js';
import type { TierState } from '../src/search/tiers.js';

type Body = { variables?: { search?: GigSearchInput; first?: number } };

/**
 * The Meilisearch requests the API would send for a gig search (one per tier), built by the API's
 * own code and sent with its search client; the total they found. The Meilisearch rows of
 * bench:search send it straight, the bare front behind HTTP.
 */
export async function searchTiers(
  search: Search,
  input: GigSearchInput | undefined,
  first: number | undefined,
  tiers: TierState,
  /** With an index per city (tiers.cities): a region's ancestors, to find its city. */
  tree?: Pick<RegionTree, 'ancestors'>,
): Promise<number> {
  const query = parseGigSearch(input, { first }, new Date());
  // SEARCH_GIG_INDEX=city: the bulk tier's request goes to the cities the search can touch, as
  // the API sends it (src/modules/gigs/city-search.ts: one index, federated, or each city).
  const uids = tiers.cities && tree ? citiesToAsk(query, tree, tiers.cities).map(search.cityUid) : null;
  const answers = await Promise.all(
    tierRequests(query, tiers).map(({ indexName, q, params }) =>
      uids && indexName === 'gigs'
        ? runCityRequest(search, query, cityRequest(query, { q, params }, uids))
        : search.query(indexName, q, params),
    ),
  );
  let total = 0;
  for (const answer of answers) {
    for (const n of Object.values(answer.facetDistribution?.payUnit ?? {})) total += n;
  }
  return total;
}

/** Starts the front with a search client of its own, made as the API makes its own (src/plugins/search.ts). */
export async function startBareFront(meili: Parameters<typeof createSearch>[0]) {
  const search = createSearch(meili);
  /** What the search tiers hold, set by the bench before each row as the API would read it. */
  let tiers: TierState = { bulk: null, freshTop: null };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body;
        const totalCount = await searchTiers(search, variables?.search, variables?.first, tiers);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { gigs: { totalCount, degraded: false } } }));
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTiers(value: TierState) {
      tiers = value;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await search.close();
    },
  };
}
