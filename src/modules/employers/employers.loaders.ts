import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import type { AccountRecord } from '../accounts/accounts.repository.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { EmployerRecord } from './employers.repository.js';

export const employersLoaders: ModuleLoaders = {
  Employer: {
    region: (queries: LoaderQuery<EmployerRecord>[], context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
  },
  Account: {
    async employer(queries: LoaderQuery<AccountRecord>[], { services }) {
      const ids = queries.map((q) => q.obj.id);
      const rows = await services.employers.byAccountIds(ids);
      return ids.map((id) => rows.find((e) => e.accountId === id) ?? null);
    },
  },
};
