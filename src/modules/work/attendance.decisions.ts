import type { Executor } from '../../db/client.js';
import { exclusionViolation } from '../../db/errors.js';
import type { AttendanceDecider } from '../../db/schema/index.js';
import { badInput, type Problems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { endOfMarketDay } from '../../time.js';
import type { AgreedTerms } from '../hiring/contract.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { judgeAttendance } from './attendance.js';
import { contractHours, wagesFor } from './wages.js';
import { DAY, type WorkSettings } from './work.context.js';
import type { EngagementChange, WorkRepository } from './work.repository.js';

/**
 * A decision written. One that turns a no-show back into a completed hire (the bureau's
 * settlement, or the employer confirming what it contested and then marked a no-show) makes it a
 * live hire again, which the database refuses when the worker has since taken another hire
 * overlapping it: named, for the bureau to weigh in a dispute, instead of failing.
 */
export async function writeDecision(
  repository: Pick<WorkRepository, 'updateEngagement'>,
  current: EngagementRecord,
  columns: EngagementChange,
  tx: Executor,
): Promise<EngagementRecord> {
  try {
    return await repository.updateEngagement(current.id, columns, tx);
  } catch (error) {
    if (exclusionViolation(error) === 'engagements_no_double_booking') {
      throw badInput('engagementId', text('work:settleOverlapsHire'));
    }
    throw error;
  }
}

/**
 * What deciding an attendance writes (docs/attendance.md): a hire's end with its record judged,
 * the hours decided and what they earn, the pay-by date, and the checks on hours given. Shared by
 * the employer's and the operator's answers, the silence rule and the bureau's settlement
 * (`attendance.settle.ts`), so a hire is decided the same way whoever decides it.
 */
export function createAttendanceDecisions(settings: Pick<WorkSettings, 'attendance'>) {
  /**
   * The columns of a hire ended at `at`: completed, its record judged (docs/attendance.md), what
   * the judge found. `complete` decides on them; the bureau's settlement of a hire marked a
   * no-show that it finds worked takes them with its own decision.
   */
  function ending(engagement: EngagementRecord, at: Date, checkOut: { at: Date; auto: boolean } | null) {
    const judged = judgeAttendance(
      { ...engagement, checkedOutAt: checkOut?.at ?? null, checkedOutAuto: checkOut?.auto ?? false },
      engagement.terms as AgreedTerms,
      settings.attendance,
    );
    const ended = {
      status: 'COMPLETED' as const,
      completedAt: at,
      checkedOutAt: checkOut?.at ?? null,
      checkedOutAuto: checkOut?.auto ?? false,
      hoursWorked: judged.hours,
      attendanceDoubts: judged.doubts,
    };
    return { judged, ended };
  }

  /**
   * A new amount owed, and whether what was paid and confirmed so far covers it: `paidAt` and
   * `paymentConfirmedAt` say "in full", so they follow the amount (kept while still true, from now
   * when it became true, cleared when more is owed than a payment made in advance).
   */
  function owing(engagement: EngagementRecord, amountDueFen: number, now: Date) {
    const covers = (fen: number) => fen > 0 && fen >= amountDueFen;
    return {
      amountDueFen,
      paidAt: covers(engagement.paidFen) ? (engagement.paidAt ?? now) : null,
      paymentConfirmedAt: covers(engagement.confirmedFen) ? (engagement.paymentConfirmedAt ?? now) : null,
    };
  }

  /** The columns of an attendance decided: the hours, what they earn, and the pay-by date from now. */
  function decided(
    status: 'CONFIRMED' | 'SETTLED',
    by: AttendanceDecider,
    accountId: string | null,
    engagement: EngagementRecord,
    hours: number,
    now: Date,
  ) {
    const terms = engagement.terms as AgreedTerms;
    return {
      attendanceStatus: status,
      attendanceDecidedBy: by,
      attendanceDecidedAt: now,
      attendanceDecidedByAccountId: accountId,
      attendanceAnswerBy: null,
      settledHours: hours,
      ...owing(engagement, wagesFor(terms, hours), now),
      payDueAt: payDueFrom(now, terms.payDueDays),
    };
  }

  /**
   * Pay is due `payDueDays` after the decision; "0, the same day" means by the end of that market
   * day, so a check-out at 17:00 leaves the evening to pay and confirm it.
   */
  function payDueFrom(now: Date, payDueDays: number): Date {
    return new Date(Math.max(now.getTime() + payDueDays * DAY, endOfMarketDay(now).getTime()));
  }

  /** Hours given for a hire: a number from 0 to the length of its window. */
  function validHours(field: string, hours: number, terms: AgreedTerms, least = 0) {
    const { windowHours } = contractHours(terms);
    if (!Number.isFinite(hours) || hours < least || hours > windowHours) {
      throw badInput(field, text('work:hoursRange', { least, most: windowHours }), {
        least,
        most: windowHours,
      });
    }
    return Math.round(hours * 100) / 100;
  }

  /** Hours given before the hire is read: a number, 0 or more (its window is checked under the lock). */
  function checkHoursGiven(problems: Problems, field: string, hours: number) {
    if (!Number.isFinite(hours) || hours < 0) problems.add(field, text('work:hoursNumber'));
  }

  const attendanceClosed = (engagement: EngagementRecord) =>
    badInput(
      'engagementId',
      engagement.attendanceStatus === null
        ? text('work:notFinished')
        : text('work:attendanceDecided', { status: text(`work:attendance.${engagement.attendanceStatus}`) }),
      { attendance: engagement.attendanceStatus },
    );

  return { ending, owing, decided, validHours, checkHoursGiven, attendanceClosed };
}

export type AttendanceDecisions = ReturnType<typeof createAttendanceDecisions>;
