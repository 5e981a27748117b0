// bench:province's peak hour: the busy province's day (docs/scale.md's shared definition) at the
// peak hour's rate, against the province-sized market's API, for a few minutes, while the
// per-request figures are taken again.
//
// The day: 60,000 gigs posted (40 % instant, mean headcount 2, OFFER_FAN_OUT 100 a seat), 50,000
// hires, 50,000 check-ins and check-outs; the peak hour carries 15 % of it:
//   posts   60,000 × 0.15 / 3,600 s = 2.5 a second (1.0 instant, 1.5 listed)
//   offers  1.0 instant a second × 2 seats × 100 = 200 a second (first waves)
//   accepts 50,000 × 0.15 / 3,600 s = 2.08 a second
//   check-ins and check-outs 50,000 × 0.15 / 3,600 s = 2.08 a second each (bench/province-work.ts)
// The API's own timers run the sweeps meanwhile (offers every second, gigs and work on theirs).
import { sql } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import { createRandom, type Town } from './gig-generator.js';
import { TRADES } from './gig-vocabulary.js';
import { sleep } from './harness.js';
import { POST_GIG } from './offers-market.js';
import { type Market, one } from './province-measure.js';
import { WORK_PER_SECOND, type WorkItem, type WorkPool } from './province-work.js';

export const PEAK = { postsPerSecond: 2.5, instantShare: 0.4, acceptsPerSecond: (50_000 * 0.15) / 3600 };

const DAY = 86_400_000;
const SPECIAL = new Set(['welder', 'electrician', 'scaffolder']);
const HOUR = 3_600_000;

/** A gig as an employer posts it at the peak: a town's place, a day's work in the coming week. */
function peakGig(r: ReturnType<typeof createRandom>, town: Town, instant: boolean, n: number) {
  const day = new Date(Date.now() + (1 + (n % 7)) * DAY);
  day.setUTCHours(0, 0, 0, 0);
  // Special-operation trades need a certificate the generated workers do not hold.
  const trade = r.pick(TRADES.filter((t) => !SPECIAL.has(t.code)));
  return {
    title: `${trade.titles[0]}`,
    description: `${trade.work[0]}。`,
    skills: [trade.code],
    headcount: instant ? 2 : r.int(1, 5),
    startsAt: day.toISOString(),
    endsAt: new Date(day.getTime() + 9 * HOUR).toISOString(),
    regionCode: town.countyCode,
    address: `${town.name}${r.int(1, 99)}号`,
    location: { lat: town.lat, lng: town.lng },
    payFen: 30_000,
    payUnit: 'DAY',
    payDueDays: 3,
    instant,
    searchRadiusKm: 20,
  };
}

/**
 * Posts and accepts at the peak rates for `seconds`, each on its own timer (a late answer does not
 * slow the rate); `during` runs meanwhile (the per-request figures). Returns what was done.
 */
export async function peakHour(
  market: Market,
  towns: Town[],
  seconds: number,
  jwtSecret: string,
  during: () => Promise<void>,
  work: { pool: WorkPool; act: (kind: 'checkIn' | 'checkOut', item: WorkItem) => Promise<void> },
) {
  const r = createRandom(29);
  const sign = createSigner({ key: jwtSecret, algorithm: 'HS256', expiresIn: 3 * HOUR });
  const done = {
    posts: 0,
    instant: 0,
    postErrors: 0,
    accepts: 0,
    hires: 0,
    refusals: 0,
    firstOfferMs: [] as number[],
  };
  const errors: string[] = [];
  const tasks: Promise<void>[] = [];
  const until = Date.now() + seconds * 1000;
  const post = async (n: number) => {
    const instant = r.chance(PEAK.instantShare);
    const input = peakGig(r, r.pick(towns), instant, n);
    const began = Date.now();
    try {
      const { postGig } = await market.gql<{ postGig: { id: string } }>(
        POST_GIG,
        { input },
        market.employer.token,
      );
      done.posts++;
      if (!instant) return;
      done.instant++;
      for (let i = 0; i < 400; i++) {
        const sentAt = await one(
          market.db,
          sql`select coalesce(extract(epoch from min(sent_at)) * 1000, 0) as v from offers where gig_id = ${postGig.id}`,
        );
        if (sentAt > 0) {
          done.firstOfferMs.push(sentAt - began);
          return;
        }
        await sleep(25);
      }
    } catch (error) {
      done.postErrors++;
      if (errors.length < 3) errors.push(String(error).slice(0, 300));
    }
  };
  const accept = () =>
    acceptOne().catch((error: unknown) => {
      if (errors.length < 3) errors.push(String(error).slice(0, 300));
    });
  const acceptOne = async () => {
    const rows = (await market.db.execute(sql`
      select o.id, w.id as worker_id, w.account_id from offers o join workers w on w.id = o.worker_id
      where o.status = 'PENDING' and o.expires_at > now() and o.sent_at > now() - interval '5 minutes'
      order by o.sent_at desc limit 1 offset ${r.int(0, 50)}`)) as unknown as {
      id: string;
      worker_id: string;
      account_id: string;
    }[];
    const offer = rows[0];
    if (!offer) return;
    await market.db.execute(sql`insert into sessions (id, account_id, token_version, started_at)
      values (${offer.account_id}, ${offer.account_id}, 0, now()) on conflict do nothing`);
    const token = sign({
      sub: offer.account_id,
      role: 'WORKER',
      wid: offer.worker_id,
      eid: null,
      typ: 'access',
      sid: offer.account_id,
      ver: 0,
    }) as string;
    done.accepts++;
    try {
      await market.gql('mutation ($id: ID!) { acceptOffer(offerId: $id) { id } }', { id: offer.id }, token);
      done.hires++;
    } catch {
      done.refusals++; // GIG_FILLED, OFFER_NOT_PENDING, SCHEDULE_CONFLICT: a race lost, as in a real peak
    }
  };
  const every = (perSecond: number, run: (n: number) => Promise<void>) =>
    (async () => {
      const began = Date.now();
      for (let n = 0; Date.now() < until; n++) {
        tasks.push(run(n));
        const next = began + ((n + 1) * 1000) / perSecond;
        await sleep(Math.max(0, next - Date.now()));
      }
    })();
  // Each hire of the pool once; a pool run dry (a longer run than it was written for) stops the kind.
  const worker = (kind: 'checkIn' | 'checkOut', items: WorkItem[]) => async (n: number) => {
    const item = items[n];
    if (item) await work.act(kind, item);
  };
  await Promise.all([
    every(PEAK.postsPerSecond, post),
    every(PEAK.acceptsPerSecond, accept),
    every(WORK_PER_SECOND, worker('checkIn', work.pool.checkIns)),
    every(WORK_PER_SECOND, worker('checkOut', work.pool.checkOuts)),
    during(),
  ]);
  await Promise.allSettled(tasks);
  return { ...done, seconds, errors };
}
