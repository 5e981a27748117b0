/**
 * The `training` namespace in Chinese: training providers, courses and their search, enrolments,
 * attendance and results, training wishes (培训意愿), ordered training (订单培训) and the shortage
 * report (急需紧缺). ICU MessageFormat: {name} is a value, {n, plural, …} a count.
 */
export const zhCN = {
  // Providers and courses (providers, courses, course search)
  providerNotVerified: '培训机构还没有通过人社部门的审核，审核后才能发布课程。',

  // Enrolments, attendance and results
  courseFull: '这个培训班的 {seats} 个名额已经报满了。',

  // Training wishes and ordered training
  wishesCount: '想学的工种最多选 {max} 个。',

  // The shortage report
  shortageRange: '统计区间要填 YYYY-MM-DD，开始不晚于结束，最长 {maxDays} 天。',
  shortageDayFormat: '{field} 要填一个日期，格式 YYYY-MM-DD，例如 2026-03-01。',
  shortageRegionShape: '地区代码是 6 位数字，例如梁山县是 370832，济宁市是 370800。',
  shortageRegionUnknown: '没有代码为 {regionCode} 的地区：请从地区列表里选。',
};
