import type { MercuriusLoaders } from 'mercurius';

export const referenceLoaders: MercuriusLoaders = {
  Region: {
    async minHourlyWageFen(queries, { services }) {
      const wages = await services.reference.minimumWagesToday(queries.map(({ obj }) => obj.code as string));
      return queries.map(({ obj }) => wages.get(obj.code as string) ?? null);
    },
  },
};
