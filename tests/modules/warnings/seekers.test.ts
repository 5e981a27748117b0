import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireFor, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';
import { DAY, JIAXIANG, LIANGSHAN, RENCHENG, readingsOf, settle, WARNING_ENV, windowOf } from './support.js';

// The two indicators read on the people who seek work where they live (docs/warnings.md): seekers
// per open seat, and the share of seekers no hire reached in 7 days. Both are judged only with at
// least WARNING_MIN_SEEKERS (20) seekers: 嘉祥县's handful stays blue whatever its ratio.

describe('seekers per open seat (SEEKERS_PER_SEAT): too many people for the seats', () => {
  const clock = testClock(new Date(Date.parse('2026-11-16T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    admin = await adminToken(t);
    const yesterday = new Date(clock.now().getTime() - DAY);
    // 梁山县: 25 people free this week, one employer with 3 seats.
    await settle(t, await seedWorkers(t, 25), { registeredAt: yesterday });
    const liangshan = await verifiedEmployer(t);
    await postGig(t, liangshan.token, { headcount: 3, ...windowOf(clock.now(), 2) });
    // 任城区: 25 people and 10 seats, a market that works.
    await settle(t, await seedWorkers(t, 25, { near: RENCHENG.location }), {
      homeRegionCode: RENCHENG.regionCode,
      registeredAt: yesterday,
    });
    const rencheng = await verifiedEmployer(t);
    await postGig(t, rencheng.token, { headcount: 10, ...RENCHENG, ...windowOf(clock.now(), 2) });
    // 嘉祥县: 6 people and not one seat, a ratio of 6 that is too few people to mean a trend.
    await settle(t, await seedWorkers(t, 6, { near: JIAXIANG.location }), {
      homeRegionCode: JIAXIANG.regionCode,
      registeredAt: yesterday,
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('turns 梁山县 orange at 25 seekers for 3 seats while 任城区 (2.5) and the tiny 嘉祥县 stay blue', async () => {
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level, c.reasons])).toEqual([
      [LIANGSHAN, 'ORANGE', ['SEEKERS_PER_SEAT']],
    ]);
    const city = await readingsOf(t, admin);
    expect(city.get(LIANGSHAN)).toMatchObject({
      level: 'ORANGE',
      reasons: ['SEEKERS_PER_SEAT'],
      seekers: 25,
      openSeats: 3,
      seekersPerSeat: 8.33,
      unmatched7d: 0,
    });
    expect(city.get(RENCHENG.regionCode)).toMatchObject({
      level: 'BLUE',
      reasons: [],
      seekers: 25,
      openSeats: 10,
      seekersPerSeat: 2.5,
    });
    // The guard: 6 seekers per (no) seat would be orange, but 6 people are below WARNING_MIN_SEEKERS.
    expect(city.get(JIAXIANG.regionCode)).toMatchObject({
      level: 'BLUE',
      reasons: [],
      seekers: 6,
      openSeats: 0,
      seekersPerSeat: 6,
    });
    const others = [...city.values()].filter(
      (r) => ![LIANGSHAN, RENCHENG.regionCode, JIAXIANG.regionCode].includes(r.region.code),
    );
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((r) => r.level === 'BLUE' && r.seekers === 0)).toBe(true);
  });
});

describe('seekers unmatched for 7 days (UNMATCHED_7D): registered, free, and no hire all week', () => {
  const clock = testClock(new Date(Date.parse('2026-11-16T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    admin = await adminToken(t);
    const tenDaysAgo = new Date(clock.now().getTime() - 10 * DAY);
    // 梁山县: 25 people registered ten days ago; a day's work tomorrow for 7 of them, and 10 seats
    // next week (enough seats: the ratio stays blue, only the share unmatched speaks).
    const liangshan = await seedWorkers(t, 25);
    await settle(t, liangshan, { registeredAt: tenDaysAgo });
    const employer = await verifiedEmployer(t);
    const tomorrow = await postGig(t, employer.token, { headcount: 7, ...windowOf(clock.now(), 1) });
    for (const w of liangshan.slice(0, 7)) await hireFor(t, employer.token, w, tomorrow.id);
    await postGig(t, employer.token, { headcount: 10, ...windowOf(clock.now(), 5) });
    // 任城区: 25 people registered as long, 20 of them hired for tomorrow; 10 seats next week.
    const rencheng = await seedWorkers(t, 25, { near: RENCHENG.location });
    await settle(t, rencheng, { homeRegionCode: RENCHENG.regionCode, registeredAt: tenDaysAgo });
    const neighbour = await verifiedEmployer(t);
    const busy = await postGig(t, neighbour.token, {
      headcount: 20,
      ...RENCHENG,
      ...windowOf(clock.now(), 1),
    });
    for (const w of rencheng.slice(0, 20)) await hireFor(t, neighbour.token, w, busy.id);
    await postGig(t, neighbour.token, { headcount: 10, ...RENCHENG, ...windowOf(clock.now(), 5) });
    // 嘉祥县: 6 people registered as long, none hired: all unmatched, and too few to judge.
    await settle(t, await seedWorkers(t, 6, { near: JIAXIANG.location }), {
      homeRegionCode: JIAXIANG.regionCode,
      registeredAt: tenDaysAgo,
    });
    // Two days on: tomorrow's work is done, everyone seeks work again.
    clock.advance(2 * DAY);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('turns 梁山县 orange at 18 of 25 unmatched while 任城区 (5 of 25) and the tiny 嘉祥县 stay blue', async () => {
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level, c.reasons])).toEqual([
      [LIANGSHAN, 'ORANGE', ['UNMATCHED_7D']],
    ]);
    const city = await readingsOf(t, admin);
    // 18 / 25 = 72 %: orange (70 %), not red (85 %); the 7 hired within the week are matched.
    expect(city.get(LIANGSHAN)).toMatchObject({
      level: 'ORANGE',
      reasons: ['UNMATCHED_7D'],
      seekers: 25,
      unmatched7d: 18,
      openSeats: 10,
      seekersPerSeat: 2.5,
      hires: 7,
    });
    expect(city.get(RENCHENG.regionCode)).toMatchObject({
      level: 'BLUE',
      reasons: [],
      seekers: 25,
      unmatched7d: 5,
      hires: 20,
    });
    // The guard: 6 of 6 unmatched would be red, but 6 people are below WARNING_MIN_SEEKERS.
    expect(city.get(JIAXIANG.regionCode)).toMatchObject({
      level: 'BLUE',
      reasons: [],
      seekers: 6,
      unmatched7d: 6,
    });
  });

  it('does not count as unmatched a seeker registered less than 7 days ago', async () => {
    const fresh = await seedWorkers(t, 30);
    await settle(t, fresh, { registeredAt: new Date(clock.now().getTime() - 3 * DAY) });
    await t.app.services.warnings.computeAll();
    const city = await readingsOf(t, admin);
    // 55 seekers, still 18 unmatched (33 %, no longer a step); 5.5 seekers per seat is yellow now.
    expect(city.get(LIANGSHAN)).toMatchObject({
      seekers: 55,
      unmatched7d: 18,
      level: 'YELLOW',
      reasons: ['SEEKERS_PER_SEAT'],
    });
  });
});
