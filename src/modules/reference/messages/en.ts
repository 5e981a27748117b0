import type { zhCN } from './zh-CN.js';

/** The `reference` namespace in English; the same keys as Chinese (a missing one does not compile). */
export const en: Record<keyof typeof zhCN, string> = {
  countyCode: 'A region code has 6 digits, e.g. 370832 for 梁山县.',
  cityCode: 'A region code has 6 digits, e.g. 370800 for 济宁市.',
  searchTooLong: 'The search text is too long: use at most {max} characters.',
  noRegion: 'No region {code}: pick one from the regions list.',
  minimumWageRange: 'The hourly minimum is in fen (分), from 100 (1 元) to 100000 (1000 元).',
  effectiveFrom: 'Give the date the wage applies from as YYYY-MM-DD.',
  sourceTooLong: 'Describe the source in at most {max} characters.',
  outsideCounty:
    "This point is {km} km from {county}''s seat, outside {county}; check the map pin or the county.",
};
