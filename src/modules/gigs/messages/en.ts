import type { zhCN } from './zh-CN.js';

/** The gigs namespace in English: the meaning of the Chinese, for whoever asks for English. */
export const en: Record<keyof typeof zhCN, string> = {
  employerOnly: 'Only an employer can do this, for its own gigs.',
  employerNotVerified:
    'Your employer account is not verified yet: the labour bureau checks new employers before they post. Ask the bureau or a job station.',
  employerHasArrears:
    'You have {open, plural, one {# unpaid wage case} other {# unpaid wage cases}} open (欠薪). Instant gigs are closed to you until the workers are paid and confirm it, or the labour bureau resolves the case; you may still post listed gigs.',
  cancelReason: 'Say why the gig is called off (2 to {max} characters); workers see it.',
  cannotCancel:
    'This gig is {status} and can no longer be called off; if it started, settle it with the workers.',
  'status.OPEN': 'open',
  'status.FILLED': 'filled',
  'status.IN_PROGRESS': 'in progress',
  'status.COMPLETED': 'completed',
  'status.CANCELLED': 'cancelled',
  'status.EXPIRED': 'expired',

  titleLength: 'Give a short title saying the work (4 to 40 characters), e.g. 钢结构厂房电焊工.',
  descriptionLength: 'Describe the work, place and conditions in at most 2000 characters.',
  ageLimit:
    '“{phrase}” sets an age limit, which a gig may not (workers of every age may apply). Describe the work itself (weights, hours, pace) instead; to welcome older workers, set olderFriendly.',
  genderLimit:
    '“{phrase}” limits the gig to one gender, which a gig may not. Describe the work itself (weights, hours, conditions) instead, and let every worker apply.',
  addressLength: 'Give the address where workers report (4 to 100 characters).',
  headcountRange: 'Headcount is how many workers you need: {min} to {max}.',
  skillsCount: 'Name 1 to {max} trades the work needs, from the skills list.',
  skillsUnknown: 'Unknown trade {codes}: pick codes from the skills list.',
  startsInPast: 'The gig must start in the future.',
  startsTooFar: 'Post gigs at most {days} days ahead.',
  endsBeforeStart: 'The gig must end after it starts.',
  tooShort: 'A gig lasts at least {hours, plural, one {# hour} other {# hours}}.',
  tooLong: 'A gig lasts at most {days} days; post longer work as several gigs.',
  regionUnknown: 'No region {code}: pick one from the regions list.',
  regionNotCounty: '{name} is a {level}: pick the county or district (区/县) of the work.',
  'payUnit.HOUR': 'by the hour',
  'payUnit.DAY': 'by the day',
  'payUnit.PIECE': 'by the piece',
  'payUnit.TOTAL': 'for the whole job',
  'level.province': 'province',
  'level.city': 'city',
  'level.county': 'county',
  outsideChina: 'The location is outside China: check that lat and lng are not swapped.',
  payUnitUnknown: 'Pay unit is one of {units}.',
  payFenRange: 'Pay is in fen (分): 1 to {max, number} ({maxYuan, number} 元).',
  hireTooLarge:
    'At this pay one hire could come to {most, number, ::.00} 元, more than the {max, number} 元 one hire can record: check the pay (payFen) and its unit, or split the work into several gigs.',
  payDueDaysRange: 'Pay must be due within {max} days of the work (0 = same day).',
  hoursPerDayRange: 'Hours per day are {min} to {max}.',
  hoursPerDayOverWindow: 'There are fewer hours between start and end than hoursPerDay says.',
  piecesPerHourRange: 'Pieces per hour must be above 0 (at most 10000).',
  radiusRange: 'Offers reach {min} to {max} km.',
  minSkillLevel:
    'The lowest skill level is 1 (level 5, beginner) to 5 (level 1, senior technician); leave it out for any.',
  piecesPerHourNeeded: 'Piece pay needs piecesPerHour: how many pieces a worker does in an hour.',
  hoursPerDayNeeded: 'This gig spans {days} days: say how many hours a day the work takes (hoursPerDay).',
  noMinimumWageForPiece:
    'No minimum wage is set for {region}, so piece work there cannot be guaranteed its hourly floor (保底). Pay by the hour or day, or ask the bureau to set the minimum wage.',
  belowMinimumWage:
    'This pay comes to {hourly, number, ::.00} 元 an hour, under the minimum of {minimum, number, ::.00} 元 an hour in {region}. {advice}',
  raisePay: 'Raise the pay.',
  raisePayOrCheckHours: 'Raise the pay or check the hours.',

  'search.qLength': 'Search text is at most {max} characters.',
  'search.skillsCount': 'Filter by at most {max} trades at once.',
  'search.regionCode': 'A region code has 6 digits, e.g. 370800 for 济宁市.',
  'search.lat': 'lat is -90 to 90.',
  'search.lng': 'lng is -180 to 180.',
  'search.radius': 'The radius is above 0 and at most {max} km.',
  'search.startsBefore': 'startsBefore must be later than startsAfter.',
  'search.minHourlyFen': 'The minimum hourly pay is a whole number of fen (分), 0 or more.',
  'search.statuses': 'Statuses are some of {statuses}.',
  'search.sort': 'Sort is one of {sorts}.',
  'search.sortNearest': 'Sorting by distance needs search.near.',
  'search.first': 'Ask for 1 to {max} gigs per page.',
  'search.cursor':
    'This cursor belongs to another search (or is damaged): page with the same search, or start again without after.',
  'search.skillsUnknown': 'No trade has the code {codes}: use the codes the skills query lists, e.g. welder.',
};
