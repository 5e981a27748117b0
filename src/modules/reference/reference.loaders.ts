import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import type { MinimumWageRecord, RegionRecord } from './reference.repository.js';

export const referenceLoaders: ModuleLoaders = {
  Region: {
    async minHourlyWageFen(queries: LoaderQuery<RegionRecord>[], { services }) {
      const wages = await services.reference.minimumWagesToday(queries.map((q) => q.obj.code));
      return queries.map((q) => wages.get(q.obj.code) ?? null);
    },
  },
  MinimumWage: {
    async region(queries: LoaderQuery<MinimumWageRecord>[], { services }) {
      const codes = queries.map((q) => q.obj.regionCode);
      const byCode = new Map(
        (await services.reference.regionsByCode([...new Set(codes)])).map((r) => [r.code, r]),
      );
      return codes.map((code) => byCode.get(code));
    },
  },
};
