import type { PayUnit } from '../../db/schema/index.js';
import { MARKET_TIME_ZONE } from '../../time.js';

/**
 * The SMS templates. Providers in China send only templates approved in advance, with
 * parameters filled in, so every message is one of these, and the text a phone shows is the
 * template filled in behind the sign (【零工】). README, "Offers by SMS", lists them for the console.
 */
export const SMS_TEMPLATES = {
  /** 拳铺镇 焊工 11月25日13:00-18:00 40元/小时 距您2.1公里。回复1接受 回复2不要 90秒内有效 */
  OFFER: '{1} {2} {3} {4} 距您{5}公里。回复1接受 回复2不要 {6}秒内有效',
  /** The hire, from the contract's terms: what, when, where, pay, pay-by date, contract, check-in code. */
  HIRED: '接受成功：{1}，{2}，地址：{3}，工钱{4}，{5}前结清。合同编号{6}，签到码{7}',
  /** Every other answer: 已招满, 已过期, 没有待回复的活, 已退订, how to reply … */
  NOTICE: '{1}。如有疑问请到零工驿站',
  /** A one-time code (验证码): the code, what it is for, its minutes. */
  CODE: '验证码{1}，用于{2}，{3}分钟内有效。请勿告诉他人，工作人员不会向您索要',
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;
export type SmsContent = { template: SmsTemplate; params: string[]; text: string };

/** A template filled in, behind the sign: exactly what the phone shows. */
export function smsContent(signName: string, template: SmsTemplate, params: string[]): SmsContent {
  const body = SMS_TEMPLATES[template].replace(/\{(\d)\}/g, (_, n: string) => params[Number(n) - 1] ?? '');
  return { template, params, text: `【${signName}】${body}` };
}

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

/** 11月25日13:00 */
export function monthDayTime(at: Date): string {
  const p = marketParts(at);
  return `${p.month}月${p.day}日${p.time}`;
}

/** 11月25日13:00-18:00, or 11月25日08:00-11月27日17:00 over several days. */
export function timeWindow(startsAt: Date, endsAt: Date): string {
  const from = marketParts(startsAt);
  const to = marketParts(endsAt);
  const sameDay = from.month === to.month && from.day === to.day;
  return `${monthDayTime(startsAt)}-${sameDay ? to.time : monthDayTime(endsAt)}`;
}

/** 40元, 40.5元, 0.35元: yuan without trailing zeros. */
export const yuanShort = (fen: number) => `${String(Number((fen / 100).toFixed(2)))}元`;

const PER_UNIT: Record<PayUnit, (fen: number) => string> = {
  HOUR: (fen) => `${yuanShort(fen)}/小时`,
  DAY: (fen) => `${yuanShort(fen)}/天`,
  PIECE: (fen) => `${yuanShort(fen)}/件`,
  TOTAL: (fen) => `共${yuanShort(fen)}`,
};

export const payText = (payFen: number, payUnit: PayUnit) => PER_UNIT[payUnit](payFen);

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
