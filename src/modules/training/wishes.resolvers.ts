import type { IResolvers, MercuriusContext } from 'mercurius';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { accountViewer } from '../accounts/accounts.resolvers.js';
import { actingFor } from '../hiring/hiring.resolvers.js';
import type { TrainingWishRecord } from './wishes.repository.js';
import type { WishesBy } from './wishes.service.js';

/** The worker's own wishes, or (an operator naming a walk-in of their station) the operator's. */
async function wishesFor(context: MercuriusContext, workerId: string | null | undefined) {
  const acting = await actingFor(context, workerId);
  const by: WishesBy = acting.actedBy
    ? { source: 'OPERATOR', accountId: acting.actedBy }
    : { source: 'SELF', accountId: accountViewer(context).accountId };
  return { workerId: acting.workerId, by };
}

export const wishesResolvers: IResolvers = {
  Query: {
    myTrainingWishes: async (_root, { workerId }, context) =>
      context.services.trainingWishes.ofWorker((await wishesFor(context, workerId)).workerId),
  },
  Mutation: {
    async setMyTrainingWishes(_root, { skillCodes, workerId }, context) {
      const whose = await wishesFor(context, workerId);
      return context.services.trainingWishes.set(whose.workerId, skillCodes, whose.by);
    },
  },
};

export const wishesLoaders: ModuleLoaders = {
  TrainingWish: {
    async skill(queries: LoaderQuery<TrainingWishRecord>[], { services }) {
      const taxonomy = await services.reference.taxonomy();
      return queries.map((q) => taxonomy.find((s) => s.code === q.obj.skillCode) ?? null);
    },
  },
};
