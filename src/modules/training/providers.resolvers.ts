import type { IResolvers } from 'mercurius';
import { requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { accountViewer, actorOf, answerSession, localeFromGraphQL } from '../accounts/accounts.resolvers.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { TrainingProviderRecord } from './providers.repository.js';

export const providersResolvers: IResolvers = {
  Query: {
    myTrainingProvider: (_root, _args, context) =>
      context.services.trainingProviders.ofAccount(accountViewer(context).accountId),
    trainingProviders: (_root, { verified }, { services }) => services.trainingProviders.list({ verified }),
  },
  Mutation: {
    async registerTrainingProvider(_root, { input }, context) {
      const { account } = await context.services.trainingProviders.register(
        { ...input, locale: localeFromGraphQL(input.locale) },
        { by: 'self' },
      );
      return answerSession(context, await context.services.accounts.issueSession(account));
    },
    verifyTrainingProvider: (_root, { providerId }, context) =>
      context.services.trainingProviders.verify(requireUuid('providerId', providerId), actorOf(context)),
  },
  TrainingProvider: {
    verified: (provider) => Boolean(provider.verifiedAt),
    location: (provider) => ({ lat: provider.lat, lng: provider.lng }),
  },
};

export const providersLoaders: ModuleLoaders = {
  TrainingProvider: {
    region: (queries: LoaderQuery<TrainingProviderRecord>[], context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
  },
};
