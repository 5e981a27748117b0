/** The `stats` namespace in Chinese: the bureau's figures, their ranges and the CSV export. */
export const zhCN = {
  regionCodeShape: '地区代码是 6 位数字，例如梁山县是 370832，济宁市是 370800。',
  regionUnknown: '没有代码为 {regionCode} 的地区：请从地区列表里选。',
  toAfterFrom: '结束时间（to）要晚于开始时间（from）：统计从 from 开始，到 to 之前为止。',
  seriesTooLong: '按天统计一次最多 {maxDays} 天，这次选了 {span} 天。请把时间段缩短一些。',
  wagesPastInt:
    '支付的工资（{fen} 分）超过了 wagesPaidFen 能表示的范围：请改看 wagesPaidYuan（元），或把时间段缩短一些。',
  dateTimeFormat: '请把 {field} 写成带时区的日期时间，例如 2026-12-01T00:00:00+08:00。',
  exportNeedsToken: '请用管理员登录后拿到的令牌导出：在请求头 Authorization 里写 Bearer，后面跟上令牌。',
  exportAdminOnly: '只有县人社局（管理员）才能导出统计数据。',
} as const;
