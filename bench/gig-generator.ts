import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Database } from '../src/db/client.js';
import type { PayUnit } from '../src/db/schema/index.js';
import { findExclusionPhrase } from '../src/modules/gigs/exclusion-phrases.js';
import type { NewGig } from '../src/modules/gigs/gigs.repository.js';
import { hourlyRate } from '../src/modules/gigs/pay.js';
import { pointInCounty } from '../src/modules/reference/county-area.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { projectPath } from '../src/paths.js';
import { marketDay } from '../src/time.js';
import {
  CONDITIONS,
  genericTrade,
  OLDER_FRIENDLY_NOTE,
  PLACES,
  PUBLIC_WELFARE_NOTE,
  SURNAMES,
  TRADES,
  type Trade,
} from './gig-vocabulary.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Shanghai is UTC+8 all year: no daylight saving to step around. */
const MARKET_OFFSET = 8 * HOUR;

export type Town = { countyCode: string; name: string; lat: number; lng: number };
export type Random = ReturnType<typeof createRandom>;

/** mulberry32: small, fast and the same on every machine, so a seed always gives the same market. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const jitter = (km: number) => ((next() * 2 - 1) * km) / 111;
  return { next, int, pick, chance, jitter };
}

/** What the generator needs from the database: places, trades, wage floors and who employs. */
export type MarketContext = {
  towns: Town[];
  /** Per county: the highest hourly minimum in force over the next 31 days (wages only go up). */
  minimumFen: Map<string, number>;
  trades: Trade[];
  /** Per trade, the other trades of its category: a gig's second trade is a neighbouring one. */
  related: Map<string, string[]>;
  employersByCounty: Map<string, string[]>;
  employerIds: string[];
  now: Date;
  /** Whether a point lies in a county, as postGig's county check judges it. */
  inCounty: (countyCode: string, point: { lat: number; lng: number }) => boolean;
};

/**
 * The seed towns whose county is in the regions table and whose point lies in it: a gig's region
 * must be a known county, and its point inside that county (the API's county check).
 */
export async function loadTowns(db: Database): Promise<Town[]> {
  const tree = await createReferenceRepository(db).regionTree();
  const seedTowns = JSON.parse(await readFile(projectPath('src/db/seed/towns.json'), 'utf8')) as Town[];
  return seedTowns.filter(
    (town) =>
      tree.get(town.countyCode)?.level === 'county' && pointInCounty(tree, town.countyCode, town).inside,
  );
}

export async function loadMarketContext(
  db: Database,
  employers: { id: string; regionCode: string }[],
  now = new Date(),
): Promise<MarketContext> {
  const reference = createReferenceRepository(db);
  const [tree, taxonomy, towns] = await Promise.all([
    reference.regionTree(),
    reference.taxonomy(),
    loadTowns(db),
  ]);
  const minimumFen = new Map<string, number>();
  for (const county of new Set(towns.map((t) => t.countyCode))) {
    const chain = tree.ancestors(county);
    let floor = 0;
    for (const day of [marketDay(now), marketDay(new Date(now.getTime() + 31 * DAY))]) {
      const wages = await reference.minimumWagesInForce(chain, day);
      floor = Math.max(floor, chain.map((code) => wages.get(code)).find((fen) => fen !== undefined) ?? 0);
    }
    minimumFen.set(county, floor);
  }
  const covered = new Map(TRADES.map((t) => [t.code, t]));
  const trades = taxonomy.map((s) => covered.get(s.code) ?? genericTrade(s.code, s.name));
  const related = new Map(
    taxonomy.map((s) => [
      s.code,
      taxonomy.filter((o) => o.category === s.category && o.code !== s.code).map((o) => o.code),
    ]),
  );
  const employersByCounty = new Map<string, string[]>();
  for (const e of employers)
    employersByCounty.set(e.regionCode, [...(employersByCounty.get(e.regionCode) ?? []), e.id]);
  return {
    towns,
    minimumFen,
    trades,
    related,
    employersByCounty,
    employerIds: employers.map((e) => e.id),
    now,
    inCounty: (countyCode, point) => pointInCounty(tree, countyCode, point).inside,
  };
}

/** Pay terms that come to at least `minimum` an hour: the trade's going rate, raised if it falls short. */
function payFor(r: Random, trade: Trade, unit: PayUnit, hours: number, days: number, minimum: number) {
  const day = r.int(trade.dayYuan[0], trade.dayYuan[1]) * 100;
  const hourly = day / 8;
  const piecesPerHour =
    unit === 'PIECE' ? r.int(trade.piece?.perHour[0] ?? 10, trade.piece?.perHour[1] ?? 20) : null;
  const tens = (fen: number) => Math.round(fen / 1000) * 1000;
  switch (unit) {
    case 'HOUR':
      return { payFen: Math.max(Math.round(hourly / 50) * 50, Math.ceil(minimum / 50) * 50), piecesPerHour };
    case 'PIECE':
      return {
        payFen: Math.max(
          Math.round(hourly / (piecesPerHour ?? 1)),
          Math.ceil(minimum / (piecesPerHour ?? 1)),
        ),
        piecesPerHour,
      };
    case 'DAY':
      return {
        payFen: Math.max(tens(day * Math.max(0.6, hours / 8)), Math.ceil((minimum * hours) / 1000) * 1000),
        piecesPerHour,
      };
    case 'TOTAL':
      return {
        payFen: Math.max(tens((day * days * hours) / 8), Math.ceil((minimum * hours * days) / 1000) * 1000),
        piecesPerHour,
      };
  }
}

function pickUnit(r: Random, trade: Trade): PayUnit {
  const roll = r.next();
  if (roll < 0.55) return 'DAY';
  if (roll < 0.75) return 'HOUR';
  if (roll < 0.85) return trade.piece ? 'PIECE' : 'DAY';
  return 'TOTAL';
}

export type GeneratedGig = { gig: NewGig & { id: string }; skills: string[] };

/**
 * Gigs as employers of the seed counties post them: a trade's own title and words, a town's
 * place, a morning start within the month, pay at or above the county's minimum wage. The same
 * seed and `now` give the same gigs (ids aside, which must be new on every run).
 */
export function createGigGenerator(market: MarketContext, seed: number) {
  const r = createRandom(seed);
  const { towns, trades, now } = market;
  // Covered trades come up four times as often as the rest: they are the market's everyday work.
  const weighted = trades.flatMap((t) => (TRADES.includes(t) ? [t, t, t, t] : [t]));
  const today = marketDay(now);
  const marketMidnight = Date.parse(`${today}T00:00:00Z`) - MARKET_OFFSET;

  return (): GeneratedGig => {
    const trade = r.pick(weighted);
    const town = r.pick(towns);
    const minimum = market.minimumFen.get(town.countyCode) ?? 0;
    const local = market.employersByCounty.get(town.countyCode);
    const employerId = r.pick(local && r.chance(0.9) ? local : market.employerIds);

    const multiDay = r.chance(0.2);
    const days = multiDay ? r.int(2, 7) : 1;
    const startsAt = new Date(marketMidnight + r.int(1, 30) * DAY + 6 * HOUR + r.int(0, 6) * 30 * 60_000);
    const hoursPerDay = multiDay ? r.int(6, 10) : null;
    const windowHours = multiDay ? (days - 1) * 24 + (hoursPerDay ?? 8) + 1 : r.int(8, 20) / 2;
    const endsAt = new Date(startsAt.getTime() + windowHours * HOUR);
    const unit = pickUnit(r, trade);
    const { payFen, piecesPerHour } = payFor(r, trade, unit, hoursPerDay ?? windowHours, days, minimum);
    const rate = hourlyRate({ payFen, payUnit: unit, startsAt, endsAt, hoursPerDay, piecesPerHour });
    if (!rate.ok || rate.hourlyFen < minimum) {
      throw new Error(
        `generator bug: ${unit} ${payFen} fen comes to ${JSON.stringify(rate)} under ${minimum}`,
      );
    }

    const olderFriendly = r.chance(0.3);
    const publicWelfare = r.chance(0.05);
    const instant = r.chance(0.2);
    const variant = r.int(0, trade.titles.length - 1);
    const title = trade.titles[variant] as string;
    const notes: string[] = [r.pick(CONDITIONS), r.pick(CONDITIONS)];
    if (olderFriendly) notes.push(OLDER_FRIENDLY_NOTE);
    if (publicWelfare) notes.push(PUBLIC_WELFARE_NOTE);
    const piece =
      unit === 'PIECE'
        ? `按${trade.piece?.unit ?? '件'}计价，熟练的一小时能做${piecesPerHour}${trade.piece?.unit ?? '件'}。`
        : '';
    // The table lists each trade's work in the order of its titles, so the two tell the same job.
    const work = trade.work[variant % trade.work.length];
    const description = `${work}。${[...new Set(notes)].join('，')}。${piece}`;
    const found = findExclusionPhrase(`${title}\n${description}`);
    if (found) throw new Error(`gig vocabulary says "${found.phrase}", which a gig may not`);

    const neighbours = market.related.get(trade.code) ?? [];
    const second = neighbours.length > 0 && r.chance(0.3) ? r.pick(neighbours) : null;
    // Villages named after a family take another family's name now and then, so places vary.
    const place = r.pick(PLACES).replace(/^(南|北)?(王|李|张|刘)/, (_, side = '') => side + r.pick(SURNAMES));
    // Up to 3 km around the town, inside its county (a town near the border keeps its own point).
    let point = { lat: town.lat, lng: town.lng };
    for (let tries = 0; tries < 8; tries++) {
      const near = { lat: town.lat + r.jitter(3), lng: town.lng + r.jitter(3) };
      if (market.inCounty(town.countyCode, near)) {
        point = near;
        break;
      }
    }
    return {
      gig: {
        id: randomUUID(),
        employerId,
        title,
        description,
        headcount: 1 + Math.floor(r.next() ** 2 * 30),
        startsAt,
        endsAt,
        regionCode: town.countyCode,
        address: `${town.name}${place}${r.chance(0.5) ? `${r.int(1, 120)}号` : ''}`,
        lat: point.lat,
        lng: point.lng,
        payFen,
        payUnit: unit,
        hoursPerDay,
        piecesPerHour,
        hourlyFen: rate.hourlyFen,
        payDueDays: r.pick([0, 0, 0, 1, 3, 7, 15, 30]),
        olderFriendly,
        publicWelfare,
        instant,
        searchRadiusKm: instant ? r.int(10, 30) : 20,
        createdAt: new Date(now.getTime() - r.next() * 7 * DAY),
        updatedAt: now,
      },
      skills: second ? [trade.code, second] : [trade.code],
    };
  };
}
