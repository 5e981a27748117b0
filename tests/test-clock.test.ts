import { describe, expect, it } from 'vitest';
import { marketDay } from '../src/time.js';
import { nearestAt, nextAt, parseTimeOfDay } from './support/clock-at.js';
import { shanghai } from './support/sms.js';

const at = (iso: string) => new Date(iso);

/** The times of day that TEST_CLOCK_AT and tests/support/at-hour.ts take (docs/testing.md). */
describe('times of day for running tests at an hour', () => {
  it('reads UTC and market time, and refuses anything else', () => {
    expect(parseTimeOfDay('23:30Z')).toBe((23 * 60 + 30) * 60_000);
    expect(parseTimeOfDay('07:00+08:00')).toBe(23 * 3_600_000);
    expect(parseTimeOfDay('00:30+0800')).toBe((16 * 60 + 30) * 60_000);
    expect(parseTimeOfDay('20:00-05:00')).toBe(3_600_000);
    for (const bad of ['23:30', '24:00Z', '7:00Z', '12:60Z', 'noon'])
      expect(() => parseTimeOfDay(bad)).toThrow();
  });

  it('takes the next such instant at or after now, or the nearest', () => {
    const now = at('2026-12-07T01:00:00Z');
    expect(nextAt('23:30Z', now)).toEqual(at('2026-12-07T23:30:00Z'));
    expect(nextAt('01:00Z', now)).toEqual(now);
    expect(nextAt('00:59Z', now)).toEqual(at('2026-12-08T00:59:00Z'));
    expect(nextAt('10:00+08:00', now)).toEqual(at('2026-12-07T02:00:00Z'));
    expect(nearestAt('23:30Z', now)).toEqual(at('2026-12-06T23:30:00Z'));
    expect(nearestAt('12:30Z', now)).toEqual(at('2026-12-07T12:30:00Z'));
    expect(nearestAt('13:30Z', now)).toEqual(at('2026-12-06T13:30:00Z'));
  });

  it("builds a market day's hour from any hour, on the market's calendar", () => {
    // Either side of market midnight (16:00 UTC) and of UTC midnight.
    for (const now of ['2026-12-07T15:30:00Z', '2026-12-07T16:30:00Z', '2026-12-07T23:30:00Z']) {
      const tomorrow = shanghai(1, '07:00', at(now));
      expect(tomorrow.getTime()).toBeGreaterThan(at(now).getTime());
      expect(marketDay(tomorrow)).toBe(marketDay(new Date(at(now).getTime() + 86_400_000)));
    }
  });
});
