import { groupBy } from '../../collections.js';
import type { Executor } from '../../db/client.js';
import type { DocumentBatch } from '../../outbox/dispatcher.js';
import { missingIds } from '../../search/documents.js';
import { endOfMarketDay } from '../../time.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { CertificatesRepository } from './certificates.repository.js';
import { cellCentre } from './coarse-location.js';
import type { WorkersRepository } from './workers.repository.js';

const toSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Special-operation qualification as matching filters on it (docs/skills.md): the trades of the
 * worker's 特种作业操作证 and the end (seconds) of the last day the latest one is valid. The index
 * need not change when one expires: matching compares the gig's last day with it.
 */
function operationCertificates(certificates: { skillCode: string; expiresOn: string | null }[]) {
  const last = certificates.reduce((max, c) => (c.expiresOn && c.expiresOn > max ? c.expiresOn : max), '');
  return {
    specialOperationSkills: [...new Set(certificates.map((c) => c.skillCode))],
    specialOperationUntil: last ? toSeconds(endOfMarketDay(new Date(`${last}T12:00:00+08:00`))) : 0,
  };
}

/**
 * The `workers` index document: what matching filters on (trades, levels, certificates, place,
 * reach, availability, priority groups) and ranks by. Never the ID number or the phone, nor the exact home: `_geo` is
 * the centre of the worker's grid cell (coarse-location.ts), which is all matching may go by.
 * After LOCATION_CELL_KM changes, `npm run reindex -- workers`.
 */
export function createWorkerDocuments(deps: {
  workers: WorkersRepository;
  certificates: Pick<CertificatesRepository, 'ofWorkers'>;
  reference: ReferenceRepository;
  /** LOCATION_CELL_KM. */
  cellKm: number;
}) {
  return async (ids: string[], tx?: Executor): Promise<DocumentBatch> => {
    const found = await deps.workers.searchable(ids, tx);
    const foundIds = found.map((w) => w.id);
    const [skills, certificates, windows, tree, taxonomy] = await Promise.all([
      deps.workers.skillsOf(foundIds, tx),
      deps.certificates.ofWorkers(foundIds, tx),
      deps.workers.availabilityOf(foundIds, tx),
      deps.reference.regionTree(tx),
      deps.reference.listSkills({}, tx),
    ]);
    const skillName = new Map(taxonomy.map((s) => [s.code, s.name]));
    const skillsOf = groupBy(skills, (s) => s.workerId);
    const windowsOf = groupBy(windows, (w) => w.workerId);
    const special = new Set(taxonomy.filter((s) => s.specialOperation).map((s) => s.code));
    const operationCertificatesOf = groupBy(
      certificates.filter((c) => c.kind === 'SPECIAL_OPERATION' && special.has(c.skillCode) && c.expiresOn),
      (c) => c.workerId,
    );
    const upserts = found.map((worker) => {
      const own = skillsOf.get(worker.id) ?? [];
      return {
        id: worker.id,
        name: worker.name,
        skills: own.map((s) => s.skillCode),
        skillNames: own.map((s) => skillName.get(s.skillCode) ?? s.skillCode),
        skillLevels: Object.fromEntries(own.map((s) => [s.skillCode, s.level])),
        certifiedSkills: own.filter((s) => s.certified).map((s) => s.skillCode),
        ...operationCertificates(operationCertificatesOf.get(worker.id) ?? []),
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
