import type { zhCN } from './zh-CN.js';

/** The `training` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  // Providers and courses (providers, courses, course search)
  providerNotVerified:
    'The training provider is not verified by the bureau yet; it may post courses once it is.',

  // Enrolments, attendance and results
  courseFull: 'All {seats} seats of this course are taken.',

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
