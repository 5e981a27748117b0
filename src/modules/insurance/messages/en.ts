import type { zhCN } from './zh-CN.js';

/** The `insurance` namespace in English. */
export const en: Record<keyof typeof zhCN, string> = {
  coverMissing:
    'This hire needs accident insurance for each day; there is no policy for {days}. It must be arranged by {payer} before check-in.',
  dayList: '{first}, {rest}',
  notRequired:
    'This hire needs no accident insurance: its trade is not risky and it is not a public-welfare post.',
  hireNotLive: 'This hire is over or cancelled; it can no longer be insured.',
  payerOnly: 'The accident insurance of this hire is arranged by {payer}.',
  groupPolicyCovers:
    "This hire is covered by the employer's group accident policy ({insurer}, policy {policyNumber}); no daily policy is needed.",
  insurerFailed:
    'The insurer issued no policy just now; please try again shortly. The days without a policy are still uninsured.',
  'payer.EMPLOYER': 'the employer',
  'payer.BUREAU_POOL': "the bureau's pool (public-welfare post)",
  statementNotNeeded:
    'This gig needs no accident insurance (its trades are not risky and it is not a public-welfare post), so there is nothing to state.',
  providerUnknown: 'The accident insurance provider must be one of {providers}.',
  poolOnlyPublicWelfare:
    "The bureau's pool insures only public-welfare posts; choose daily policies paid by the employer, or the employer's group policy.",
  insurerLength: "Name the insurer of the employer's group accident policy (2 to 60 characters).",
  policyNumberForm:
    "Give the number of the employer's group accident policy (4 to 40 letters, digits, - or /).",
  onlyGroupPolicyNamed: "Only the employer's group policy is stated with an insurer and a policy number.",
  tag: 'Accident insurance included',
} as const;
