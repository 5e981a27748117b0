import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireFor, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const HOUR = 3_600_000;
// The timers run by hand: the warning round is called by the test, nothing else sweeps meanwhile.
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

const WARNINGS = `query ($r: ID!) {
  countyWarnings(regionCode: $r) {
    region { code name } day level previousLevel reasons seekers openSeats seekersPerSeat postings postingsBefore
    hires hiresBefore unmatched7d massCancellations massCancelEmployer { id } computedAt
  }
}`;

type Warning = {
  region: { code: string; name: string };
  level: string;
  previousLevel: string | null;
  reasons: string[];
  seekers: number;
  openSeats: number;
  postings: number;
  postingsBefore: number;
  hires: number;
  hiresBefore: number;
  massCancellations: number;
  massCancelEmployer: { id: string } | null;
  computedAt: string;
};

/** A gig's window `days` ahead of the clock, 08:00–17:00 market time. */
function windowOf(now: Date, days: number) {
  const day = new Date(now.getTime() + days * 24 * HOUR);
  day.setUTCHours(0, 0, 0, 0);
  return { startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 9 * HOUR).toISOString() };
}

describe('the early warning of job loss (规模性失业风险预警): a plant closes', () => {
  const clock = testClock(new Date(Date.parse('2026-11-16T09:00:00+08:00')));
  let t: TestApp;
  let admin: string;
  let baseUrl: string;
  let adminSocket: Socket;
  let plant: { id: string; token: string };
  const plantGigs: string[] = [];

  const readings = async (regionCode: string) => {
    const res = await t.gql<{ countyWarnings: Warning[] }>(WARNINGS, { r: regionCode }, admin);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.countyWarnings;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(t);
    adminSocket = await connectSocket(baseUrl, { token: admin });

    // The market before: 梁山县's plant employs 36 welders over three gigs; another employer keeps
    // 10 seats open there; 任城区 next door hires two of its own.
    const workers = await seedWorkers(t, 40);
    plant = await verifiedEmployer(t);
    for (let i = 0; i < 3; i += 1) {
      const gig = await postGig(t, plant.token, { headcount: 12, ...windowOf(clock.now(), 2) });
      plantGigs.push(gig.id);
      for (const w of workers.slice(i * 12, i * 12 + 12)) await hireFor(t, plant.token, w, gig.id);
    }
    const other = await verifiedEmployer(t);
    await postGig(t, other.token, { headcount: 10, ...windowOf(clock.now(), 3) });
    const neighbour = await verifiedEmployer(t);
    const rencheng = await postGig(t, neighbour.token, {
      headcount: 2,
      ...RENCHENG,
      ...windowOf(clock.now(), 2),
    });
    const [a, b] = await seedWorkers(t, 2, { near: RENCHENG.location });
    if (!a || !b) throw new Error('seedWorkers');
    await hireFor(t, neighbour.token, a, rencheng.id);
    await hireFor(t, neighbour.token, b, rencheng.id);
  }, 120_000);

  afterAll(async () => {
    adminSocket?.disconnect();
    await t?.close();
  });

  it('reads every county blue while the plant works, and tells nobody', async () => {
    const told = await t.app.services.warnings.computeAll();
    expect(told).toEqual([]);
    const city = await readings('370800');
    expect(city.length).toBeGreaterThan(5);
    expect(city.every((w) => w.level === 'BLUE' && w.reasons.length === 0)).toBe(true);
    const liangshan = city.find((w) => w.region.code === LIANGSHAN);
    // 36 of the 40 are hired; the 4 left are too few to judge (WARNING_MIN_SEEKERS 20).
    expect(liangshan).toMatchObject({
      seekers: 4,
      openSeats: 10,
      postings: 4,
      postingsBefore: 0,
      hires: 36,
      hiresBefore: 0,
      massCancellations: 0,
      previousLevel: null,
    });
    // Seekers count where they live (the two 任城区 hires live in 梁山县), postings and hires where the work is.
    expect(city.find((w) => w.region.code === RENCHENG.regionCode)).toMatchObject({
      seekers: 0,
      openSeats: 0,
      postings: 1,
      hires: 2,
    });
  });

  it('turns 梁山县 orange within the day the plant calls its hires off, and keeps its neighbours blue', async () => {
    clock.advance(2 * HOUR);
    for (const gigId of plantGigs) {
      const res = await t.gql(
        'mutation ($g: ID!, $r: String!) { cancelGig(gigId: $g, reason: $r) { id status } }',
        { g: gigId, r: '工厂停产，订单取消' },
        plant.token,
      );
      expect(res.errors).toBeUndefined();
    }
    clock.advance(HOUR);
    const event = waitFor<{ regionCode: string; level: string; previousLevel: string; computedAt: string }>(
      adminSocket,
      'warning:changed',
    );
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level])).toEqual([[LIANGSHAN, 'ORANGE']]);
    const seen = await event;
    expect(seen).toMatchObject({ regionCode: LIANGSHAN, level: 'ORANGE', previousLevel: 'BLUE' });
    expect(seen.computedAt).toMatch(/\+08:00$/);

    const city = await readings('370800');
    expect(city[0]).toMatchObject({
      region: { code: LIANGSHAN, name: '梁山县' },
      level: 'ORANGE',
      reasons: ['MASS_CANCELLATION'],
      seekers: 40,
      openSeats: 10,
      seekersPerSeat: 4,
      massCancellations: 36,
      massCancelEmployer: { id: plant.id },
    });
    expect(city[0]?.computedAt).toMatch(/\+08:00$/);
    const neighbours = city.filter((w) => w.region.code !== LIANGSHAN);
    expect(neighbours.find((w) => w.region.code === RENCHENG.regionCode)?.level).toBe('BLUE');
    expect(neighbours.every((w) => w.level === 'BLUE')).toBe(true);

    const audit = await t.app.db.execute<{
      subject_id: string;
      details: { level: string; previousLevel: string };
    }>(sql`select subject_id, details from audit_log where action = 'EMPLOYMENT_WARNING_CHANGED'`);
    expect(audit.map((r) => [r.subject_id, r.details.level, r.details.previousLevel])).toEqual([
      [LIANGSHAN, 'ORANGE', 'BLUE'],
    ]);
  });

  it('tells nothing again while the level holds', async () => {
    clock.advance(HOUR);
    expect(await t.app.services.warnings.computeAll()).toEqual([]);
    const [row] = await t.app.db.execute<{ n: number }>(
      sql`select count(*)::int as n from county_warnings where region_code = ${LIANGSHAN}`,
    );
    expect(row?.n).toBe(1);
  });

  it('next day reads 梁山县 yellow as the call-offs age: 40 seekers for 10 seats, and keeps both days', async () => {
    clock.advance(24 * HOUR);
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level, c.previousLevel, c.reasons])).toEqual([
      [LIANGSHAN, 'YELLOW', 'ORANGE', ['SEEKERS_PER_SEAT']],
    ]);
    const res = await t.gql<{
      countyWarningHistory: { day: string; level: string; previousLevel: string | null }[];
    }>(
      'query ($r: ID!) { countyWarningHistory(regionCode: $r, from: "2026-11-10", to: "2026-11-20") { day level previousLevel } }',
      { r: LIANGSHAN },
      admin,
    );
    expect(res.data?.countyWarningHistory).toEqual([
      { day: '2026-11-16', level: 'ORANGE', previousLevel: null },
      { day: '2026-11-17', level: 'YELLOW', previousLevel: 'ORANGE' },
    ]);
  });

  it('refuses a bad region and a bad day, naming every field at once', async () => {
    const res = await t.gql(
      'query { countyWarningHistory(regionCode: "370800", from: "2026-11-31", to: "2026-11-16") { day } }',
      {},
      admin,
    );
    const fields = (res.errors ?? []).flatMap((e) =>
      ((e.extensions as { problems?: { field: string }[] })?.problems ?? []).map((p) => p.field),
    );
    expect(fields.sort()).toEqual(['from', 'regionCode']);
    const today = await t.gql(
      'query { countyWarnings(regionCode: "3708", day: "2026-02-30") { day } }',
      {},
      admin,
    );
    const todayFields = (today.errors ?? []).flatMap((e) =>
      ((e.extensions as { problems?: { field: string }[] })?.problems ?? []).map((p) => p.field),
    );
    expect(todayFields.sort()).toEqual(['day', 'regionCode']);
  });
});
