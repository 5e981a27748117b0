import type { Executor } from '../../db/client.js';
import type { DocumentBatch } from '../../outbox/dispatcher.js';
import { missingIds } from '../../search/documents.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { CoursesRepository } from './courses.repository.js';

/** A market day (YYYY-MM-DD) as the number the index filters and sorts by: 2026-12-10 → 20261210. */
export const dayNumber = (day: string) => Number(day.replaceAll('-', ''));

/**
 * The `courses` index document (src/search/indexes.ts): the text to find it by (title,
 * description, trade name, address, provider; a trade's synonyms reach its name through the
 * index's synonym table), and what search filters, sorts and facets on. Days are numbers
 * (dayNumber), so Meilisearch compares them with the market day a search looks at.
 */
export function createCourseDocuments(deps: { courses: CoursesRepository; reference: ReferenceRepository }) {
  return async (ids: string[], tx?: Executor): Promise<DocumentBatch> => {
    const [found, tree, taxonomy] = await Promise.all([
      deps.courses.forIndex(ids, tx),
      deps.reference.regionTree(tx),
      deps.reference.taxonomy(tx),
    ]);
    const trade = new Map(taxonomy.map((s) => [s.code, s.name]));
    const upserts = found.map(({ course, providerName }) => ({
      id: course.id,
      title: course.title,
      description: course.description,
      skills: [course.skillCode],
      skillNames: [trade.get(course.skillCode) ?? course.skillCode],
      address: course.address,
      providerId: course.providerId,
      providerName,
      regionCode: course.regionCode,
      regionCodes: tree.ancestors(course.regionCode),
      status: course.status,
      startsOn: dayNumber(course.startsOn),
      enrolBy: dayNumber(course.enrolBy),
      subsidised: course.subsidised,
      feeFen: course.feeFen,
      seats: course.seats,
      seatsLeft: course.seats - course.enrolled,
      _geo: { lat: course.lat, lng: course.lng },
    }));
    return {
      upserts,
      deletes: missingIds(
        ids,
        found.map((row) => row.course.id),
      ),
    };
  };
}
