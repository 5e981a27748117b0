import type { IResolvers, MercuriusContext } from 'mercurius';
import { AppError, ErrorCode, requireUuid } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { accountViewer } from '../accounts/accounts.resolvers.js';
import { asksOnlyForCards } from './gig-cards.js';

/** The employer profile of the caller; other accounts are refused. */
export function callerEmployerId(context: MercuriusContext): string {
  const viewer = accountViewer(context);
  if (!viewer.employerId) {
    throw new AppError(ErrorCode.FORBIDDEN, text('gigs:employerOnly'), {
      role: viewer.role,
    });
  }
  return viewer.employerId;
}

const toDate = (value: Date | string | null | undefined) => (value == null ? null : new Date(value));

/** A `GigSearch` argument as the search services take it (its dates parsed). */
export const gigSearchInput = <T extends { startsAfter?: unknown; startsBefore?: unknown }>(search: T) => ({
  ...search,
  startsAfter: toDate(search.startsAfter as Date | string | null | undefined),
  startsBefore: toDate(search.startsBefore as Date | string | null | undefined),
});

export const gigsResolvers: IResolvers = {
  Query: {
    gig: async (_root, { id }, { services }) =>
      (await services.gigs.byIds([requireUuid('id', id)]))[0] ?? null,
    gigs: (_root, { search, first, after }, context, info) =>
      context.services.gigSearch.find(
        search && gigSearchInput(search),
        { first, after },
        { cards: asksOnlyForCards(info), locale: context.locale },
      ),
    myGigs: (_root, _args, context) => context.services.gigs.byEmployer(callerEmployerId(context)),
  },
  Mutation: {
    postGig: (_root, { input }, context) =>
      context.services.gigs.post(callerEmployerId(context), {
        ...input,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
      }),
    // The id as given: the service checks it with the reason, naming both in one answer.
    cancelGig: (_root, { gigId, reason }, context) =>
      context.services.gigs.cancel(callerEmployerId(context), gigId, reason),
  },
  Gig: {
    location: (gig) => ({ lat: gig.lat, lng: gig.lng }),
  },
};
