/** The market runs on China Standard Time; dates shown and compared as days use it. */
export const MARKET_TIME_ZONE = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: MARKET_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export const marketDay = (at: Date): string => dayFormat.format(at);

/** The last millisecond of an instant's market day (China has kept +08:00 all year since 1991). */
export const endOfMarketDay = (at: Date): Date =>
  new Date(new Date(`${marketDay(at)}T00:00:00+08:00`).getTime() + 86_400_000 - 1);

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a text is a calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!DAY_FORMAT.test(value)) return false;
  // A month past 12 or a day past 31 is no date at all (toISOString would throw on it).
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant as ISO-8601 in China Standard Time: 2026-11-25T13:00:00.000+08:00. */
export function toShanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}
