import type { PayUnit } from '../../db/schema/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render, renderAny } from '../../i18n/render.js';
import { type Text, text } from '../../i18n/text.js';
import { MARKET_TIME_ZONE } from '../../time.js';

/**
 * The SMS templates: each one's values, in the order the provider numbers them ({1}, {2} …). The
 * words are the catalogue's (`sms:template.*`, src/modules/sms/messages/), in the recipient's
 * language. Providers in China send only templates approved in advance, with parameters filled in,
 * so every message is one of these, and the text a phone shows is the template filled in behind
 * the sign (【零工】). `SMS_TEMPLATES` below is what the provider's console holds; README and
 * docs/sms.md list them.
 */
export const TEMPLATE_PARAMS = {
  /** 拳铺镇 焊工 11月25日13:00-18:00 40元/小时 距您2.1公里。回复1接受 回复2不要 90秒内有效 */
  OFFER: ['place', 'trade', 'when', 'pay', 'km', 'seconds'],
  /** The hire, from the contract's terms: what, when, where, pay, pay-by date, contract, check-in code. */
  HIRED: ['title', 'when', 'address', 'amount', 'payBy', 'contract', 'checkInCode'],
  /** Every other answer: 已招满, 已过期, 没有待回复的活, 已退订, how to reply … */
  NOTICE: ['notice'],
  /** A one-time code (验证码): the code, what it is for, its minutes. */
  CODE: ['code', 'purpose', 'minutes'],
} as const;

export type SmsTemplate = keyof typeof TEMPLATE_PARAMS;
/** What a template is filled in with, by name: plain text, or a message put into the recipient's words. */
export type SmsValues<T extends SmsTemplate> = Record<(typeof TEMPLATE_PARAMS)[T][number], string | Text>;
/** A template filled in: its parameters in order (what a provider gets) and the whole text the phone shows. */
export type SmsContent = { template: SmsTemplate; params: string[]; text: string; locale: Locale };

/** A template filled in, behind the sign, in `locale`: exactly what the phone shows. */
export function smsMessage<T extends SmsTemplate>(
  signName: string,
  template: T,
  values: SmsValues<T>,
  locale: Locale,
): SmsContent {
  const names: readonly string[] = TEMPLATE_PARAMS[template];
  const given = values as Record<string, string | Text>;
  const params = names.map((name) => renderAny(given[name] ?? '', locale));
  const named = Object.fromEntries(names.map((name, i) => [name, params[i] ?? '']));
  const body = render(text(`sms:template.${template}`, named), locale);
  return { template, params, text: `【${signName}】${body}`, locale };
}

/** A template filled in with its parameters in the provider's order ({1}, {2} …). */
export function smsContent(
  signName: string,
  template: SmsTemplate,
  params: string[],
  locale: Locale = DEFAULT_LOCALE,
): SmsContent {
  const names: readonly string[] = TEMPLATE_PARAMS[template];
  const values = Object.fromEntries(names.map((name, i) => [name, params[i] ?? '']));
  return smsMessage(signName, template, values as SmsValues<typeof template>, locale);
}

/** A template as the provider's console holds it: {1}, {2} … where its values go. */
export function approvedTemplate(template: SmsTemplate, locale: Locale = DEFAULT_LOCALE): string {
  const names: readonly string[] = TEMPLATE_PARAMS[template];
  const numbered = Object.fromEntries(names.map((name, i) => [name, `{${i + 1}}`]));
  return render(text(`sms:template.${template}`, numbered), locale);
}

/** The Chinese templates, as approved by the provider. */
export const SMS_TEMPLATES = Object.fromEntries(
  (Object.keys(TEMPLATE_PARAMS) as SmsTemplate[]).map((template) => [template, approvedTemplate(template)]),
) as Record<SmsTemplate, string>;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: MARKET_TIME_ZONE,
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function marketParts(at: Date) {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { month: Number(p.month), day: Number(p.day), time: `${p.hour}:${p.minute}` };
}

/** Minutes after midnight in Asia/Shanghai. */
export function marketMinuteOfDay(at: Date): number {
  const { time } = marketParts(at);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
}

/** 11月25日13:00 (25/11 13:00 in English), in Asia/Shanghai. */
export function monthDayTime(at: Date, locale: Locale = DEFAULT_LOCALE): string {
  const p = marketParts(at);
  return render(text('sms:at', { month: String(p.month), day: String(p.day), time: p.time }), locale);
}

/** 11月25日13:00-18:00, or 11月25日08:00-11月27日17:00 over several days, in Asia/Shanghai. */
export function timeWindow(startsAt: Date, endsAt: Date, locale: Locale = DEFAULT_LOCALE): string {
  const from = marketParts(startsAt);
  const to = marketParts(endsAt);
  const sameDay = from.month === to.month && from.day === to.day;
  return `${monthDayTime(startsAt, locale)}-${sameDay ? to.time : monthDayTime(endsAt, locale)}`;
}

/** 40, 40.5, 0.35: yuan from fen without trailing zeros. */
const yuanFigure = (fen: number) => String(Number((fen / 100).toFixed(2)));

/** 40元, 40.5元, 0.35元 (40 yuan in English). */
export const yuanShort = (fen: number): Text => text('sms:amount', { yuan: yuanFigure(fen) });

/** 40元/小时, 200元/天, 0.5元/件, 共800元. */
export const payText = (payFen: number, payUnit: PayUnit): Text =>
  text(`sms:pay.${payUnit}`, { yuan: yuanFigure(payFen) });

/**
 * Where the work is, as short as a person says it: the town (镇, 乡, 街道) from the address when it
 * names one after the county, else the county.
 */
export function placeOf(address: string, countyName: string | undefined): string {
  const at = countyName ? address.indexOf(countyName) : -1;
  const rest = at >= 0 && countyName ? address.slice(at + countyName.length) : address;
  const town = /^([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))/.exec(rest)?.[1];
  return town ?? countyName ?? address.slice(0, 8);
}

/** What a worker's reply asks for. */
export type ReplyCommand = 'ACCEPT' | 'DECLINE' | 'OPT_OUT' | 'UNKNOWN';

/**
 * Reads a reply as people type it on a feature phone: spaces and punctuation around it, full-width
 * digits and letters (１, ＴＤ), either case; 退订, TD or T opts out.
 */
export function readReply(text: string): ReplyCommand {
  const plain = text
    .normalize('NFKC')
    .replace(/[\s.,!?;:'"。，！？；：、]+/g, '')
    .toUpperCase();
  if (plain === '1') return 'ACCEPT';
  if (plain === '2') return 'DECLINE';
  if (plain === 'TD' || plain === 'T' || plain === '退订') return 'OPT_OUT';
  return 'UNKNOWN';
}

/** A mainland mobile number from how providers and people write it (+86, 0086, 86, spaces), or null. */
export function mainlandMobile(phone: string): string | null {
  const digits = phone.normalize('NFKC').replace(/[\s-]/g, '');
  const national = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(national) ? national : null;
}
