import type { Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { badInput, createProblems, uuidAmong } from '../../errors.js';
import { DEFAULT_LOCALE } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { rooms } from '../../realtime/rooms.js';
import type { AccountViewer, Actor } from '../accounts/viewer.js';
import type { GigUpdated } from '../gigs/gigs.events.js';
import { gigUpdate } from '../gigs/gigs.service.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { createAttendanceService } from './attendance.service.js';
import { createCheckInService } from './check-in.service.js';
import { createPaymentsService } from './payments.service.js';
import { reliabilityOf } from './reliability.js';
import { createWorkContext, MINUTE, type Tell, type WorkDeps } from './work.context.js';
import type { RatingNew } from './work.events.js';

export type { Side, WorkSettings } from './work.context.js';

/** What an employer reads as the reason of a hire called off by the worker's erasure (kept in the market's language). */
export const ERASED_REASON = render(text('work:erasedReason'), DEFAULT_LOCALE);

/**
 * Work and wages after the hire (根治欠薪): both sides acknowledge the contract, the worker checks
 * in (on or off site) and out, the employer marks a no-show (the seat reopens, and an instant gig
 * backfills it), pay is recorded by the employer and confirmed by the worker, and the clock opens
 * an arrears case for pay still unconfirmed past the pay-by date. Every step locks the hire's row
 * and is told to both sides after commit. Attendance lives in `attendance.service.ts`, pay and
 * arrears in `payments.service.ts`; this composes them with the contract, no-shows, cancellations
 * and ratings, and keeps one public shape for the resolvers.
 */
export function createWorkService(deps: WorkDeps) {
  const { db, repository, clock, notify, settings } = deps;
  const work = createWorkContext(deps);
  const { read, sideOf, requireSide, change, tellBoth, wrongStatus, refreshReliability, recordActedFor } =
    work;
  const { completeOverrun, settleBySilence, ...attendance } = createAttendanceService(deps, work);
  const checkIn = createCheckInService(deps, work);
  const { openArrears, ...payments } = createPaymentsService(deps, work);

  /**
   * A seat given back (no-show, or the worker calling off): the gig's count drops, it is re-indexed
   * and reliability recomputed; after commit the employer sees it and an instant gig backfills.
   */
  async function releaseSeat(engagement: EngagementRecord, now: Date, tx: Executor): Promise<Tell> {
    const [gig] = await Promise.all([
      deps.gigs.releaseSeat(engagement.gigId, now, tx),
      enqueueOutbox('gigs', [engagement.gigId], tx),
    ]);
    await refreshReliability(engagement.workerId, tx);
    return () => {
      const update: GigUpdated = { ...gigUpdate(gig), seatFreed: engagement.id };
      notify(rooms.employer(gig.employerId), 'gig:updated', update);
      deps.boards([gig.id]);
      if (gig.instant) {
        deps.hiring.seatFreed(gig.id).catch((error: unknown) => {
          deps.log.error(
            { err: error, gigId: gig.id },
            'backfill after a freed seat failed; the sweeper retries',
          );
        });
      }
    };
  }

  /** The worker's cancellation of a hire not yet started (locked by the caller), told after commit. */
  async function callOff(
    current: EngagementRecord,
    employerId: string,
    why: string,
    now: Date,
    tx: Executor,
  ): Promise<{ result: EngagementRecord; tell: Tell }> {
    const late = current.startsAt.getTime() - now.getTime() < settings.lateCancelHours * 3_600_000;
    const cancelled = await repository.updateEngagement(
      current.id,
      {
        status: 'CANCELLED',
        cancelledAt: now,
        cancelledBy: 'WORKER',
        cancelledLate: late,
        cancelReason: why,
      },
      tx,
    );
    const freed = await releaseSeat(cancelled, now, tx);
    return {
      result: cancelled,
      tell: () => {
        tellBoth(cancelled, employerId, 'CANCELLED_BY_WORKER', { late, reason: why });
        freed();
      },
    };
  }

  return {
    /**
     * Each side acknowledges the contract once; repeating it changes nothing. A station operator
     * acknowledges the worker's side for a walk-in of their station (`sideOf`), recorded as such in
     * the same transaction (ACTED_FOR_WALK_IN); the contract's record and hash are untouched.
     */
    async acceptContract(actor: Actor, engagementId: string): Promise<EngagementRecord> {
      const { engagement, gig } = await read(engagementId);
      const side = await sideOf(actor, engagement, gig);
      return change(engagementId, async (current, now, tx) => {
        if (current.status === 'CANCELLED') throw wrongStatus(current, 'acknowledged');
        const field = side === 'WORKER' ? 'workerAcceptedAt' : 'employerAcceptedAt';
        if (current[field]) return { result: current };
        const accepted = await repository.updateEngagement(current.id, { [field]: now }, tx);
        if (side === 'WORKER') {
          await recordActedFor(actor, current, 'acceptContract', { contractHash: current.contractHash }, tx);
        }
        return {
          result: accepted,
          tell: () => tellBoth(accepted, gig.employerId, 'CONTRACT_ACCEPTED', { side }),
        };
      });
    },

    ...checkIn,
    ...attendance,

    /** The employer marks a worker who never came, once the start plus the grace has passed. */
    async markNoShow(actor: AccountViewer, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (current, now, tx) => {
        if (current.status === 'NO_SHOW') return { result: current };
        if (current.status === 'COMPLETED' && current.attendanceStatus === 'CONTESTED') {
          // The bureau still rules on the dispute; settling hours there restores the hire.
          const marked = await repository.updateEngagement(
            current.id,
            {
              status: 'NO_SHOW',
              noShowAt: now,
              amountDueFen: 0,
            },
            tx,
          );
          await refreshReliability(current.workerId, tx);
          return { result: marked, tell: () => tellBoth(marked, gig.employerId, 'NO_SHOW') };
        }
        if (current.status !== 'CONFIRMED') throw wrongStatus(current, 'markedNoShow');
        const allowedFrom = new Date(current.startsAt.getTime() + settings.noShowGraceMinutes * MINUTE);
        if (now < allowedFrom) {
          throw badInput(
            'engagementId',
            text('work:noShowTooEarly', { minutes: settings.noShowGraceMinutes, allowedFrom }),
            { allowedFrom },
          );
        }
        const marked = await repository.updateEngagement(
          current.id,
          {
            status: 'NO_SHOW',
            noShowAt: now,
          },
          tx,
        );
        const freed = await releaseSeat(marked, now, tx);
        return {
          result: marked,
          tell: () => {
            tellBoth(marked, gig.employerId, 'NO_SHOW');
            freed();
          },
        };
      });
    },

    /** The worker calls off a hire before it starts; inside `lateCancelHours` it counts as late. */
    async cancel(actor: Actor, givenId: string, reason: string) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      const why = reason.trim();
      if (why.length < 2 || why.length > 500) problems.add('reason', text('work:cancelReason'));
      problems.throwIfAny();
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (current, now, tx) => {
        if (current.status === 'CANCELLED') return { result: current };
        if (current.status !== 'CONFIRMED' || now >= current.startsAt) {
          throw badInput('engagementId', text('work:cancelAfterStart'), { status: current.status });
        }
        await recordActedFor(actor, current, 'cancelEngagement', { reason: why }, tx);
        return callOff(current, gig.employerId, why, now, tx);
      });
    },

    /**
     * A worker erasing their account (PIPL): every hire not yet started is called off as the
     * worker's own cancellation would be, in the erasing transaction (the hires locked first, then
     * their gigs, as `cancel` does); each employer is told the same way after commit.
     */
    async callOffForErasure(workerId: string, now: Date, tx: Executor): Promise<Tell> {
      const hires = await repository.lockFutureHiresOf(workerId, now, tx);
      const employers = await repository.employersOf(
        hires.map((hire) => hire.gigId),
        tx,
      );
      const tells: Tell[] = [];
      for (const hire of hires) {
        const employerId = employers.get(hire.gigId);
        if (!employerId) throw new Error(`the gig of hire ${hire.id} has no employer`);
        tells.push((await callOff(hire, employerId, ERASED_REASON, now, tx)).tell);
      }
      return () => {
        for (const tell of tells) tell();
      };
    },

    ...payments,

    /** Each side rates the other once, after the work is done. */
    async rate(actor: AccountViewer, givenId: string, stars: number, comment: string | null) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) problems.add('stars', text('work:starsRange'));
      const said = comment?.trim() || null;
      if (said && said.length > 500) problems.add('comment', text('work:commentLength'));
      problems.throwIfAny();
      const { engagement, gig } = await read(engagementId);
      const side = await sideOf(actor, engagement, gig);
      if (engagement.status !== 'COMPLETED') {
        throw badInput('engagementId', text('work:rateAfterDone'), {
          status: engagement.status,
        });
      }
      // A rating speaks for work done: not while attendance is in doubt, nor after none was found.
      if (!engagement.settledHours) {
        throw badInput('engagementId', text('work:rateAfterAttendance'), {
          attendance: engagement.attendanceStatus,
          settledHours: engagement.settledHours,
        });
      }
      try {
        const rating = await db.transaction(async (tx) => {
          const row = await repository.ratings.insert(
            {
              engagementId,
              byRole: side,
              stars,
              comment: said,
              createdAt: clock.now(),
            },
            tx,
          );
          if (side === 'EMPLOYER') await refreshReliability(engagement.workerId, tx);
          return row;
        });
        notify(
          side === 'EMPLOYER' ? rooms.worker(engagement.workerId) : rooms.employer(gig.employerId),
          'rating:new',
          { engagementId, stars } satisfies RatingNew,
        );
        return rating;
      } catch (error) {
        if (uniqueViolation(error) === 'ratings_one_per_side') {
          throw badInput('engagementId', text('work:alreadyRated'));
        }
        throw error;
      }
    },

    /** The worker's reliability as matching sees it, with the reasons. */
    async reliabilityReport(workerId: string) {
      return reliabilityOf(await repository.outcomesOf(workerId));
    },

    /**
     * One round of the work timers, on any number of nodes (SKIP LOCKED): hires past their end plus
     * the grace are completed (a worker still checked in is checked out at the end, flagged; a hire
     * never checked in waits for the employer's word), doubtful attendance left unanswered past its
     * time is settled by the silence rule, and hires whose attendance is decided, past their pay-by
     * date without the worker's confirmation, open an arrears case.
     */
    async sweep(
      limit = 200,
    ): Promise<{ completed: number; attendanceSettled: number; arrearsOpened: number }> {
      const now = clock.now();
      const completed = await completeOverrun(now, limit);
      const attendanceSettled = await settleBySilence(now, limit);
      const arrearsOpened = await openArrears(now, limit);
      return { completed, attendanceSettled, arrearsOpened };
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
