import type { IResolvers, MercuriusContext } from 'mercurius';
import { AppError, badInput, ErrorCode, notFound, requireUuid } from '../../errors.js';
import type { OfferStatus } from '../../graphql/generated.js';
import { text } from '../../i18n/text.js';
import { accountViewer } from '../accounts/accounts.resolvers.js';
import { callerEmployerId, gigSearchInput } from '../gigs/gigs.resolvers.js';
import { callerWorkerId } from '../workers/workers.resolvers.js';
import type { OfferRecord } from './hiring.repository.js';

/**
 * Whom a worker operation is for: the calling worker, or the walk-in worker a station operator
 * names (registered at a station they operate); `actedBy` records the operator.
 */
export async function actingFor(
  context: MercuriusContext,
  workerId: string | null | undefined,
): Promise<{ workerId: string; actedBy: string | null }> {
  const viewer = accountViewer(context);
  if (viewer.role !== 'STATION_OPERATOR') return { workerId: callerWorkerId(context), actedBy: null };
  if (!workerId) throw badInput('workerId', text('hiring:nameWalkIn'));
  const id = requireUuid('workerId', workerId);
  if (!(await context.services.stations.mayActFor(viewer.accountId, id))) {
    throw new AppError(ErrorCode.FORBIDDEN, text('hiring:notYourStation'), {
      workerId: id,
    });
  }
  return { workerId: id, actedBy: viewer.accountId };
}

/** For an offer: the operator acts for the worker the offer went to. */
async function actingForOffer(context: MercuriusContext, offerId: string) {
  const viewer = accountViewer(context);
  if (viewer.role !== 'STATION_OPERATOR') return { workerId: callerWorkerId(context), actedBy: null };
  const owner = await context.services.hiring.offerWorker(offerId);
  if (!owner) throw notFound('offer', offerId);
  return actingFor(context, owner);
}

/** A pending offer past its time is expired, even before the sweeper has marked it. */
const offerStatus = (offer: OfferRecord, context: MercuriusContext) =>
  offer.status === 'PENDING' && offer.expiresAt <= context.request.server.clock.now()
    ? 'EXPIRED'
    : offer.status;

export const hiringResolvers: IResolvers = {
  Query: {
    gigCandidates: (_root, { gigId, first }, context) =>
      context.services.hiring.candidates(callerEmployerId(context), requireUuid('gigId', gigId), first ?? 20),
    gigOffers: (_root, { gigId }, context) =>
      context.services.hiring.offersOfGig(callerEmployerId(context), requireUuid('gigId', gigId)),
    gigApplications: (_root, { gigId }, context) =>
      context.services.hiring.applicationsOfGig(callerEmployerId(context), requireUuid('gigId', gigId)),
    myOffers: async (_root, { status, workerId }, context) =>
      context.services.hiring.offersOfWorker(
        (await actingFor(context, workerId)).workerId,
        (status as OfferStatus | null) ?? null,
      ),
    myEngagements: async (_root, { workerId }, context) => {
      const viewer = accountViewer(context);
      return viewer.employerId
        ? context.services.hiring.engagementsOfEmployer(viewer.employerId)
        : context.services.hiring.engagementsOfWorker((await actingFor(context, workerId)).workerId);
    },
    myRoster: (_root, _args, context) => context.services.hiring.roster(callerEmployerId(context)),
    myCrews: (_root, _args, context) => context.services.crews.ofWorker(callerWorkerId(context)),
    mySavedSearches: (_root, _args, context) =>
      context.services.savedSearches.ofWorker(callerWorkerId(context)),
  },
  Mutation: {
    async acceptOffer(_root, { offerId }, context) {
      const id = requireUuid('offerId', offerId);
      const { workerId, actedBy } = await actingForOffer(context, id);
      return context.services.hiring.acceptOffer(workerId, id, actedBy);
    },
    async declineOffer(_root, { offerId }, context) {
      const id = requireUuid('offerId', offerId);
      const { workerId, actedBy } = await actingForOffer(context, id);
      return context.services.hiring.declineOffer(workerId, id, actedBy);
    },
    async applyToGig(_root, { gigId, workerId }, context) {
      const actor = await actingFor(context, workerId);
      return context.services.hiring.apply(actor.workerId, requireUuid('gigId', gigId), actor.actedBy);
    },
    decideApplication: (_root, { applicationId, accept }, context) =>
      context.services.hiring.decideApplication(
        callerEmployerId(context),
        requireUuid('applicationId', applicationId),
        accept,
      ),
    addToRoster: (_root, { workerId }, context) =>
      context.services.hiring.addToRoster(callerEmployerId(context), requireUuid('workerId', workerId)),
    removeFromRoster: (_root, { workerId }, context) =>
      context.services.hiring.removeFromRoster(callerEmployerId(context), requireUuid('workerId', workerId)),
    createCrew: (_root, { name }, context) => context.services.crews.create(callerWorkerId(context), name),
    inviteToCrew: (_root, { crewId, workerId }, context) =>
      context.services.crews.invite(
        callerWorkerId(context),
        requireUuid('crewId', crewId),
        requireUuid('workerId', workerId),
      ),
    joinCrew: (_root, { crewId }, context) =>
      context.services.crews.join(callerWorkerId(context), requireUuid('crewId', crewId)),
    leaveCrew: (_root, { crewId }, context) =>
      context.services.crews.leave(callerWorkerId(context), requireUuid('crewId', crewId)),
    offerGigToCrew: (_root, { gigId, crewId }, context) =>
      context.services.hiring.offerToCrew(
        callerEmployerId(context),
        requireUuid('gigId', gigId),
        requireUuid('crewId', crewId),
      ),
    acceptCrewOffer: (_root, { offerId, memberIds }, context) =>
      context.services.hiring.acceptCrewOffer(
        callerWorkerId(context),
        requireUuid('offerId', offerId),
        memberIds.map((id, i) => requireUuid(`memberIds[${i}]`, id)),
      ),
    saveSearch: (_root, { name, search }, context) =>
      context.services.savedSearches.save(callerWorkerId(context), name, gigSearchInput(search)),
    deleteSavedSearch: (_root, { id }, context) =>
      context.services.savedSearches.remove(callerWorkerId(context), requireUuid('id', id)),
  },
  Offer: {
    status: (offer, _args, context) => offerStatus(offer, context),
    // The worker sees their own distance, from the exact home; anyone else (the employer, an
    // operator answering for a walk-in worker, an admin) the one from the worker's cell.
    distanceKm: (offer, _args, context) =>
      context.viewer?.kind === 'account' && context.viewer.workerId === offer.workerId
        ? offer.distanceKm
        : offer.shownDistanceKm,
    // The public score for everyone: the whole score, with its priority lift, stays inside.
    score: (offer) => offer.shownScore,
  },
};
