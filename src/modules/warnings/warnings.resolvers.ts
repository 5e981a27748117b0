import type { IResolvers } from 'mercurius';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { WarningView } from './warnings.service.js';

type Queries = LoaderQuery<WarningView>[];

/** 规模性失业风险预警 for admins (the indicators and the rule are in warnings.service.ts and level.ts). */
export const warningsResolvers: IResolvers = {
  Query: {
    countyWarnings: (_root, { regionCode, day }, { services }) =>
      services.warnings.countyWarnings(regionCode, day),
    countyWarningHistory: (_root, { regionCode, from, to }, { services }) =>
      services.warnings.countyWarningHistory(regionCode, from, to),
  },
};

/** A reading's county and the employer behind a mass cancellation, batched per request. */
export const warningsLoaders: ModuleLoaders = {
  CountyWarning: {
    region: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
    async massCancelEmployer(queries: Queries, { services }) {
      const ids = queries.flatMap((q) => (q.obj.massCancelEmployerId ? [q.obj.massCancelEmployerId] : []));
      if (ids.length === 0) return queries.map(() => null);
      const rows = await services.employers.byIds([...new Set(ids)]);
      return queries.map((q) => rows.find((e) => e.id === q.obj.massCancelEmployerId) ?? null);
    },
  },
};
