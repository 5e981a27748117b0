/**
 * The `warnings` namespace in Chinese: the early warning of job loss (规模性失业风险预警).
 * ICU MessageFormat: {name} is a value.
 */
export const zhCN = {
  regionShape: '地区编码是 6 位数字，例如 370832（梁山县）。',
  regionUnknown: '没有编码为 {regionCode} 的地区，请从地区列表里选。',
  notCounty: '{regionCode} 不是区县：预警按区县计算，请选一个区或县。',
  dayFormat: '{field} 要写成日期，例如 2026-11-02。',
  range: '一次最多看 {maxDays} 天，结束日期不能早于开始日期。',
} as const;
