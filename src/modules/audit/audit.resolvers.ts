import type { IResolvers } from 'mercurius';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import type { AuditRecord } from './audit.repository.js';

export const auditResolvers: IResolvers = {
  Query: {
    auditLog: (_root, { first, after, ...search }, { services }) =>
      services.audit.list(search, { first, after }),
  },
  AuditEntry: {
    id: (entry: AuditRecord) => String(entry.id),
  },
};

export const auditLoaders: ModuleLoaders = {
  AuditEntry: {
    async actor(queries: LoaderQuery<AuditRecord>[], { services }) {
      const ids = [...new Set(queries.flatMap((q) => q.obj.actorAccountId ?? []))];
      const byId = new Map((await services.accounts.byIds(ids)).map((a) => [a.id, a]));
      return queries.map((q) => (q.obj.actorAccountId ? (byId.get(q.obj.actorAccountId) ?? null) : null));
    },
  },
};
