/**
 * The `training` namespace in Chinese: training providers, courses and their search, enrolments,
 * attendance and results, training wishes (培训意愿), ordered training (订单培训) and the shortage
 * report (急需紧缺). ICU MessageFormat: {name} is a value, {n, plural, …} a count.
 */
export const zhCN = {
  // Providers and courses (providers, courses, course search)
  providerNotVerified: '培训机构还没有通过人社部门的审核，审核后才能发布课程。',

  // Enrolments, attendance and results
  courseFull: '这个培训班的 {seats} 个名额已经报满了，请在「培训」里选别的班次。',
  courseNotFound: '没有找到这个培训班（{id}）。',
  enrolmentNotFound: '没有找到这条报名（{id}）。',
  workerNotFound: '没有找到这位工人的登记，请先登记再报名。',
  'courseStatus.OPEN': '正在招生',
  'courseStatus.CANCELLED': '已经取消',
  'courseStatus.COMPLETED': '已经结课',
  'enrolmentStatus.ENROLLED': '在读',
  'enrolmentStatus.WITHDRAWN': '已退出',
  'enrolmentStatus.PASSED': '已通过',
  'enrolmentStatus.FAILED': '未通过',
  enrolClosedStatus: '这个培训班{status}，不能再报名了。请在「培训」里找别的班次。',
  enrolClosedDate: '这个培训班的报名截止到 {enrolBy}，已经过了。请在「培训」里找别的班次。',
  scheduleConflict:
    '您已经报了「{title}」（{startsOn} 至 {endsOn}），和这个班的日期冲突。请先退出那个班，或选别的班次。',
  withdrawStarted: '这个培训班 {startsOn} 已经开课，不能再退出了；有事请联系培训机构。',
  withdrawDecided: '这个培训已经有了结果（{status}），不能再退出。',
  courseNotRunning: '这个培训班{status}，不能再登记出勤或成绩。',
  dayFormat: '日期（day）要写成 YYYY-MM-DD，例如 2026-12-08。',
  dayOutside: '{day} 不在这个培训班的日期内（{startsOn} 至 {endsOn}），请改成上课的日子。',
  dayAhead: '{day} 还没到，不能提前登记出勤；请在当天或之后登记。',
  noEntries: '请至少登记一名学员的出勤（entries）。',
  noResults: '请至少登记一名学员的成绩（results）。',
  entryTwice: '同一名学员在一次登记里只能出现一次，请删掉重复的一条。',
  notOfCourse: '报名 {id} 不是这个培训班的学员，请检查报名编号。',
  learnerNotWaiting: '{name} 的报名状态是「{status}」，不能再登记出勤或成绩。',
  resultsBeforeStart: '这个培训班 {startsOn} 才开课，开课后才能登记成绩。',
  scoreRange: '{name} 的分数（score）要是 0 到 100 之间的整数。',
  noCertificateHere: '{name} 这条成绩不发证书（未通过，或这个班不发证），请不要填写证书编号。',
  certificateNumberNeeded: '{name} 通过了考核，这个班要发证书：请填写证书编号（certificateNumber）。',
  certificateNumberLength: '{name} 的证书编号要 4 到 40 个字符。',
  certificateNumberTwice: '证书编号 {number} 在这批成绩里出现了两次，每本证书的编号都不同。',
  certificateNumberTaken: '证书编号 {number} 已经登记过了，请核对编号。',
  attendanceTooLow:
    '{name} 只出勤了 {present} 天，培训共 {days} 天，出勤要达到 {percent}%（至少 {needed} 天）才能判为通过。请补登出勤，或判为未通过。',
  resultPassed: '您参加的「{course}」考核通过了，成绩 {score} 分。',
  resultPassedLevel:
    '您参加的「{course}」考核通过了，成绩 {score} 分。职业技能等级证书 {number}（{trade}，{level}）已登记到您名下。',
  resultPassedOperation:
    '您参加的「{course}」考核通过了，成绩 {score} 分。特种作业操作证 {number} 已登记，有效期到 {expiresOn}，现在可以接{trade}的活了。',
  resultFailed: '您参加的「{course}」考核没有通过，成绩 {score} 分。可以在「培训」里报名下一期。',

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
