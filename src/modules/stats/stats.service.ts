import { ALL_TRADES } from '../../db/schema/index.js';
import { badInput, createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { marketDay } from '../../time.js';
import type { RegionRecord, SkillRecord } from '../reference/reference.repository.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import {
  EACH_TRADE,
  type Measures,
  type StatsKey,
  type StatsRepository,
  type StatsScope,
} from './stats.repository.js';

/** The longest daily series one request may ask for. */
export const MAX_SERIES_DAYS = 400;
/** A fold that moved this many deltas vacuums their table at once. */
const LARGE_FOLD = 50_000;
/** Age from which a hire counts as an older worker's (the policy's 45–65 band). */
export const OLDER_WORKER_AGE = 45;

const DAY_MS = 86_400_000;
const REGION_CODE = /^[0-9]{6}$/;

/** The three classes the bureau reports hires by (本地 / 县外 / 市外), as facets. */
export const ORIGIN_LABELS = {
  LOCAL: '本地（本县）',
  OUT_OF_COUNTY: '县外（本市）',
  OUT_OF_CITY: '市外',
} as const;

/** The figures of one region over some days (or one day, or one trade), as GraphQL shows them. */
export type StatsView = {
  fromDay: string;
  toDay: string;
  gigsPosted: number;
  gigsFilled: number;
  fillRate: number;
  medianMinutesToFill: number | null;
  hires: number;
  wagesPaidFen: number;
  openArrears: number;
  arrearsOpened: number;
  arrearsClosed: number;
  olderWorkerHires: number;
  olderWorkerShare: number;
  hiresByOrigin: Array<{ value: string; label: string; count: number }>;
};

/**
 * Offers beside hires (issue 28, fairness): how many offers went out on the days and what share
 * went to older workers, to read against `olderWorkerShare` of hires (docs/fairness.md).
 */
export type OfferShareView = { offersSent: number; olderWorkerOffers: number; olderWorkerOfferShare: number };
export type RegionStatsView = StatsView & OfferShareView & { region: RegionRecord };
export type DayStatsView = StatsView & { day: string };
export type TradeStatsView = StatsView & { tradeCode: string; skill: SkillRecord | null };

const NONE: Measures = {
  gigsPosted: 0,
  gigsFilled: 0,
  hires: 0,
  hiresLocal: 0,
  hiresOutOfCounty: 0,
  hiresOutOfCity: 0,
  olderHires: 0,
  wagesPaidFen: 0,
  arrearsOpened: 0,
  arrearsClosed: 0,
};

/** The median of a histogram of [value, count] pairs ascending; the mean of the middle two for an even count. */
export function histogramMedian(histogram: ReadonlyArray<readonly [number, number]>): number | null {
  const total = histogram.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, count] of histogram) {
      seen += count;
      if (rank < seen) return value;
    }
    throw new Error('rank past the histogram');
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function view(
  days: { fromDay: string; toDay: string },
  m: Measures,
  fills: ReadonlyArray<readonly [number, number]>,
  openArrears: number,
): StatsView {
  return {
    ...days,
    gigsPosted: m.gigsPosted,
    gigsFilled: m.gigsFilled,
    fillRate: ratio(m.gigsFilled, m.gigsPosted),
    medianMinutesToFill: histogramMedian(fills),
    hires: m.hires,
    wagesPaidFen: m.wagesPaidFen,
    openArrears,
    arrearsOpened: m.arrearsOpened,
    arrearsClosed: m.arrearsClosed,
    olderWorkerHires: m.olderHires,
    olderWorkerShare: ratio(m.olderHires, m.hires),
    hiresByOrigin: [
      { value: 'LOCAL', label: ORIGIN_LABELS.LOCAL, count: m.hiresLocal },
      { value: 'OUT_OF_COUNTY', label: ORIGIN_LABELS.OUT_OF_COUNTY, count: m.hiresOutOfCounty },
      { value: 'OUT_OF_CITY', label: ORIGIN_LABELS.OUT_OF_CITY, count: m.hiresOutOfCity },
    ],
  };
}

const offerView = (o: { offers: number; older: number } | undefined): OfferShareView => ({
  offersSent: o?.offers ?? 0,
  olderWorkerOffers: o?.older ?? 0,
  olderWorkerOfferShare: ratio(o?.older ?? 0, o?.offers ?? 0),
});

const netArrears = (m: Measures | undefined) => (m ? m.arrearsOpened - m.arrearsClosed : 0);

/** Every calendar day from `fromDay` to `toDay`, both included. */
function daysBetween(fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${toDay}T00:00:00Z`); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * The bureau's figures (监测) for any region level and range, from daily rollups kept current by
 * triggers (see src/db/schema/stats.ts): a query reads at most a few hundred rows per region
 * however many hires there are. Days are calendar days in China Standard Time: a range covers
 * the day `from` falls in through the day just before `to`.
 */
export function createStatsService(deps: {
  repository: StatsRepository;
  regionTree: () => Promise<RegionTree>;
  taxonomy: () => Promise<SkillRecord[]>;
}) {
  const { repository } = deps;

  async function scopeOf(regionCode: string, from: Date, to: Date, maxDays?: number) {
    // The region and the range are refused together, so one answer names both.
    const problems = createProblems();
    const tree = await deps.regionTree();
    const shaped = REGION_CODE.test(regionCode);
    const region = shaped ? tree.get(regionCode) : undefined;
    if (!shaped) problems.add('regionCode', text('stats:regionCodeShape'));
    else if (!region) problems.add('regionCode', text('stats:regionUnknown', { regionCode }));
    if (!(to.getTime() > from.getTime())) problems.add('to', text('stats:toAfterFrom'));
    problems.throwIfAny();
    if (!region) throw badInput('regionCode', text('stats:regionUnknown', { regionCode }));
    const fromDay = marketDay(from);
    const toDay = marketDay(new Date(to.getTime() - 1));
    const span = (Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS + 1;
    if (maxDays !== undefined && span > maxDays) {
      throw badInput('to', text('stats:seriesTooLong', { maxDays, span }), { maxDays });
    }
    return { region, tree, fromDay, toDay };
  }

  /** One view per key: the sums of the range, the fill-time medians, and the cases open at its end. */
  async function cut(scope: StatsScope, key: StatsKey) {
    const [sums, before, fills] = await Promise.all([
      repository.sums(scope, key),
      repository.sumsBefore(scope, key),
      repository.fillMinutes(scope, key),
    ]);
    const of = (k: string) => {
      const m = sums.get(k) ?? NONE;
      const days = { fromDay: scope.fromDay, toDay: scope.toDay };
      return view(days, m, fills.get(k) ?? [], netArrears(before.get(k)) + netArrears(m));
    };
    /** Every key with something in the range or a case still open from before it. */
    const keys = new Set([
      ...sums.keys(),
      ...[...before].filter(([, m]) => netArrears(m) !== 0).map(([k]) => k),
    ]);
    return { of, keys };
  }

  /** The daily series of a region; also what the CSV export writes. */
  async function series(regionCode: string, from: Date, to: Date) {
    const { region, fromDay, toDay } = await scopeOf(regionCode, from, to, MAX_SERIES_DAYS);
    const scope: StatsScope = { regionCodes: [region.code], trades: ALL_TRADES, fromDay, toDay };
    const [sums, before, fills] = await Promise.all([
      repository.sums(scope, 'day'),
      repository.sumsBefore(scope, 'all'),
      repository.fillMinutes(scope, 'day'),
    ]);
    let open = netArrears(before.get(''));
    const days = daysBetween(fromDay, toDay).map((day): DayStatsView => {
      const m = sums.get(day) ?? NONE;
      open += netArrears(m);
      return { day, ...view({ fromDay: day, toDay: day }, m, fills.get(day) ?? [], open) };
    });
    return { region, days };
  }

  return {
    /** The figures of a region (a city or province sums everything under it) over a range. */
    async regionStats(regionCode: string, from: Date, to: Date): Promise<RegionStatsView> {
      const { region, fromDay, toDay } = await scopeOf(regionCode, from, to);
      const scope: StatsScope = { regionCodes: [region.code], trades: ALL_TRADES, fromDay, toDay };
      const [{ of }, offers] = await Promise.all([
        cut(scope, 'all'),
        repository.offerShares(scope, OLDER_WORKER_AGE),
      ]);
      return { region, ...of(''), ...offerView(offers.get(region.code)) };
    },

    /** The same figures for each region directly under this one (a city's counties), by code. */
    async regionBreakdown(regionCode: string, from: Date, to: Date): Promise<RegionStatsView[]> {
      const { region, tree, fromDay, toDay } = await scopeOf(regionCode, from, to);
      const children = [...tree.children(region.code)].sort();
      const scope: StatsScope = { regionCodes: children, trades: ALL_TRADES, fromDay, toDay };
      const [{ of }, offers] = await Promise.all([
        cut(scope, 'region'),
        repository.offerShares(scope, OLDER_WORKER_AGE),
      ]);
      return children.map((code) => ({
        region: tree.get(code) as RegionRecord,
        ...of(code),
        ...offerView(offers.get(code)),
      }));
    },

    /** One entry per calendar day of the range, every day present (zeros included). */
    regionSeries: async (regionCode: string, from: Date, to: Date): Promise<DayStatsView[]> =>
      (await series(regionCode, from, to)).days,

    /** The figures by trade (a gig counts under its first listed skill), busiest first. */
    async regionStatsByTrade(regionCode: string, from: Date, to: Date): Promise<TradeStatsView[]> {
      const { region, fromDay, toDay } = await scopeOf(regionCode, from, to);
      const scope: StatsScope = { regionCodes: [region.code], trades: EACH_TRADE, fromDay, toDay };
      const [{ of, keys }, skills] = await Promise.all([cut(scope, 'trade'), deps.taxonomy()]);
      const byCode = new Map(skills.map((s) => [s.code, s]));
      return [...keys]
        .map((code) => ({ tradeCode: code, skill: byCode.get(code) ?? null, ...of(code) }))
        .filter((t) => t.gigsPosted + t.hires + t.wagesPaidFen + t.openArrears + t.arrearsClosed > 0)
        .sort(
          (a, b) =>
            b.hires - a.hires || b.gigsPosted - a.gigsPosted || a.tradeCode.localeCompare(b.tradeCode),
        );
    },

    /** The daily series as CSV (UTF-8 with BOM, so Excel opens the Chinese headers right). */
    async seriesCsv(regionCode: string, from: Date, to: Date): Promise<{ filename: string; body: string }> {
      const { region, days } = await series(regionCode, from, to);
      const span = `${days[0]?.day}-${days.at(-1)?.day}`;
      return { filename: `lingong-${region.code}-${span}.csv`, body: toCsv(region, days) };
    },

    /** Folds waiting deltas into the rollups until none is left; returns how many moved. */
    async fold(batch = 5000, onBatch?: (moved: number) => void): Promise<number> {
      let moved = 0;
      for (;;) {
        const n = await repository.fold(batch);
        moved += n;
        onBatch?.(moved);
        if (n < batch) break;
      }
      // A large catch-up (a node down for a while, the migration's backfill) leaves many dead rows;
      // autovacuum would come, but reads scan them until it does.
      if (moved >= LARGE_FOLD) await repository.vacuum();
      return moved;
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;

/** Columns of the CSV export: header (Chinese, then the field name) and value. */
const CSV_COLUMNS: Array<[string, (d: DayStatsView, r: RegionRecord) => string | number]> = [
  ['地区代码 region_code', (_d, r) => r.code],
  ['地区 region', (_d, r) => r.name],
  ['日期 day', (d) => d.day],
  ['发布岗位 gigs_posted', (d) => d.gigsPosted],
  ['招满岗位 gigs_filled', (d) => d.gigsFilled],
  ['招满率 fill_rate', (d) => d.fillRate.toFixed(4)],
  ['招满用时中位数(分钟) median_minutes_to_fill', (d) => d.medianMinutesToFill ?? ''],
  ['成交人次 hires', (d) => d.hires],
  ['本地 hires_local', (d) => d.hiresByOrigin[0]?.count ?? 0],
  ['县外 hires_out_of_county', (d) => d.hiresByOrigin[1]?.count ?? 0],
  ['市外 hires_out_of_city', (d) => d.hiresByOrigin[2]?.count ?? 0],
  ['大龄劳动者人次 older_worker_hires', (d) => d.olderWorkerHires],
  ['支付工资(元) wages_paid_yuan', (d) => (d.wagesPaidFen / 100).toFixed(2)],
  ['新增欠薪 arrears_opened', (d) => d.arrearsOpened],
  ['清零欠薪 arrears_closed', (d) => d.arrearsClosed],
  ['未结欠薪 open_arrears', (d) => d.openArrears],
];

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(region: RegionRecord, series: DayStatsView[]): string {
  const lines = [
    CSV_COLUMNS.map(([header]) => csvField(header)).join(','),
    ...series.map((day) => CSV_COLUMNS.map(([, value]) => csvField(value(day, region))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
