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

  // The shortage report
  shortageRange: 'Give the period as YYYY-MM-DD, a start no later than the end, at most {maxDays} days.',
};
