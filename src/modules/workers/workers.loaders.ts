import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import type { AccountRecord } from '../accounts/accounts.repository.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { WorkerRecord } from './workers.repository.js';

type Queries = LoaderQuery<WorkerRecord>[];

export const workersLoaders: ModuleLoaders = {
  Worker: {
    async skills(queries: Queries, { services, locale }) {
      const ids = queries.map((q) => q.obj.id);
      const accountOf = new Map(queries.map((q) => [q.obj.id, q.obj.accountId]));
      const [rows, taxonomy] = await Promise.all([
        services.workers.skillsOf(ids),
        services.reference.skills({}),
      ]);
      const skillByCode = new Map(taxonomy.map((s) => [s.code, s]));
      return ids.map((id) =>
        rows
          .filter((r) => r.workerId === id)
          .map((r) => ({
            skill: skillByCode.get(r.skillCode),
            level: r.level,
            levelName: render(text(`workers:level.${r.level as 1 | 2 | 3 | 4 | 5}`), locale),
            certified: r.certified,
            source: r.source,
            // For WorkerSkill.certificate: its loader, and @auth's OWNER (the worker's account).
            workerId: r.workerId,
            certificateId: r.certificateId,
            accountId: accountOf.get(id),
          })),
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
