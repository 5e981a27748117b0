/** The `insurance` namespace in Chinese: per-day accident cover (意外伤害商业保险, docs/insurance.md). */
export const zhCN = {
  coverMissing: '本单需按日投保意外险，{days}尚无保单，请{payer}投保后再签到。',
  notRequired: '本单不需要意外险：工种不属高风险，也不是公益性岗位。',
  hireNotLive: '该用工已结束或已取消，不能再投保。',
  payerOnly: '本单的意外险由{payer}投保。',
  'payer.EMPLOYER': '用工单位',
  'payer.BUREAU_POOL': '人社局统筹（公益性岗位）',
  tag: '含意外险',
} as const;
