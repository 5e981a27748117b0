import type { IResolvers } from 'mercurius';
import { requireUuid } from '../../errors.js';
import { actorOf, answerSession } from '../accounts/accounts.resolvers.js';

export const employersResolvers: IResolvers = {
  Query: {
    employers: (_root, { verified }, { services }) => services.employers.list({ verified }),
  },
  Mutation: {
    async registerEmployer(_root, { input }, context) {
      const { account } = await context.services.employers.register(input, { by: 'self' });
      return answerSession(context, await context.services.accounts.issueSession(account));
    },
    verifyEmployer: (_root, { employerId }, context) =>
      context.services.employers.verify(requireUuid('employerId', employerId), actorOf(context)),
  },
  Employer: {
    verified: (employer) => Boolean(employer.verifiedAt),
  },
};
