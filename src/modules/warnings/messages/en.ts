import type { zhCN } from './zh-CN.js';

/** The `warnings` namespace in English: the early warning of job loss. */
export const en: Record<keyof typeof zhCN, string> = {
  regionShape: 'The region code (regionCode) is 6 digits, such as 370832 (Liangshan County).',
  regionUnknown:
    'There is no region with the code (regionCode) {regionCode}; choose one from the region list.',
  notCounty:
    'The region (regionCode) {regionCode} is not a county: warnings are computed per county, so choose a county or district.',
  dayFormat: 'The day (day) must be a date, such as 2026-11-02.',
  fromFormat: 'The start (from) must be a date, such as 2026-11-02.',
  toFormat: 'The end (to) must be a date, such as 2026-11-30.',
  range: 'The end (to) may not come before the start (from), and at most {maxDays} days at a time.',
} as const;
