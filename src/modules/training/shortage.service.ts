import type { Clock } from '../../clock.js';
import { badInput, createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { RegionRecord, SkillRecord } from '../reference/reference.repository.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { ShortageRepository } from './shortage.repository.js';
import { type RankedFigures, rankShortages } from './shortage-index.js';

/** The longest period one report may cover, in days (a leap year). */
export const MAX_SHORTAGE_DAYS = 366;

const DAY_MS = 86_400_000;
const REGION_CODE = /^[0-9]{6}$/;
const MARKET_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type ShortageRowView = Omit<RankedFigures, 'seatsJudged' | 'countyMedianHoursToFill'> & {
  region: RegionRecord;
  skill: SkillRecord;
};
export type ShortageReportView = { from: string; to: string; region: RegionRecord; rows: ShortageRowView[] };

/** 00:00 of a market day in Asia/Shanghai (China keeps no summer time), or NaN for no such day. */
function startOfDay(day: string): number {
  if (!MARKET_DAY.test(day)) return Number.NaN;
  const at = Date.parse(`${day}T00:00:00+08:00`);
  // Date.parse rolls 2026-02-30 over to March: a day that does not come back as itself is no day.
  const back = Number.isNaN(at) ? '' : new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
  return back === day ? at : Number.NaN;
}

/**
 * The shortage report (急需紧缺, docs/training.md "The shortage report"): for each county under a
 * region and each trade with gigs posted in the period, the figures of demand and supply and the
 * documented shortage index, ranked within the county. The figures come from one statement in
 * PostgreSQL; this service checks the input, names regions and trades, and ranks.
 */
export function createShortageService(deps: {
  repository: ShortageRepository;
  regionTree: () => Promise<RegionTree>;
  taxonomy: () => Promise<SkillRecord[]>;
  clock: Clock;
}) {
  /** The region and the period, every problem named at once. */
  async function scopeOf(regionCode: string, from: string, to: string) {
    const problems = createProblems();
    const tree = await deps.regionTree();
    const shaped = REGION_CODE.test(regionCode);
    const region = shaped ? tree.get(regionCode) : undefined;
    if (!shaped) problems.add('regionCode', text('training:shortageRegionShape'));
    else if (!region) problems.add('regionCode', text('training:shortageRegionUnknown', { regionCode }));
    const starts = startOfDay(from);
    const ends = startOfDay(to);
    if (Number.isNaN(starts)) problems.add('from', text('training:shortageDayFormat', { field: 'from' }));
    if (Number.isNaN(ends)) problems.add('to', text('training:shortageDayFormat', { field: 'to' }));
    if (!Number.isNaN(starts) && !Number.isNaN(ends)) {
      const span = Math.round((ends - starts) / DAY_MS) + 1;
      if (span < 1 || span > MAX_SHORTAGE_DAYS) {
        problems.add('to', text('training:shortageRange', { maxDays: MAX_SHORTAGE_DAYS }));
      }
    }
    problems.throwIfAny();
    if (!region) throw badInput('regionCode', text('training:shortageRegionUnknown', { regionCode }));
    const countyCodes = tree.descendants(region.code).filter((code) => tree.get(code)?.level === 'county');
    return { region, tree, countyCodes, startsAt: new Date(starts), endsAt: new Date(ends + DAY_MS) };
  }

  async function report(regionCode: string, from: string, to: string): Promise<ShortageReportView> {
    const scope = await scopeOf(regionCode, from, to);
    const [figures, taxonomy] = await Promise.all([
      deps.repository.figures({
        countyCodes: scope.countyCodes,
        fromDay: from,
        toDay: to,
        startsAt: scope.startsAt,
        endsAt: scope.endsAt,
        now: deps.clock.now(),
      }),
      deps.taxonomy(),
    ]);
    const skills = new Map(taxonomy.map((s) => [s.code, s]));
    const rows = rankShortages(figures).flatMap((ranked): ShortageRowView[] => {
      const { seatsJudged: _judged, countyMedianHoursToFill: _county, ...row } = ranked;
      const county = scope.tree.get(row.regionCode);
      const skill = skills.get(row.skillCode);
      if (!county || !skill) return [];
      const hours = row.medianHoursToFill === null ? null : Math.round(row.medianHoursToFill * 100) / 100;
      return [{ ...row, medianHoursToFill: hours, region: county, skill }];
    });
    return { from, to, region: scope.region, rows };
  }

  return {
    /** The report for an admin: counties under `regionCode` (or the county itself), market days from–to. */
    shortageReport: report,

    /** The same rows as CSV (UTF-8 with BOM, so Excel opens the Chinese; Chinese headers first). */
    async shortageCsv(
      regionCode: string,
      from: string,
      to: string,
    ): Promise<{ filename: string; body: string }> {
      const answer = await report(regionCode, from, to);
      return {
        filename: `lingong-shortage-${answer.region.code}-${from}-${to}.csv`,
        body: shortageCsv(answer.rows),
      };
    },
  };
}

export type ShortageService = ReturnType<typeof createShortageService>;

/** Columns of the CSV: header (Chinese, then the field's name in the API) and value. */
const CSV_COLUMNS: Array<[string, (r: ShortageRowView) => string | number]> = [
  ['地区代码 region_code', (r) => r.region.code],
  ['县（区） county', (r) => r.region.name],
  ['工种代码 skill_code', (r) => r.skill.code],
  ['工种 trade', (r) => r.skill.name],
  ['县内排名 rank', (r) => r.rank],
  ['紧缺指数 shortage_index', (r) => r.shortageIndex.toFixed(1)],
  ['发布岗位数 seats_posted', (r) => r.seatsPosted],
  ['未招满岗位数 seats_unfilled', (r) => r.seatsUnfilled],
  ['招满用时中位数(小时) median_hours_to_fill', (r) => r.medianHoursToFill ?? ''],
  ['可上岗劳动者 workers_available', (r) => r.workersAvailable],
  ['符合条件劳动者 workers_matching', (r) => r.workersMatching],
  ['持证人数 certified_holders', (r) => r.certifiedHolders],
  ['培训意愿人数 training_wishes', (r) => r.trainingWishes],
  ['待开班名额 course_seats_coming', (r) => r.courseSeatsComing],
];

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function shortageCsv(rows: readonly ShortageRowView[]): string {
  const lines = [
    CSV_COLUMNS.map(([header]) => csvField(header)).join(','),
    ...rows.map((row) => CSV_COLUMNS.map(([, value]) => csvField(value(row))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
