import type { zhCN } from './zh-CN.js';

/** The `workers` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  consentVersion: 'Show the current privacy notice (version {version}) and ask again.',
  name: 'Give the real name as on the ID card (2 to 30 characters).',
  tooYoung: 'Workers must be at least {minAge} years old to register.',
  homeRegion: 'No region {code}: pick the 户籍地 from the regions list.',
  residenceRegion: 'No region {code}: pick the 常住地 from the regions list.',
  outsideChina: 'The location is outside China: check that lat and lng are not swapped.',
  travelRadius: 'How far the worker travels must be 1 to 200 km.',
  skillsCount: 'List 1 to 20 trades.',
  unknownSkill: 'No trade {code}: use a code from skills.',
  skillLevel: 'A skill level is 1 (beginner) to 5 (master).',
  skillTwice: 'The trade {code} is listed twice.',
  laborBrand: 'A labour brand has at most 30 characters.',
  priorityGroups: 'Priority groups are {groups}.',
  onlyWorker: 'Only a worker can do this for themselves.',
  workerGone: 'This worker no longer exists.',
  windowsCount: 'Give at most {max} windows.',
  windowOrder: 'A window must end after it starts.',
  windowLength: 'A window may last at most {days} days; split longer ones.',
  windowOver: 'This window is already over.',
  windowHorizon: 'Plan at most {days} days ahead.',
  windowOverlap: 'This window overlaps window {other}: merge them into one.',
  identityConflict:
    'This ID number is already verified in person on another account. Nothing was changed: the labour bureau must look at both accounts.',
  identityLost:
    'Your ID number was verified at a job station for the person it belongs to, so it has been removed from this account. Until you are verified at a station with your own ID card, you cannot be hired.',
  serviceRefused:
    'The identity service could not confirm this name with this ID number. Take your ID card to a job station to be verified in person.',
  serviceOffline:
    'Identity cannot be checked online here: take your ID card to a job station (就业驿站) to be verified.',
  cardName: 'Type the name as printed on the ID card (2 to 30 characters).',
  notRegisteredNumber:
    'This is not the ID number the worker registered with: check the card. A person whose number is held by another account registers their own account, then is verified here.',
  notRegisteredName:
    'The name on the ID card is not the name the worker registered with: check the card and the account.',
  noIdNumber: 'This account holds no ID number any more: take your ID card to a job station to be verified.',
  'level.1': 'Level 5 (beginner, 初级工)',
  'level.2': 'Level 4 (intermediate, 中级工)',
  'level.3': 'Level 3 (advanced, 高级工)',
  'level.4': 'Level 2 (technician, 技师)',
  'level.5': 'Level 1 (senior technician, 高级技师)',
  certificateRequired:
    "This gig's trade is a special operation: by law it needs a valid special operation certificate (特种作业操作证). Have it recorded at a job station first.",
  levelTooLow: 'This gig asks for a higher skill level than you have in its trades.',
  certificateKind: 'The kind of certificate is one of: {kinds}.',
  notSpecialOperation:
    '{trade} is not a special operation and has no operation certificate: choose a skill level or qualification certificate.',
  specialOperationNoLevel: 'A special operation certificate states no level: leave the level out.',
  certificateLevel:
    'Give the level on the certificate: 1 (level 5, beginner) to 5 (level 1, senior technician).',
  certificateNumber: 'Give the number as printed on the certificate (4 to 40 characters).',
  certificateIssuer: 'Give the issuer as printed on the certificate (2 to 60 characters).',
  certificateDay: 'Write the date as year-month-day, like 2026-03-01.',
  issuedInFuture: 'The issue date cannot be after today.',
  specialOperationExpiry: 'A special operation certificate has an expiry date: give its last valid day.',
  expiresBeforeIssued: 'The last valid day cannot be before the issue date.',
  alreadyExpired: 'This certificate expired on {expiresOn} and cannot be recorded: it must be renewed first.',
  certificateNumberTaken: 'A certificate with this number is already recorded: check the number.',
  certificateExpiring:
    'Your {trade} special operation certificate ({number}) expires on {expiresOn}, in {days, plural, one {# day} other {# days}}. After that you get no gigs of this trade: have it renewed in time.',
};
