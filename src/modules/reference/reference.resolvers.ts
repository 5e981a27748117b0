import type { IResolvers } from 'mercurius';
import { actorOf } from '../accounts/accounts.resolvers.js';

export const referenceResolvers: IResolvers = {
  Query: {
    skills: (_root, args, { services }) => services.reference.skills(args),
    regions: (_root, args, { services }) => services.reference.regions(args.parentCode),
    region: (_root, args, { services }) => services.reference.region(args.code),
    minimumWages: (_root, { regionCode }, { services }) => services.reference.wageHistory(regionCode),
  },
  Mutation: {
    setMinimumWage: (_root, args, context) =>
      context.services.reference.setMinimumWage(args, actorOf(context)),
  },
};
