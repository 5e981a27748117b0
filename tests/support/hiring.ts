import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { enqueueOutbox } from '../../src/outbox/outbox.js';
import type { TestApp } from './app.js';
import { holdOperationCertificates } from './certificates.js';
import { testNow } from './clock-at.js';
import { LIANGSHAN, postGig } from './gigs.js';

const DAY = 86_400_000;

export type SeededWorker = { id: string; accountId: string; name: string; token: string };

/**
 * Many workers at once, written straight to the registry tables (registration itself, with its
 * password hashing and ID checks, is tested elsewhere), sent to the workers index through the
 * outbox like any registration, and given access tokens. By default they weld, live a few km
 * around 梁山县 and are free for the next two weeks; a special-operation trade (welding …) comes
 * with a valid 特种作业操作证 unless `operationCertificate` is false.
 */
export async function seedWorkers(
  t: TestApp,
  count: number,
  options: {
    near?: { lat: number; lng: number };
    spreadKm?: number;
    skills?: { code: string; level: number }[];
    travelRadiusKm?: number;
    birthDate?: string;
    priorityGroups?: string[];
    free?: { startsAt: Date; endsAt: Date };
    reliability?: number;
    /** A valid 特种作业操作证 for each special-operation trade (default true). */
    operationCertificate?: boolean;
  } = {},
): Promise<SeededWorker[]> {
  const now = t.app.clock.now();
  const near = options.near ?? LIANGSHAN;
  const spread = (options.spreadKm ?? 5) / 111;
  const free = options.free ?? {
    startsAt: new Date(now.getTime() - DAY),
    endsAt: new Date(now.getTime() + 14 * DAY),
  };
  const skills = options.skills ?? [{ code: 'welder', level: 3 }];
  const workers = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    accountId: randomUUID(),
    name: `工人${String(i + 1).padStart(3, '0')}`,
    lat: near.lat + (Math.random() - 0.5) * spread,
    lng: near.lng + (Math.random() - 0.5) * spread,
  }));
  await t.app.db.transaction(async (tx) => {
    for (const w of workers) {
      await tx.execute(
        sql`insert into accounts (id, role, display_name) values (${w.accountId}, 'WORKER', ${w.name})`,
      );
      // One sign-in, named by the account's id: the token below carries it (sid).
      await tx.execute(
        sql`insert into sessions (id, account_id, token_version, started_at) values (${w.accountId}, ${w.accountId}, 0, ${now.toISOString()}::timestamptz)`,
      );
      await tx.execute(sql`insert into workers (id, account_id, name, id_number_masked, birth_date, sex,
          home_region_code, lat, lng, travel_radius_km, priority_groups, reliability, consent_version, consent_at)
        values (${w.id}, ${w.accountId}, ${w.name}, '370832**********0000', ${options.birthDate ?? '1980-05-01'}, 'male',
          '370832', ${w.lat}, ${w.lng}, ${options.travelRadiusKm ?? 30},
          ${`{${(options.priorityGroups ?? []).join(',')}}`}::text[], ${options.reliability ?? 0.9}, 'test', now())`);
      for (const s of skills) {
        await tx.execute(
          sql`insert into worker_skills (worker_id, skill_code, level) values (${w.id}, ${s.code}, ${s.level})`,
        );
      }
      await tx.execute(sql`insert into worker_availability (worker_id, starts_at, ends_at)
        values (${w.id}, ${free.startsAt.toISOString()}::timestamptz, ${free.endsAt.toISOString()}::timestamptz)`);
    }
    await enqueueOutbox(
      'workers',
      workers.map((w) => w.id),
      tx,
    );
  });
  await t.app.outbox.drain();
  if (options.operationCertificate !== false) {
    await holdOperationCertificates(
      t,
      workers.map((w) => w.id),
    );
  }
  return workers.map((w) => ({
    id: w.id,
    accountId: w.accountId,
    name: w.name,
    token: t.app.signAccessToken({
      sub: w.accountId,
      role: 'WORKER',
      wid: w.id,
      eid: null,
      typ: 'access',
      sid: w.accountId,
      ver: 0,
    }),
  }));
}

export const ACCEPT_OFFER = `mutation ($id: ID!) {
  acceptOffer(offerId: $id) { id status origin startsAt: gig { startsAt } worker { id } gig { id filled status } }
}`;

export const MY_OFFERS = `query ($status: OfferStatus) {
  myOffers(status: $status) { id status wave tier expiresAt deliveredAt distanceKm gig { id title } }
}`;

/** The offers of a gig straight from the table, for checks the API does not expose. */
export async function offerRows(t: TestApp, gigId: string) {
  return (await t.app.db.execute(
    sql`select id, worker_id, status, wave, tier, delivered_at from offers where gig_id = ${gigId} order by wave, sent_at, id`,
  )) as unknown as {
    id: string;
    worker_id: string;
    status: string;
    wave: number;
    tier: string;
    delivered_at: Date | null;
  }[];
}

/** The invariants, checked in the database: seats never oversold, nobody double-booked. */
export async function assertHiringInvariants(t: TestApp) {
  const oversold = await t.app.db.execute(sql`
    select g.id from gigs g,
      lateral (select count(*) as live from engagements e where e.gig_id = g.id and e.status in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED')) n
    where g.filled > g.headcount or n.live > g.headcount
       or (g.status <> 'CANCELLED' and g.filled <> n.live)`);
  const doubleBooked = await t.app.db.execute(sql`
    select a.id from engagements a join engagements b
      on a.worker_id = b.worker_id and a.id < b.id
     and a.status in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED') and b.status in ('CONFIRMED', 'CHECKED_IN', 'COMPLETED')
     and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`);
  return { oversold: oversold.length, doubleBooked: doubleBooked.length };
}

/** A mutable clock for tests that move time instead of sleeping; by default from testNow() (TEST_CLOCK_AT). */
export function testClock(start = testNow()) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

/** The worker applies to a listed gig and its employer accepts: a hire through the API. */
export async function hireFor(t: TestApp, employerToken: string, worker: { token: string }, gigId: string) {
  const applied = await t.gql<{ applyToGig: { id: string } }>(
    'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
    { g: gigId },
    worker.token,
  );
  if (!applied.data) throw new Error(`applyToGig failed: ${JSON.stringify(applied.errors)}`);
  const decided = await t.gql<{ decideApplication: { status: string } }>(
    'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
    { a: applied.data.applyToGig.id },
    employerToken,
  );
  if (decided.data?.decideApplication.status !== 'ACCEPTED')
    throw new Error(`decideApplication failed: ${JSON.stringify(decided.errors)}`);
}

/** A listed gig on its own day (`daysAhead`), applied to and accepted: a past hire to build on. */
export async function hireThroughApplication(
  t: TestApp,
  employerToken: string,
  worker: { token: string },
  daysAhead: number,
  gigOverrides: Record<string, unknown> = {},
): Promise<string> {
  const start = new Date(t.app.clock.now().getTime() + daysAhead * DAY);
  start.setUTCHours(0, 0, 0, 0);
  const gig = await postGig(t, employerToken, {
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
    // Any worker may apply to a listed gig of a trade that is no special operation (docs/skills.md).
    skills: ['loading_unloading'],
    ...gigOverrides,
  });
  await hireFor(t, employerToken, worker, gig.id);
  const [row] = (await t.app.db.execute(
    sql`select id from engagements where gig_id = ${gig.id}`,
  )) as unknown as { id: string }[];
  if (!row) throw new Error('no engagement after accepting the application');
  return row.id;
}
