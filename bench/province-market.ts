// bench:province's market, written by COPY (postgres.js `COPY … FROM STDIN`, streamed) straight into
// the tables, as the registry and the employers would have left them: workers with real-name rows
// (the ID number encrypted and fingerprinted by the code's own vault, masked as the registry masks
// it), trades and availability; employers; live gigs from the gig generator; and past market from
// the demo's history writer (hires, payments, arrears, the statistics triggers' deltas).
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { Database, SqlClient } from '../src/db/client.js';
import { writeMarketHistory } from '../src/demo/market-history.js';
import { creditCheckCharacter } from '../src/modules/registry/credit-code.js';
import { idCheckCharacter, maskIdNumber } from '../src/modules/registry/id-number.js';
import type { PiiVault } from '../src/security/pii-vault.js';
import { marketDay } from '../src/time.js';
import {
  createGigGenerator,
  createRandom,
  loadMarketContext,
  loadTowns,
  type Town,
} from './gig-generator.js';
import { SURNAMES, TRADES } from './gig-vocabulary.js';
import { type County, generatedTowns } from './province-regions.js';

const DAY = 86_400_000;
const CHUNK = 50_000;
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅玉兰志海波';

type Cell = string | number | boolean | null | undefined;
const copyText = (value: Cell) =>
  value === null || value === undefined
    ? '\\N'
    : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/**
 * Rows streamed into `table` by one `COPY … FROM STDIN` (text format), on a connection of its own
 * whose foreign-key triggers are off (`session_replication_role = replica`): every id a generated
 * row refers to was written before it, by construction, and the checks cost a lookup per row. No other trigger fires on the tables written this way (accounts, workers, their
 * trades and availability, gigs and their trades: none has an insert trigger of its own).
 */
export async function copyRows(client: SqlClient, table: string, columns: string[], rows: Iterable<Cell[]>) {
  const connection = await client.reserve();
  try {
    await connection.unsafe('set session_replication_role = replica');
    const writable = await connection.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
    const lines = function* () {
      let buffer = '';
      for (const row of rows) {
        buffer += `${row.map(copyText).join('\t')}\n`;
        if (buffer.length > 1 << 16) {
          yield buffer;
          buffer = '';
        }
      }
      if (buffer) yield buffer;
    };
    await pipeline(Readable.from(lines()), writable);
  } finally {
    await connection.unsafe('reset session_replication_role');
    connection.release();
  }
}

/** Where homes and gigs are: the seed towns of the market's seed counties, the generated counties' towns. */
export async function marketTowns(db: Database, counties: County[]): Promise<Town[]> {
  const codes = new Set(counties.map((c) => c.code));
  const seed = (await loadTowns(db)).filter((t) => codes.has(t.countyCode));
  return [...seed, ...counties.filter((c) => c.generated).flatMap(generatedTowns)];
}

/**
 * `count` registered workers spread evenly over the counties (around their towns), aged 18–65, one
 * or two trades each, seven in ten free for the next 45 days; in chunks, each chunk one COPY per
 * table. Returns the ids of the workers the history may hire (one in `hireableEvery`).
 */
export async function writeWorkers(options: {
  client: SqlClient;
  towns: Town[];
  count: number;
  seed: number;
  vault: PiiVault;
  now: Date;
  hireableEvery: number;
  onProgress?: (done: number) => void;
}): Promise<string[]> {
  const { client, towns, vault, now } = options;
  const r = createRandom(options.seed);
  const byCounty = new Map<string, Town[]>();
  for (const t of towns) byCounty.set(t.countyCode, [...(byCounty.get(t.countyCode) ?? []), t]);
  const counties = [...byCounty.keys()];
  const freeFrom = new Date(now.getTime() - DAY).toISOString();
  const freeUntil = new Date(now.getTime() + 45 * DAY).toISOString();
  const hireable: string[] = [];
  for (let done = 0; done < options.count; done += CHUNK) {
    const n = Math.min(CHUNK, options.count - done);
    const people = Array.from({ length: n }, (_, i) => {
      const county = counties[(done + i) % counties.length] as string;
      const town = r.pick(byCounty.get(county) as Town[]);
      const age = r.int(18, 65);
      const birth = new Date(Date.UTC(now.getUTCFullYear() - age - 1, r.int(0, 11), r.int(1, 28)));
      const birthDate = birth.toISOString().slice(0, 10);
      const serial = String(r.int(0, 999)).padStart(3, '0');
      const first17 = `${county}${birthDate.replaceAll('-', '')}${serial}`;
      const idNumber = first17 + idCheckCharacter(first17);
      const trades = r.chance(0.35) ? [r.pick(TRADES).code, r.pick(TRADES).code] : [r.pick(TRADES).code];
      return {
        id: randomUUID(),
        accountId: randomUUID(),
        name: `${r.pick(SURNAMES)}${GIVEN[r.int(0, GIVEN.length - 1)]}${r.chance(0.6) ? (GIVEN[r.int(0, GIVEN.length - 1)] ?? '') : ''}`,
        idNumber,
        birthDate,
        sex: Number(serial.at(-1)) % 2 === 1 ? 'male' : 'female',
        county,
        lat: town.lat + r.jitter(6),
        lng: town.lng + r.jitter(6),
        radius: r.pick([10, 20, 20, 30, 30, 50]),
        priority: age >= 50 && r.chance(0.2) ? '{"OLDER_WORKER"}' : r.chance(0.03) ? '{"LOW_INCOME"}' : '{}',
        reliability: Math.round((0.6 + 0.4 * r.next()) * 100) / 100,
        createdAt: new Date(now.getTime() - r.next() * 730 * DAY).toISOString(),
        trades: [...new Set(trades)],
        level: r.int(1, 5),
        free: r.chance(0.7),
      };
    });
    for (let i = 0; i < people.length; i += options.hireableEvery) hireable.push(people[i]?.id as string);
    await copyRows(
      client,
      'accounts',
      ['id', 'role', 'display_name', 'created_at'],
      people.map((p) => [p.accountId, 'WORKER', p.name, p.createdAt]),
    );
    await copyRows(
      client,
      'workers',
      [
        'id',
        'account_id',
        'name',
        'id_number_hmac',
        'id_number_encrypted',
        'id_number_masked',
        'birth_date',
        'sex',
        'home_region_code',
        'lat',
        'lng',
        'travel_radius_km',
        'priority_groups',
        'reliability',
        'consent_version',
        'consent_at',
        'created_at',
        'updated_at',
      ],
      people.map((p) => [
        p.id,
        p.accountId,
        p.name,
        vault.fingerprint(p.idNumber),
        vault.encrypt(p.idNumber),
        maskIdNumber(p.idNumber),
        p.birthDate,
        p.sex,
        p.county,
        p.lat,
        p.lng,
        p.radius,
        p.priority,
        p.reliability,
        'bench',
        p.createdAt,
        p.createdAt,
        p.createdAt,
      ]),
    );
    await copyRows(
      client,
      'worker_skills',
      ['worker_id', 'skill_code', 'level'],
      people.flatMap((p) => p.trades.map((code) => [p.id, code, p.level])),
    );
    await copyRows(
      client,
      'worker_availability',
      ['worker_id', 'starts_at', 'ends_at'],
      people.filter((p) => p.free).map((p) => [p.id, freeFrom, freeUntil]),
    );
    options.onProgress?.(done + n);
  }
  return hireable;
}

/** `perCounty` verified employers in every county of the market, by SQL. */
export async function writeEmployers(db: Database, towns: Town[], perCounty: number) {
  const r = createRandom(77);
  const counties = [...new Set(towns.map((t) => t.countyCode))];
  const rows = counties.flatMap((county, c) =>
    Array.from({ length: perCounty }, (_, i) => {
      const town = r.pick(towns.filter((t) => t.countyCode === county));
      const first17 = `91${county}PRW${String(c * 1000 + i).padStart(6, '0')}`;
      return {
        id: randomUUID(),
        accountId: randomUUID(),
        regionCode: county,
        name: `${town.name}压测用工单位${i + 1}`,
        creditCode: first17 + creditCheckCharacter(first17),
        lat: town.lat + r.jitter(2),
        lng: town.lng + r.jitter(2),
      };
    }),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db.execute(
      sql`insert into accounts (id, role, display_name) values ${sql.join(
        batch.map((e) => sql`(${e.accountId}, 'EMPLOYER', ${e.name})`),
        sql`, `,
      )}`,
    );
    await db.execute(sql`insert into employers (id, account_id, name, kind, credit_code, region_code, lat, lng, verified_at)
      values ${sql.join(
        batch.map(
          (e) =>
            sql`(${e.id}, ${e.accountId}, ${e.name}, 'ENTERPRISE', ${e.creditCode}, ${e.regionCode}, ${e.lat}, ${e.lng}, now())`,
        ),
        sql`, `,
      )}`);
  }
  return rows.map((e) => ({ id: e.id, regionCode: e.regionCode }));
}

/**
 * `count` live gigs by the gig generator (bench/gig-generator.ts) over the market's towns, by COPY.
 * A generated county takes the province's highest minimum wage among the seed counties.
 */
export async function writeGigs(options: {
  db: Database;
  client: SqlClient;
  towns: Town[];
  employers: { id: string; regionCode: string }[];
  count: number;
  seed: number;
  onProgress?: (done: number) => void;
}) {
  const context = await loadMarketContext(options.db, options.employers);
  const floor = Math.max(...context.minimumFen.values());
  for (const t of options.towns)
    if (!context.minimumFen.has(t.countyCode)) context.minimumFen.set(t.countyCode, floor);
  const next = createGigGenerator({ ...context, towns: options.towns }, options.seed);
  const columns = [
    'id',
    'employer_id',
    'title',
    'description',
    'headcount',
    'starts_at',
    'ends_at',
    'region_code',
    'address',
    'lat',
    'lng',
    'pay_fen',
    'pay_unit',
    'hours_per_day',
    'pieces_per_hour',
    'hourly_fen',
    'pay_due_days',
    'older_friendly',
    'public_welfare',
    'instant',
    'search_radius_km',
    'created_at',
    'updated_at',
  ];
  for (let done = 0; done < options.count; done += CHUNK) {
    const made = Array.from({ length: Math.min(CHUNK, options.count - done) }, next);
    await copyRows(
      options.client,
      'gigs',
      columns,
      made.map(({ gig: g }) => [
        g.id,
        g.employerId,
        g.title,
        g.description,
        g.headcount,
        g.startsAt.toISOString(),
        g.endsAt.toISOString(),
        g.regionCode,
        g.address,
        g.lat,
        g.lng,
        g.payFen,
        g.payUnit,
        g.hoursPerDay,
        g.piecesPerHour,
        g.hourlyFen,
        g.payDueDays,
        g.olderFriendly,
        g.publicWelfare,
        g.instant,
        g.searchRadiusKm,
        (g.createdAt as Date).toISOString(),
        (g.updatedAt as Date).toISOString(),
      ]),
    );
    await copyRows(
      options.client,
      'gig_skills',
      ['gig_id', 'skill_code', 'position'],
      made.flatMap(({ gig, skills }) => skills.map((code, position) => [gig.id, code, position])),
    );
    options.onProgress?.(done + made.length);
  }
}

/** `days` days of past market ending yesterday, `gigsPerDay` gigs a day (the demo's history writer). */
export async function writeHistory(options: {
  db: Database;
  days: number;
  gigsPerDay: number;
  employerIds: string[];
  workerIds: string[];
  now: Date;
}) {
  const totals = { gigs: 0, hires: 0, payments: 0, arrears: 0 };
  const today = marketDay(options.now);
  for (let back = options.days; back > 0; back -= 7) {
    const days = Math.min(7, back);
    const fromDay = marketDay(new Date(Date.parse(`${today}T00:00:00+08:00`) - back * DAY));
    const written = await options.db.transaction((tx) =>
      writeMarketHistory(
        {
          fromDay,
          days,
          gigsPerDay: options.gigsPerDay,
          employerIds: options.employerIds,
          workerIds: options.workerIds,
          now: options.now,
          seed: back / 1000,
        },
        tx,
      ),
    );
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += written[key];
  }
  return totals;
}
