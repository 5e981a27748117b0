import { ErrorCode } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { type Text, text } from '../../i18n/text.js';
import type { AgreedTerms } from '../hiring/contract.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { monthDayTime, type SmsContent, smsMessage, timeWindow, yuanShort } from './sms.text.js';

/** The short answers to a worker's text (the NOTICE template adds 。如有疑问请到零工驿站). */
export const SAY = {
  declined: text('sms:say.declined'),
  optedOut: text('sms:say.optedOut'),
  help: text('sms:say.help'),
  smsOff: text('sms:say.smsOff'),
  nothingPending: text('sms:say.nothingPending'),
  busy: text('sms:say.busy'),
  cannot: text('sms:say.cannot'),
} as const;

/** How a refusal of the hiring rules reads in a text. */
export const REFUSALS: Partial<Record<string, Text>> = {
  [ErrorCode.GIG_FILLED]: text('sms:say.gigFilled'),
  [ErrorCode.OFFER_EXPIRED]: text('sms:say.offerExpired'),
  [ErrorCode.OFFER_NOT_PENDING]: SAY.nothingPending,
  [ErrorCode.NOT_FOUND]: SAY.nothingPending,
  [ErrorCode.SCHEDULE_CONFLICT]: text('sms:say.scheduleConflict'),
  [ErrorCode.ACCOUNT_SUSPENDED]: text('sms:say.accountSuspended'),
};

/** A text cut to `max` characters, an ellipsis marking the cut. */
export const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * 接受成功 with the contract's terms: what, when, where, the amount due and by when, the contract
 * (the first 8 characters of its SHA-256) and the check-in code for `checkInWithCode`; times in
 * Asia/Shanghai, words in the worker's language.
 */
export function hiredText(
  signName: string,
  engagement: Pick<EngagementRecord, 'terms' | 'startsAt' | 'endsAt' | 'contractHash' | 'checkInCode'>,
  locale: Locale,
): SmsContent {
  const terms = engagement.terms as AgreedTerms;
  return smsMessage(
    signName,
    'HIRED',
    {
      title: cut(terms.title, 20),
      when: timeWindow(engagement.startsAt, engagement.endsAt, locale),
      address: cut(terms.address, 40),
      amount: yuanShort(terms.amountDueFen),
      payBy: monthDayTime(new Date(terms.payDueAt), locale),
      contract: engagement.contractHash.slice(0, 8).toUpperCase(),
      checkInCode: engagement.checkInCode ?? '',
    },
    locale,
  );
}
