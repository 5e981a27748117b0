import type { zhCN } from './zh-CN.js';

/** The `warnings` namespace in English: the early warning of job loss. */
export const en: Record<keyof typeof zhCN, string> = {
  regionShape: 'A region code is 6 digits, such as 370832 (Liangshan County).',
  regionUnknown: 'There is no region with the code {regionCode}; choose one from the region list.',
  notCounty:
    '{regionCode} is not a county: warnings are computed per county, so choose a county or district.',
  dayFormat: '{field} must be a date, such as 2026-11-02.',
  range: 'At most {maxDays} days at a time, and the end may not come before the start.',
} as const;
