import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import type { AccountRecord } from '../accounts/accounts.repository.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { WorkerRecord } from './workers.repository.js';

type Queries = LoaderQuery<WorkerRecord>[];

export const workersLoaders: ModuleLoaders = {
  Worker: {
    async skills(queries: Queries, { services }) {
      const ids = queries.map((q) => q.obj.id);
      const [rows, taxonomy] = await Promise.all([
        services.workers.skillsOf(ids),
        services.reference.skills({}),
      ]);
      const skillByCode = new Map(taxonomy.map((s) => [s.code, s]));
      return ids.map((id) =>
        rows
          .filter((r) => r.workerId === id)
          .map((r) => ({ skill: skillByCode.get(r.skillCode), level: r.level, certified: r.certified })),
      );
    },
    async availability(queries: Queries, { services }) {
      const ids = queries.map((q) => q.obj.id);
      const rows = await services.workers.availabilityOf(ids);
      return ids.map((id) => rows.filter((r) => r.workerId === id));
    },
    homeRegion: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.homeRegionCode),
        context,
      ),
    residenceRegion: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.residenceRegionCode),
        context,
      ),
  },
  Account: {
    async worker(queries: LoaderQuery<AccountRecord>[], { services }) {
      const ids = queries.map((q) => q.obj.id);
      const rows = await services.workers.byAccountIds(ids);
      return ids.map((id) => rows.find((w) => w.accountId === id) ?? null);
    },
  },
};
