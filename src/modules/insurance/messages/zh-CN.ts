/** The `insurance` namespace in Chinese: per-day accident cover (意外伤害商业保险, docs/insurance.md). */
export const zhCN = {
  coverMissing: '本单需按日投保意外险，{days}尚无保单，请{payer}投保后再签到。',
  dayList: '{first}、{rest}',
  notRequired: '本单不需要意外险：工种不属高风险，也不是公益性岗位。',
  hireNotLive: '该用工已结束或已取消，不能再投保。',
  payerOnly: '本单的意外险由{payer}投保。',
  groupPolicyCovers: '本单由用工单位的团体意外险承保（{insurer}，保单号 {policyNumber}），无需按日投保。',
  insurerFailed: '保险公司暂时没有出具保单，请稍后再试；未出单的日子仍未投保。',
  'payer.EMPLOYER': '用工单位',
  'payer.BUREAU_POOL': '人社局统筹（公益性岗位）',
  statementNotNeeded: '本零工的工种不属高风险，也不是公益性岗位，不需要说明意外险。',
  providerUnknown: '意外险的提供方只能是 {providers} 之一。',
  poolOnlyPublicWelfare: '人社局统筹只为公益性岗位投保；请选用工单位按日投保或团体意外险。',
  insurerLength: '请填写团体意外险的承保保险公司（2 到 60 个字）。',
  policyNumberForm: '请填写团体意外险的保单号（4 到 40 位字母、数字、- 或 /）。',
  onlyGroupPolicyNamed: '只有团体意外险需要填写保险公司和保单号。',
  tag: '含意外险',
} as const;
