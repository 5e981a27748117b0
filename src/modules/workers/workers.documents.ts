import { groupBy } from '../../collections.js';
import type { DocumentBatch } from '../../outbox/dispatcher.js';
import { missingIds } from '../../search/documents.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { cellCentre } from './coarse-location.js';
import type { WorkersRepository } from './workers.repository.js';

const toSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * The `workers` index document: what matching filters on (trades, place, reach, availability,
 * priority groups) and ranks by. Never the ID number or the phone, nor the exact home: `_geo` is
 * the centre of the worker's grid cell (coarse-location.ts), which is all matching may go by.
 * After LOCATION_CELL_KM changes, `npm run reindex -- workers`.
 */
export function createWorkerDocuments(deps: {
  workers: WorkersRepository;
  reference: ReferenceRepository;
  /** LOCATION_CELL_KM. */
  cellKm: number;
}) {
  return async (ids: string[]): Promise<DocumentBatch> => {
    const found = await deps.workers.searchable(ids);
    const foundIds = found.map((w) => w.id);
    const [skills, windows, tree, taxonomy] = await Promise.all([
      deps.workers.skillsOf(foundIds),
      deps.workers.availabilityOf(foundIds),
      deps.reference.regionTree(),
      deps.reference.listSkills(),
    ]);
    const skillName = new Map(taxonomy.map((s) => [s.code, s.name]));
    const skillsOf = groupBy(skills, (s) => s.workerId);
    const windowsOf = groupBy(windows, (w) => w.workerId);
    const upserts = found.map((worker) => {
      const own = skillsOf.get(worker.id) ?? [];
      return {
        id: worker.id,
        name: worker.name,
        skills: own.map((s) => s.skillCode),
        skillNames: own.map((s) => skillName.get(s.skillCode) ?? s.skillCode),
        skillLevels: Object.fromEntries(own.map((s) => [s.skillCode, s.level])),
        certifiedSkills: own.filter((s) => s.certified).map((s) => s.skillCode),
        _geo: cellCentre(worker, deps.cellKm),
        travelRadiusKm: worker.travelRadiusKm,
        homeRegionCode: worker.homeRegionCode,
        regionCodes: [
          ...new Set([
            ...tree.ancestors(worker.homeRegionCode),
            ...tree.ancestors(worker.residenceRegionCode),
          ]),
        ],
        priorityGroups: worker.priorityGroups,
        birthYear: Number(worker.birthDate.slice(0, 4)),
        reliability: worker.reliability,
        laborBrand: worker.laborBrand,
        availability: (windowsOf.get(worker.id) ?? []).map((w) => ({
          start: toSeconds(w.startsAt),
          end: toSeconds(w.endsAt),
        })),
      };
    });
    return { upserts, deletes: missingIds(ids, foundIds) };
  };
}
