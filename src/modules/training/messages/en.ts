import type { zhCN } from './zh-CN.js';

/** The `training` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  // Providers and courses (providers, courses, course search)
  providerNotVerified:
    'The training provider is not verified by the bureau yet; it may post courses once it is.',

  // Enrolments, attendance and results
  courseFull: 'All {seats} seats of this course are taken; look for another course under Training.',
  courseNotFound: 'No such course ({id}).',
  enrolmentNotFound: 'No such enrolment ({id}).',
  workerNotFound: 'This worker is not registered; register before enrolling.',
  'courseStatus.OPEN': 'is open',
  'courseStatus.CANCELLED': 'was cancelled',
  'courseStatus.COMPLETED': 'is completed',
  'enrolmentStatus.ENROLLED': 'enrolled',
  'enrolmentStatus.WITHDRAWN': 'withdrawn',
  'enrolmentStatus.PASSED': 'passed',
  'enrolmentStatus.FAILED': 'failed',
  enrolClosedStatus:
    'This course {status}; it takes no more learners. Look for another course under Training.',
  enrolClosedDate: 'Enrolment for this course closed on {enrolBy}. Look for another course under Training.',
  scheduleConflict:
    'You are enrolled in "{title}" ({startsOn} to {endsOn}), whose days overlap this course. Withdraw from it first, or choose another course.',
  withdrawStarted:
    'This course started on {startsOn}; it is too late to withdraw. Please talk to the training provider.',
  withdrawDecided: 'This enrolment already has its result ({status}); it cannot be withdrawn.',
  courseNotRunning: 'This course {status}; no more attendance or results can be recorded.',
  dayFormat: 'Give the day as YYYY-MM-DD, e.g. 2026-12-08.',
  dayOutside: '{day} is not a day of this course ({startsOn} to {endsOn}); give a day of the course.',
  dayAhead: '{day} has not come yet; record attendance on the day or after.',
  noEntries: 'Record the attendance of at least one learner (entries).',
  noResults: 'Record the result of at least one learner (results).',
  entryTwice: 'A learner may appear only once in one record; remove the repeated entry.',
  notOfCourse: 'Enrolment {id} is not a learner of this course; check the enrolment id.',
  learnerNotWaiting: "{name}'s enrolment is {status}; no more attendance or results can be recorded for it.",
  resultsBeforeStart: 'This course starts on {startsOn}; record results once it has started.',
  scoreRange: "{name}'s score must be a whole number from 0 to 100.",
  noCertificateHere:
    "{name}'s result issues no certificate (failed, or the course issues none); leave the certificate number out.",
  certificateNumberNeeded:
    '{name} passed and this course issues a certificate: give its number (certificateNumber).',
  certificateNumberLength: "{name}'s certificate number must be 4 to 40 characters.",
  certificateNumberTwice:
    'Certificate number {number} appears twice in these results; each certificate has its own.',
  certificateNumberTaken: 'Certificate number {number} is already recorded; check the number.',
  attendanceTooLow:
    "{name} was present {present} of the course's {days} days; a pass needs {percent}% ({needed} days). Record the missing attendance, or record a fail.",
  resultPassed: 'You passed "{course}" with a score of {score}.',
  resultPassedLevel:
    'You passed "{course}" with a score of {score}. Skill level certificate {number} ({trade}, {level}) is now recorded in your name.',
  resultPassedOperation:
    'You passed "{course}" with a score of {score}. Special operation certificate {number} is recorded, valid until {expiresOn}: you can now take {trade} gigs.',
  resultFailed:
    'You did not pass "{course}" (score {score}). You may enrol in the next course under Training.',

  // Training wishes and ordered training
  wishesCount: 'Choose at most {max} trades to learn.',
  wishUnknown: 'There is no trade "{code}": pick one from the trades list.',
  wishTwice: '"{code}" is chosen twice: choose each trade once.',
  orderEmployerNotVerified: 'An employer may order training once the bureau has verified it.',
  orderProviderNotVerified:
    'The training provider is not verified by the bureau yet; it may take training orders once it is.',
  orderOnlyProvider: 'Only a training provider account may take training orders.',
  orderSkillUnknown: 'There is no trade "{code}": pick one from the trades list.',
  orderLevel: 'Give the target level from 1 (五级, entry) to 5 (一级, senior technician).',
  orderLevelSpecial:
    '{trade} is a special operation: its learners earn a 特种作业操作证, which has no level. Leave the target level out.',
  orderHeadcount: 'Order training for 1 to {max} workers.',
  orderDueOnDay: 'Write the due day as year-month-day, like 2026-03-01.',
  orderDueOnFuture: 'The due day must be after today ({today}).',
  orderRegionUnknown: 'No region {code}: pick one from the regions list.',
  orderRegionNotCounty: '{name} is not a county: pick the county or district (区/县) of the training.',
  orderPriorityDays: 'Give the priority period as 1 to {max} days.',
  orderNote: 'Keep the note to {max} characters.',
  orderNotFound: 'No training order {id}.',
  orderTaken: 'Another training provider has taken this order; look at the other open orders.',
  orderClosed: 'This training order is cancelled or fulfilled; it can no longer be taken.',
  orderCourseStarted:
    'The course for this order started on {startsOn}; the order can no longer be cancelled.',
  orderNotCancellable: 'This training order is fulfilled; it can no longer be cancelled.',
  orderFulfilled:
    'Your {trade} training is over: {graduates, plural, one {# graduate is} other {# graduates are}} on your roster and get your instant gig offers first until {until}.',

  // The shortage report
  shortageRange: 'Give the period as YYYY-MM-DD, a start no later than the end, at most {maxDays} days.',
  shortageDayFormat: '{field} must be a date written YYYY-MM-DD, e.g. 2026-03-01.',
  shortageRegionShape: 'A region code is 6 digits, e.g. 370832 for Liangshan County or 370800 for Jining.',
  shortageRegionUnknown:
    'There is no region with the code {regionCode}: choose one from the list of regions.',
};
