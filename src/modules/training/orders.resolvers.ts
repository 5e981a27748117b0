import type { IResolvers, MercuriusContext } from 'mercurius';
import { requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { accountViewer, actorOf } from '../accounts/accounts.resolvers.js';
import { callerEmployerId } from '../gigs/gigs.resolvers.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { TrainingOrderRecord } from './orders.repository.js';

type Queries = LoaderQuery<TrainingOrderRecord>[];

/** Who reads `trainingOrders`: an employer (its own), a provider (OPEN and its own), an admin (all). */
function orderReader(context: MercuriusContext) {
  const viewer = accountViewer(context);
  if (viewer.role === 'ADMIN') return { kind: 'bureau' } as const;
  if (viewer.role === 'TRAINING_PROVIDER') return { kind: 'provider', accountId: viewer.accountId } as const;
  return { kind: 'employer', employerId: callerEmployerId(context) } as const;
}

export const ordersResolvers: IResolvers = {
  Query: {
    trainingOrders: (_root, { status, regionCode }, context) =>
      context.services.trainingOrders.list(orderReader(context), { status, regionCode }),
  },
  Mutation: {
    placeTrainingOrder: (_root, { input }, context) =>
      context.services.trainingOrders.place(callerEmployerId(context), input),
    cancelTrainingOrder: (_root, { orderId }, context) =>
      context.services.trainingOrders.cancel(
        actorOf(context),
        callerEmployerId(context),
        requireUuid('orderId', orderId),
      ),
    takeTrainingOrder: (_root, { orderId }, context) =>
      context.services.trainingOrders.take(actorOf(context), requireUuid('orderId', orderId)),
  },
};

/** The relations of a page of orders: one query each, however many orders. */
export const ordersLoaders: ModuleLoaders = {
  TrainingOrder: {
    async skill(queries: Queries, { services }) {
      const taxonomy = await services.reference.taxonomy();
      return queries.map((q) => taxonomy.find((s) => s.code === q.obj.skillCode) ?? null);
    },
    async employer(queries: Queries, { services }) {
      const rows = await services.employers.byIds([...new Set(queries.map((q) => q.obj.employerId))]);
      return queries.map((q) => rows.find((e) => e.id === q.obj.employerId) ?? null);
    },
    region: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
    async provider(queries: Queries, { services }) {
      const ids = queries.flatMap((q) => (q.obj.providerId ? [q.obj.providerId] : []));
      const rows = await services.trainingOrders.providersByIds([...new Set(ids)]);
      return queries.map((q) => rows.find((p) => p.id === q.obj.providerId) ?? null);
    },
    async course(queries: Queries, { services }) {
      const ids = queries.flatMap((q) => (q.obj.courseId ? [q.obj.courseId] : []));
      const rows = await services.trainingOrders.coursesByIds([...new Set(ids)]);
      return queries.map((q) => rows.find((c) => c.id === q.obj.courseId) ?? null);
    },
    async progress(queries: Queries, { services }) {
      const progress = await services.trainingOrders.progress(queries.map((q) => q.obj.id));
      return queries.map((q) => progress.get(q.obj.id) ?? { enrolled: 0, passed: 0, failed: 0, onRoster: 0 });
    },
  },
};
