// What the 朗读 button says: a gig in short, plain Mandarin sentences, for people who read little.
// Pure (no DOM, no speech): the kiosk speaks it and the tests import it.
// Voices read digits well in Chinese (25元 is 二十五元, 8点 is 八点), but read clock times like 08:00,
// and symbols like / or ～, badly: so times are words and employers' symbols are taken out.

import { distanceText, yuan, ZONE } from './format.js';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['星期天', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const SOON = ['今天', '明天', '后天'];

export const HOW_TO_TAKE = '想去的话，请到驿站窗口找工作人员报名，或者用手机扫卡片上的二维码。';

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** A moment in market time, as numbers, with its calendar day counted from the epoch. */
function marketTime(at) {
  const parts = {};
  for (const { type, value } of partsFormat.formatToParts(new Date(at))) parts[type] = Number(value);
  const dayNumber = Date.UTC(parts.year, parts.month - 1, parts.day) / DAY_MS;
  return { ...parts, dayNumber, weekday: WEEKDAYS[new Date(dayNumber * DAY_MS).getUTCDay()] };
}

/** The part of the day, by the hour it ends before (midnight itself is 半夜). */
const PERIODS = [
  [6, '凌晨'],
  [12, '上午'],
  [13, '中午'],
  [18, '下午'],
  [24, '晚上'],
];

/** 上午8点, 下午5点半, 中午12点, 晚上7点10分. */
export function clockWords({ hour, minute }) {
  const period = hour === 0 ? '半夜' : PERIODS.find(([before]) => hour < before)?.[1];
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const minutes = minute === 0 ? '' : minute === 30 ? '半' : `${minute}分`;
  return `${period}${twelve}点${minutes}`;
}

/** 明天，6月12日，星期五 (今天, 明天 and 后天 said as such). */
function dayWords(at, now) {
  const soon = SOON[at.dayNumber - marketTime(now).dayNumber];
  return `${soon ? `${soon}，` : ''}${at.month}月${at.day}日，${at.weekday}`;
}

/** 9个小时, 8个半小时, 半个小时: to the nearest half hour. */
function hoursWords(ms) {
  const halves = Math.max(1, Math.round(ms / 1_800_000));
  const whole = Math.floor(halves / 2);
  if (halves % 2 === 0) return `${whole}个小时`;
  return whole ? `${whole}个半小时` : '半个小时';
}

function payWords(payFen, payUnit) {
  const amount = `${yuan(payFen)}元`;
  switch (payUnit) {
    case 'HOUR':
      return `工钱是每小时${amount}。`;
    case 'DAY':
      return `工钱是一天${amount}。`;
    case 'PIECE':
      return `工钱按件算，每件${amount}。`;
    default:
      return `工钱一共${amount}。`;
  }
}

/** An employer's text without the symbols voices read out as words or noise. */
const plain = (text) =>
  String(text)
    .replace(/&/g, '和')
    .replace(/[/\\|~～_*#@<>[\]{}^=+`]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The words to speak for one gig: what, pay, when, where and how far, how many, how to take it.
 * @param gig a board gig (the `board:upsert` shape)
 * @param context { skillName(code) → name or undefined, needsCertificate(gig) → boolean,
 *   insured(gig) → boolean (含意外险), now: Date }
 */
export function spokenText(gig, { skillName, needsCertificate, insured, now = new Date() }) {
  const sentences = [`${plain(gig.title)}。`];
  const trades = gig.skills.map(skillName).filter(Boolean);
  if (trades.length) sentences.push(`工种是${trades.join('、')}。`);
  if (needsCertificate?.(gig)) sentences.push('这是特种作业，需要持有效的特种作业操作证。');
  sentences.push(payWords(gig.payFen, gig.payUnit));
  if (gig.olderFriendly) sentences.push('年纪大的也可以干。');
  if (gig.publicWelfare) sentences.push('这是公益岗位。');
  if (insured?.(gig)) sentences.push('这个活含意外险，干活的每一天都给你上保险，不用你出钱。');
  if (gig.instant) sentences.push('这个活急着要人。');

  const start = marketTime(gig.startsAt);
  const end = marketTime(gig.endsAt);
  sentences.push(`时间是${dayWords(start, now)}。`);
  if (start.dayNumber === end.dayNumber) {
    const length = hoursWords(Date.parse(gig.endsAt) - Date.parse(gig.startsAt));
    sentences.push(`从${clockWords(start)}干到${clockWords(end)}，一共${length}。`);
  } else {
    sentences.push(`从${clockWords(start)}开始，干到${end.month}月${end.day}日${clockWords(end)}。`);
  }

  sentences.push(`地点在${plain(gig.address)}。`);
  if (gig.distanceKm != null) sentences.push(`离驿站${distanceText(gig.distanceKm).replace(' ', '')}。`);
  sentences.push(`还要${gig.placesLeft}个人。`);
  sentences.push(HOW_TO_TAKE);
  return sentences.join('');
}
