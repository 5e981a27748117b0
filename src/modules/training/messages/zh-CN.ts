/**
 * The `training` namespace in Chinese: training providers, courses and their search, enrolments,
 * attendance and results, training wishes (培训意愿), ordered training (订单培训) and the shortage
 * report (急需紧缺). ICU MessageFormat: {name} is a value, {n, plural, …} a count.
 */
export const zhCN = {
  // Providers and courses (providers, courses, course search)
  providerNotVerified: '培训机构还没有通过人社部门的审核，审核后才能发布课程。',
  providerNameLength: '机构名称写全称，2 到 60 个字，和营业执照或办学许可证上的一样。',
  creditCodeTaken: '这个统一社会信用代码已经注册过培训机构。忘了密码可以用手机号找回。',
  providerNotFound: '没有编号为 {id} 的培训机构。',
  providerOnly: '只有培训机构的账号才能做这件事。',
  regionUnknown: '没有编码为 {code} 的地区，请从地区列表里选。',
  regionNotCounty: '{name}不是区县，请选所在的区或县。',
  outsideChina: '这个位置不在中国境内：请看看纬度（lat）和经度（lng）是不是填反了。',
  titleLength: '课程名称 {min} 到 {max} 个字，写清学什么，例如“电焊工特种作业培训班”。',
  descriptionLength: '请写清课程内容、上课安排和报名条件，最多 {max} 个字。',
  addressLength: '请写清上课地点，{min} 到 {max} 个字。',
  skillUnknown: '没有这个工种：{code}。请从工种列表里选。',
  certificateUnknown: '结业证书只能是这几种之一：{kinds}，不发证书就不填。',
  specialOperationCertificate:
    '{trade}是特种作业，培训必须考取特种作业操作证：certificate 请填 SPECIAL_OPERATION。',
  notSpecialOperation: '{trade}不是特种作业，不发特种作业操作证；可以发职业技能等级证书（SKILL_LEVEL）。',
  targetLevelRange: '发职业技能等级证书的课程要写培训到几级：1（五级/初级工）到 5（一级/高级技师）。',
  targetLevelOnlySkillLevel: '只有发职业技能等级证书（SKILL_LEVEL）的课程才写等级（targetLevel），请不填。',
  subsidySourceNeeded: '补贴性培训要写明补贴来源，{min} 到 {max} 个字，例如“县职业技能提升专项资金”。',
  subsidisedFee: '补贴性培训学员不交钱：费用（feeFen）请填 0。',
  subsidySourceOnlySubsidised: '不是补贴性培训就不写补贴来源。',
  feeRange: '费用按分填写：0 到 {max, number} 元以内的整数分。',
  day: '{field} 请按 YYYY-MM-DD 填写一个真实的日期。',
  startsInPast: '开课日期不能早于今天（{today}）。',
  endsBeforeStart: '结课日期不能早于开课日期。',
  enrolByPast: '报名截止日期不能早于今天（{today}）。',
  enrolByAfterEnd: '报名截止日期不能晚于结课日期。',
  hoursRange: '课时是 {min} 到 {max} 的整数。',
  seatsRange: '招生名额是 {min} 到 {max} 人。',
  languageUnknown: '授课语言只能是这几种之一：{languages}。',
  orderNotYours: '这个订单培训不存在，或不是本机构承接的。',
  orderNotTaken: '这个订单培训现在的状态是 {status}，只有本机构已承接（TAKEN）的订单才能开班。',
  orderOtherTrade: '这个订单培训的工种和课程的工种不一样。',
  orderHasCourse: '这个订单培训已经有课程了。',
  courseNotFound: '没有编号为 {id} 的课程，或不是本机构的课程。',
  courseProviderOnly: '只有开这门课的培训机构和人社部门能看学员名单。',
  cancelReason: '请写明为什么取消（{min} 到 {max} 个字），报了名的学员会收到。',
  cannotCancel: '这门课程的状态是 {status}，只有还在招生（OPEN）的课程才能取消。',
  courseCancelled: '您报名的“{title}”（{startsOn} 开课）已取消：{reason}',
  startsToBeforeFrom: '开课日期的范围：结束日（startsTo）不能早于开始日（startsFrom）。',
  facetSubsidised: '补贴培训',
  facetPaid: '自费培训',

  // Enrolments, attendance and results
  courseFull: '这个培训班的 {seats} 个名额已经报满了。',

  // Training wishes and ordered training
  wishesCount: '想学的工种最多选 {max} 个。',

  // The shortage report
  shortageRange: '统计区间要填 YYYY-MM-DD，开始不晚于结束，最长 {maxDays} 天。',
};
