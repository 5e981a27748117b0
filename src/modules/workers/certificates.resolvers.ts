import type { IResolvers } from 'mercurius';
import { requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { marketDay } from '../../time.js';
import { actorOf } from '../accounts/accounts.resolvers.js';
import type { CertificateRecord } from './certificates.repository.js';
import type { WorkerRecord } from './workers.repository.js';

/** Certificates (docs/skills.md): recorded by a station operator who saw one, read by the worker. */
export const certificatesResolvers: IResolvers = {
  Mutation: {
    async recordWorkerCertificate(_root, { input, stationId }, context) {
      const actor = actorOf(context);
      const named = stationId ? requireUuid('stationId', stationId) : null;
      // As for identity: an admin may record at the bureau (no station); an operator at their station.
      const station =
        actor.role === 'ADMIN' && !named
          ? null
          : await context.services.stations.stationForWalkIn(actor, named);
      return context.services.certificates.record(
        { by: 'STATION_OPERATOR', actor, stationId: station?.id ?? null },
        {
          ...input,
          workerId: requireUuid('workerId', input.workerId),
        },
      );
    },
  },
  WorkerCertificate: {
    // Not expired by the market clock (a certificate without an expiry date stays valid).
    valid: (certificate: CertificateRecord, _args, context) =>
      certificate.expiresOn === null ||
      certificate.expiresOn >= marketDay(context.request.server.clock.now()),
  },
};

export const certificatesLoaders: ModuleLoaders = {
  Worker: {
    async certificates(queries: LoaderQuery<WorkerRecord>[], { services }) {
      const ids = queries.map((q) => q.obj.id);
      const rows = await services.certificates.ofWorkers(ids);
      return ids.map((id) => rows.filter((r) => r.workerId === id));
    },
  },
  WorkerCertificate: {
    async skill(queries: LoaderQuery<CertificateRecord>[], { services }) {
      const taxonomy = await services.reference.taxonomy();
      return queries.map((q) => taxonomy.find((s) => s.code === q.obj.skillCode));
    },
  },
  WorkerSkill: {
    async certificate(
      queries: LoaderQuery<{ certificateId: string | null; workerId: string }>[],
      { services },
    ) {
      const rows = await services.certificates.ofWorkers([...new Set(queries.map((q) => q.obj.workerId))]);
      return queries.map((q) => rows.find((r) => r.id === q.obj.certificateId) ?? null);
    },
  },
};
