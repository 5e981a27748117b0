import { describe, expect, it } from 'vitest';
import {
  EXHAUSTED_RECHECK_MAX_MS,
  EXHAUSTED_RECHECK_MS,
  exhaustedRecheckMs,
} from '../../../src/modules/hiring/hiring.service.js';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 30) + ms);
/** A dispatch row that was last told to wait `waitMs`. */
const row = (state: 'ACTIVE' | 'EXHAUSTED', waitMs: number) => ({
  state,
  updatedAt: at(0),
  dueAt: at(waitMs),
});
const none = () => 0;
const most = () => 0.999_999;

describe('how soon a gig whose candidates ran out is matched again', () => {
  it('is a minute when its offers first run out, stretched by up to a quarter', () => {
    expect(exhaustedRecheckMs(row('ACTIVE', 5_000), 0, none)).toBe(EXHAUSTED_RECHECK_MS);
    expect(exhaustedRecheckMs(row('ACTIVE', 5_000), 0, most)).toBe(Math.round(EXHAUSTED_RECHECK_MS * 1.25));
  });

  it('doubles after each look that found nobody, up to a quarter of an hour', () => {
    const waits: number[] = [];
    let wait = exhaustedRecheckMs(row('ACTIVE', 0), 0, none);
    for (let look = 0; look < 6; look++) {
      waits.push(wait);
      wait = exhaustedRecheckMs(row('EXHAUSTED', wait), 0, none);
    }
    expect(waits.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 15, 15]);
    expect(exhaustedRecheckMs(row('EXHAUSTED', EXHAUSTED_RECHECK_MAX_MS), 0, most)).toBe(
      Math.round(EXHAUSTED_RECHECK_MAX_MS * 1.25),
    );
  });

  it('starts again from a minute when the look sent offers, or the gig had offers out or a seat freed', () => {
    expect(exhaustedRecheckMs(row('EXHAUSTED', 8 * 60_000), 2, none)).toBe(EXHAUSTED_RECHECK_MS);
    // A freed seat runs the dispatch as ACTIVE (seatFreed), as does one whose offers ran out.
    expect(exhaustedRecheckMs(row('ACTIVE', 8 * 60_000), 0, none)).toBe(EXHAUSTED_RECHECK_MS);
  });
});
