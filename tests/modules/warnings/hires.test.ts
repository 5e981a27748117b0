import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireFor, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';
import {
  DAY,
  HOUR,
  JIAXIANG,
  LIANGSHAN,
  RENCHENG,
  readingsOf,
  settle,
  WARNING_ENV,
  windowOf,
} from './support.js';

// The fall of hires week on week (HIRES_DROP), read on the hires actually made, not on the postings:
// 梁山县's employers keep posting as before but hire a third as many. A fall is judged only when the
// week before had at least WARNING_MIN_WEEK_BASE (10) hires: 嘉祥县's 5 falling to 0 stays blue.

describe('the fall in hires week on week (HIRES_DROP): postings hold, hires do not', () => {
  const clock = testClock(new Date(Date.parse('2026-11-02T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    admin = await adminToken(t);
    const start = clock.now();
    const free = { startsAt: new Date(start.getTime() - DAY), endsAt: new Date(start.getTime() + 30 * DAY) };
    const registeredAt = new Date(start.getTime() - DAY);
    const people = async (count: number, place?: typeof RENCHENG) => {
      const workers = await seedWorkers(t, count, { free, ...(place ? { near: place.location } : {}) });
      await settle(t, workers, { homeRegionCode: place?.regionCode, registeredAt });
      return workers;
    };
    const crews = {
      liangshan: await people(12),
      rencheng: await people(12, RENCHENG),
      jiaxiang: await people(5, JIAXIANG),
    };
    const employers = {
      liangshan: await verifiedEmployer(t),
      rencheng: await verifiedEmployer(t),
      jiaxiang: await verifiedEmployer(t),
    };
    const hired = { liangshan: 0, rencheng: 0, jiaxiang: 0 };
    /** A gig two days ahead, and (if `hire`) the next worker of the county's crew hired for it. */
    const post = async (county: keyof typeof crews, place: object, hire: boolean) => {
      const employer = employers[county];
      const gig = await postGig(t, employer.token, { headcount: 1, ...place, ...windowOf(clock.now(), 2) });
      if (!hire) return;
      const crew: SeededWorker[] = crews[county];
      const worker = crew[hired[county] % crew.length];
      if (!worker) throw new Error('no worker');
      await hireFor(t, employer.token, worker, gig.id);
      hired[county] += 1;
    };

    // Two weeks: 梁山县 and 任城区 post 12 gigs a week, one or two a day. 任城区 fills every one;
    // 梁山县 every one in week one, only its first 4 in week two. 嘉祥县 posts and fills one a day
    // for five days, then nothing.
    for (let day = 0; day < 14; day += 1) {
      const steady = [2, 2, 2, 2, 2, 1, 1][day % 7] ?? 0;
      for (let i = 0; i < steady; i += 1) {
        await post('liangshan', {}, day < 7 || hired.liangshan < 16);
        await post('rencheng', RENCHENG, true);
      }
      if (day < 5) await post('jiaxiang', JIAXIANG, true);
      clock.advance(DAY);
    }
    clock.advance(-DAY + 8 * HOUR); // the evening of the fourteenth day
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('turns 梁山县 orange for hires falling from 12 to 4 while 任城区 (12 and 12) and the tiny 嘉祥县 stay blue', async () => {
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level, c.reasons])).toEqual([
      [LIANGSHAN, 'ORANGE', ['HIRES_DROP']],
    ]);
    const city = await readingsOf(t, admin);
    // A fall of two thirds (67 %): orange (50 %), not red (70 %); postings did not fall at all.
    expect(city.get(LIANGSHAN)).toMatchObject({
      level: 'ORANGE',
      reasons: ['HIRES_DROP'],
      postings: 12,
      postingsBefore: 12,
      hires: 4,
      hiresBefore: 12,
    });
    expect(city.get(RENCHENG.regionCode)).toMatchObject({
      level: 'BLUE',
      reasons: [],
      postings: 12,
      postingsBefore: 12,
      hires: 12,
      hiresBefore: 12,
    });
    // The guard: a fall of 100 % in hires and in postings, but from 5, below WARNING_MIN_WEEK_BASE.
    expect(city.get(JIAXIANG.regionCode)).toMatchObject({
      level: 'BLUE',
      reasons: [],
      postings: 0,
      postingsBefore: 5,
      hires: 0,
      hiresBefore: 5,
    });
  });
});
