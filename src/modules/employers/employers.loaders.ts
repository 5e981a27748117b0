import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import type { AccountRecord } from '../accounts/accounts.repository.js';
import type { EmployerRecord } from './employers.repository.js';

export const employersLoaders: ModuleLoaders = {
  Employer: {
    async region(queries: LoaderQuery<EmployerRecord>[], { services }) {
      const codes = queries.map((q) => q.obj.regionCode);
      const byCode = new Map(
        (await services.reference.regionsByCode([...new Set(codes)])).map((r) => [r.code, r]),
      );
      return codes.map((code) => byCode.get(code));
    },
  },
  Account: {
    async employer(queries: LoaderQuery<AccountRecord>[], { services }) {
      const ids = queries.map((q) => q.obj.id);
      const rows = await services.employers.byAccountIds(ids);
      return ids.map((id) => rows.find((e) => e.accountId === id) ?? null);
    },
  },
};
