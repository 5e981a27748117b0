import type { zhCN } from './zh-CN.js';

/** The `insurance` namespace in English. */
export const en: Record<keyof typeof zhCN, string> = {
  coverMissing:
    'This hire needs accident insurance for each day; there is no policy for {days}. It must be arranged by {payer} before check-in.',
  notRequired:
    'This hire needs no accident insurance: its trade is not risky and it is not a public-welfare post.',
  hireNotLive: 'This hire is over or cancelled; it can no longer be insured.',
  payerOnly: 'The accident insurance of this hire is arranged by {payer}.',
  'payer.EMPLOYER': 'the employer',
  'payer.BUREAU_POOL': "the bureau's pool (public-welfare post)",
  tag: 'Accident insurance included',
} as const;
