import type { IResolvers } from 'mercurius';

/** 急需紧缺: the report for admins (the rules and figures are in shortage.service.ts). */
export const shortageResolvers: IResolvers = {
  Query: {
    shortageReport: (_root, { regionCode, from, to }, { services }) =>
      services.shortage.shortageReport(regionCode, from, to),
  },
};
