/**
 * The work namespace in Chinese (the source): check-in, attendance, pay, disputes, ratings. Short,
 * plain words for workers and small employers; money in 元. ICU MessageFormat.
 */
export const zhCN = {
  onlyWorker: '只有这份活的工人本人能做这件事。',
  onlyEmployer: '只有这份活的用工单位能做这件事。',
  ownHireOnly:
    '这份活是{name}本人的：签到、工时、工钱、调解和评价只有本人、用工单位和人社部门能看（{field}）。',
  wrongStatus: '这份活{status}，不能{doing}。',
  'status.CONFIRMED': '已经录用、还没开工',
  'status.CHECKED_IN': '已经签到',
  'status.COMPLETED': '已经干完',
  'status.NO_SHOW': '已记为未到岗',
  'status.CANCELLED': '已经取消',
  'doing.acknowledged': '再确认合同',
  'doing.checkedIn': '签到',
  'doing.paid': '记录付款',
  'doing.markedNoShow': '记为未到岗',

  latRange: '纬度要在 -90 到 90 之间。',
  lngRange: '经度要在 -180 到 180 之间。',
  checkInTooEarly: '开工前一小时才能签到，请在 {opensAt} 以后再来。',
  checkInEnded: '这份活已经结束，不能再签到了。',
  codeFormat: '签到码是工人录用信息上的 6 位数字。',
  codeMismatch: '签到码和这份活对不上，请让工人再念一遍。',
  workOver: '活已经结束了：请确认出勤（confirmAttendance）或提出异议（contestAttendance）。',
  noOffSite: '这份活没有需要确认的场外签到。',

  hoursRange: '请填干了几个小时：{least} 到 {most} 之间（这份活从开工到结束的时长）。',
  hoursNumber: '请填干了几个小时：0 或更大的数。',
  notFinished: '这份活还没有干完；干完以后才能答复出勤。',
  attendanceDecided: '这份活的出勤{status}；如果不同意，请提出纠纷。',
  'attendance.UNCONFIRMED': '还在等用工单位答复',
  'attendance.CONFIRMED': '已经确认',
  'attendance.CONTESTED': '已经有异议',
  'attendance.SETTLED': '已经裁定',
  contestedForBureau: '用工单位对这次出勤有异议，要由人社局裁定（settleAttendance），驿站不能确认。',
  impossibleForEmployer:
    '这次出勤的记录算不上干过活（没签到、签到地点太远或不到一分钟），驿站不能确认：要由用工单位确认，或由人社局裁定（settleAttendance）。',
  operatorRecordOnly:
    '驿站只能按记录确认 {hours, number} 小时；多出的工时（workedHours）要由用工单位确认，或由人社局裁定。',
  contestReason: '请用几句话（2 到 500 个字）说明为什么对出勤有疑问；工人和人社局都会看到。',
  settleNote: '请写下人社局查明的情况（2 到 2000 个字），双方都会看到。',
  settleHasArrears: '这份活的欠薪案件已经结案，工时不能再改；欠的钱以结案时为准，如有异议请通过纠纷处理。',
  noShowNeedsComplaint:
    '这份活被用工单位记为未到岗。工人一方对出勤提出纠纷（kind: WORK）、纠纷还在处理时，人社局才能裁定工时。',
  confirmedNeedsComplaint:
    '这份活的出勤已经确认。工人一方对工时提出纠纷（kind: WORK）、纠纷还在处理时，人社局才能重新裁定，而且只能多算、不能少算。',
  settleOverlapsHire: '这名工人在这段时间另有一份活，不能再把这份活算作干过；请在纠纷里查明后处理。',
  checkInFirst: '请先签到；签到以后才能签退。',
  notStartedYet: '活还没开工（{startsAt} 开工），没有可签退的。干完活再签退；如果去不了，请取消这份活。',
  noteContested: '对出勤有异议：{reason}',
  noteSettled: '出勤裁定为 {hours, number} 小时：{note}',
  noteConfirmed: '用工单位撤回异议，确认出勤 {hours, number} 小时。',

  amountFormat: '请填付了多少钱，按分填写，是大于 0 的整数：350 元就填 35000。',
  amountOverOwed:
    '这份活只剩 {owed, number, ::.00} 元没付（应付 {due, number, ::.00} 元，已记录 {paid, number, ::.00} 元），最多只能记录这么多。',
  noPaymentYet: '用工单位还没有记录付款。如果您已经拿到钱，请让他们记录；如果没有，请提出纠纷。',

  noShowTooEarly: '开工 {minutes} 分钟以后才能记为未到岗，工人可能还在路上；{allowedFrom} 以后再记。',
  cancelReason: '请用几句话（2 到 500 个字）说明为什么去不了；用工单位会看到。',
  cancelAfterStart: '只有还没开工的活才能取消；开工以后请直接告诉用工单位。',
  erasedReason: '工人注销了账号（个人信息已删除）。',
  starsRange: '请打 1 到 5 颗星。',
  commentLength: '评语最多 500 个字。',
  rateAfterDone: '活干完以后才能评价。',
  rateAfterAttendance: '出勤确认、有了工时以后才能评价；请先答复出勤，或等一等。',
  alreadyRated: '您已经评价过这份活了；每一方只能评一次。',

  textLength: '{what}要写 {min} 到 {max} 个字，用平常话说清发生了什么。',
  'what.reason': '原因',
  'what.mediationNote': '调解记录',
  'what.statement': '说明',
  'what.resolution': '处理结果',
  disputeResolved: '这个纠纷已经处理完了；如果又出了别的问题，请再提一个纠纷。',
  disputeUnderWay: '这份活已经有一个正在处理的纠纷；有话请补充到里面（addDisputeNote）。',
  arrearsClosed: '这个欠薪案件已经结案了。',

  'reliability.noHistory': '还没有结束的用工记录：按满分起步。',
  'reliability.window': '看最近 {counted} 次结束的用工：完成 {completed} 次。',
  'reliability.noShows': '未到岗 {count, number} 次，每次按缺勤 1 次计，降低分数。',
  'reliability.lateCancellations': '临近开工才取消 {count, number} 次，每次按缺勤半次计，降低分数。',
  'reliability.stars': '雇主评分平均 {average, number, ::.0} 星（{count} 条）。',
  'reliability.starsBelowFive':
    '雇主评分平均 {average, number, ::.0} 星（{count} 条），低于 5 星会略降分数。',
  'reliability.fullAttendance': '没有未到岗或临时取消，出勤满分。',
} as const;
