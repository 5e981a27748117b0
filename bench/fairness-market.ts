// The simulated market of bench/fairness.ts: who the workers are (written by SQL, see below), the
// employers, and the month of instant gigs they post. Everything is drawn from one seeded
// generator, so two runs with the same seed build the same market.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { enqueueOutbox } from '../src/outbox/outbox.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BATCH = 500;

/** 梁山县's seat: homes within HOME_KM of it, gigs within GIG_KM (both inside the county). */
export const CENTRE = { lat: 35.802, lng: 116.096 };
const HOME_KM = 10;
const GIG_KM = 7;
export const SEARCH_RADIUS_KM = 10;
const TRAVEL_RADIUS_KM = 12;
/** Six everyday trades, none a special operation (no 特种作业操作证 in play). */
export const TRADES = [
  'cleaner',
  'loading_unloading',
  'construction_helper',
  'kitchen_helper',
  'packing',
  'sorting',
] as const;
/** The trades public-welfare posts (公益性岗位) are in. */
const WELFARE_TRADES = ['cleaner', 'construction_helper'] as const;
/** Groups a worker may belong to besides the older-worker one (which matching reads from the age). */
const OTHER_GROUPS = ['POVERTY_ALLEVIATED', 'LOW_INCOME', 'DISABLED'] as const;

/** A small seeded generator (LCG), so two runs draw alike. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** A number in [0, 1) from a few integers, the same every run: a worker's answer to one gig. */
export function hashUnit(...parts: number[]): number {
  let h = 2_166_136_261;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 16_777_619) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 2_246_822_507) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 3_266_489_909) >>> 0;
  }
  return (h ^ (h >>> 16)) / 4_294_967_296;
}

/**
 * A version-4-shaped UUID from the generator: matching breaks exact ties by worker id, so the ids
 * are drawn from the seed too.
 */
function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function pointNear(random: () => number, radiusKm: number) {
  const r = (radiusKm * Math.sqrt(random())) / 111;
  const angle = 2 * Math.PI * random();
  return {
    lat: CENTRE.lat + r * Math.sin(angle),
    lng: CENTRE.lng + (r * Math.cos(angle)) / Math.cos((CENTRE.lat * Math.PI) / 180),
  };
}

export type SimWorker = {
  index: number;
  id: string;
  accountId: string;
  older: boolean;
  /** A priority group as matching reads it: any group on the record, or aged 45 or more. */
  priority: boolean;
};

/** A birth date that makes the worker `age` (and up to 300 days) on `start`. */
const birthDate = (start: Date, age: number, random: () => number) => {
  const born = new Date(start.getTime() - (age * 365.25 + random() * 300) * DAY);
  return born.toISOString().slice(0, 10);
};

/**
 * `count` workers written straight into the tables in batches (registration through the API checks
 * an ID number and a texted code per worker, far too slow for thousands and not what is measured),
 * queued for the workers index through the outbox like any registration. Age, priority groups,
 * trades, level, reliability and home are drawn independently: an older worker is like any other
 * but for the age, so the report measures the market, not the simulation.
 */
export async function seedWorkers(
  db: Database,
  options: {
    count: number;
    olderShare: number;
    groupShare: number;
    start: Date;
    random: () => number;
    /** A generator of its own for the ids, so they leave the draws of everything else as they were. */
    idRandom: () => number;
  },
): Promise<SimWorker[]> {
  const { random, start } = options;
  const freeFrom = new Date(start.getTime() - DAY).toISOString();
  const freeUntil = new Date(start.getTime() + 40 * DAY).toISOString();
  const rows = Array.from({ length: options.count }, (_, index) => {
    const older = random() < options.olderShare;
    const age = older ? 45 + Math.floor(random() * 16) : 20 + Math.floor(random() * 25);
    const groups =
      random() < options.groupShare ? [OTHER_GROUPS[Math.floor(random() * OTHER_GROUPS.length)]] : [];
    const first = TRADES[Math.floor(random() * TRADES.length)] as string;
    const second = random() < 0.5 ? (TRADES[Math.floor(random() * TRADES.length)] as string) : first;
    return {
      index,
      id: seededUuid(options.idRandom),
      accountId: seededUuid(options.idRandom),
      name: `零工${String(index + 1).padStart(5, '0')}`,
      born: birthDate(start, age, random),
      older,
      groups,
      trades: [...new Set([first, second])],
      level: 1 + Math.floor(random() * 5),
      reliability: Math.round((0.7 + 0.3 * random()) * 100) / 100,
      ...pointNear(random, HOME_KM),
    };
  });
  for (let from = 0; from < rows.length; from += BATCH) {
    const batch = rows.slice(from, from + BATCH);
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into accounts (id, role, display_name) values ${sql.join(
          batch.map((w) => sql`(${w.accountId}, 'WORKER', ${w.name})`),
          sql`, `,
        )}`,
      );
      // One sign-in each, named by the account's id: the tokens the report signs carry it (sid).
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
            (w) => sql`(${w.id}, ${w.accountId}, ${w.name}, '370832**********0000', ${w.born}::date, 'male',
              '370832', ${w.lat}, ${w.lng}, ${TRAVEL_RADIUS_KM}, ${`{${w.groups.join(',')}}`}::text[],
              ${w.reliability}, 'fairness', now())`,
          ),
          sql`, `,
        )}`);
      await tx.execute(
        sql`insert into worker_skills (worker_id, skill_code, level) values ${sql.join(
          batch.flatMap((w) => w.trades.map((code) => sql`(${w.id}, ${code}, ${w.level})`)),
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
  }
  return rows.map((w) => ({
    index: w.index,
    id: w.id,
    accountId: w.accountId,
    older: w.older,
    priority: w.older || w.groups.length > 0,
  }));
}

export type PlannedGig = {
  /** Its place in the month, the key of every worker's answer to it. */
  seq: number;
  employer: number;
  /** When it is posted, market time. */
  postAt: Date;
  input: Record<string, unknown>;
  publicWelfare: boolean;
};

/**
 * The month: each day, ordinary gigs posted the evening before (a working day, 08:00–17:00) and
 * instant gigs posted at 06:30 for the same morning or afternoon (09:00–13:00, 13:00–17:00), a
 * share of them public-welfare posts by the bureau's own employer (the last one).
 */
export function planMonth(options: {
  days: number;
  /** Midnight (China Standard Time) of the month's first day. */
  firstDay: Date;
  ordinaryPerDay: number;
  instantPerDay: number;
  welfareShare: number;
  employers: number;
  random: () => number;
}): PlannedGig[] {
  const { random } = options;
  const gigs: PlannedGig[] = [];
  const bureau = options.employers - 1;
  for (let day = 1; day <= options.days; day++) {
    const midnight = new Date(options.firstDay.getTime() + (day - 1) * DAY);
    const add = (postAt: Date, startsAt: Date, hours: number) => {
      const welfare = random() < options.welfareShare;
      const trades = welfare ? WELFARE_TRADES : TRADES;
      const trade = trades[Math.floor(random() * trades.length)] as string;
      const seq = gigs.length;
      gigs.push({
        seq,
        employer: welfare ? bureau : Math.floor(random() * bureau),
        postAt,
        publicWelfare: welfare,
        input: {
          title: welfare
            ? `公益性岗位${trade === 'cleaner' ? '街道保洁' : '村内道路维护'}${seq + 1}号`
            : `零工${seq + 1}号`,
          description: welfare ? '乡镇公益性岗位，按日结算。' : '当天结算，现场有人带班。',
          skills: [trade],
          headcount: 1 + Math.floor(random() * 6),
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + hours * HOUR).toISOString(),
          regionCode: '370832',
          address: '梁山县城区',
          location: pointNear(random, GIG_KM),
          payFen: hours >= 8 ? 30_000 : 15_000,
          payUnit: 'DAY',
          payDueDays: 3,
          instant: true,
          publicWelfare: welfare,
          searchRadiusKm: SEARCH_RADIUS_KM,
        },
      });
    };
    const evening = new Date(midnight.getTime() - 6 * HOUR);
    for (let i = 0; i < options.ordinaryPerDay; i++) {
      add(evening, new Date(midnight.getTime() + 8 * HOUR), 9);
    }
    const dawn = new Date(midnight.getTime() + 6.5 * HOUR);
    for (let i = 0; i < options.instantPerDay; i++) {
      add(dawn, new Date(midnight.getTime() + (random() < 0.5 ? 9 : 13) * HOUR), 4);
    }
  }
  return gigs;
}
