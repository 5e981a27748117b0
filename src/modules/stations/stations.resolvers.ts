import type { IResolvers, MercuriusContext } from 'mercurius';
import { badInput, requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { text } from '../../i18n/text.js';
import { accountViewer, actorOf, localeFromGraphQL } from '../accounts/accounts.resolvers.js';
import { gigSearchInput } from '../gigs/gigs.resolvers.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import type { StationRecord } from './stations.service.js';

/** A kiosk sees its own station's board; operators and admins name the station. */
export function boardStation(context: MercuriusContext, stationId: string | null | undefined): string {
  const { viewer } = context;
  if (viewer?.kind === 'kiosk') return viewer.stationId;
  if (!stationId) throw badInput('stationId', text('stations:whichBoard'));
  return requireUuid('stationId', stationId);
}

export const stationsResolvers: IResolvers = {
  Query: {
    async stationBoard(_root, { search, first, after, stationId }, context) {
      const id = boardStation(context, stationId);
      if (context.viewer?.kind === 'account')
        await context.services.stations.requireStaffOf(context.viewer, id);
      return context.services.stations.board(id, search && gigSearchInput(search), { first, after });
    },
    stations: (_root, _args, context) => context.services.stations.visibleTo(accountViewer(context)),
    kioskTokens: (_root, { stationId }, context) =>
      context.services.stations.tokensOf(accountViewer(context), requireUuid('stationId', stationId)),
  },
  Mutation: {
    createStation: (_root, { input }, context) => context.services.stations.create(input),
    assignStationOperator: (_root, { stationId, accountId }, context) =>
      context.services.stations.assignOperator(
        actorOf(context),
        requireUuid('stationId', stationId),
        requireUuid('accountId', accountId),
      ),
    issueKioskToken: (_root, { stationId, label }, context) =>
      context.services.stations.issueToken(actorOf(context), requireUuid('stationId', stationId), label),
    revokeKioskToken: (_root, { id }, context) =>
      context.services.stations.revokeToken(actorOf(context), requireUuid('id', id)),
    // The operator has the ID card in hand: the worker is verified in person at once.
    async registerWalkInWorker(_root, { input, stationId }, context) {
      const actor = actorOf(context);
      const station = await context.services.stations.stationForWalkIn(
        actor,
        stationId ? requireUuid('stationId', stationId) : null,
      );
      // The operator saw the person: no code; the phone stays unverified until the worker proves it.
      const { worker } = await context.services.workers.register(
        { ...input, locale: localeFromGraphQL(input.locale) },
        {
          by: 'operator',
          registeredBy: actor.accountId,
          stationId: station.id,
          verifiedBy: actor,
        },
      );
      return worker;
    },
  },
  Station: {
    location: (station: StationRecord) => ({ lat: station.lat, lng: station.lng }),
    operators: (station: StationRecord, _args, context) => context.services.stations.operatorsOf(station.id),
  },
};

export const stationsLoaders: ModuleLoaders = {
  Station: {
    region: (queries: LoaderQuery<StationRecord>[], context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
  },
  KioskToken: {
    async station(queries: LoaderQuery<{ stationId: string }>[], { services }) {
      const rows = await services.stations.byIds([...new Set(queries.map((q) => q.obj.stationId))]);
      return queries.map((q) => rows.find((s) => s.id === q.obj.stationId) ?? null);
    },
  },
};
