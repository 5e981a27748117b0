import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { GigRecord } from './gigs.repository.js';

type Queries = LoaderQuery<GigRecord>[];

/** A page of gigs costs one query per relation, however many gigs it holds. */
export const gigsLoaders: ModuleLoaders = {
  Gig: {
    async employer(queries: Queries, { services }) {
      const rows = await services.employers.byIds([...new Set(queries.map((q) => q.obj.employerId))]);
      const byId = new Map(rows.map((e) => [e.id, e]));
      return queries.map((q) => byId.get(q.obj.employerId));
    },
    async skills(queries: Queries, { services }) {
      const ids = queries.map((q) => q.obj.id);
      const [rows, taxonomy] = await Promise.all([
        services.gigs.skillsOf(ids),
        services.reference.taxonomy(),
      ]);
      const skillByCode = new Map(taxonomy.map((s) => [s.code, s]));
      return ids.map((id) =>
        rows.filter((r) => r.gigId === id).flatMap((r) => skillByCode.get(r.skillCode) ?? []),
      );
    },
    region: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
  },
};
