import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { ACCEPT_OFFER, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';

const HOUR = 3_600_000;
/** 2026-12-01 10:00 in China Standard Time. */
const NOW = Date.parse('2026-12-01T02:00:00Z');
const RENCHENG = { lat: 35.414, lng: 116.595 };
const TODAY = { from: '2026-12-01T00:00:00+08:00', to: '2026-12-02T00:00:00+08:00' };
const TOMORROW = { from: '2026-12-02T00:00:00+08:00', to: '2026-12-03T00:00:00+08:00' };

const SHARES = 'offersSent olderWorkerOffers olderWorkerOfferShare hires olderWorkerHires olderWorkerShare';
type Shares = {
  offersSent: number;
  olderWorkerOffers: number;
  olderWorkerOfferShare: number;
  hires: number;
  olderWorkerHires: number;
  olderWorkerShare: number;
};

describe("older workers' share of offers beside their share of hires (regionStats)", () => {
  const clock = testClock(new Date(NOW));
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { OFFER_SWEEP_MS: '60000', STATS_FOLD_MS: '3600000' } });
    admin = await adminToken(t);
  });
  afterAll(() => t.close());

  async function stats(regionCode: string, range: { from: string; to: string }) {
    const { data, errors } = await t.gql<{
      regionStats: Shares;
      regionBreakdown: ({ region: { code: string } } & Shares)[];
    }>(
      `query ($r: ID!, $from: DateTime!, $to: DateTime!) {
        regionStats(regionCode: $r, from: $from, to: $to) { ${SHARES} }
        regionBreakdown(regionCode: $r, from: $from, to: $to) { region { code } ${SHARES} } }`,
      { r: regionCode, ...range },
      admin,
    );
    if (!data) throw new Error(JSON.stringify(errors));
    return data;
  }

  it('counts each offer by the age on the day it went out, by the gig region, for admins only', async () => {
    const free = { startsAt: new Date(NOW), endsAt: new Date(NOW + 5 * 24 * HOUR) };
    const skills = [{ code: 'cleaner', level: 3 }];
    // 45 on the day (older) and 44 (one day short), both at 梁山县; one older worker at 任城区.
    const [older] = await seedWorkers(t, 1, { skills, free, birthDate: '1981-12-01', spreadKm: 1 });
    const [younger] = await seedWorkers(t, 1, { skills, free, birthDate: '1981-12-02', spreadKm: 1 });
    const [far] = await seedWorkers(t, 1, {
      skills,
      free,
      birthDate: '1970-01-01',
      near: RENCHENG,
      spreadKm: 1,
    });
    if (!older || !younger || !far) throw new Error('no workers');
    const employer = await verifiedEmployer(t);
    const start = Date.parse('2026-12-02T00:00:00Z'); // 08:00 tomorrow
    const window = {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 8 * HOUR).toISOString(),
    };
    const here = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['cleaner'],
      ...window,
    });
    await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['cleaner'],
      ...window,
      regionCode: '370811',
      address: '任城区建设路1号',
      location: RENCHENG,
    });
    await t.app.services.hiring.drain();
    const sent = await t.app.db.execute<{ n: number }>(sql`select count(*)::int as n from offers`);
    expect(sent[0]?.n).toBe(3);

    const county = await stats('370832', TODAY);
    expect(county.regionStats).toMatchObject({
      offersSent: 2,
      olderWorkerOffers: 1,
      olderWorkerOfferShare: 0.5,
      hires: 0,
      olderWorkerShare: 0,
    });

    // The older worker takes the gig: their share of hires stands beside their share of offers.
    const [offer] = await t.app.db.execute<{ id: string }>(
      sql`select id from offers where gig_id = ${here.id} and worker_id = ${older.id}`,
    );
    const accepted = await t.gql(ACCEPT_OFFER, { id: offer?.id }, older.token);
    expect(accepted.errors).toBeUndefined();
    const after = await stats('370832', TODAY);
    expect(after.regionStats).toMatchObject({
      offersSent: 2,
      olderWorkerOffers: 1,
      olderWorkerOfferShare: 0.5,
      hires: 1,
      olderWorkerHires: 1,
      olderWorkerShare: 1,
    });

    // The city sums its counties; the breakdown gives each its own.
    const city = await stats('370800', TODAY);
    expect(city.regionStats).toMatchObject({ offersSent: 3, olderWorkerOffers: 2 });
    expect(city.regionStats.olderWorkerOfferShare).toBeCloseTo(2 / 3);
    const byCounty = new Map(city.regionBreakdown.map((r) => [r.region.code, r]));
    expect(byCounty.get('370832')).toMatchObject({ offersSent: 2, olderWorkerOffers: 1 });
    expect(byCounty.get('370811')).toMatchObject({
      offersSent: 1,
      olderWorkerOffers: 1,
      olderWorkerOfferShare: 1,
    });
    expect(byCounty.get('370881')).toMatchObject({
      offersSent: 0,
      olderWorkerOffers: 0,
      olderWorkerOfferShare: 0,
    });
    // Offers count on the day they went out, not the day of the gig.
    expect((await stats('370832', TOMORROW)).regionStats).toMatchObject({
      offersSent: 0,
      olderWorkerOfferShare: 0,
    });

    // The figures are the bureau's: an employer is refused.
    const refused = await t.gql(
      'query ($r: ID!, $from: DateTime!, $to: DateTime!) { regionStats(regionCode: $r, from: $from, to: $to) { olderWorkerOfferShare } }',
      { r: '370832', ...TODAY },
      employer.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
