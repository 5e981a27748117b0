import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_WORK_DAYS, SCORE, scoreOf, WORKLOAD_CAP } from '../../../src/modules/hiring/matching.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, offerRows, seedWorkers, testClock } from '../../support/hiring.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const CANDIDATES = `query ($g: ID!) { gigCandidates(gigId: $g) { score worker { id } } }`;

const row = {
  distance_km: 3,
  on_roster: false,
  avg_stars: null,
  best_level: 3,
  best_certified: false,
  reliability: 0.9,
  priority: false,
  recent_hire: false,
  recent_hires: 0,
};
const gig = { searchRadiusKm: 20, publicWelfare: false };

describe('the workload step (docs/fairness.md)', () => {
  it('steps a worker back per hire of the last fortnight, up to the cap, and shows employers none of it', () => {
    const s = (recent_hires: number) => scoreOf({ ...row, recent_hires }, gig);
    expect(s(0).score - s(2).score).toBe(-2 * SCORE.perRecentWork);
    expect(s(WORKLOAD_CAP + 5).score).toBe(s(WORKLOAD_CAP).score);
    expect(s(WORKLOAD_CAP).publicScore).toBe(s(0).publicScore);
  });

  it('never takes a priority group below anyone else on a public-welfare gig, however much it worked', () => {
    const welfare = { ...gig, publicWelfare: true };
    const busiestPriority = scoreOf(
      {
        ...row,
        priority: true,
        distance_km: 20,
        best_level: 1,
        reliability: 0,
        recent_hire: true,
        recent_hires: 50,
      },
      welfare,
    );
    const bestOther = scoreOf(
      { ...row, distance_km: 0, best_level: 5, best_certified: true, reliability: 1 },
      welfare,
    );
    expect(busiestPriority.score).toBeGreaterThan(bestOther.score);
  });
});

describe('spreading work on a small market', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    // One offer a seat, so the first wave names one worker; sweeps are left to the test.
    t = await createTestApp({ clock, env: { OFFER_FAN_OUT: '1', OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('sends the wave first to the equally reliable worker who worked less lately', async () => {
    // Same place, same reliability; the busy one is even a level better at the trade.
    const [busy] = await seedWorkers(t, 1, {
      skills: [{ code: 'cleaner', level: 4 }],
      spreadKm: 0,
      reliability: 0.9,
      free: { startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + 20 * DAY) },
    });
    const [idle] = await seedWorkers(t, 1, {
      skills: [{ code: 'cleaner', level: 3 }],
      spreadKm: 0,
      reliability: 0.9,
      free: { startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + 20 * DAY) },
    });
    if (!busy || !idle) throw new Error('no workers');
    const employer = await verifiedEmployer(t);
    // Four days' work for the busy one, through applications, on days 1 to 4.
    for (let day = 1; day <= 4; day++) await hireThroughApplication(t, employer.token, busy, day);
    // Five days on, those hires are no longer "recent" (RECENT_HIRE_DAYS) but are in the fortnight.
    clock.advance(5 * DAY);
    expect(RECENT_WORK_DAYS).toBeGreaterThan(5);

    const start = new Date(clock.now().getTime() + 2 * DAY);
    start.setUTCHours(0, 0, 0, 0);
    const posted = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['cleaner'],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    await t.app.services.hiring.drain();

    const offers = await offerRows(t, posted.id);
    expect(offers.map((o) => [o.wave, o.worker_id])).toEqual([[1, idle.id]]);
    // What the employer sees still puts the busy worker's merit higher: the step is in the order alone.
    const { data, errors } = await t.gql<{ gigCandidates: { score: number; worker: { id: string } }[] }>(
      CANDIDATES,
      { g: posted.id },
      employer.token,
    );
    expect(errors).toBeUndefined();
    const shown = new Map(data?.gigCandidates.map((c) => [c.worker.id, c.score]));
    expect(shown.get(busy.id)).toBeGreaterThan(shown.get(idle.id) ?? Number.POSITIVE_INFINITY);
  });
});
