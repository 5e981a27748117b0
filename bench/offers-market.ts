// The market bench/offers.ts times: welders straight into PostgreSQL (as tests/support/hiring.ts
// seedWorkers does, in multi-row batches), one verified employer, and the instant gigs it posts.
import { randomUUID } from 'node:crypto';
import { SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { creditCheckCharacter } from '../src/modules/registry/credit-code.js';
import { enqueueOutbox } from '../src/outbox/outbox.js';
import type { Search } from '../src/search/client.js';
import { hashPassword } from '../src/security/passwords.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 梁山县's seat: workers live within SPREAD_KM of it, gigs are posted within GIG_JITTER_KM. */
export const CENTRE = { lat: 35.802, lng: 116.096 };
const SPREAD_KM = 8;
const GIG_JITTER_KM = 2;
/** Every worker is within reach of every gig: matching ranks them and the nearest are offered. */
export const SEARCH_RADIUS_KM = 30;
const TRAVEL_RADIUS_KM = 30;
export const SKILL = 'welder';
/** Gigs fall on successive days from here; every worker is free for all of them. */
const FREE_DAYS = 40;
const BATCH = 500;

export const progress = (label: string) =>
  new SingleBar({
    format: `${label} |{bar}| {value}/{total} | {duration_formatted} elapsed, eta {eta_formatted}`,
    noTTYOutput: true,
    notTTYSchedule: 2_000,
  });

/** A small seeded generator, so two runs place workers and gigs alike. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** A point uniformly inside a disc of `radiusKm` around `centre`. */
function pointNear(random: () => number, radiusKm: number) {
  const r = (radiusKm * Math.sqrt(random())) / 111;
  const angle = 2 * Math.PI * random();
  return {
    lat: CENTRE.lat + r * Math.sin(angle),
    lng: CENTRE.lng + (r * Math.cos(angle)) / Math.cos((CENTRE.lat * Math.PI) / 180),
  };
}

export type SeededWorker = { id: string; accountId: string };

/**
 * `count` welders a few km around 梁山县, free for the next FREE_DAYS days, in batches of one
 * transaction each that also queues them for the workers index (with its NOTIFY).
 */
export async function seedWorkers(
  db: Database,
  count: number,
  options: { first: number; random: () => number },
): Promise<SeededWorker[]> {
  const now = Date.now();
  const freeFrom = new Date(now - DAY).toISOString();
  const freeUntil = new Date(now + FREE_DAYS * DAY).toISOString();
  const workers = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    accountId: randomUUID(),
    name: `焊工${String(options.first + i + 1).padStart(5, '0')}`,
    level: 1 + Math.floor(options.random() * 5),
    reliability: Math.round((0.6 + 0.4 * options.random()) * 100) / 100,
    ...pointNear(options.random, SPREAD_KM),
  }));
  const bar = progress('workers inserted');
  bar.start(count, 0);
  for (let from = 0; from < workers.length; from += BATCH) {
    const batch = workers.slice(from, from + BATCH);
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into accounts (id, role, display_name) values ${sql.join(
          batch.map((w) => sql`(${w.accountId}, 'WORKER', ${w.name})`),
          sql`, `,
        )}`,
      );
      // One sign-in each, named by the account's id: the tokens the bench signs carry it (sid).
      await tx.execute(
        sql`insert into sessions (id, account_id, token_version, started_at) values ${sql.join(
          batch.map((w) => sql`(${w.accountId}, ${w.accountId}, 0, now())`),
          sql`, `,
        )}`,
      );
      await tx.execute(sql`insert into workers (id, account_id, name, id_number_masked, birth_date, sex,
          home_region_code, lat, lng, travel_radius_km, priority_groups, reliability, consent_version, consent_at)
        values ${sql.join(
          batch.map(
            (w) => sql`(${w.id}, ${w.accountId}, ${w.name}, '370832**********0000', '1978-05-01', 'male',
              '370832', ${w.lat}, ${w.lng}, ${TRAVEL_RADIUS_KM}, '{}'::text[], ${w.reliability}, 'bench', now())`,
          ),
          sql`, `,
        )}`);
      await tx.execute(
        sql`insert into worker_skills (worker_id, skill_code, level) values ${sql.join(
          batch.map((w) => sql`(${w.id}, ${SKILL}, ${w.level})`),
          sql`, `,
        )}`,
      );
      // Welding is a special operation (特种作业): matching offers it only to holders of a valid
      // 特种作业操作证 (src/modules/workers/qualification.ts), so every seeded welder holds one.
      await tx.execute(
        sql`insert into worker_certificates (worker_id, skill_code, kind, number, issuer, issued_on, expires_on,
            verified_by, verified_at, created_at) values ${sql.join(
              batch.map(
                (w) => sql`(${w.id}, ${SKILL}, 'SPECIAL_OPERATION', ${`T${w.id}`}, '济宁市应急管理局',
                  ${freeFrom}::date, ${new Date(now + 4 * 365 * DAY).toISOString()}::date, 'STATION_OPERATOR', now(), now())`,
              ),
              sql`, `,
            )}`,
      );
      await tx.execute(
        sql`insert into worker_availability (worker_id, starts_at, ends_at) values ${sql.join(
          batch.map((w) => sql`(${w.id}, ${freeFrom}::timestamptz, ${freeUntil}::timestamptz)`),
          sql`, `,
        )}`,
      );
      await enqueueOutbox(
        'workers',
        batch.map((w) => w.id),
        tx,
      );
    });
    bar.update(from + batch.length);
  }
  bar.stop();
  return workers.map((w) => ({ id: w.id, accountId: w.accountId }));
}

const one = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(((await db.execute<{ v: string | number }>(query)) as unknown as { v: string | number }[])[0]?.v);

/** Waits until the API's outbox dispatcher has put `total` workers into the index and the outbox is empty. */
export async function waitIndexed(db: Database, search: Search, total: number, timeoutMs = 300_000) {
  const began = performance.now();
  const bar = progress('workers indexed ');
  const documents = async () => (await search.index('workers').getStats()).numberOfDocuments;
  bar.start(total, await documents());
  for (;;) {
    const [indexed, queued] = await Promise.all([
      documents(),
      one(db, sql`select count(*) as v from outbox where topic = 'workers'`),
    ]);
    bar.update(Math.min(indexed, total));
    if (indexed >= total && queued === 0) break;
    if (performance.now() - began > timeoutMs) {
      bar.stop();
      throw new Error(
        `the workers index holds ${indexed} of ${total} workers after ${timeoutMs / 1000} s (${queued} outbox rows waiting): is the API's outbox dispatcher running?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  bar.stop();
  return (performance.now() - began) / 1000;
}

export type Gql = <T>(query: string, variables: Record<string, unknown>, token?: string) => Promise<T>;

/** A GraphQL client for the API's URL that throws on any error. */
export function graphql(apiUrl: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data?: T; errors?: unknown[] };
    if (!response.ok || answer.errors || !answer.data) {
      throw new Error(`GraphQL ${response.status}: ${JSON.stringify(answer.errors ?? answer)}`);
    }
    return answer.data;
  };
}

/**
 * The employer that posts every gig, written into the tables verified, as the demo seed makes its
 * own (registration through the API needs a code texted to the phone, which the API process keeps
 * to itself), then signed in through the API. Each call makes a new one (phone and credit code are
 * unique), so the data folder can be reused.
 */
export async function benchEmployer(
  db: Database,
  gql: Gql,
  serial = 0,
): Promise<{ id: string; token: string }> {
  const stamp = Date.now() + serial;
  const first17 = `91370832MA${String(stamp % 10_000_000).padStart(7, '0')}`;
  const phone = `139${String(stamp % 100_000_000).padStart(8, '0')}`;
  const password = 'bench-employer-password-1';
  const name = '梁山县快招基准钢结构有限公司';
  const accountId = randomUUID();
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into accounts (id, role, phone, password_hash, display_name)
      values (${accountId}, 'EMPLOYER', ${phone}, ${passwordHash}, ${name})`);
    await tx.execute(sql`insert into employers (id, account_id, name, kind, credit_code, region_code, lat, lng, verified_at)
      values (${id}, ${accountId}, ${name}, 'ENTERPRISE', ${first17 + creditCheckCharacter(first17)}, '370832',
        ${CENTRE.lat}, ${CENTRE.lng}, now())`);
  });
  const { login } = await gql<{ login: { token: string } }>(
    'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
    { p: phone, w: password },
  );
  return { id, token: login.token };
}

export const POST_GIG = `mutation ($input: PostGigInput!) { postGig(input: $input) { id status headcount } }`;

/**
 * The n-th instant gig of a run: a day's welding on day n + 2 (08:00–17:00 market time), so no two
 * gigs overlap and a hire on one never keeps a worker from the next; placed a little off the centre.
 */
export function instantGig(n: number, headcount: number, random: () => number) {
  const day = new Date(Date.now() + (n + 2) * DAY);
  day.setUTCHours(0, 0, 0, 0); // 08:00 in Asia/Shanghai
  return {
    title: `即时快招钢结构电焊工${n + 1}号`,
    description: '厂房钢梁焊接，工地提供午饭，当天结算。',
    skills: [SKILL],
    headcount,
    startsAt: day.toISOString(),
    endsAt: new Date(day.getTime() + 9 * HOUR).toISOString(),
    regionCode: '370832',
    address: '梁山县拳铺镇工业园区8号',
    location: pointNear(random, GIG_JITTER_KM),
    payFen: 30_000,
    payUnit: 'DAY',
    payDueDays: 3,
    instant: true,
    searchRadiusKm: SEARCH_RADIUS_KM,
  };
}

/** What the database says of a gig after its race: hires, seats taken, offers by status. */
export async function gigOutcome(db: Database, gigId: string) {
  const [engagements, filled, offers, delivered, batches] = await Promise.all([
    one(db, sql`select count(*) as v from engagements where gig_id = ${gigId} and status <> 'CANCELLED'`),
    one(db, sql`select filled as v from gigs where id = ${gigId}`),
    one(db, sql`select count(*) as v from offers where gig_id = ${gigId}`),
    one(db, sql`select count(*) as v from offers where gig_id = ${gigId} and delivered_at is not null`),
    // The hires of one batch share their time (hire.ts takes the clock once per batch): how many
    // transactions the seats took, which says how soon the crowd's losers could be told "full".
    one(db, sql`select count(distinct created_at) as v from engagements where gig_id = ${gigId}`),
  ]);
  return { engagements, filled, offers, delivered, batches };
}

export const offerCounts = async (db: Database, gigId: string) => ({
  offers: await one(db, sql`select count(*) as v from offers where gig_id = ${gigId}`),
  delivered: await one(
    db,
    sql`select count(*) as v from offers where gig_id = ${gigId} and delivered_at is not null`,
  ),
});
