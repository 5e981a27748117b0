import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createGigsRepository } from '../../../src/modules/gigs/gigs.repository.js';
import { createMatcher, type MatchGig } from '../../../src/modules/hiring/matching.js';
import { createMatchingRepository } from '../../../src/modules/hiring/matching.repository.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { type SeededWorker, seedWorkers } from '../../support/hiring.js';

// A first wave may use Meilisearch's answer asked while the gig's posting committed (waves.ts,
// `near`). On the real PostgreSQL and Meilisearch of a test app: that answer is what PostgreSQL
// checks while nobody was offered the gig, and a later wave asks Meilisearch afresh.
describe("a first wave's Meilisearch answer, asked ahead", () => {
  let t: TestApp;
  let workers: SeededWorker[];
  let gig: MatchGig;
  let matcher: ReturnType<typeof createMatcher>;

  beforeAll(async () => {
    t = await createTestApp();
    workers = await seedWorkers(t, 4, { spreadKm: 2 });
    const employer = await verifiedEmployer(t);
    const posted = await postGig(t, employer.token, { headcount: 1 });
    // The gig as PostgreSQL holds it, with its trade: what a wave hands the matcher (waves.ts).
    const [record] = await createGigsRepository(t.app.db).byIds([posted.id]);
    if (!record) throw new Error('the posted gig is not in the table');
    gig = { ...record, skills: ['welder'] };
    matcher = createMatcher({
      repository: createMatchingRepository(t.app.db),
      search: t.app.meili,
      clock: t.app.clock,
      timeoutMs: 5_000,
      onSearchDown: () => {},
      cellKm: loadConfig({}).privacy.locationCellKm,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const ids = (matches: { workerId: string }[]) => matches.map((m) => m.workerId).sort();
  const everyone = () => workers.map((w) => w.id).sort();

  it('asked now, finds every near welder (the control)', async () => {
    expect(ids(await matcher.candidates(gig, { fresh: true, offered: 0 }))).toEqual(everyone());
    // The same answer asked ahead, as waves.ts does while the post commits.
    expect(ids(await matcher.candidates(gig, { fresh: true, offered: 0, near: matcher.near(gig) }))).toEqual(
      everyone(),
    );
  });

  it('is what PostgreSQL checks while nobody was offered the gig', async () => {
    const one = workers[0] as SeededWorker;
    const near = Promise.resolve([one.id]);
    expect(ids(await matcher.candidates(gig, { fresh: true, offered: 0, near }))).toEqual([one.id]);
  });

  it('is never used once someone was offered the gig: Meilisearch is asked afresh', async () => {
    const one = workers[0] as SeededWorker;
    const near = Promise.resolve([one.id]);
    expect(ids(await matcher.candidates(gig, { fresh: true, offered: 2, near }))).toEqual(everyone());
  });

  it('with Meilisearch down when asked ahead (null), PostgreSQL checks every welder', async () => {
    const near = Promise.resolve(null);
    expect(ids(await matcher.candidates(gig, { fresh: true, offered: 0, near }))).toEqual(everyone());
  });
});
