import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE, scoreOf } from '../../../src/modules/hiring/matching.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireFor, hireThroughApplication, seedWorkers } from '../../support/hiring.js';

const CANDIDATES = `query ($g: ID!, $n: Int) {
  gigCandidates(gigId: $g, first: $n) { distanceKm score tier worker { id name age } }
}`;
type Candidates = {
  gigCandidates: { distanceKm: number; score: number; tier: string; worker: { id: string } }[];
};

const base = {
  distance_km: 3,
  on_roster: false,
  avg_stars: null,
  best_level: 3,
  best_certified: false,
  reliability: 0.9,
  priority: false,
  recent_hire: false,
};
const gig = { searchRadiusKm: 20, publicWelfare: false };

describe('scoring', () => {
  it('keeps tiers apart whatever else differs', () => {
    const bestMatch = scoreOf({ ...base, distance_km: 0, best_level: 5, reliability: 1 }, gig);
    const worstRated = scoreOf(
      { ...base, avg_stars: 4, distance_km: 20, best_level: 1, reliability: 0, recent_hire: true },
      gig,
    );
    const worstRoster = scoreOf(
      {
        ...worstRated,
        ...base,
        on_roster: true,
        distance_km: 20,
        best_level: 1,
        reliability: 0,
        recent_hire: true,
      },
      gig,
    );
    expect(worstRated.tier).toBe('RATED');
    expect(worstRoster.tier).toBe('ROSTER');
    expect(worstRated.score).toBeGreaterThan(bestMatch.score);
    expect(worstRoster.score).toBeGreaterThan(worstRated.score);
  });

  it('puts priority groups first on public-welfare gigs only', () => {
    const priority = { ...base, priority: true, distance_km: 19, best_level: 1 };
    const nearExpert = { ...base, distance_km: 0, best_level: 5, reliability: 1 };
    const welfare = { ...gig, publicWelfare: true };
    expect(scoreOf(priority, welfare).score).toBeGreaterThan(scoreOf(nearExpert, welfare).score);
    expect(scoreOf(priority, gig).score).toBeLessThan(scoreOf(nearExpert, gig).score);
  });

  it('shows a public score without the priority lift or the recent-hire step', () => {
    const welfare = { ...gig, publicWelfare: true };
    const plain = scoreOf(base, welfare);
    const lifted = scoreOf({ ...base, priority: true }, welfare);
    expect(lifted.score - plain.score).toBe(SCORE.priorityGroup);
    expect(lifted.publicScore).toBe(plain.publicScore);
    expect(scoreOf({ ...base, recent_hire: true }, gig).publicScore).toBe(scoreOf(base, gig).publicScore);
    // Still a score: nearer, more skilled and more reliable show higher.
    expect(scoreOf({ ...base, distance_km: 1 }, gig).publicScore).toBeGreaterThan(plain.publicScore);
    expect(Number.isInteger(plain.publicScore)).toBe(true);
  });

  it('ranks nearer, more skilled, more reliable higher, and steps a recent hire back a little', () => {
    const s = (row: Partial<typeof base>) => scoreOf({ ...base, ...row }, gig).score;
    expect(s({ distance_km: 1 })).toBeGreaterThan(s({ distance_km: 10 }));
    expect(s({ best_level: 5 })).toBeGreaterThan(s({ best_level: 2 }));
    expect(s({ reliability: 1 })).toBeGreaterThan(s({ reliability: 0.5 }));
    expect(s({}) - s({ recent_hire: true })).toBe(-SCORE.recentHire);
    // A little: less than one skill level and a few km together.
    expect(-SCORE.recentHire).toBeLessThan(SCORE.perSkillLevel * 2);
  });
});

describe('gigCandidates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('finds workers of the trade within both radii and free for the whole window, best first', async () => {
    const skills = [{ code: 'tile_setter', level: 3 }];
    const start = new Date(gigInput().startsAt);
    const near = await seedWorkers(t, 2, { skills, spreadKm: 2 });
    // 30 km away with a 50 km reach: outside the gig's 20 km radius.
    const far = await seedWorkers(t, 1, {
      skills,
      near: { lat: LIANGSHAN.lat + 0.27, lng: LIANGSHAN.lng },
      travelRadiusKm: 50,
    });
    // 8 km away but will only travel 5 km.
    const homebody = await seedWorkers(t, 1, {
      skills,
      near: { lat: LIANGSHAN.lat + 0.072, lng: LIANGSHAN.lng },
      spreadKm: 0,
      travelRadiusKm: 5,
    });
    // Free only until noon: not the whole window.
    const halfDay = await seedWorkers(t, 1, {
      skills,
      free: {
        startsAt: new Date(start.getTime() - 3_600_000),
        endsAt: new Date(start.getTime() + 4 * 3_600_000),
      },
    });
    const otherTrade = await seedWorkers(t, 1, { skills: [{ code: 'cook', level: 5 }] });
    const employer = await verifiedEmployer(t);
    const posted = await postGig(t, employer.token, { skills: ['tile_setter'], searchRadiusKm: 20 });

    const { data, errors } = await t.gql<Candidates>(CANDIDATES, { g: posted.id }, employer.token);
    expect(errors).toBeUndefined();
    const ids = data?.gigCandidates.map((c) => c.worker.id) ?? [];
    expect(new Set(ids)).toEqual(new Set(near.map((w) => w.id)));
    for (const excluded of [...far, ...homebody, ...halfDay, ...otherTrade])
      expect(ids).not.toContain(excluded.id);
    const scores = data?.gigCandidates.map((c) => c.score) ?? [];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(data?.gigCandidates.every((c) => c.tier === 'MATCH' && c.distanceKm <= 20)).toBe(true);

    // Never where a worker lives.
    const located = await t.gql(
      'query ($g: ID!) { gigCandidates(gigId: $g) { worker { location { lat lng } } } }',
      { g: posted.id },
      employer.token,
    );
    expect(located.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another employer cannot see who would be offered this gig.
    const other = await verifiedEmployer(t);
    const foreign = await t.gql(CANDIDATES, { g: posted.id }, other.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('never lowers a score for age, and lifts older workers on public-welfare gigs in the order alone', async () => {
    const skills = [{ code: 'cleaner', level: 3 }];
    const [young] = await seedWorkers(t, 1, {
      skills,
      birthDate: '1998-03-01',
      spreadKm: 0,
      reliability: 0.8,
    });
    const [older] = await seedWorkers(t, 1, {
      skills,
      birthDate: '1964-03-01',
      spreadKm: 0,
      reliability: 0.8,
    });
    if (!young || !older) throw new Error('no workers');
    const employer = await verifiedEmployer(t);
    const ordinary = await postGig(t, employer.token, { skills: ['cleaner'], title: '厂区保洁' });
    const welfare = await postGig(t, employer.token, {
      skills: ['cleaner'],
      title: '公益性岗位保洁',
      publicWelfare: true,
    });

    const listed = async (gigId: string) => {
      const { data, errors } = await t.gql<Candidates>(CANDIDATES, { g: gigId }, employer.token);
      expect(errors).toBeUndefined();
      const all = data?.gigCandidates ?? [];
      const at = (id: string) => all.findIndex((c) => c.worker.id === id);
      return { at, score: (id: string) => all[at(id)]?.score };
    };
    const plain = await listed(ordinary.id);
    expect(plain.score(older.id)).toBeDefined();
    expect(plain.score(older.id)).toBe(plain.score(young.id));
    // The older-worker group goes first on a public-welfare gig, and the score shown says nothing
    // of it: the lift is in the order only (docs/security.md).
    const lifted = await listed(welfare.id);
    expect(lifted.at(older.id)).toBeLessThan(lifted.at(young.id));
    expect(lifted.at(older.id)).toBeGreaterThanOrEqual(0);
    expect(lifted.score(older.id)).toBe(lifted.score(young.id));
  });

  it('leaves out a worker already hired at an overlapping time', async () => {
    const skills = [{ code: 'waterproofer', level: 3 }];
    const [busy, free] = await seedWorkers(t, 2, { skills });
    if (!busy || !free) throw new Error('no workers');
    const employer = await verifiedEmployer(t);
    const first = await postGig(t, employer.token, { skills: ['waterproofer'] });
    await hireFor(t, employer.token, busy, first.id);
    const second = await postGig(t, employer.token, { skills: ['waterproofer'] });
    const { data } = await t.gql<Candidates>(CANDIDATES, { g: second.id }, employer.token);
    expect(data?.gigCandidates.map((c) => c.worker.id)).toEqual([free.id]);
    // Someone who worked for the employer before can go on its roster and comes first.
    await hireThroughApplication(t, employer.token, free, 6);
    await t.gql('mutation ($w: ID!) { addToRoster(workerId: $w) { id } }', { w: free.id }, employer.token);
    const roster = await t.gql<Candidates>(CANDIDATES, { g: second.id }, employer.token);
    expect(roster.data?.gigCandidates[0]).toMatchObject({ tier: 'ROSTER', worker: { id: free.id } });
    const stranger = await t.gql(
      'mutation ($w: ID!) { addToRoster(workerId: $w) { id } }',
      { w: busy.id },
      (await verifiedEmployer(t)).token,
    );
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workerId' });
  });
});
