import type { IResolvers } from 'mercurius';
import { AppError, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { actingFor } from '../hiring/hiring.resolvers.js';
import type { WorkerRecord } from '../workers/workers.repository.js';

export const smsResolvers: IResolvers = {
  Mutation: {
    /** The worker themself, or an operator for a walk-in worker of their station (as other worker operations). */
    async setSmsOffers(_root, { workerId, enabled }, context) {
      const actor = await actingFor(context, workerId);
      return context.services.sms.setSmsOffers(actor.workerId, enabled, actor.actedBy);
    },
  },
  Worker: {
    // @auth lets operators in by role; of them, only those who may act for the worker see it.
    async smsOffers(worker: WorkerRecord, _args, context) {
      const { viewer } = context;
      if (
        viewer?.kind === 'account' &&
        viewer.role === 'STATION_OPERATOR' &&
        !(await context.services.stations.mayActFor(viewer.accountId, worker.id))
      ) {
        throw new AppError(ErrorCode.FORBIDDEN, text('sms:stationOfWorkerOnly'), { workerId: worker.id });
      }
      return worker.smsOffers;
    },
  },
};
