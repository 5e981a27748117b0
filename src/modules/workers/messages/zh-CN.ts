/**
 * The `workers` namespace in Chinese: registering a worker, availability, real-name verification.
 * ICU MessageFormat: {name} is a value, {n, plural, …} a count.
 */
export const zhCN = {
  consentVersion: '请给工人看现在的个人信息保护告知（版本 {version}），再问一次是否同意。',
  name: '请填身份证上的真实姓名（2 到 30 个字）。',
  tooYoung: '未满 {minAge} 周岁不能注册做零工。',
  homeRegion: '没有代码为 {code} 的地区：请从地区列表里选户籍地。',
  residenceRegion: '没有代码为 {code} 的地区：请从地区列表里选常住地。',
  outsideChina: '这个位置不在中国境内：请看看纬度（lat）和经度（lng）是不是填反了。',
  travelRadius: '愿意去多远要填 1 到 200 公里。',
  skillsCount: '请选 1 到 20 个工种。',
  unknownSkill: '没有代码为 {code} 的工种：请从工种列表里选。',
  skillLevel: '熟练程度是 1（新手）到 5（师傅）。',
  skillTwice: '工种 {code} 选了两次。',
  laborBrand: '劳务品牌最多 30 个字。',
  priorityGroups: '重点群体只能是：{groups}。',
  onlyWorker: '只有工人本人能做这件事。',
  workerGone: '这个工人已经不在了。',
  windowsCount: '最多填 {max} 个空闲时段。',
  windowOrder: '空闲时段的结束时间要晚于开始时间。',
  windowLength: '一个空闲时段最长 {days} 天；更长的请分成几段。',
  windowOver: '这个空闲时段已经过去了。',
  windowHorizon: '最多安排 {days} 天以内的时间。',
  windowOverlap: '这个时段和第 {other} 个时段重叠了：请合成一个。',
  identityConflict: '这个身份证号已在另一个账号上当面核验过。什么也没有改动：需要人社局查看这两个账号。',
  identityLost:
    '您的身份证号已在就业驿站当面核验给了它的主人，所以已从这个账号上移除。用您自己的身份证到驿站核验之前，不能被录用。',
  serviceRefused: '身份核验服务没能确认这个姓名和身份证号是一致的。请带身份证到就业驿站当面核验。',
  serviceOffline: '这里不能在线核验身份：请带身份证到就业驿站（零工驿站）核验。',
  cardName: '请照身份证上印的填写姓名（2 到 30 个字）。',
  notRegisteredNumber:
    '这不是工人注册时用的身份证号：请核对证件。如果这个人的号码被别的账号占了，请让他自己注册账号，再到这里核验。',
  notRegisteredName: '身份证上的姓名和工人注册时的不一样：请核对证件和账号。',
  noIdNumber: '这个账号上已经没有身份证号了：请带身份证到就业驿站核验。',
  certificateRequired:
    '这个零工的工种是特种作业，按规定需持有效的特种作业操作证。请带证件到就业驿站登记核验后再来。',
  levelTooLow: '这个零工要求的技能等级更高：您在它的工种里还没有到这个等级。',
  certificateKind: '证书类别只能是：{kinds}。',
  notSpecialOperation: '{trade}不是特种作业，不发特种作业操作证：请选职业技能等级证书或职业资格证书。',
  specialOperationNoLevel: '特种作业操作证不写技能等级：请不要填等级。',
  certificateLevel: '请填证书上的等级：1（五级/初级工）到 5（一级/高级技师）。',
  certificateNumber: '请照证书填写证书编号（4 到 40 个字符）。',
  certificateIssuer: '请照证书填写发证机构（2 到 60 个字）。',
  certificateDay: '日期请写成 2026-03-01 这样的年-月-日。',
  issuedInFuture: '发证日期不能晚于今天。',
  specialOperationExpiry: '特种作业操作证有有效期：请照证书填写有效期至哪一天。',
  expiresBeforeIssued: '有效期的最后一天不能早于发证日期。',
  alreadyExpired: '这本证书已于 {expiresOn} 过期，不能登记：请持证人先复审换证。',
  certificateNumberTaken: '这个证书编号已经登记过了：请核对证书编号。',
  certificateExpiring:
    '您的{trade}特种作业操作证（编号 {number}）将于 {expiresOn} 到期，还有 {days} 天。到期后将收不到这个工种的零工，请及时复审。',
} as const;
