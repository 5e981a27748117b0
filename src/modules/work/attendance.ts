import type { AttendanceDoubt } from '../../db/schema/index.js';
import { contractHours, recordedHours, type WageTerms } from './wages.js';

export type AttendanceSettings = {
  /** A check-in farther than this from the gig cannot be the worker at work, whatever GPS does. */
  farAwayKm: number;
  /** A stay shorter than this share of the contract's working hours needs the employer's word. */
  shortStayShare: number;
  /** How long the employer has to confirm or contest a doubtful record. */
  answerHours: number;
};

/** Doubts that make a record impossible as it stands: silence never turns these into wages. */
const IMPOSSIBLE: ReadonlySet<AttendanceDoubt> = new Set(['FAR_AWAY', 'NO_CHECK_IN', 'NO_HOURS']);

export type AttendanceRecord = {
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  checkInDistanceM: number | null;
  checkInOffSite: boolean | null;
  offSiteConfirmedAt: Date | null;
  /** Checked out by the clock at the end, not by the worker. */
  checkedOutAuto?: boolean;
};

export type AttendanceJudgement = {
  /** The stay clipped to the contract window. */
  hours: number;
  doubts: AttendanceDoubt[];
  impossible: boolean;
};

/**
 * Reads a finished hire's record. A clean record (checked in on site or by code, out after a
 * stay of at least `shortStayShare` of the contract's hours) stands; anything else waits for the
 * employer's word.
 */
export function judgeAttendance(
  record: AttendanceRecord,
  terms: WageTerms,
  settings: AttendanceSettings,
): AttendanceJudgement {
  const { windowHours, workingHours } = contractHours(terms);
  const stay = recordedHours(record, record.checkedInAt, record.checkedOutAt);
  // One check-in and one check-out cannot tell the nights of a gig over several days from work:
  // there the record is worth at most the contract's working hours; more needs someone's word.
  const hours = windowHours > 24 ? Math.min(stay, workingHours) : stay;
  const doubts: AttendanceDoubt[] = [];
  if (!record.checkedInAt) doubts.push('NO_CHECK_IN');
  else {
    // An employer who confirmed an off-site check-in during the work has vouched for the place.
    const vouched = record.offSiteConfirmedAt !== null;
    const far = record.checkInDistanceM !== null && record.checkInDistanceM > settings.farAwayKm * 1000;
    if (far && !vouched) doubts.push('FAR_AWAY');
    else if (record.checkInOffSite && !vouched) doubts.push('OFF_SITE');
    // Under a minute is no work at all; short of the share is work the employer should vouch for.
    if (hours < 1 / 60) doubts.push('NO_HOURS');
    else if (hours < workingHours * settings.shortStayShare) doubts.push('SHORT_STAY');
    // The worker never checked out: the clock's check-out at the end is not the worker's word.
    if (record.checkedOutAuto) doubts.push('NO_CHECK_OUT');
  }
  return { hours, doubts, impossible: doubts.some((d) => IMPOSSIBLE.has(d)) };
}

/** Whether a doubt list holds one that silence cannot settle in the worker's favour. */
export const isImpossible = (doubts: readonly AttendanceDoubt[]) => doubts.some((d) => IMPOSSIBLE.has(d));

/**
 * The hours an employer confirms when it gives none: what the record shows, or, where there is no
 * record to show (no check-in, no hours), the contract's working hours.
 */
export function hoursConfirmed(
  judged: { hours: number; doubts: readonly AttendanceDoubt[] },
  terms: WageTerms,
) {
  const noRecord = judged.doubts.includes('NO_CHECK_IN') || judged.doubts.includes('NO_HOURS');
  return noRecord ? contractHours(terms).workingHours : judged.hours;
}
