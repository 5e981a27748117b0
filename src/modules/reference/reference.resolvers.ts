import type { IResolvers } from 'mercurius';

export const referenceResolvers: IResolvers = {
  Query: {
    skills: (_root, args, { services }) => services.reference.skills(args),
    regions: (_root, args, { services }) => services.reference.regions(args.parentCode),
    region: (_root, args, { services }) => services.reference.region(args.code),
  },
};
