import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { assertHiringInvariants, offerRows, seedWorkers } from '../../support/hiring.js';

/** What a hire's contract must say of the minimum wage: the nearest of county, city, province in force that day. */
async function minimumWageOf(t: TestApp, regionCode: string, day: string): Promise<number | undefined> {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  const rows = (await t.app.db.execute(sql`
    select distinct on (region_code) region_code as "regionCode", hourly_fen as "hourlyFen"
    from minimum_wages
    where region_code in (${sql.join(
      chain.map((c) => sql`${c}`),
      sql`, `,
    )}) and effective_from <= ${day}::date
    order by region_code, effective_from desc`)) as unknown as { regionCode: string; hourlyFen: number }[];
  return chain.map((code) => rows.find((r) => r.regionCode === code)?.hourlyFen).find((f) => f !== undefined);
}

describe("a gig's facts kept for its crowd of accepts", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_FAN_OUT: '4', OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('opens the first batch without reading the gig, its minimum wage or its cover, and hires on them', async () => {
    const workers = await seedWorkers(t, 8, { skills: [{ code: 'scaffolder', level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 2, skills: ['scaffolder'] });
    // The first wave is out and the gig's facts were read after it (hiring.kick).
    await t.app.services.hiring.drain();
    const byWorker = new Map((await offerRows(t, gig.id)).map((r) => [r.worker_id, r.id]));
    expect(byWorker.size).toBe(8);

    const queries: string[] = [];
    const stop = t.app.observeQueries((query) => void queries.push(query));
    const answers = await Promise.allSettled(
      workers.map((w) => t.app.services.hiring.acceptOffer(w.id, byWorker.get(w.id) as string)),
    );
    stop();
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    for (const answer of answers.filter((a) => a.status === 'rejected'))
      expect((answer as PromiseRejectedResult).reason).toMatchObject({ code: 'GIG_FILLED' });
    // Nothing of the gig read before its lock: no minimum wage, no cover, no plain read of the gig.
    const locked = queries.findIndex((q) => /from "gigs" where "gigs"\."id" = \$1 for update/.test(q));
    expect(locked).toBeGreaterThanOrEqual(0);
    expect(
      queries.slice(0, locked).filter((q) => /minimum_wages|gig_accident_cover|from "gigs"/.test(q)),
    ).toEqual([]);
    // Nor after it: the crowd's later batches use the facts kept too.
    expect(queries.filter((q) => /minimum_wages|gig_accident_cover/.test(q))).toEqual([]);

    // The hires carry what a fresh read says: the minimum wage of the gig's region on its day.
    const hires = (await t.app.db.execute(
      sql`select terms, starts_at as "startsAt" from engagements where gig_id = ${gig.id}`,
    )) as unknown as { terms: { minimumHourlyFen?: number }; startsAt: Date }[];
    expect(hires).toHaveLength(2);
    const [row] = (await t.app.db.execute(
      sql`select region_code as "regionCode", to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day from gigs where id = ${gig.id}`,
    )) as unknown as { regionCode: string; day: string }[];
    const expected = await minimumWageOf(t, row?.regionCode ?? '', row?.day ?? '');
    expect(expected).toBeGreaterThan(0);
    for (const hire of hires) expect(hire.terms.minimumHourlyFen).toBe(expected);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });
});
