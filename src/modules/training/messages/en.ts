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

  // The shortage report
  shortageRange: 'Give the period as YYYY-MM-DD, a start no later than the end, at most {maxDays} days.',
  shortageDayFormat: '{field} must be a date written YYYY-MM-DD, e.g. 2026-03-01.',
  shortageRegionShape: 'A region code is 6 digits, e.g. 370832 for Liangshan County or 370800 for Jining.',
  shortageRegionUnknown:
    'There is no region with the code {regionCode}: choose one from the list of regions.',
};
