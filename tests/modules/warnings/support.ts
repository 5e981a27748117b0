import { sql } from 'drizzle-orm';
import type { TestApp } from '../../support/app.js';
import type { SeededWorker } from '../../support/hiring.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

// The timers run by hand: the warning round is called by the test, nothing else sweeps meanwhile.
export const WARNING_ENV = {
  OFFER_SWEEP_MS: '60000',
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
  STATS_FOLD_MS: '3600000',
  WARNING_SWEEP_MS: '86400000',
};

export const LIANGSHAN = '370832';
/** 任城区, 梁山县's neighbour in 济宁市: where a gig stands and its seekers live. */
export const RENCHENG = {
  regionCode: '370811',
  address: '任城区建设路1号',
  location: { lat: 35.414, lng: 116.595 },
};
/** 嘉祥县, a quiet county: too few people for its ratios to mean anything. */
export const JIAXIANG = {
  regionCode: '370829',
  address: '嘉祥县呈祥大道8号',
  location: { lat: 35.408, lng: 116.343 },
};

/** A gig's window `days` ahead of `now`, 08:00–17:00 market time. */
export function windowOf(now: Date, days: number) {
  const day = new Date(now.getTime() + days * DAY);
  day.setUTCHours(0, 0, 0, 0);
  return { startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 9 * HOUR).toISOString() };
}

/**
 * Where seeded workers live and since when they are registered (seedWorkers puts everyone in
 * 梁山县, registered at the database's own now): a seeker is counted where he lives, and only one
 * registered a week or more can be unmatched for 7 days.
 */
export async function settle(
  t: TestApp,
  workers: readonly SeededWorker[],
  place: { homeRegionCode?: string; registeredAt: Date },
) {
  const ids = workers.map((w) => w.id);
  await t.app.db.execute(sql`
    update workers set created_at = ${place.registeredAt.toISOString()}::timestamptz,
      home_region_code = coalesce(${place.homeRegionCode ?? null}, home_region_code)
    where id = any(${sql.raw('array[')}${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}${sql.raw(']::uuid[]')})`);
}

export type Reading = {
  region: { code: string; name: string };
  level: string;
  reasons: string[];
  seekers: number;
  openSeats: number;
  seekersPerSeat: number;
  postings: number;
  postingsBefore: number;
  hires: number;
  hiresBefore: number;
  unmatched7d: number;
  massCancellations: number;
};

export const READINGS = `query ($r: ID!, $d: String) {
  countyWarnings(regionCode: $r, day: $d) {
    region { code name } level reasons seekers openSeats seekersPerSeat postings postingsBefore
    hires hiresBefore unmatched7d massCancellations
  }
}`;

/** Today's reading of every county of 济宁市, by county code. */
export async function readingsOf(t: TestApp, admin: string, regionCode = '370800') {
  const res = await t.gql<{ countyWarnings: Reading[] }>(READINGS, { r: regionCode }, admin);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return new Map(res.data.countyWarnings.map((r) => [r.region.code, r]));
}
