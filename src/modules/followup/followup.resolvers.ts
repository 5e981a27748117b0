import type { IResolvers } from 'mercurius';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { actorOf } from '../accounts/accounts.resolvers.js';
import { callerWorkerId } from '../workers/workers.resolvers.js';
import type { FollowUpContactRecord } from './followup.repository.js';
import type { FollowUpEntryView } from './list.service.js';

export const followUpResolvers: IResolvers = {
  Query: {
    followUpList: (_root, args, context) => context.services.followUp.list(actorOf(context), args),
    followUpCounts: (_root, { regionCode }, context) => context.services.followUp.countsByStation(regionCode),
    followUpIdleDays: (_root, { regionCode }, context) => context.services.followUp.idleDays(regionCode),
  },
  Mutation: {
    setFollowUpIdleDays: (_root, { regionCode, days }, context) =>
      context.services.followUp.setIdleDays(actorOf(context), regionCode, days ?? null),
    recordFollowUp: (_root, { input }, context) =>
      context.services.followUp.recordContact(actorOf(context), input),
    askForHelp: (_root, { note }, context) =>
      context.services.followUp.askForHelp(callerWorkerId(context), note),
  },
  FollowUpContact: {
    recordedById: (contact: FollowUpContactRecord) => contact.recordedByAccountId,
  },
};

export const followUpLoaders: ModuleLoaders = {
  FollowUpEntry: {
    /** The latest contact of the spell, one query for the whole list. */
    async lastContact(queries: LoaderQuery<FollowUpEntryView>[], { services }) {
      const ids = queries.flatMap((q) => q.obj.lastContactId ?? []);
      const byId = new Map((await services.followUp.contactsByIds(ids)).map((c) => [c.id, c]));
      return queries.map((q) => (q.obj.lastContactId ? (byId.get(q.obj.lastContactId) ?? null) : null));
    },
  },
};
