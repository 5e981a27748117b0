import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ENV = {
  OFFER_SWEEP_MS: '60000',
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
  STATS_FOLD_MS: '3600000',
  WARNING_SWEEP_MS: '86400000',
};
const LIANGSHAN = '370832';
const RENCHENG = {
  regionCode: '370811',
  address: '任城区建设路1号',
  location: { lat: 35.414, lng: 116.595 },
};

/** A gig's window two days ahead of `now`, 08:00–17:00 market time. */
function windowOf(now: Date) {
  const day = new Date(now.getTime() + 2 * DAY);
  day.setUTCHours(0, 0, 0, 0);
  return { startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 9 * HOUR).toISOString() };
}

describe('the early warning over two weeks of postings (a sector stopping)', () => {
  const clock = testClock(new Date(Date.parse('2026-11-02T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    admin = await adminToken(t);
    const liangshan = await verifiedEmployer(t);
    const rencheng = await verifiedEmployer(t);
    // Week one: 梁山县 and 任城区 post 12 gigs each, one or two a day. Week two: 任城区 the same,
    // 梁山县 only 4 (a fall of two thirds).
    for (let day = 0; day < 14; day += 1) {
      const steady = [2, 2, 2, 2, 2, 1, 1][day % 7] ?? 0;
      const falling = day < 7 ? steady : day < 11 ? 1 : 0;
      for (let i = 0; i < falling; i += 1) {
        await postGig(t, liangshan.token, windowOf(clock.now()));
      }
      for (let i = 0; i < steady; i += 1) {
        await postGig(t, rencheng.token, { ...RENCHENG, ...windowOf(clock.now()) });
      }
      clock.advance(DAY);
    }
    clock.advance(-DAY + 8 * HOUR); // the evening of the fourteenth day
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('turns 梁山县 orange for the fall in postings, and keeps 任城区 blue on a steady market', async () => {
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level, c.reasons])).toEqual([
      [LIANGSHAN, 'ORANGE', ['POSTINGS_DROP']],
    ]);
    const res = await t.gql<{
      countyWarnings: { region: { code: string }; level: string; postings: number; postingsBefore: number }[];
    }>(
      '{ countyWarnings(regionCode: "370800") { region { code } level postings postingsBefore } }',
      {},
      admin,
    );
    const rows = res.data?.countyWarnings ?? [];
    expect(rows.find((r) => r.region.code === LIANGSHAN)).toMatchObject({
      level: 'ORANGE',
      postings: 4,
      postingsBefore: 12,
    });
    expect(rows.find((r) => r.region.code === RENCHENG.regionCode)).toMatchObject({
      level: 'BLUE',
      postings: 12,
      postingsBefore: 12,
    });
  });
});
