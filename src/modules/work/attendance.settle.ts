import { badInput, createProblems, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { rooms } from '../../realtime/rooms.js';
import type { Actor } from '../accounts/viewer.js';
import { gigUpdate } from '../gigs/gigs.service.js';
import type { AgreedTerms } from '../hiring/contract.js';
import { type AttendanceDecisions, writeDecision } from './attendance.decisions.js';
import { createAttendanceDisputes, onRecord } from './attendance.disputes.js';
import type { WorkContext, WorkDeps } from './work.context.js';

/**
 * The bureau's settlement of an attendance (docs/attendance.md, Settle): after hearing both sides,
 * on a doubtful, contested or silently settled attendance, and on the worker's WORK dispute under
 * way also on what the employer decided alone (a no-show it marked, hours confirmed short).
 */
export function createSettlement(deps: WorkDeps, work: WorkContext, decisions: AttendanceDecisions) {
  const { repository } = deps;
  const { read, change, tellBoth, refreshReliability } = work;
  const { ending, decided, validHours, checkHoursGiven, attendanceClosed } = decisions;
  const { noteOnOpenDispute, workersComplaint } = createAttendanceDisputes(deps);

  return {
    /**
     * The bureau settles an attendance after hearing both sides: the hours it finds worked (0 for
     * none) are the ones paid. What the employer decided itself (a no-show it marked, hours it or
     * the record confirmed) it reopens only on the worker's WORK dispute under way, and then never
     * below hours already confirmed. Hours found on a hire marked a no-show make it a completed
     * hire again, taking its seat back only if no one was hired into it since.
     */
    async settleAttendance(actor: Actor, givenId: string, workedHours: number, note: string) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      checkHoursGiven(problems, 'workedHours', workedHours);
      const said = note.trim();
      if (said.length < 2 || said.length > 2000) problems.add('note', text('work:settleNote'));
      problems.throwIfAny();
      const { gig } = await read(engagementId);
      return change(engagementId, async (current, now, tx) => {
        // A plain no-show: marked by the employer with no attendance decided, its seat given back.
        const plainNoShow = current.status === 'NO_SHOW' && current.attendanceStatus === null;
        const employersWord = plainNoShow || current.attendanceStatus === 'CONFIRMED';
        if (
          !employersWord &&
          current.attendanceStatus !== 'UNCONFIRMED' &&
          current.attendanceStatus !== 'CONTESTED' &&
          !(current.attendanceStatus === 'SETTLED' && current.attendanceDecidedBy === 'SILENCE')
        ) {
          throw attendanceClosed(current);
        }
        if (employersWord && !(await workersComplaint(current.id, tx))) {
          throw badInput(
            'engagementId',
            text(plainNoShow ? 'work:noShowNeedsComplaint' : 'work:confirmedNeedsComplaint'),
            { status: current.status, attendance: current.attendanceStatus },
          );
        }
        // One arrears case per hire. While it is open, the bureau may still raise the hours (an
        // employer who confirmed short is often the one who pays late) and the case follows what is
        // now owed; once closed, what was owed is settled through that case, since no second case
        // could follow new hours.
        // On the transaction's connection: repeats queued on the hire's lock may hold every other one.
        const cases = await repository.arrears.ofEngagements([current.id], tx);
        const openCase = cases.find((found) => found.status === 'OPEN');
        if (cases.length > 0 && !openCase) throw badInput('engagementId', text('work:settleHasArrears'));
        const terms = current.terms as AgreedTerms;
        // The worker's complaint can raise confirmed hours, not lower them; nor can anything lower
        // the hours an open case is for.
        const least = current.attendanceStatus === 'CONFIRMED' || openCase ? (current.settledHours ?? 0) : 0;
        const hours = validHours('workedHours', workedHours, terms, least);
        const worked = current.status === 'NO_SHOW' && hours > 0;
        const settled = await writeDecision(
          repository,
          current,
          {
            // A plain no-show was never completed: it ends as a completed hire does, by the contract's end.
            ...(plainNoShow && worked
              ? ending(current, new Date(Math.min(now.getTime(), current.endsAt.getTime())), null).ended
              : {}),
            ...decided('SETTLED', 'BUREAU', actor.accountId, current, hours, now),
            ...(worked ? { status: 'COMPLETED' as const, noShowAt: null } : {}),
            ...(current.status === 'NO_SHOW' && hours === 0 ? { amountDueFen: 0 } : {}),
          },
          tx,
        );
        if (openCase)
          await repository.arrears.follow(openCase.id, settled.amountDueFen - settled.confirmedFen, tx);
        // Past work takes back the seat its no-show gave, only if it is still free (docs/attendance.md).
        const seat = plainNoShow && worked ? await deps.gigs.retakeSeat(current.gigId, now, tx) : undefined;
        if (seat) await enqueueOutbox('gigs', [seat.id], tx);
        const withdrawn = seat ? await deps.hiring.seatRetaken(seat, now, tx) : undefined;
        await noteOnOpenDispute(
          current.id,
          { accountId: actor.accountId, role: 'ADMIN' },
          onRecord(text('work:noteSettled', { hours, note: said })),
          now,
          tx,
        );
        await refreshReliability(current.workerId, tx);
        // The bureau's decision on money, as its resolutions are: who, on which hire, what it was.
        await deps.audit.record(
          {
            actor,
            action: 'ATTENDANCE_SETTLED',
            subjectType: 'ENGAGEMENT',
            subjectId: current.id,
            details: {
              workerId: current.workerId,
              hours,
              was: { status: current.status, attendance: current.attendanceStatus },
              note: said,
            },
          },
          tx,
        );
        return {
          result: settled,
          tell: () => {
            tellBoth(settled, gig.employerId, 'ATTENDANCE_SETTLED', { hours, by: 'BUREAU' });
            if (seat) {
              deps.notify(rooms.employer(seat.employerId), 'gig:updated', gigUpdate(seat));
              deps.boards([seat.id]);
            }
            withdrawn?.();
          },
        };
      });
    },
  };
}
