import type { IResolvers } from 'mercurius';
import { accountViewer, actorOf } from '../accounts/accounts.resolvers.js';

export const privacyResolvers: IResolvers = {
  Query: {
    privacyNotice: (_root, _args, { services }) => services.privacy.notice(),
    exportMyData: (_root, _args, context) =>
      context.services.privacy.exportFor(accountViewer(context).accountId),
  },
  Mutation: {
    deleteMyAccount: (_root, { password }, context) =>
      context.services.privacy.deleteAccount(actorOf(context), password),
  },
};
