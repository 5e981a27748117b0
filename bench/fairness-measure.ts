// The figures of bench/fairness.ts, read from the tables after the simulated month, and its three
// goals (issue 28, "Fairness report"). Older (大龄) means 45 or more on the day in question, as in
// matching and the statistics; a priority group is what matching lifts on public-welfare gigs: any
// group on the worker's record, or 45 or more.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { distanceSql } from '../src/modules/gigs/distance.js';

/** The offers and hires whose worker was older, per market day of the row. */
const olderSql = (at: string) =>
  `w.birth_date <= ((${at} at time zone 'Asia/Shanghai')::date - interval '45 years')`;
const olderOn = (at: string) => sql.raw(olderSql(at));
const priorityOn = (at: string) => sql.raw(`(cardinality(w.priority_groups) > 0 or ${olderSql(at)})`);
/** The gig's own point, as distanceSql interpolates it (columns, not numbers). */
const gigPoint = { lat: sql`g.lat`, lng: sql`g.lng` } as unknown as { lat: number; lng: number };

export type Counted = { total: number; older: number };

/**
 * The qualified candidates of gigs just posted, as matching judges them (the gig's trade, both radii
 * from the exact home, no live hire overlapping, available for the whole gig): how many, how many
 * older. Read when the gig is posted, before its first wave is answered.
 */
export async function countCandidates(db: Database, gigIds: readonly string[]): Promise<Counted> {
  if (gigIds.length === 0) return { total: 0, older: 0 };
  const [row] = await db.execute<{ total: number; older: number }>(sql`
    select count(*)::int as total, count(*) filter (where ${olderOn('g.starts_at')})::int as older
    from gigs g
    join workers w on exists (select 1 from worker_skills ws join gig_skills gs on gs.skill_code = ws.skill_code
                              where ws.worker_id = w.id and gs.gig_id = g.id)
    where g.id in (${sql.join(
      gigIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      and ${distanceSql(sql`w.lat`, sql`w.lng`, gigPoint)}
          <= least(g.search_radius_km, w.travel_radius_km)
      and exists (select 1 from worker_availability av where av.worker_id = w.id
                  and av.starts_at <= g.starts_at and av.ends_at >= g.ends_at)
      and not exists (select 1 from engagements e where e.worker_id = w.id
                      and e.status in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED')
                      and tstzrange(e.starts_at, e.ends_at, '[)') && tstzrange(g.starts_at, g.ends_at, '[)'))`);
  return { total: row?.total ?? 0, older: row?.older ?? 0 };
}

export type Figures = {
  candidates: Counted;
  offers: Counted;
  hires: Counted;
  welfare: {
    gigs: number;
    waves: number;
    /** Waves in which a priority worker was offered the gig after someone outside the groups. */
    wavesOutOfOrder: number;
    firstWaveOffers: number;
    firstWavePriority: number;
  };
  concentration: { workers: number; top: number; topHires: number; hires: number; busiest: number };
  /** How many workers had 0, 1, 2 … hires (the last bucket: that many or more). */
  histogram: number[];
};

export async function readFigures(db: Database, workers: number, candidates: Counted): Promise<Figures> {
  const [offers] = await db.execute<Counted>(sql`
    select count(*)::int as total, count(*) filter (where ${olderOn('o.sent_at')})::int as older
    from offers o join workers w on w.id = o.worker_id where o.crew_id is null`);
  const [hires] = await db.execute<Counted>(sql`
    select count(*)::int as total, count(*) filter (where ${olderOn('e.starts_at')})::int as older
    from engagements e join workers w on w.id = e.worker_id where e.status <> 'CANCELLED'`);
  // Offers of each public-welfare wave in the order they went out (a fill sends best first).
  const [welfare] = await db.execute<Figures['welfare']>(sql`
    with ranked as (
      select o.gig_id, o.wave, ${priorityOn('o.sent_at')} as priority,
        bool_or(not ${priorityOn('o.sent_at')}) over (
          partition by o.gig_id, o.wave order by o.sent_at, o.score desc
          rows between unbounded preceding and 1 preceding) as other_before
      from offers o join gigs g on g.id = o.gig_id and g.public_welfare
      join workers w on w.id = o.worker_id
      where o.crew_id is null
    )
    select count(distinct gig_id)::int as gigs,
      count(distinct (gig_id, wave))::int as waves,
      count(distinct (gig_id, wave)) filter (where priority and coalesce(other_before, false))::int as "wavesOutOfOrder",
      count(*) filter (where wave = 1)::int as "firstWaveOffers",
      count(*) filter (where wave = 1 and priority)::int as "firstWavePriority"
    from ranked`);
  const perWorker = await db.execute<{ hires: number }>(sql`
    select count(*)::int as hires from engagements where status <> 'CANCELLED'
    group by worker_id order by 1 desc`);
  const top = Math.ceil(workers / 10);
  const topHires = perWorker.slice(0, top).reduce((sum, r) => sum + r.hires, 0);
  const histogram = Array.from({ length: 7 }, () => 0);
  histogram[0] = workers - perWorker.length;
  for (const r of perWorker) histogram[Math.min(r.hires, 6)] = (histogram[Math.min(r.hires, 6)] ?? 0) + 1;
  return {
    histogram,
    candidates,
    offers: offers ?? { total: 0, older: 0 },
    hires: hires ?? { total: 0, older: 0 },
    welfare: welfare ?? { gigs: 0, waves: 0, wavesOutOfOrder: 0, firstWaveOffers: 0, firstWavePriority: 0 },
    concentration: { workers, top, topHires, hires: hires?.total ?? 0, busiest: perWorker[0]?.hires ?? 0 },
  };
}

const share = (c: Counted) => (c.total === 0 ? 0 : c.older / c.total);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export type Goal = { name: string; figure: string; goal: string; pass: boolean };

/** The three goals, each with the figure it is judged on. */
export function judge(f: Figures): Goal[] {
  const candidateShare = share(f.candidates);
  const offerGap = share(f.offers) - candidateShare;
  const hireGap = share(f.hires) - candidateShare;
  const topShare = f.concentration.hires === 0 ? 0 : f.concentration.topHires / f.concentration.hires;
  const firstShare =
    f.welfare.firstWaveOffers === 0 ? 0 : f.welfare.firstWavePriority / f.welfare.firstWaveOffers;
  return [
    {
      name: 'older workers (45+)',
      figure: `${pct(share(f.candidates))} of qualified candidates, ${pct(share(f.offers))} of offers (${offerGap >= 0 ? '+' : ''}${(100 * offerGap).toFixed(1)} pt), ${pct(share(f.hires))} of hires (${hireGap >= 0 ? '+' : ''}${(100 * hireGap).toFixed(1)} pt)`,
      goal: 'offers and hires within 5 points of the candidate share',
      pass: Math.abs(offerGap) <= 0.05 && Math.abs(hireGap) <= 0.05,
    },
    {
      name: 'priority groups on public-welfare gigs',
      figure: `${pct(firstShare)} of first-wave offers (${f.welfare.firstWavePriority} of ${f.welfare.firstWaveOffers}) on ${f.welfare.gigs} gigs; ${f.welfare.wavesOutOfOrder} of ${f.welfare.waves} waves offered someone outside the groups before a priority worker`,
      goal: 'priority groups first on every public-welfare wave',
      pass: f.welfare.waves > 0 && f.welfare.wavesOutOfOrder === 0,
    },
    {
      name: 'concentration',
      figure: `top 10 % of workers (${f.concentration.top} of ${f.concentration.workers}) took ${pct(topShare)} of ${f.concentration.hires} hires; the busiest worker ${f.concentration.busiest}; workers by hires 0…6+: ${f.histogram.join(' / ')}`,
      goal: 'top 10 % under 30 % of hires',
      pass: topShare < 0.3,
    },
  ];
}
