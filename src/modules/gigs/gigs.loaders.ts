import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { GigRecord } from './gigs.repository.js';

type Queries = LoaderQuery<GigRecord>[];

/**
 * A page of gigs costs one query per relation, however many gigs it holds; a search page has read
 * employers and trades with the gigs already (`preloaded`), and costs none.
 */
export const gigsLoaders: ModuleLoaders = {
  Gig: {
    async employer(queries: Queries, { services }) {
      const missing = queries.filter((q) => !q.obj.preloaded).map((q) => q.obj.employerId);
      const rows = await services.employers.byIds([...new Set(missing)]);
      const byId = new Map(rows.map((e) => [e.id, e]));
      return queries.map((q) => q.obj.preloaded?.employer ?? byId.get(q.obj.employerId));
    },
    async skills(queries: Queries, { services }) {
      const missing = queries.filter((q) => !q.obj.preloaded).map((q) => q.obj.id);
      const [rows, taxonomy] = await Promise.all([
        services.gigs.skillsOf(missing),
        services.reference.taxonomy(),
      ]);
      const skillByCode = new Map(taxonomy.map((s) => [s.code, s]));
      return queries.map(({ obj }) =>
        (obj.preloaded?.skillCodes ?? rows.filter((r) => r.gigId === obj.id).map((r) => r.skillCode)).flatMap(
          (code) => skillByCode.get(code) ?? [],
        ),
      );
    },
    /** A trade of the gig is a special operation (特种作业): only holders of a valid 特种作业操作证. */
    async requiresOperationCertificate(queries: Queries, { services }) {
      const missing = queries.filter((q) => !q.obj.preloaded).map((q) => q.obj.id);
      const [rows, taxonomy] = await Promise.all([
        services.gigs.skillsOf(missing),
        services.reference.taxonomy(),
      ]);
      const special = new Set(taxonomy.filter((s) => s.specialOperation).map((s) => s.code));
      return queries.map(({ obj }) =>
        (obj.preloaded?.skillCodes ?? rows.filter((r) => r.gigId === obj.id).map((r) => r.skillCode)).some(
          (code) => special.has(code),
        ),
      );
    },
    region: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
  },
};
