/**
 * Times of day for running tests at a chosen hour: `23:30Z` (UTC) or `07:00+08:00` (market time).
 * `nearestAt` is the instant with that time of day nearest to `now` (at most 12 hours away), so rows
 * that PostgreSQL stamps with its own now() stay within half a day of the moved clock; `nextAt` the
 * first at or after `now` (rows PostgreSQL stamps are then never ahead of the moved clock).
 */
const TIME_OF_DAY = /^(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds after UTC midnight of a time of day written `HH:MMZ` or `HH:MM±hh:mm`. */
export function parseTimeOfDay(text: string): number {
  const match = TIME_OF_DAY.exec(text.trim());
  if (!match) throw new Error(`a time of day is written HH:MMZ or HH:MM+08:00, not '${text}'`);
  const [, hours = '', minutes = '', zone = 'Z'] = match;
  if (Number(hours) > 23 || Number(minutes) > 59) throw new Error(`no such time of day: '${text}'`);
  const local = (Number(hours) * 60 + Number(minutes)) * 60_000;
  if (zone === 'Z') return local;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return (((local - offset) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant at that time of day nearest to `now`. */
export function nearestAt(text: string, now: Date = new Date()): Date {
  const sinceMidnight = parseTimeOfDay(text);
  const midnight = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const candidates = [midnight - DAY_MS, midnight, midnight + DAY_MS].map((day) => day + sinceMidnight);
  const nearest = candidates.reduce((a, b) =>
    Math.abs(b - now.getTime()) < Math.abs(a - now.getTime()) ? b : a,
  );
  return new Date(nearest);
}

/** The first instant at that time of day at or after `now`. */
export function nextAt(text: string, now: Date = new Date()): Date {
  const sinceMidnight = parseTimeOfDay(text);
  const midnight = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const today = midnight + sinceMidnight;
  return new Date(today >= now.getTime() ? today : today + DAY_MS);
}

const SHIFT_MS = process.env.TEST_CLOCK_AT ? nextAt(process.env.TEST_CLOCK_AT).getTime() - Date.now() : 0;

/**
 * The tests' "now": the real time, or with TEST_CLOCK_AT (`23:30Z`, `07:00+08:00`) the real time moved
 * to start at the next such time of day. testClock() starts here and the helpers' inputs default to it,
 * so a test and its app agree on the hour (docs/testing.md).
 */
export const testNow = (): Date => new Date(Date.now() + SHIFT_MS);

/** The variables by which tests/support/at-hour.ts moves a process's clock (libfaketime). */
export const FAKETIME_ENV = ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC'] as const;

/** This process's environment without libfaketime's preload: for servers that keep the real clock. */
export function realClockEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env.LD_PRELOAD?.includes('faketime')) for (const name of FAKETIME_ENV) delete env[name];
  return env;
}
