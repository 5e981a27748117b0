import type { MercuriusContext } from 'mercurius';
import { AppError, ErrorCode } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { text } from '../../i18n/text.js';
import type { CrewRecord } from './crews.repository.js';
import type { ApplicationRecord, EngagementRecord, OfferRecord } from './hiring.repository.js';
import type { CandidateMatch } from './matching.js';

type WithGigAndWorker = { gigId: string; workerId: string };

/** Records by id, in the order asked (missing ones as null): one query for the whole list. */
async function inOrder<T extends { id: string }>(
  ids: readonly (string | null)[],
  read: (ids: string[]) => Promise<T[]>,
): Promise<(T | null)[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const byId = new Map((await read(wanted)).map((row) => [row.id, row]));
  return ids.map((id) => (id === null ? null : (byId.get(id) ?? null)));
}

const gigOf = (queries: LoaderQuery<WithGigAndWorker>[], { services }: MercuriusContext) =>
  inOrder(
    queries.map((q) => q.obj.gigId),
    (ids) => services.gigs.byIds(ids),
  );
const workerOf = (queries: LoaderQuery<{ workerId: string }>[], { services }: MercuriusContext) =>
  inOrder(
    queries.map((q) => q.obj.workerId),
    (ids) => services.workers.byIds(ids),
  );
const crewOf = (queries: LoaderQuery<{ crewId: string | null }>[], { services }: MercuriusContext) =>
  inOrder(
    queries.map((q) => q.obj.crewId),
    (ids) => services.crews.byIds(ids),
  );

/** The workers of each crew in one membership status: two queries for a whole list of crews. */
const crewWorkers =
  (status: 'MEMBER' | 'INVITED') =>
  async (queries: LoaderQuery<CrewRecord>[], { services }: MercuriusContext) => {
    const ids = await services.crews.membersOf(
      queries.map((q) => q.obj.id),
      status,
    );
    const workers = new Map((await services.workers.byIds(ids.flat())).map((w) => [w.id, w]));
    return ids.map((list) => list.flatMap((id) => workers.get(id) ?? []));
  };

/** Offers, hires and applications name their gig and worker; a list of them costs one query each. */
export const hiringLoaders: ModuleLoaders = {
  Offer: { gig: gigOf, worker: workerOf, crew: crewOf } satisfies Record<
    string,
    (q: LoaderQuery<OfferRecord>[], c: MercuriusContext) => Promise<unknown[]>
  >,
  Engagement: { gig: gigOf, worker: workerOf, crew: crewOf } satisfies Record<
    string,
    (q: LoaderQuery<EngagementRecord>[], c: MercuriusContext) => Promise<unknown[]>
  >,
  Application: { gig: gigOf, worker: workerOf } satisfies Record<
    string,
    (q: LoaderQuery<ApplicationRecord>[], c: MercuriusContext) => Promise<unknown[]>
  >,
  Candidate: { worker: workerOf } satisfies Record<
    string,
    (q: LoaderQuery<CandidateMatch>[], c: MercuriusContext) => Promise<unknown[]>
  >,
  Crew: {
    leader: (queries: LoaderQuery<CrewRecord>[], context: MercuriusContext) =>
      workerOf(
        queries.map((q) => ({ obj: { workerId: q.obj.leaderWorkerId }, params: q.params })),
        context,
      ),
    members: crewWorkers('MEMBER'),
    /**
     * Invited is not joined: a worker the leader invited has agreed to nothing, so only the leader
     * (and the bureau) sees them; an employer offered the crew, or a member, is refused.
     */
    async invited(queries: LoaderQuery<CrewRecord>[], context: MercuriusContext) {
      const { viewer } = context;
      const mayRead = (crew: CrewRecord) =>
        viewer?.kind === 'account' && (viewer.role === 'ADMIN' || viewer.workerId === crew.leaderWorkerId);
      const shown = queries.filter((q) => mayRead(q.obj));
      const lists = shown.length > 0 ? await crewWorkers('INVITED')(shown, context) : [];
      return queries.map((q) =>
        mayRead(q.obj)
          ? lists[shown.indexOf(q)]
          : new AppError(ErrorCode.FORBIDDEN, text('hiring:crewInvitedLeaderOnly'), { crewId: q.obj.id }),
      );
    },
  },
};
