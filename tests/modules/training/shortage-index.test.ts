import { describe, expect, it } from 'vitest';
import type { ShortageFigures } from '../../../src/modules/training/shortage.repository.js';
import { rankShortages, shortageIndex, slowness } from '../../../src/modules/training/shortage-index.js';

const figures = (overrides: Partial<ShortageFigures>): ShortageFigures => ({
  regionCode: '370832',
  skillCode: 'welder',
  seatsPosted: 10,
  seatsJudged: 10,
  seatsUnfilled: 0,
  medianHoursToFill: 2,
  countyMedianHoursToFill: 2,
  workersAvailable: 9,
  workersMatching: 9,
  certifiedHolders: 0,
  trainingWishes: 0,
  courseSeatsComing: 0,
  ...overrides,
});

describe('the shortage index', () => {
  it('blends the unfilled share, the time to fill against the county and the demand per qualified worker, less the seats coming', () => {
    // 0.25 × 1/2 + 0.35 × 10/20
    expect(shortageIndex(figures({}))).toBe(30);
    // Every seat unfilled, none filled (slowness 1), nobody qualified: 0.40 + 0.25 + 0.35 × 10/11.
    const short = figures({ seatsUnfilled: 10, medianHoursToFill: null, workersMatching: 0 });
    expect(shortageIndex(short)).toBe(96.8);
    // Course seats as many as the seats posted take off 0.20 × 1/2.
    expect(shortageIndex({ ...short, courseSeatsComing: 10 })).toBe(86.8);
    // Never below 0 nor above 100.
    expect(
      shortageIndex(
        figures({ seatsPosted: 1, workersMatching: 500, courseSeatsComing: 500, medianHoursToFill: 0 }),
      ),
    ).toBe(0);
  });

  it('judges the time to fill against the county: slower is shorter, no fill with seats left unfilled is the slowest', () => {
    expect(slowness(figures({ medianHoursToFill: 6, countyMedianHoursToFill: 2 }))).toBe(0.75);
    expect(slowness(figures({ medianHoursToFill: null, seatsUnfilled: 3 }))).toBe(1);
    expect(slowness(figures({ medianHoursToFill: null, seatsUnfilled: 0, seatsJudged: 0 }))).toBe(0.5);
    expect(slowness(figures({ medianHoursToFill: 3, countyMedianHoursToFill: 0 }))).toBe(1);
  });

  it('ranks within each county, ties by seats unfilled, then seats posted, then the trade code', () => {
    const ranked = rankShortages([
      figures({ regionCode: '370832', skillCode: 'plasterer' }),
      figures({ regionCode: '370811', skillCode: 'welder', seatsUnfilled: 10 }),
      figures({ regionCode: '370832', skillCode: 'bricklayer' }),
      figures({ regionCode: '370832', skillCode: 'welder', seatsUnfilled: 4, seatsJudged: 10 }),
      figures({ regionCode: '370811', skillCode: 'electrician' }),
    ]);
    expect(ranked.map((r) => [r.regionCode, r.skillCode, r.rank])).toEqual([
      ['370811', 'welder', 1],
      ['370811', 'electrician', 2],
      ['370832', 'welder', 1],
      ['370832', 'bricklayer', 2],
      ['370832', 'plasterer', 3],
    ]);
    // Equal indexes: more seats unfilled first, whatever the order they came in.
    const tie = rankShortages([
      figures({ skillCode: 'a', seatsPosted: 10, seatsUnfilled: 0, seatsJudged: 0, medianHoursToFill: null }),
      figures({ skillCode: 'b', seatsPosted: 10, seatsUnfilled: 0, seatsJudged: 0, medianHoursToFill: null }),
    ]);
    expect(tie.map((r) => [r.skillCode, r.shortageIndex, r.rank])).toEqual([
      ['a', tie[0]?.shortageIndex, 1],
      ['b', tie[0]?.shortageIndex, 2],
    ]);
  });
});
