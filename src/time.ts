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
