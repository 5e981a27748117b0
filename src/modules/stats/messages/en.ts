import type { zhCN } from './zh-CN.js';

/** The `stats` namespace in English; the same keys as Chinese. */
export const en: Record<keyof typeof zhCN, string> = {
  regionCodeShape: 'A region code has 6 digits, e.g. 370832 for 梁山县 or 370800 for 济宁市.',
  regionUnknown: 'No region {regionCode}: pick one from the regions list.',
  toAfterFrom: '`to` must be after `from`: the range covers from `from` up to just before `to`.',
  seriesTooLong: 'A daily series covers at most {maxDays} days; this range has {span}. Shorten it.',
  wagesPastInt:
    'Wages paid ({fen} fen) are past what GraphQL’s Int holds: read wagesPaidYuan, or narrow the range.',
  dateTimeFormat: 'Give `{field}` as an ISO 8601 date-time, e.g. 2026-12-01T00:00:00+08:00.',
  exportNeedsToken: 'Send an admin access token as "Authorization: Bearer …" (the token after it).',
  exportAdminOnly: 'Only the labour bureau (an admin) may export statistics.',
};
