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
  courseNotFound: 'There is no course {id} of your organisation.',
  courseProviderOnly: 'Only the course’s provider and the bureau see its learners.',
  cancelReason: 'Say why the course is called off ({min} to {max} characters); enrolled learners are told.',
  cannotCancel: 'This course is {status}; only a course still taking learners (OPEN) can be called off.',
  courseCancelled: 'The course "{title}" you enrolled on (starting {startsOn}) is called off: {reason}',
  startsToBeforeFrom: 'The start-date range ends (startsTo) before it begins (startsFrom).',
  facetSubsidised: 'Subsidised',
  facetPaid: 'Fee-paying',

  // Enrolments, attendance and results
  courseFull: 'All {seats} seats of this course are taken.',

  // Training wishes and ordered training
  wishesCount: 'Choose at most {max} trades to learn.',

  // The shortage report
  shortageRange: 'Give the period as YYYY-MM-DD, a start no later than the end, at most {maxDays} days.',
};
