import type { zhCN } from './zh-CN.js';

/** The work namespace in English: the meaning of the Chinese, for whoever asks for English. */
export const en: Record<keyof typeof zhCN, string> = {
  onlyWorker: 'Only the worker of this hire can do this.',
  onlyEmployer: 'Only the employer of this hire can do this.',
  ownHireOnly:
    "This hire is {name}'s own: its check-in, hours, pay, disputes and ratings are for the worker, the employer and the bureau only ({field}).",
  wrongStatus: 'This hire is {status}; it cannot be {doing}.',
  'status.CONFIRMED': 'confirmed',
  'status.CHECKED_IN': 'checked in',
  'status.COMPLETED': 'completed',
  'status.NO_SHOW': 'a no-show',
  'status.CANCELLED': 'cancelled',
  'doing.acknowledged': 'acknowledged',
  'doing.checkedIn': 'checked in',
  'doing.paid': 'paid',
  'doing.markedNoShow': 'marked a no-show',

  latRange: 'Latitude must be between -90 and 90.',
  lngRange: 'Longitude must be between -180 and 180.',
  checkInTooEarly: 'Check-in opens an hour before the work starts, at {opensAt}; come back then.',
  checkInEnded: 'This work has already ended; it can no longer be checked in.',
  codeFormat: 'The check-in code is the six digits on the worker’s hire.',
  codeMismatch: 'That code does not match this hire; ask the worker to read it again.',
  workOver: 'The work is over; answer its attendance with confirmAttendance or contestAttendance.',
  noOffSite: 'This hire has no off-site check-in to confirm.',

  hoursRange: 'Give the hours worked as a number from {least} to {most} (the length of the hire’s window).',
  hoursNumber: 'Give the hours worked as a number, 0 or more.',
  notFinished: 'This hire has not finished; attendance is answered once the work is done.',
  attendanceDecided: 'This hire’s attendance is {status} already; if you disagree, open a dispute.',
  'attendance.UNCONFIRMED': 'waiting for the employer',
  'attendance.CONFIRMED': 'confirmed',
  'attendance.CONTESTED': 'contested',
  'attendance.SETTLED': 'settled',
  contestedForBureau:
    'The employer has contested this attendance; the bureau settles it (settleAttendance), not a station.',
  impossibleForEmployer:
    'This record cannot be work as it stands (no check-in, a check-in too far away, or under a minute): a station cannot confirm it; the employer confirms it or the bureau settles it (settleAttendance).',
  operatorRecordOnly:
    'A station confirms only the {hours, number} hours the record shows; more hours (workedHours) are the employer’s to confirm or the bureau’s to settle.',
  contestReason:
    'Say in a few words (2 to 500 characters) why you doubt this attendance; the worker and the bureau see it.',
  settleNote: 'Write down what the bureau found (2 to 2000 characters); both sides see it.',
  settleHasArrears:
    "This hire's arrears case is closed, so its hours can no longer change; what was owed stands as the case closed it, and any complaint goes through a dispute.",
  noShowNeedsComplaint:
    'The employer marked this hire a no-show. The bureau settles its hours only while a dispute about the work (kind: WORK) opened by the worker’s side is under way.',
  confirmedNeedsComplaint:
    'This hire’s attendance is confirmed. The bureau settles it again only while a dispute about the work (kind: WORK) opened by the worker’s side is under way, and never below the hours confirmed.',
  settleOverlapsHire:
    'The worker holds another hire in this time, so this one cannot count as worked too; weigh it in the dispute.',
  checkInFirst: 'Check in first; a hire is checked out after it was checked in.',
  notStartedYet:
    'The work has not started yet (it starts at {startsAt}), so there is nothing to check out of. Check out when you finish; if you cannot work, call the hire off.',
  noteContested: 'Attendance contested: {reason}',
  noteSettled: 'Attendance settled at {hours, number} h: {note}',
  noteConfirmed: 'The employer withdrew its contest and confirmed {hours, number} h of attendance.',

  amountFormat: 'Give the amount paid in fen (分) as a whole number above 0: 350 yuan is 35000.',
  amountOverOwed:
    'Only {owed, number, ::.00} 元 is still owed on this hire ({due, number, ::.00} 元 due, {paid, number, ::.00} 元 recorded); record at most that.',
  noPaymentYet:
    'The employer has not recorded any payment yet. If you were paid, ask them to record it; if not, open a dispute.',

  noShowTooEarly:
    'A no-show can be marked from {minutes} minutes after the start, at {allowedFrom}; the worker may still be on the way.',
  cancelReason: 'Say in a few words (2 to 500 characters) why you cannot go; the employer sees it.',
  cancelAfterStart:
    'Only a hire that has not started can be called off; after the start, tell the employer directly.',
  erasedReason: 'The worker closed their account (personal data erased).',
  starsRange: 'Give 1 to 5 stars.',
  commentLength: 'Keep the comment under 500 characters.',
  rateAfterDone: 'A hire is rated after the work is done.',
  rateAfterAttendance:
    'This hire is rated once its attendance is confirmed with hours worked; answer or wait for that first.',
  alreadyRated: 'You have already rated this hire; each side rates once.',

  textLength: '{what} takes {min} to {max} characters; say what happened in plain words.',
  'what.reason': 'A reason',
  'what.mediationNote': 'A mediation note',
  'what.statement': 'A statement',
  'what.resolution': 'A resolution',
  disputeResolved: 'This dispute is resolved; open a new one if something else went wrong.',
  disputeUnderWay:
    'A dispute about this hire is already under way; add what you have to say to it with addDisputeNote.',
  arrearsClosed: 'This arrears case is already closed.',

  'reliability.noHistory': 'No finished hires yet: starting from a full score.',
  'reliability.window': 'Looking at the last {counted} finished hires: {completed} completed.',
  'reliability.noShows':
    '{count, plural, one {# no-show, counted as one absence, lowers} other {# no-shows, each counted as one absence, lower}} the score.',
  'reliability.lateCancellations':
    '{count, plural, one {# cancellation close to the start, counted as half an absence, lowers} other {# cancellations close to the start, each counted as half an absence, lower}} the score.',
  'reliability.stars': 'Employers’ stars average {average, number, ::.0} ({count} ratings).',
  'reliability.starsBelowFive':
    'Employers’ stars average {average, number, ::.0} ({count} ratings); below 5 stars lowers the score a little.',
  'reliability.fullAttendance': 'No no-shows or late cancellations: full marks for attendance.',
};
