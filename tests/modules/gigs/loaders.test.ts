import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, verifiedEmployer } from '../../support/gigs.js';

const PAGE = `query ($first: Int) {
  gigs(first: $first) {
    edges { node { id title employer { name region { name minHourlyWageFen } } skills { code name } region { name } } }
  }
}`;

let t: TestApp;

beforeAll(async () => {
  // The clock-driven sweeps query through the same pool; their ticks stay out of the count.
  t = await createTestApp({
    env: {
      OFFER_SWEEP_MS: '60000',
      GIG_SWEEP_MS: '3600000',
      WORK_SWEEP_MS: '3600000',
      STATS_FOLD_MS: '3600000',
    },
  });
  const trades = ['welder', 'electrician', 'cleaner', 'packing', 'sorting'];
  for (let i = 0; i < 5; i++) {
    const employer = await verifiedEmployer(t);
    for (let k = 0; k < 12; k++) {
      const input = gigInput({
        title: `第${i}家第${k}个活`,
        skills: [trades[(i + k) % 5], trades[(i + k + 1) % 5]],
      });
      await t.app.services.gigs.post(employer.id, {
        ...input,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
      });
    }
  }
  await t.app.outbox.drain();
  await t.app.outbox.stop(); // its polling would be counted too
});
afterAll(() => t?.close());

async function queriesFor(first: number) {
  const statements: string[] = [];
  const stop = t.app.observeQueries((query) => statements.push(query));
  try {
    const { data, errors } = await t.gql<{ gigs: { edges: unknown[] } }>(PAGE, { first });
    expect(errors).toBeUndefined();
    expect(data?.gigs.edges).toHaveLength(first);
  } finally {
    stop();
  }
  return statements;
}

describe('relation fields of a page of gigs', () => {
  it('cost the same few SQL queries for 50 gigs as for 5', async () => {
    await queriesFor(1); // the taxonomy and the region tree are read once per process
    const five = await queriesFor(5);
    const fifty = await queriesFor(50);
    expect(fifty.length).toBe(five.length);
    // the gigs with their employers and trades in one query, then the employers' regions' minimum
    // wages; regions and the taxonomy are held in memory
    expect(fifty, fifty.join('\n')).toHaveLength(2);
  });
});
