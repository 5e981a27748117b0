import type { IResolvers } from 'mercurius';
import { requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { actorOf } from '../accounts/accounts.resolvers.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';

export const insuranceResolvers: IResolvers = {
  Mutation: {
    arrangeAccidentCover: (_root, { engagementId }, context) =>
      context.services.insurance.arrange(actorOf(context), requireUuid('engagementId', engagementId)),
  },
};

/** A page of gigs or hires costs one query for their cover, however many it holds. */
export const insuranceLoaders: ModuleLoaders = {
  Gig: {
    async accidentCover(queries: LoaderQuery<GigRecord>[], { services }) {
      const [covers, taxonomy] = await Promise.all([
        services.insurance.coverOfGigs(queries.map((q) => q.obj.id)),
        services.reference.taxonomy(),
      ]);
      const skillByCode = new Map(taxonomy.map((s) => [s.code, s]));
      return covers.map((cover) => ({
        ...cover,
        riskyTrades: cover.riskyTrades.flatMap((code) => skillByCode.get(code) ?? []),
      }));
    },
  },
  Engagement: {
    async accidentPolicies(queries: LoaderQuery<EngagementRecord>[], { services }) {
      const policies = await services.insurance.policiesOf(queries.map((q) => q.obj.id));
      return queries.map((q) => policies.filter((p) => p.engagementId === q.obj.id));
    },
  },
};
