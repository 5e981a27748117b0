import { describe, expect, it } from 'vitest';
import { OLDER_WORKER_AGE, olderBornBy } from '../../../src/modules/hiring/matching.js';
import { ageOn } from '../../../src/modules/registry/id-number.js';

/** Matching's cut-off for the older-worker priority agrees with the registry's age on every hour. */
describe('olderBornBy', () => {
  const addDays = (day: string, n: number) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };

  it('is the last birth date ageOn counts as 45 or older, at every hour of a market day', () => {
    // 16:00 UTC is market midnight: from then on the market's date is the next UTC date.
    for (const at of [
      '2026-12-06T15:59:00Z',
      '2026-12-06T16:00:00Z',
      '2026-12-06T23:30:00Z',
      '2026-12-07T00:30:00Z',
      '2028-02-28T16:30:00Z', // 29 February 2028 in the market
      '2028-02-29T16:30:00Z', // 1 March 2028 in the market
      '2027-02-28T16:30:00Z', // 1 March 2027 in the market
    ]) {
      const now = new Date(at);
      const cutoff = olderBornBy(now);
      expect(ageOn(cutoff, now), `${at}: ${cutoff}`).toBeGreaterThanOrEqual(OLDER_WORKER_AGE);
      expect(ageOn(addDays(cutoff, 1), now), `${at}: the day after ${cutoff}`).toBeLessThan(OLDER_WORKER_AGE);
    }
  });

  it('follows the market day, not the UTC one', () => {
    // 23:30 UTC on 6 December is 7 December 07:30 in the market: born 7 December 1981 is 45.
    expect(olderBornBy(new Date('2026-12-06T23:30:00Z'))).toBe('1981-12-07');
    expect(olderBornBy(new Date('2026-12-06T15:30:00Z'))).toBe('1981-12-06');
    expect(olderBornBy(new Date('2028-02-28T16:30:00Z'))).toBe('1983-02-28');
  });
});
