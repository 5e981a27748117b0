import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { pipelined } from '../../db/pipelined.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import { notQualified } from '../workers/certificates.service.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { ApplicationRecord, ApplicationsRepository } from './applications.repository.js';
import type { EngagementsRepository } from './engagements.repository.js';
import {
  gigFilled,
  gigStatusWord,
  type HireStep,
  hireRefused,
  type Shortfalls,
  workerSuspended,
} from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { Notices } from './notices.js';
import type { ClosedOffer } from './offers.repository.js';
import type { Waves } from './waves.js';

/**
 * Listed-gig hiring: a worker applies (if the gig's trade qualification lets them: docs/skills.md),
 * the employer accepts (a hire under the same rules as an offer) or rejects; either answer is idempotent.
 */
export function createApplications(deps: {
  db: Database;
  applications: ApplicationsRepository;
  engagements: Pick<EngagementsRepository, 'hasOverlap' | 'holdWorkers'>;
  workers: Pick<WorkersRepository, 'erased' | 'suspended'>;
  gigs: Pick<GigsRepository, 'byIds' | 'lock'>;
  hire: HireStep;
  shortfalls: Shortfalls;
  waves: Pick<Waves, 'releaseOverlapping'>;
  clock: Clock;
  notify: Notify;
  notices: Notices;
  metrics: HiringMetrics;
  boards: (gigIds: readonly string[]) => void;
}) {
  const { db, applications, engagements, clock, notices, metrics, hire } = deps;

  return {
    /** A worker applies to a listed gig: once, and not while hired elsewhere at that time. */
    async apply(workerId: string, gigId: string, actedBy: string | null = null): Promise<ApplicationRecord> {
      const [gig] = await deps.gigs.byIds([gigId]);
      if (!gig) throw notFound('gig', gigId);
      if (gig.status !== 'OPEN' || gig.startsAt <= clock.now()) {
        throw badInput('gigId', text('hiring:applyClosed', { status: gigStatusWord(gig.status) }), {
          status: gig.status,
        });
      }
      // A special-operation trade needs a valid 特种作业操作证, a minimum level that level: an
      // application the employer could never accept is refused now (the hire step checks again).
      const shortfall = (await deps.shortfalls(gig.id, [workerId])).get(workerId);
      if (shortfall) throw notQualified(workerId, shortfall);
      if (await engagements.hasOverlap(workerId, gig)) {
        throw new AppError(ErrorCode.SCHEDULE_CONFLICT, text('hiring:applyOverlaps'));
      }
      try {
        const application = await db.transaction(async (tx) => {
          // Under the worker's hiring key, which their erasure takes first: an application racing
          // it is written before (and withdrawn by it) or refused after, never left waiting.
          await engagements.holdWorkers([workerId], tx);
          // A suspended worker takes no gig: an operator cannot apply for them either.
          const [erased, suspended] = await pipelined([
            deps.workers.erased(workerId, tx),
            deps.workers.suspended([workerId], tx),
          ] as const);
          if (erased) throw notFound('worker', workerId);
          if (suspended.has(workerId)) throw workerSuspended({ workerId });
          return applications.insert(
            {
              gigId,
              workerId,
              createdAt: clock.now(),
              actedByAccountId: actedBy,
            },
            tx,
          );
        });
        deps.notify(rooms.employer(gig.employerId), 'application:new', {
          applicationId: application.id,
          gigId,
        });
        return application;
      } catch (error) {
        if (uniqueViolation(error) === 'applications_one_per_worker') {
          throw badInput('gigId', text('hiring:alreadyApplied'));
        }
        throw error;
      }
    },

    /** The employer answers an application; accepting hires under the same rules as an offer. */
    async decideApplication(
      employerId: string,
      applicationId: string,
      accept: boolean,
    ): Promise<ApplicationRecord> {
      const found = await applications.byId(applicationId);
      if (!found) throw notFound('application', applicationId);
      const parties = await hire.partiesOf(found.gigId, [found.workerId]);
      let outcome: {
        application: ApplicationRecord;
        gig: GigRecord;
        withdrawn: ClosedOffer[];
        hired: boolean;
      };
      try {
        outcome = await db.transaction(async (tx) => {
          // The worker's hiring key before any row (engagements.holdWorkers): an erasure of the
          // worker holds it from its start, so this runs wholly before it (the hire then called
          // off) or after it (the application withdrawn by then, refused below).
          const [, gig, application] = await pipelined([
            engagements.holdWorkers([found.workerId], tx),
            deps.gigs.lock(found.gigId, tx),
            applications.lock(applicationId, tx),
          ] as const);
          if (!gig || !application || gig.employerId !== employerId)
            throw notFound('application', applicationId);
          const wanted = accept ? 'ACCEPTED' : 'REJECTED';
          if (application.status === wanted) return { application, gig, withdrawn: [], hired: false };
          if (application.status !== 'APPLIED') {
            throw badInput(
              'applicationId',
              text('hiring:applicationDecided', {
                status: text(`hiring:applicationStatus.${application.status}`),
              }),
              { status: application.status },
            );
          }
          if (!accept) {
            const rejected = await applications.decide(applicationId, 'REJECTED', clock.now(), tx);
            return { application: rejected, gig, withdrawn: [], hired: false };
          }
          if (gig.status === 'FILLED' || gig.filled >= gig.headcount) throw gigFilled(gig);
          if (gig.status !== 'OPEN' || gig.startsAt <= clock.now()) {
            throw badInput(
              'applicationId',
              text('hiring:decideGigClosed', { status: gigStatusWord(gig.status) }),
            );
          }
          const hired = await hire.hire(gig, application.workerId, parties, { applicationId }, tx);
          const decided = await applications.decide(applicationId, 'ACCEPTED', clock.now(), tx);
          return {
            application: decided,
            gig: hired.gig,
            withdrawn: await hire.withdrawIfFilled(hired.gig, null, tx),
            hired: true,
          };
        });
      } catch (error) {
        hireRefused(error);
      }
      const { application, gig } = outcome;
      deps.notify(rooms.worker(application.workerId), 'application:decided', {
        applicationId,
        gigId: gig.id,
        status: application.status,
      });
      if (outcome.hired) {
        metrics.offers('withdrawn', outcome.withdrawn.length);
        for (const closed of outcome.withdrawn) notices.closed(closed);
        notices.employer(gig, { hired: application.workerId });
        deps.boards([gig.id]);
        await deps.waves.releaseOverlapping(application.workerId, gig);
      }
      return application;
    },

    async applicationsOfGig(employerId: string, gigId: string): Promise<ApplicationRecord[]> {
      await hire.ownGig(employerId, gigId);
      return applications.ofGig(gigId);
    },
  };
}
