// How the kiosk writes pay, times and distances: in Chinese, in market time (Asia/Shanghai).

/** Market time: every time the kiosk shows or says is in it. */
export const ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, month: 'long', day: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, weekday: 'short' });
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 08:05 in market time. */
export const hhmm = (at) => timeFormat.format(at);

/** 6月12日 周五 in market time. */
export const dayText = (at) => `${dayFormat.format(at)} ${weekdayFormat.format(at)}`;

/** 元 from fen: 200, 25.5 — never a float artefact. */
export const yuan = (fen) => (fen / 100).toFixed(2).replace(/\.?0+$/, '');

/** The pay split for display: an optional word before, the amount, the unit after. */
export function payParts(payFen, payUnit) {
  const amount = yuan(payFen);
  switch (payUnit) {
    case 'HOUR':
      return { before: '', amount, unit: '元/小时' };
    case 'DAY':
      return { before: '', amount, unit: '元/天' };
    case 'PIECE':
      return { before: '', amount, unit: '元/件' };
    default:
      return { before: '总价', amount, unit: '元' };
  }
}

/** 6月12日 周五 08:00–17:00, or both ends dated when the gig runs over several days. */
export function whenText(startsAt, endsAt) {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (dayText(start) === dayText(end)) return `${dayText(start)} ${hhmm(start)}–${hhmm(end)}`;
  return `${dayText(start)} ${hhmm(start)} 至 ${dayText(end)} ${hhmm(end)}`;
}

/** 800 米, 3.2 公里, 15 公里. */
export function distanceText(km) {
  if (km == null) return '';
  if (km < 1) return `${Math.max(100, Math.round(km * 10) * 100)} 米`;
  return `${km < 10 ? String(Math.round(km * 10) / 10) : Math.round(km)} 公里`;
}
