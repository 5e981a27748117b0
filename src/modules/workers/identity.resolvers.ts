import type { IResolvers } from 'mercurius';
import { requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { actorOf } from '../accounts/accounts.resolvers.js';
import type { WorkerRecord } from './workers.repository.js';
import { callerWorkerId } from './workers.resolvers.js';

/** Real-name verification (实名): in person at a station, or by the identity service. */
export const identityResolvers: IResolvers = {
  Mutation: {
    async verifyWorkerIdentity(_root, { workerId, idNumber, name, stationId }, context) {
      const actor = actorOf(context);
      const named = stationId ? requireUuid('stationId', stationId) : null;
      // An admin may verify at the bureau (no station); an operator does it at their station.
      const station =
        actor.role === 'ADMIN' && !named
          ? null
          : await context.services.stations.stationForWalkIn(actor, named);
      return context.services.identity.verifyInPerson(actor, {
        workerId: requireUuid('workerId', workerId),
        idNumber,
        name,
        stationId: station?.id ?? null,
      });
    },
    verifyMyIdentity: (_root, _args, context) =>
      context.services.identity.verifyByService(actorOf(context), callerWorkerId(context)),
  },
};

export const identityLoaders: ModuleLoaders = {
  Worker: {
    async identityVerifiedAtStation(queries: LoaderQuery<WorkerRecord>[], { services }) {
      const ids = queries.map((q) => q.obj.identityVerifiedAtStationId);
      const rows = await services.stations.byIds([...new Set(ids.filter((id): id is string => id !== null))]);
      return ids.map((id) => rows.find((s) => s.id === id) ?? null);
    },
  },
};
