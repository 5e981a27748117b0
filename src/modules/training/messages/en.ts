import type { zhCN } from './zh-CN.js';

/** The `training` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  // Providers and courses (providers, courses, course search)
  providerNotVerified:
    'The training provider is not verified by the bureau yet; it may post courses once it is.',
  providerNameLength: 'Give the full name, 2 to 60 characters, as on the business licence or school permit.',
  creditCodeTaken:
    'A training provider with this unified social credit code is already registered. Forgot the password? Reset it by phone.',
  providerNotFound: 'There is no training provider {id}.',
  providerOnly: 'Only a training provider account can do this.',
  regionUnknown: 'There is no region with code {code}; choose one from the region list.',
  regionNotCounty: '{name} is not a county; choose the county or district.',
  outsideChina: 'This place is not in China: check that latitude (lat) and longitude (lng) are not swapped.',
  titleLength:
    'The course title takes {min} to {max} characters and says what is taught, e.g. "welding special-operation course".',
  descriptionLength: 'Describe what is taught, the schedule and who may enrol, in at most {max} characters.',
  addressLength: 'Give where the course is held, {min} to {max} characters.',
  skillUnknown: 'There is no trade {code}; choose one from the trade list.',
  certificateUnknown: 'The certificate is one of {kinds}, or left out for a course without one.',
  specialOperationCertificate:
    '{trade} is a special operation: its course must lead to the special-operation permit (certificate SPECIAL_OPERATION).',
  notSpecialOperation:
    '{trade} is not a special operation and issues no special-operation permit; a skill-level certificate (SKILL_LEVEL) may be issued.',
  targetLevelRange:
    'A course with a skill-level certificate names its level: 1 (level five, beginner) to 5 (level one, senior technician).',
  targetLevelOnlySkillLevel:
    'Only a course with a skill-level certificate (SKILL_LEVEL) names a level (targetLevel); leave it out.',
  subsidySourceNeeded:
    'A subsidised course names its subsidy source in {min} to {max} characters, e.g. "county skills fund".',
  subsidisedFee: 'Learners pay nothing for a subsidised course: set the fee (feeFen) to 0.',
  subsidySourceOnlySubsidised: 'Only a subsidised course names a subsidy source.',
  feeRange: 'The fee is whole fen, from 0 up to {max, number} yuan.',
  day: 'Give {field} as a real date, YYYY-MM-DD.',
  startsInPast: 'The course cannot start before today ({today}).',
  endsBeforeStart: 'The course cannot end before it starts.',
  enrolByPast: 'Enrolment cannot close before today ({today}).',
  enrolByAfterEnd: 'Enrolment cannot close after the course ends.',
  hoursRange: 'Hours are a whole number from {min} to {max}.',
  seatsRange: 'Seats: {min} to {max}.',
  languageUnknown: 'The teaching language is one of {languages}.',
  orderNotYours: 'This training order does not exist or was not taken by your organisation.',
  orderNotTaken:
    'This training order is {status}; only an order your organisation has taken (TAKEN) gets a course.',
  orderOtherTrade: 'The training order is for another trade than the course.',
  orderHasCourse: 'This training order already has a course.',
  providerCourseNotFound: 'There is no course {id} of your organisation.',
  courseProviderOnly: 'Only the course’s provider and the bureau see its learners.',
  cancelReason: 'Say why the course is called off ({min} to {max} characters); enrolled learners are told.',
  cannotCancel: 'This course is {status}; only a course still taking learners (OPEN) can be called off.',
  courseCancelled: 'The course "{title}" you enrolled on (starting {startsOn}) is called off: {reason}',
  startsToBeforeFrom: 'The start-date range ends (startsTo) before it begins (startsFrom).',
  facetSubsidised: 'Subsidised',
  facetPaid: 'Fee-paying',

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
