import { ErrorCode } from '../../errors.js';
import type { AgreedTerms } from '../hiring/contract.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { monthDayTime, type SmsContent, smsContent, timeWindow, yuanShort } from './sms.text.js';

/** The short answers to a worker's text (the NOTICE template adds 。如有疑问请到零工驿站). */
export const SAY = {
  declined: '已回复不要，有合适的活再通知您',
  optedOut: '已退订，不再用短信给您派活',
  help: '回复1接受 回复2不要 回复TD退订',
  smsOff: '您没有开通短信接活，可在App里或到零工驿站开通',
  nothingPending: '没有待回复的活',
  busy: '系统忙，请稍后再回复',
  cannot: '这个活现在不能接',
} as const;

/** How a refusal of the hiring rules reads in a text. */
export const REFUSALS: Partial<Record<string, string>> = {
  [ErrorCode.GIG_FILLED]: '已招满，下次早点回复',
  [ErrorCode.OFFER_EXPIRED]: '已过期，下次请在有效时间内回复',
  [ErrorCode.OFFER_NOT_PENDING]: SAY.nothingPending,
  [ErrorCode.NOT_FOUND]: SAY.nothingPending,
  [ErrorCode.SCHEDULE_CONFLICT]: '时间冲突，您这个时间已接了别的活',
};

/** A text cut to `max` characters, an ellipsis marking the cut. */
export const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * 接受成功 with the contract's terms: what, when, where, the amount due and by when, the contract
 * (the first 8 characters of its SHA-256) and the check-in code for `checkInWithCode`.
 */
export function hiredText(signName: string, engagement: EngagementRecord): SmsContent {
  const terms = engagement.terms as AgreedTerms;
  return smsContent(signName, 'HIRED', [
    cut(terms.title, 20),
    timeWindow(engagement.startsAt, engagement.endsAt),
    cut(terms.address, 40),
    yuanShort(terms.amountDueFen),
    monthDayTime(new Date(terms.payDueAt)),
    engagement.contractHash.slice(0, 8).toUpperCase(),
    engagement.checkInCode ?? '',
  ]);
}
