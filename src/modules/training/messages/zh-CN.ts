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
  wishUnknown: '没有“{code}”这个工种，请从工种列表里选。',
  wishTwice: '“{code}”选了两次，每个工种选一次就够了。',
  orderEmployerNotVerified: '企业通过人社部门的审核后才能下培训订单。',
  orderProviderNotVerified: '培训机构还没有通过人社部门的审核，审核后才能承接培训订单。',
  orderOnlyProvider: '只有培训机构账号才能承接培训订单。',
  orderSkillUnknown: '没有“{code}”这个工种，请从工种列表里选。',
  orderLevel: '目标等级请填 1（五级/初级工）到 5（一级/高级技师）。',
  orderLevelSpecial: '{trade}是特种作业，学员考的是特种作业操作证，不分等级：目标等级请留空。',
  orderHeadcount: '培训人数请填 1 到 {max} 人。',
  orderDueOnDay: '完成日期请写成 2026-03-01 这样的年-月-日。',
  orderDueOnFuture: '完成日期要晚于今天（{today}）。',
  orderRegionUnknown: '没有编码为 {code} 的地区，请从地区列表里选。',
  orderRegionNotCounty: '{name}不是县级地区，请选培训所在的区或县。',
  orderPriorityDays: '优先期请填 1 到 {max} 天。',
  orderNote: '备注最多 {max} 个字。',
  orderNotFound: '没有找到编号为 {id} 的培训订单。',
  orderTaken: '这个培训订单已经由另一家培训机构承接了，请看看其他待承接的订单。',
  orderClosed: '这个培训订单已经取消或完成，不能再承接。',
  orderCourseStarted: '承接订单的培训班已于 {startsOn} 开课，订单不能再取消。',
  orderNotCancellable: '这个培训订单已经完成，不能再取消。',
  orderFulfilled:
    '您订的{trade}培训已结业：{graduates, plural, other {# 名}}学员进入您的熟练工名单，{until} 前优先收到您的即时零工邀约。',

  // The shortage report
  shortageRange: '统计区间要填 YYYY-MM-DD，开始不晚于结束，最长 {maxDays} 天。',
  shortageDayFormat: '{field} 要填一个日期，格式 YYYY-MM-DD，例如 2026-03-01。',
  shortageRegionShape: '地区代码是 6 位数字，例如梁山县是 370832，济宁市是 370800。',
  shortageRegionUnknown: '没有代码为 {regionCode} 的地区：请从地区列表里选。',
};
