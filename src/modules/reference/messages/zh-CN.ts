/** The `reference` namespace in Chinese (the source): regions, trades, minimum wages, the county check. */
export const zhCN = {
  countyCode: '地区代码是 6 位数字，例如梁山县是 370832。',
  cityCode: '地区代码是 6 位数字，例如济宁市是 370800。',
  searchTooLong: '搜索的字太多了，最多 {max} 个字。',
  noRegion: '没有代码为 {code} 的地区，请从地区列表里选。',
  minimumWageRange: '最低小时工资按分填写，从 100（1 元）到 100000（1000 元）。',
  effectiveFrom: '请按“年-月-日”填写开始执行的日期，例如 2026-07-01。',
  sourceTooLong: '来源说明最多 {max} 个字。',
  outsideCounty: '这个位置离{county}县城 {km} 公里，不在{county}内；请核对地图上的位置，或所选的县。',
} as const;
