import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireFor, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';
import { DAY, HOUR, LIANGSHAN, RENCHENG, readingsOf, WARNING_ENV, windowOf } from './support.js';

// The warnings' postings and hires and the statistics' gigsPosted and hires count the same rows:
// gigs by their county and posting time, hires (engagements) by their gig's county and the time
// they were made, a hire called off later still counted. The warning reads the 7 × 24 hours before
// its round; the statistics read calendar days. A round at midnight (+08:00) reads exactly the
// statistics of the 7 days before it, and of the 7 before those (docs/warnings.md "Consistency").

const REGION_STATS = `query ($r: ID!, $from: DateTime!, $to: DateTime!) {
  regionStats(regionCode: $r, from: $from, to: $to) { gigsPosted hires }
}`;

describe('the warnings and the statistics count the same postings and hires', () => {
  const clock = testClock(new Date(Date.parse('2026-11-02T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    admin = await adminToken(t);
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 30 * DAY),
    };
    const crew = await seedWorkers(t, 6, { free });
    const neighbours = await seedWorkers(t, 3, { free, near: RENCHENG.location });
    const employer = await verifiedEmployer(t);
    const neighbour = await verifiedEmployer(t);
    // Ten days: 梁山县 posts one to three gigs a day, hiring one worker for each but the last of
    // the day; 任城区 one gig every other day, hired. On the sixth day 梁山县 cancels a gig with
    // its hire: the posting and the hire were made and stay counted on both sides.
    for (let day = 0; day < 10; day += 1) {
      const gigs = (day % 3) + 1;
      for (let i = 0; i < gigs; i += 1) {
        const gig = await postGig(t, employer.token, { headcount: 2, ...windowOf(clock.now(), 2) });
        const worker = crew[i];
        if (i < gigs - 1 && worker) await hireFor(t, employer.token, worker, gig.id);
        if (day === 5 && i === 0) {
          const cancelled = await t.gql(
            'mutation ($g: ID!) { cancelGig(gigId: $g, reason: "订单取消") { id } }',
            { g: gig.id },
            employer.token,
          );
          expect(cancelled.errors).toBeUndefined();
        }
      }
      if (day % 2 === 0) {
        const gig = await postGig(t, neighbour.token, {
          headcount: 1,
          ...RENCHENG,
          ...windowOf(clock.now(), 2),
        });
        const worker = neighbours[(day / 2) % neighbours.length];
        if (worker) await hireFor(t, neighbour.token, worker, gig.id);
      }
      clock.advance(DAY);
    }
    // Midnight (+08:00) opening 2026-11-12: the round reads 11-05 … 11-11 and 10-29 … 11-04.
    clock.advance(Date.parse('2026-11-12T00:00:00+08:00') - clock.now().getTime());
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('reads for each county the statistics of the 7 days before a midnight round, and of the 7 before those', async () => {
    await t.app.services.warnings.computeAll();
    const readings = await readingsOf(t, admin);
    const statsOf = async (regionCode: string, from: string, to: string) => {
      const res = await t.gql<{ regionStats: { gigsPosted: number; hires: number } }>(
        REGION_STATS,
        { r: regionCode, from: `${from}T00:00:00+08:00`, to: `${to}T00:00:00+08:00` },
        admin,
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.regionStats;
    };
    for (const county of [LIANGSHAN, RENCHENG.regionCode, '370829']) {
      const week = await statsOf(county, '2026-11-05', '2026-11-12');
      const before = await statsOf(county, '2026-10-29', '2026-11-05');
      expect(readings.get(county), county).toMatchObject({
        postings: week.gigsPosted,
        hires: week.hires,
        postingsBefore: before.gigsPosted,
        hiresBefore: before.hires,
      });
    }
    // Not trivially equal: 梁山县's days 3–9 post 1+2+3+1+2+3+1 gigs and hire one fewer each day;
    // 任城区 posts and hires on days 4, 6 and 8.
    expect(readings.get(LIANGSHAN)).toMatchObject({
      postings: 13,
      hires: 6,
      postingsBefore: 6,
      hiresBefore: 3,
    });
    expect(readings.get(RENCHENG.regionCode)).toMatchObject({
      postings: 3,
      hires: 3,
      postingsBefore: 2,
      hiresBefore: 2,
    });
  });

  it('differs from the calendar days by design at any other hour: the rolling week moves with the round', async () => {
    // At 09:30 on 11-12 the rolling week starts at 11-05 09:30: 11-05's post (09:00, unhired)
    // has moved to the week before, where the calendar days still count it in this one.
    clock.advance(9 * HOUR + 30 * 60_000);
    await t.app.services.warnings.computeAll();
    const readings = await readingsOf(t, admin);
    expect(readings.get(LIANGSHAN)).toMatchObject({
      postings: 12,
      hires: 6,
      postingsBefore: 7,
      hiresBefore: 3,
    });
  });
});
