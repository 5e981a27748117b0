import type { PayUnit } from '../db/schema/index.js';
import { MARKET_TIME_ZONE } from '../time.js';

/** 元 from fen: whole yuan plainly, otherwise up to two decimals without trailing zeros. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** The pay as a person reads it: 200元/天, 25元/小时, 3元/件, 总价 1500元. */
export function payText(payFen: number, payUnit: PayUnit): string {
  switch (payUnit) {
    case 'HOUR':
      return `${yuan(payFen)}元/小时`;
    case 'DAY':
      return `${yuan(payFen)}元/天`;
    case 'PIECE':
      return `${yuan(payFen)}元/件`;
    case 'TOTAL':
      return `总价 ${yuan(payFen)}元`;
  }
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: MARKET_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const WEEKDAYS: Record<string, string> = {
  Mon: '周一',
  Tue: '周二',
  Wed: '周三',
  Thu: '周四',
  Fri: '周五',
  Sat: '周六',
  Sun: '周日',
};

/** An instant in market time (Asia/Shanghai), split into what the page shows. */
function marketParts(at: Date) {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return {
    day: `${Number(get('month'))}月${Number(get('day'))}日`,
    weekday: WEEKDAYS[get('weekday')] ?? '',
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** Date and hours in market time: 6月12日 周五 08:00–17:00, or both ends dated over several days. */
export function whenText(startsAt: Date, endsAt: Date): string {
  const start = marketParts(startsAt);
  const end = marketParts(endsAt);
  if (start.day === end.day) return `${start.day} ${start.weekday} ${start.time}–${end.time}`;
  return `${start.day} ${start.weekday} ${start.time} 至 ${end.day} ${end.weekday} ${end.time}`;
}

/** 1.2 公里, or 800 米 when under a kilometre. */
export function distanceText(km: number): string {
  if (km < 1) return `${Math.max(100, Math.round(km * 10) * 100)} 米`;
  return `${km < 10 ? km.toFixed(1).replace(/\.0$/, '') : Math.round(km)} 公里`;
}
