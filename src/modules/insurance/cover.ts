import type { CoverPayer, CoverProvider } from '../../db/schema/index.js';
import type { Problems } from '../../errors.js';
import { type Text, text } from '../../i18n/text.js';
import { checkSingleLine } from '../../text/single-line.js';
import { endOfMarketDay, marketDay } from '../../time.js';

export type CoverReason = 'RISKY_TRADE' | 'PUBLIC_WELFARE';

/** What a gig's posting states about accident cover: whether each hire-day needs it, who provides and pays. */
export type AccidentCover = {
  required: boolean;
  /** Who provides it (the posting's statement, else the rule's default); null when no cover is required. */
  provider: CoverProvider | null;
  /** The employer, or the bureau's pool; null when no cover is required. */
  payer: CoverPayer | null;
  /** The insurer: the employer's group policy's, else the platform's insurer adapter's; null when none is required. */
  insurer: string | null;
  /** The employer's group policy number; null for per-day policies. */
  policyNumber: string | null;
  reasons: CoverReason[];
  riskyTrades: string[];
};

/** Why a gig needs cover (its risky trades, its public-welfare flag) and what its posting stated. */
export type CoverNeed = {
  riskyTrades: string[];
  publicWelfare: boolean;
  stated?: { provider: CoverProvider; insurer: string | null; policyNumber: string | null } | null;
};

/** The payer follows the provider: the pool pays for its own, the employer for the rest. */
export const payerOf = (provider: CoverProvider): CoverPayer =>
  provider === 'BUREAU_POOL' ? 'BUREAU_POOL' : 'EMPLOYER';

/**
 * The rule: risky trades and every public-welfare post need cover. Who provides it is what the
 * posting stated, else the bureau's pool for a public-welfare post and per-day policies paid by the
 * employer for the rest. `platformInsurer` is the insurer adapter's name (per-day policies).
 */
export function coverOf(need: CoverNeed | undefined, platformInsurer: string): AccidentCover {
  const riskyTrades = need?.riskyTrades ?? [];
  const reasons: CoverReason[] = [];
  if (riskyTrades.length > 0) reasons.push('RISKY_TRADE');
  if (need?.publicWelfare) reasons.push('PUBLIC_WELFARE');
  if (reasons.length === 0) {
    return {
      required: false,
      provider: null,
      payer: null,
      insurer: null,
      policyNumber: null,
      reasons,
      riskyTrades,
    };
  }
  const provider = need?.stated?.provider ?? (need?.publicWelfare ? 'BUREAU_POOL' : 'DAILY_POLICY');
  const group = provider === 'EMPLOYER_GROUP_POLICY';
  return {
    required: true,
    provider,
    payer: payerOf(provider),
    insurer: group ? (need?.stated?.insurer ?? null) : platformInsurer || null,
    policyNumber: group ? (need?.stated?.policyNumber ?? null) : null,
    reasons,
    riskyTrades,
  };
}

/** The market days (YYYY-MM-DD, Asia/Shanghai) a hire's window touches: each needs its own policy. */
export function hireDays(window: { startsAt: Date; endsAt: Date }): string[] {
  const days: string[] = [];
  const last = marketDay(new Date(window.endsAt.getTime() - 1));
  let at = window.startsAt;
  for (;;) {
    const day = marketDay(at);
    days.push(day);
    if (day >= last) return days;
    at = new Date(endOfMarketDay(at).getTime() + 1);
  }
}

/** Days as one phrase in the reader's language: 12-06、12-07 in Chinese, 12-06, 12-07 in English. */
export function dayList(days: readonly string[]): Text | string {
  const [first, ...rest] = days;
  if (first === undefined) return '';
  return rest.length === 0 ? first : text('insurance:dayList', { first, rest: dayList(rest) });
}

/** What a posting may state about its cover (PostGigInput.accidentCover). */
export type CoverStatementInput = {
  provider: string;
  insurer?: string | null;
  policyNumber?: string | null;
};

export type CoverStatement = { provider: CoverProvider; insurer: string | null; policyNumber: string | null };

const PROVIDERS: readonly string[] = ['DAILY_POLICY', 'EMPLOYER_GROUP_POLICY', 'BUREAU_POOL'];
const POLICY_NUMBER = /^[A-Za-z0-9][A-Za-z0-9\-/]{3,39}$/;

/**
 * Checks a posting's statement of who provides its cover, adding its problems to the posting's
 * (fields under `accidentCover`): only a gig that needs cover states one; the bureau's pool only
 * for a public-welfare post; an employer's group policy names its insurer and number, and nothing
 * else does. Answers the statement to record, or null (none stated, or not valid).
 */
export function checkCoverStatement(
  problems: Problems,
  input: CoverStatementInput | null | undefined,
  gig: { risky: boolean; publicWelfare: boolean },
): CoverStatement | null {
  if (!input) return null;
  const before = problems.count;
  if (!gig.risky && !gig.publicWelfare) {
    problems.add('accidentCover', text('insurance:statementNotNeeded'));
    return null;
  }
  if (!PROVIDERS.includes(input.provider)) {
    problems.add(
      'accidentCover.provider',
      text('insurance:providerUnknown', { providers: PROVIDERS.join(', ') }),
    );
    return null;
  }
  const provider = input.provider as CoverProvider;
  if (provider === 'BUREAU_POOL' && !gig.publicWelfare)
    problems.add('accidentCover.provider', text('insurance:poolOnlyPublicWelfare'));
  const insurer = input.insurer?.trim() || null;
  const policyNumber = input.policyNumber?.trim() || null;
  if (provider === 'EMPLOYER_GROUP_POLICY') {
    if (!insurer || insurer.length < 2 || insurer.length > 60)
      problems.add('accidentCover.insurer', text('insurance:insurerLength'));
    else checkSingleLine(problems, { 'accidentCover.insurer': insurer });
    if (!policyNumber || !POLICY_NUMBER.test(policyNumber))
      problems.add('accidentCover.policyNumber', text('insurance:policyNumberForm'));
  } else {
    if (insurer) problems.add('accidentCover.insurer', text('insurance:onlyGroupPolicyNamed'));
    if (policyNumber) problems.add('accidentCover.policyNumber', text('insurance:onlyGroupPolicyNamed'));
  }
  if (problems.count > before) return null;
  return provider === 'EMPLOYER_GROUP_POLICY'
    ? { provider, insurer, policyNumber }
    : { provider, insurer: null, policyNumber: null };
}

/** What the contract says of a hire's cover (AgreedTerms.accidentCover), fixed at the hire. */
export type ContractCover = {
  provider: CoverProvider;
  payer: CoverPayer;
  /** Absent when no insurer is configured yet (INSURER_PROVIDER=off): the day's policy will name it. */
  insurer?: string;
  policyNumber?: string;
};

export function contractCoverOf(cover: AccidentCover): ContractCover | undefined {
  if (!cover.required || !cover.provider || !cover.payer) return undefined;
  return {
    provider: cover.provider,
    payer: cover.payer,
    ...(cover.insurer ? { insurer: cover.insurer } : {}),
    ...(cover.policyNumber ? { policyNumber: cover.policyNumber } : {}),
  };
}
