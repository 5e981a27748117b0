/**
 * The `hiring` namespace in Chinese (the source): offers, accepts, applications, crews, the roster,
 * saved searches and the worker's socket. ICU MessageFormat: {name} is a value, {n, plural, …} a count.
 */
export const zhCN = {
  // What a status is called where a refusal names it ("这个零工{status}").
  'gigStatus.OPEN': '已到开工时间',
  'gigStatus.FILLED': '已招满',
  'gigStatus.IN_PROGRESS': '已开工',
  'gigStatus.COMPLETED': '已完工',
  'gigStatus.CANCELLED': '已取消',
  'gigStatus.EXPIRED': '已过期',
  'offerStatus.PENDING': '还在等您答复',
  'offerStatus.ACCEPTED': '已经接受了',
  'offerStatus.DECLINED': '已经拒绝了',
  'offerStatus.EXPIRED': '已经过期了',
  'offerStatus.WITHDRAWN': '已经撤回了',
  'applicationStatus.APPLIED': '还在等答复',
  'applicationStatus.ACCEPTED': '已录用',
  'applicationStatus.REJECTED': '已婉拒',
  'applicationStatus.WITHDRAWN': '已撤回',

  // Offers: accepting and declining.
  declineExpired: '这个邀约已经过期了，不用再拒绝。',
  declineNotPending: '这个邀约{status}，不用再拒绝。',
  offerRanOut: '这个邀约在 {expiresAt} 已经过期，您没来得及接受。请留意新的邀约，或在零工列表里报名。',
  acceptGigClosed: '这个零工{status}，不再录用人了。',
  acceptOfferDone: '这个邀约{status}，不能再接受了。',
  crewOfferNeedsMembers: '这是给您班组的邀约：请在班组邀约里接受，并选好要去的人。',
  gigFilled: '这个零工的 {headcount} 个名额都满了。请看看附近别的零工。',
  identityLost: '这个工人的身份证号已被另一个人实名核验过，要本人带身份证到就业驿站核验后才能录用。',
  overlapsHire: '这个时间您已经接了别的活，不能同时接两个时间重叠的活。',
  alreadyHiredHere: '您已经被这个零工录用了。',
  sendOfferId: '请发送邀约编号（offerId）。',

  // Listed gigs: applications.
  applyClosed: '这个零工{status}，不再接受报名。',
  applyOverlaps: '这个时间您已经接了别的活，和这个零工的时间冲突。',
  alreadyApplied: '您已经报过名了，请等用工单位答复。',
  applicationDecided: '这个报名已经处理过了（{status}）。',
  decideGigClosed: '这个零工{status}，不能再录用人了。',

  // Crews and crew offers.
  crewName: '班组名称要 {min} 到 {max} 个字，例如：韩垓镇焊工班。',
  alreadyInCrew: '{name} 已经在这个班组里了。',
  joinNeedsInvite: '要班组长先邀请您，才能加入班组；请找班组长。',
  leaderCannotLeave: '班组长不能退出自己带的班组。',
  crewOfferGigClosed: '这个零工{status}，不能再招人了。',
  crewAlreadyOffered: '已经给这个班组发过这个零工的邀约了。',
  crewNameSomeone: '请至少选一名要去干活的班组成员。',
  crewOutsider: '工人 {workerId} 不是这个班组的成员；只有已经加入的成员才能去。',
  crewInvitedLeaderOnly: '受邀还没加入的工人只有班长本人能看到：他们还没有同意加入这个班组。',
  workerSuspended: '这个工人的账号已被人社部门停用，停用期间不能接活，也不能由别人代为接活。',
  crewMemberSuspended: '{name} 的账号已被人社部门停用，不能接活，也不能由班长代为接活。',
  crewTooMany:
    '这个零工只剩 {seatsLeft, plural, other {# 个名额}}，最多选 {seatsLeft, plural, other {# 人}}。',
  crewMemberBooked: '{name} 在这个时间已经有别的活了，请不要选这个人。',
  crewMemberNotFree:
    '{name} 没有把这段时间设为有空，班长不能替他接这个活；请他本人先设置有空的时间，或者不要选这个人。',

  // Station operators acting for walk-in workers.
  nameWalkIn: '请填写您在帮哪位工人办理（workerId）。',
  notYourStation: '您只能替在本驿站登记的工人办理。',

  // The employer's side.
  candidatesFirst: '候选人数请填 1 到 {max}。',
  rosterOnlyWorked: '只有给您干过活的工人，才能加入常用工人名单。',

  // Saved searches.
  searchName: '搜索名称要 {min} 到 {max} 个字，例如：附近焊工。',
  tooManySearches: '您已经保存了 {max} 个搜索，请先删掉一个。',
} as const;
