import type { Executor } from '../../db/client.js';
import { badInput, createProblems, notFound, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { AccountViewer, Actor } from '../accounts/viewer.js';
import type { AgreedTerms } from '../hiring/contract.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { createAttendanceDecisions, writeDecision } from './attendance.decisions.js';
import { createAttendanceDisputes, onRecord } from './attendance.disputes.js';
import { hoursConfirmed, isImpossible } from './attendance.js';
import { createSettlement } from './attendance.settle.js';
import { tellDisputeStep } from './disputes.service.js';
import { wagesFor } from './wages.js';
import { DAY, HOUR, MINUTE, type WorkContext, type WorkDeps } from './work.context.js';

/**
 * Attendance (docs/attendance.md): the worker checks out (check-in is `check-in.service.ts`), the
 * hire is completed and its record judged; a doubtful record is confirmed or contested by the employer,
 * settled by the bureau (`attendance.settle.ts`), or by the silence rule when nobody answers in time.
 */
export function createAttendanceService(deps: WorkDeps, work: WorkContext) {
  const { db, repository, settings } = deps;
  const { read, requireSide, change, tellBoth, refreshReliability, recordActedFor } = work;
  const { noteOnOpenDispute, closeContest } = createAttendanceDisputes(deps);
  const decisions = createAttendanceDecisions(settings);
  const { ending, owing, decided, validHours, checkHoursGiven, attendanceClosed } = decisions;
  const settlement = createSettlement(deps, work, decisions);

  /**
   * Ends a hire: the record is judged (docs/attendance.md). A clean record stands at once: the
   * settled hours earn the wages and the pay-by date runs from completion. A doubtful one waits
   * for the employer's word until `answerHours`; nothing can fall into arrears before that.
   */
  async function complete(
    engagement: EngagementRecord,
    at: Date,
    checkOut: { at: Date; auto: boolean } | null,
    tx: Executor,
  ): Promise<EngagementRecord> {
    const terms = engagement.terms as AgreedTerms;
    const { judged, ended } = ending(engagement, at, checkOut);
    const answerBy = new Date(at.getTime() + settings.attendance.answerHours * HOUR);
    const done = await repository.updateEngagement(
      engagement.id,
      judged.doubts.length === 0
        ? { ...ended, ...decided('CONFIRMED', 'RECORD', null, engagement, judged.hours, at) }
        : {
            ...ended,
            attendanceStatus: 'UNCONFIRMED',
            attendanceAnswerBy: answerBy,
            ...owing(engagement, judged.impossible ? 0 : wagesFor(terms, judged.hours), at),
            payDueAt: new Date(answerBy.getTime() + terms.payDueDays * DAY),
          },
      tx,
    );
    await refreshReliability(engagement.workerId, tx);
    return done;
  }

  return {
    /**
     * The employer (or a station operator, for a walk-in of their station) confirms a doubtful
     * attendance. It may give more hours than the record shows (a worker without GPS), never fewer:
     * fewer is a contest, for the bureau to weigh.
     */
    async confirmAttendance(actor: Actor, givenId: string, workedHours: number | null) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      if (workedHours !== null) checkHoursGiven(problems, 'workedHours', workedHours);
      problems.throwIfAny();
      const { engagement, gig } = await read(engagementId);
      const byEmployer = actor.employerId !== null && actor.employerId === gig.employerId;
      const byOperator =
        !byEmployer &&
        actor.role === 'STATION_OPERATOR' &&
        (await deps.mayActFor(actor.accountId, engagement.workerId));
      if (!byEmployer && !byOperator) throw notFound('hireOfYours', engagementId);
      return change(engagementId, async (current, now, tx) => {
        if (current.attendanceStatus === 'CONFIRMED') return { result: current };
        if (current.attendanceStatus !== 'UNCONFIRMED' && current.attendanceStatus !== 'CONTESTED') {
          throw attendanceClosed(current);
        }
        // An operator stands beside the worker: what the employer contested is the bureau's to settle.
        if (byOperator && current.attendanceStatus === 'CONTESTED') {
          throw badInput('engagementId', text('work:contestedForBureau'), {
            attendance: current.attendanceStatus,
          });
        }
        const terms = current.terms as AgreedTerms;
        const recorded = { hours: current.hoursWorked ?? 0, doubts: current.attendanceDoubts };
        // An operator is on the worker's side: a record that cannot be work (no check-in, far
        // away, no hours) is for the employer or the bureau to turn into a debt, not for them.
        if (byOperator && isImpossible(recorded.doubts)) {
          throw badInput('engagementId', text('work:impossibleForEmployer'), { doubts: recorded.doubts });
        }
        const hours =
          workedHours === null
            ? hoursConfirmed(recorded, terms)
            : validHours('workedHours', workedHours, terms, recorded.hours);
        // Nor may they add hours the record lacks: that is the employer's word, or the bureau's.
        if (byOperator && hours > recorded.hours) {
          throw badInput('workedHours', text('work:operatorRecordOnly', { hours: recorded.hours }), {
            recordedHours: recorded.hours,
          });
        }
        const confirmed = await writeDecision(
          repository,
          current,
          {
            ...decided(
              'CONFIRMED',
              byEmployer ? 'EMPLOYER' : 'OPERATOR',
              actor.accountId,
              current,
              hours,
              now,
            ),
            ...(current.status === 'NO_SHOW' ? { status: 'COMPLETED' as const, noShowAt: null } : {}),
          },
          tx,
        );
        // Confirming what it contested settles the employer's own question: the WORK dispute its
        // contest opened is closed with that said; a dispute the worker opened stays, noted.
        const closed =
          current.attendanceStatus === 'CONTESTED'
            ? await closeContest(current.id, actor, onRecord(text('work:noteConfirmed', { hours })), now, tx)
            : null;
        await refreshReliability(current.workerId, tx);
        return {
          result: confirmed,
          tell: () => {
            tellBoth(confirmed, gig.employerId, 'ATTENDANCE_CONFIRMED', { hours });
            if (closed)
              tellDisputeStep(
                deps.notify,
                closed,
                { workerId: confirmed.workerId, employerId: gig.employerId },
                'RESOLVED',
              );
          },
        };
      });
    },

    /**
     * The employer contests a doubtful attendance with its reason: no wages fall due on it and no
     * arrears can open until the bureau settles it; the reason opens a dispute (or joins the one
     * under way) so the bureau hears both sides.
     */
    async contestAttendance(actor: AccountViewer, givenId: string, reason: string) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      const why = reason.trim();
      if (why.length < 2 || why.length > 500) problems.add('reason', text('work:contestReason'));
      problems.throwIfAny();
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (current, now, tx) => {
        if (current.attendanceStatus === 'CONTESTED') return { result: current };
        if (current.attendanceStatus !== 'UNCONFIRMED') throw attendanceClosed(current);
        const contested = await repository.updateEngagement(
          current.id,
          {
            attendanceStatus: 'CONTESTED',
            attendanceContestReason: why,
            attendanceAnswerBy: null,
          },
          tx,
        );
        const noted = await noteOnOpenDispute(
          current.id,
          { accountId: actor.accountId, role: 'EMPLOYER' },
          onRecord(text('work:noteContested', { reason: why })),
          now,
          tx,
        );
        if (!noted) {
          await repository.disputes.insert(
            {
              engagementId: current.id,
              kind: 'WORK',
              openedByRole: 'EMPLOYER',
              openedByAccountId: actor.accountId,
              reason: onRecord(text('work:noteContested', { reason: why })),
              openedAt: now,
            },
            tx,
          );
        }
        return {
          result: contested,
          tell: () => tellBoth(contested, gig.employerId, 'ATTENDANCE_CONTESTED', { reason: why }),
        };
      });
    },

    ...settlement,

    /** The worker checks out: hours are recorded, the hire is complete and the pay-by date set. */
    async checkOut(actor: Actor, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (current, now, tx) => {
        if (current.status === 'COMPLETED') return { result: current };
        if (current.status !== 'CHECKED_IN') {
          throw badInput('engagementId', text('work:checkInFirst'), { status: current.status });
        }
        if (now <= current.startsAt) {
          throw badInput('engagementId', text('work:notStartedYet', { startsAt: current.startsAt }), {
            startsAt: current.startsAt,
          });
        }
        const done = await complete(current, now, { at: now, auto: false }, tx);
        await recordActedFor(actor, current, 'checkOut', { hoursWorked: done.hoursWorked }, tx);
        return { result: done, tell: () => tellBoth(done, gig.employerId, 'COMPLETED') };
      });
    },

    /**
     * Hires past their end plus the grace are completed: a worker still checked in is checked out
     * at the end, flagged; a hire never checked in waits for the employer's word.
     */
    async completeOverrun(now: Date, limit: number): Promise<number> {
      const grace = settings.checkOutGraceMinutes * MINUTE;
      const finished = await db.transaction(async (tx) => {
        const due = await repository.claimOverrun(new Date(now.getTime() - grace), limit, tx);
        const employers = await repository.employersOf(
          due.map((e) => e.gigId),
          tx,
        );
        const done: { engagement: EngagementRecord; employerId: string | undefined }[] = [];
        for (const engagement of due) {
          const checkOut = engagement.status === 'CHECKED_IN' ? { at: engagement.endsAt, auto: true } : null;
          done.push({
            engagement: await complete(engagement, engagement.endsAt, checkOut, tx),
            employerId: employers.get(engagement.gigId),
          });
        }
        return done;
      });
      for (const { engagement, employerId } of finished) {
        if (employerId)
          tellBoth(
            engagement,
            employerId,
            engagement.checkedOutAuto ? 'CHECKED_OUT_AUTOMATICALLY' : 'COMPLETED',
          );
      }

      return finished.length;
    },

    /** Doubtful attendance left unanswered past its time is settled by the silence rule. */
    async settleBySilence(now: Date, limit: number): Promise<number> {
      const silent = await db.transaction(async (tx) => {
        const due = await repository.claimAttendanceDue(now, limit, tx);
        const employers = await repository.employersOf(
          due.map((e) => e.gigId),
          tx,
        );
        const settled: { engagement: EngagementRecord; employerId: string | undefined }[] = [];
        for (const engagement of due) {
          // The silence rule: the doubt goes to the worker, unless the record is impossible.
          const hours = isImpossible(engagement.attendanceDoubts) ? 0 : (engagement.hoursWorked ?? 0);
          const row = await repository.updateEngagement(
            engagement.id,
            decided('SETTLED', 'SILENCE', null, engagement, hours, now),
            tx,
          );
          settled.push({ engagement: row, employerId: employers.get(engagement.gigId) });
        }
        return settled;
      });
      for (const { engagement, employerId } of silent) {
        if (employerId)
          tellBoth(engagement, employerId, 'ATTENDANCE_SETTLED', {
            hours: engagement.settledHours,
            by: 'SILENCE',
          });
      }

      return silent.length;
    },
  };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;
