import { describe, expect, it } from 'vitest';
import { render } from '../../../src/i18n/render.js';
import { reliabilityOf } from '../../../src/modules/work/reliability.js';
import type { OutcomeRow } from '../../../src/modules/work/work.repository.js';

const done = (stars: number | null = null): OutcomeRow => ({
  status: 'COMPLETED',
  cancelledLate: false,
  stars,
});
const noShow: OutcomeRow = { status: 'NO_SHOW', cancelledLate: false, stars: null };
const lateCancel: OutcomeRow = { status: 'CANCELLED', cancelledLate: true, stars: null };
const earlyCancel: OutcomeRow = { status: 'CANCELLED', cancelledLate: false, stars: null };

describe('reliability', () => {
  it('starts a newcomer at 1 and says why', () => {
    expect(reliabilityOf([])).toMatchObject({ score: 1, hiresCounted: 0, averageStars: null });
    expect(
      reliabilityOf([])
        .reasons.map((reason) => render(reason, 'zh-CN'))
        .join('\n'),
    ).toContain('满分起步');
  });

  it('weighs a no-show as a whole miss and a late cancellation as half, with a head start of two', () => {
    expect(reliabilityOf([done(), done(), noShow]).score).toBe(0.8); // 4 / 5
    expect(reliabilityOf([done(), done(), lateCancel]).score).toBe(0.889); // 4 / 4.5
    // An early cancellation is a worker's right: it costs nothing.
    expect(reliabilityOf([done(), done(), earlyCancel]).score).toBe(1);
  });

  it('counts a hire settled at no hours (an impossible record) as a miss, not a day done', () => {
    const nothing: OutcomeRow = { status: 'COMPLETED', cancelledLate: false, stars: null, settledHours: 0 };
    expect(reliabilityOf([done(), done(), nothing])).toMatchObject({ score: 0.8, completed: 2, noShows: 1 });
    const undecided: OutcomeRow = { ...nothing, settledHours: null };
    expect(reliabilityOf([done(), done(), undecided]).score).toBe(1);
  });

  it('takes the stars employers gave down to at most 80 %', () => {
    expect(reliabilityOf([done(5), done(5)]).score).toBe(1);
    expect(reliabilityOf([done(1), done(1)]).score).toBe(0.8);
    expect(reliabilityOf([done(3)])).toMatchObject({ score: 0.9, averageStars: 3, ratingsCounted: 1 });
  });

  it('looks at the last 50 hires only', () => {
    const old = Array.from({ length: 10 }, () => noShow);
    const recent = Array.from({ length: 50 }, () => done());
    expect(reliabilityOf([...recent, ...old])).toMatchObject({ score: 1, hiresCounted: 50, noShows: 0 });
  });

  it('names each thing that lowered the score', () => {
    const { reasons } = reliabilityOf([done(4), noShow, lateCancel]);
    const inChinese = reasons.map((reason) => render(reason, 'zh-CN')).join('\n');
    expect(inChinese).toMatch(/未到岗 1 次[\s\S]*临近开工才取消 1 次[\s\S]*平均 4\.0 星/);
    const inEnglish = reasons.map((reason) => render(reason, 'en')).join('\n');
    expect(inEnglish).toMatch(
      /1 no-show, counted[\s\S]*1 cancellation close to the start[\s\S]*average 4\.0/,
    );
  });
});
