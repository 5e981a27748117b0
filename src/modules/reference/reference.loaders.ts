import type { MercuriusContext } from 'mercurius';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import type { MinimumWageRecord, RegionRecord } from './reference.repository.js';

/** The regions for a batch of codes, in the same order; null where a code is null or unknown. */
export async function regionsInOrder(codes: (string | null)[], { services }: MercuriusContext) {
  const tree = await services.reference.regionTree();
  return codes.map((code) => (code ? (tree.get(code) ?? null) : null));
}

export const referenceLoaders: ModuleLoaders = {
  Region: {
    async minHourlyWageFen(queries: LoaderQuery<RegionRecord>[], { services }) {
      const wages = await services.reference.minimumWagesToday(queries.map((q) => q.obj.code));
      return queries.map((q) => wages.get(q.obj.code) ?? null);
    },
  },
  MinimumWage: {
    region: (queries: LoaderQuery<MinimumWageRecord>[], context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
  },
};
