import type { IResolvers, MercuriusContext } from 'mercurius';
import { AppError, ErrorCode, requireUuid } from '../../errors.js';
import type { PriorityGroup } from '../../graphql/generated.js';
import { accountViewer, answerSession } from '../accounts/accounts.resolvers.js';
import { notePrivateRead } from '../audit/private-reads.js';
import { ageOn } from '../registry/id-number.js';
import type { WorkerRecord } from './workers.repository.js';

const OLDER_WORKER_AGE = 45;

/** The worker profile of the caller; other accounts are refused. */
export function callerWorkerId(context: MercuriusContext): string {
  const viewer = accountViewer(context);
  if (!viewer.workerId) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Only a worker can do this for themselves.', {
      role: viewer.role,
    });
  }
  return viewer.workerId;
}

const ageOf = (worker: WorkerRecord, context: MercuriusContext) =>
  ageOn(worker.birthDate, context.request.server.clock.now());

export const workersResolvers: IResolvers = {
  Query: {
    worker: async (_root, { id }, { services }) =>
      (await services.workers.byIds([requireUuid('id', id)]))[0] ?? null,
  },
  Mutation: {
    async registerWorker(_root, { input }, context) {
      const { account } = await context.services.workers.register(input, { by: 'self' });
      return answerSession(context, await context.services.accounts.issueSession(account));
    },
    setAvailability: (_root, { windows }, context) =>
      context.services.workers.setAvailability(
        callerWorkerId(context),
        windows.map((w) => ({ startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) })),
      ),
  },
  Worker: {
    age: (worker, _args, context) => ageOf(worker, context),
    location: (worker, _args, context) => {
      notePrivateRead(context, { workerId: worker.id }, 'location');
      return { lat: worker.lat, lng: worker.lng };
    },
    // Older-worker status follows from age; the others are declared at registration.
    priorityGroups: (worker, _args, context) => {
      notePrivateRead(context, { workerId: worker.id }, 'priorityGroups');
      const declared = worker.priorityGroups as PriorityGroup[];
      return ageOf(worker, context) >= OLDER_WORKER_AGE && !declared.includes('OLDER_WORKER')
        ? [...declared, 'OLDER_WORKER']
        : declared;
    },
  },
};
