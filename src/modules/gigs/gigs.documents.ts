import { groupBy } from '../../collections.js';
import type { Executor } from '../../db/client.js';
import type { DocumentBatch } from '../../outbox/dispatcher.js';
import { missingIds } from '../../search/documents.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { GigsRepository } from './gigs.repository.js';

export const toMillis = (at: Date) => at.getTime();

/**
 * The `gigs` index document: text to find it by (title, description, trade names, address,
 * employer; a trade's synonyms reach its name through the index's synonym table, never from the
 * document), and what search filters, sorts and facets on. Times are Unix milliseconds, so
 * Meilisearch can compare them to the millisecond a search page was taken at.
 */
export function createGigDocuments(deps: { gigs: GigsRepository; reference: ReferenceRepository }) {
  return async (ids: string[], tx?: Executor): Promise<DocumentBatch> => {
    const found = await deps.gigs.forIndex(ids, tx);
    const foundIds = found.map((row) => row.gig.id);
    const [skills, tree, taxonomy] = await Promise.all([
      deps.gigs.skillsOf(foundIds, tx),
      deps.reference.regionTree(tx),
      deps.reference.taxonomy(tx),
    ]);
    const trade = new Map(taxonomy.map((s) => [s.code, s]));
    const skillsOf = groupBy(skills, (s) => s.gigId);
    const upserts = found.map(({ gig, employerName }) => {
      const codes = (skillsOf.get(gig.id) ?? []).map((s) => s.skillCode);
      return {
        id: gig.id,
        title: gig.title,
        description: gig.description,
        skills: codes,
        skillNames: codes.map((code) => trade.get(code)?.name ?? code),
        address: gig.address,
        employerId: gig.employerId,
        employerName,
        regionCode: gig.regionCode,
        regionCodes: tree.ancestors(gig.regionCode),
        status: gig.status,
        startsAt: toMillis(gig.startsAt),
        endsAt: toMillis(gig.endsAt),
        postedAt: toMillis(gig.createdAt),
        payFen: gig.payFen,
        payUnit: gig.payUnit,
        hourlyFen: gig.hourlyFen,
        headcount: gig.headcount,
        filled: gig.filled,
        olderFriendly: gig.olderFriendly,
        publicWelfare: gig.publicWelfare,
        instant: gig.instant,
        postXid: gig.postXid,
        _geo: { lat: gig.lat, lng: gig.lng },
      };
    });
    return { upserts, deletes: missingIds(ids, foundIds) };
  };
}
