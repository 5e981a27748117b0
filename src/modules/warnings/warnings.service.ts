import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { WarningLevel } from '../../db/schema/index.js';
import { createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { isCalendarDay, marketDay, toShanghaiIso } from '../../time.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { judge, type WarningThresholds } from './level.js';
import type { WarningChange } from './warnings.events.js';
import type { WarningRow, WarningsRepository } from './warnings.repository.js';

const REGION_CODE = /^[0-9]{6}$/;
const MAX_HISTORY_DAYS = 92;
const DAY_MS = 86_400_000;

export type WarningView = WarningRow & { regionName: string };

/**
 * The early warning of job loss (规模性失业风险预警, docs/warnings.md): each county's indicators
 * from the market's own tables, the level the thresholds give them, stored per day; a change of
 * level is told to the admins' room and written to the audit log in the same transaction.
 */
export function createWarningsService(deps: {
  db: Database;
  repository: WarningsRepository;
  regionTree: () => Promise<RegionTree>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  notify: Notify;
  thresholds: WarningThresholds;
}) {
  const { db, repository, clock } = deps;

  /** One round: every county read, judged and stored; returns the changes of level it told. */
  async function computeAll(): Promise<WarningChange[]> {
    const now = clock.now();
    const day = marketDay(now);
    const tree = await deps.regionTree();
    const changes = await db.transaction(async (tx) => {
      if (!(await repository.lockRound(tx))) return [];
      const [indicators, before] = await Promise.all([
        repository.indicators(now, tx),
        repository.latestLevels(day, tx),
      ]);
      const rows: WarningRow[] = [];
      const changed: WarningChange[] = [];
      for (const x of indicators) {
        const verdict = judge(x, deps.thresholds);
        const was = before.get(x.regionCode);
        rows.push({ ...x, day, ...verdict, previousLevel: was?.beforeDay ?? null, computedAt: now });
        // A county never read before counts as blue: its first reading tells only if it is not.
        const latest: WarningLevel = was?.latest ?? 'BLUE';
        if (verdict.level === latest) continue;
        changed.push({
          regionCode: x.regionCode,
          regionName: tree.name(x.regionCode) ?? x.regionCode,
          day,
          level: verdict.level,
          previousLevel: latest,
          reasons: verdict.reasons,
          indicators: {
            seekers: x.seekers,
            openSeats: x.openSeats,
            seekersPerSeat: verdict.seekersPerSeat,
            postings: x.postings,
            postingsBefore: x.postingsBefore,
            hires: x.hires,
            hiresBefore: x.hiresBefore,
            unmatched7d: x.unmatched7d,
            massCancellations: x.massCancellations,
            massCancelEmployerId: x.massCancelEmployerId,
          },
          computedAt: toShanghaiIso(now),
        });
      }
      await repository.save(rows, tx);
      if (changed.length > 0) {
        await deps.audit.record(
          changed.map((c) => ({
            actor: null,
            action: 'EMPLOYMENT_WARNING_CHANGED' as const,
            subjectType: 'REGION' as const,
            subjectId: c.regionCode,
            details: {
              day: c.day,
              level: c.level,
              previousLevel: c.previousLevel,
              reasons: c.reasons,
              ...c.indicators,
            },
          })),
          tx,
        );
      }
      return changed;
    });
    for (const change of changes) deps.notify(rooms.admins(), 'warning:changed', change);
    return changes;
  }

  const view =
    (tree: RegionTree) =>
    (row: WarningRow): WarningView => ({
      ...row,
      regionName: tree.name(row.regionCode) ?? row.regionCode,
    });

  return {
    computeAll,

    /** The counties in a region (a county itself, a city's, a province's) on a day (today by default), worst first. */
    async countyWarnings(regionCode: string, day?: string | null): Promise<WarningView[]> {
      const tree = await deps.regionTree();
      const on = day ?? marketDay(clock.now());
      const problems = createProblems();
      if (!REGION_CODE.test(regionCode)) problems.add('regionCode', text('warnings:regionShape'));
      else if (!tree.get(regionCode))
        problems.add('regionCode', text('warnings:regionUnknown', { regionCode }));
      if (!isCalendarDay(on)) problems.add('day', text('warnings:dayFormat'));
      problems.throwIfAny();
      const counties = tree.descendants(regionCode).filter((code) => tree.get(code)?.level === 'county');
      return (await repository.onDay(counties, on)).map(view(tree));
    },

    /** One county's readings, day by day, for at most MAX_HISTORY_DAYS days. */
    async countyWarningHistory(regionCode: string, from: string, to: string): Promise<WarningView[]> {
      const problems = createProblems();
      const tree = await deps.regionTree();
      if (!REGION_CODE.test(regionCode)) problems.add('regionCode', text('warnings:regionShape'));
      else if (!tree.get(regionCode))
        problems.add('regionCode', text('warnings:regionUnknown', { regionCode }));
      else if (tree.get(regionCode)?.level !== 'county')
        problems.add('regionCode', text('warnings:notCounty', { regionCode }));
      if (!isCalendarDay(from)) problems.add('from', text('warnings:fromFormat'));
      if (!isCalendarDay(to)) problems.add('to', text('warnings:toFormat'));
      if (isCalendarDay(from) && isCalendarDay(to)) {
        const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
        if (span < 1 || span > MAX_HISTORY_DAYS)
          problems.add('to', text('warnings:range', { maxDays: MAX_HISTORY_DAYS }));
      }
      problems.throwIfAny();
      return (await repository.history(regionCode, from, to)).map(view(tree));
    },
  };
}

export type WarningsService = ReturnType<typeof createWarningsService>;
