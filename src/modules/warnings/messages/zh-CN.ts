/**
 * The `warnings` namespace in Chinese: the early warning of job loss (规模性失业风险预警).
 * Each refusal names its field in Chinese first, then as the API spells it.
 * ICU MessageFormat: {name} is a value.
 */
export const zhCN = {
  regionShape: '地区编码（regionCode）是 6 位数字，例如 370832（梁山县）。',
  regionUnknown: '地区编码（regionCode）{regionCode} 不存在，请从地区列表里选。',
  notCounty: '地区编码（regionCode）{regionCode} 不是区县：预警按区县计算，请选一个区或县。',
  dayFormat: '日期（day）要写成日期，例如 2026-11-02。',
  fromFormat: '开始日期（from）要写成日期，例如 2026-11-02。',
  toFormat: '结束日期（to）要写成日期，例如 2026-11-30。',
  range: '结束日期（to）不能早于开始日期（from），一次最多看 {maxDays} 天。',
} as const;
