import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { AppError, badInput, createProblems, ErrorCode, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { marketDay } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { followUpCsv } from './followup.csv.js';
import type { FollowUpContactRecord } from './followup.repository.js';
import type {
  FollowUpListRepository,
  FollowUpPosition,
  FollowUpRow,
  FollowUpScope,
  StationCount,
} from './list.repository.js';

export type FollowUpSettings = {
  defaultIdleDays: number;
  firstContactDays: number;
  /** How often the notices' sweep runs (FOLLOW_UP_NOTICE_SWEEP_MS). */
  noticeSweepMs: number;
};

const DAY_MS = 86_400_000;
/** Entries per page: `first` defaults to 50, at most 100 (the API's largest page, cost-limit.ts). */
const PAGE_SIZE = { default: 50, max: 100 } as const;

/** One worker on the list, with what the ledger says of them (GraphQL FollowUpEntry). */
export type FollowUpEntryView = FollowUpRow & {
  reasons: ('PRIORITY_GROUP' | 'ASKED_FOR_HELP')[];
  idleDays: number;
  /** The day they joined the list: the spell's start and the region's days. */
  onListSince: Date;
};

export type FollowUpListArgs = {
  stationId?: string | null;
  regionCode?: string | null;
  overdueOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
};

/** A page of the list (GraphQL FollowUpConnection). */
export type FollowUpPage = {
  edges: { cursor: string; node: FollowUpEntryView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  overdueCount: number;
};

/** A timestamptz as PostgreSQL writes it as text, and a UUID: what a cursor may carry. */
const SINCE_KEY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Cursor = { v: 1; o: boolean; s: string; w: string; h: string };

const encodeCursor = (row: FollowUpRow, h: string) =>
  Buffer.from(
    JSON.stringify({ v: 1, o: row.overdue, s: row.sinceKey, w: row.workerId, h } satisfies Cursor),
  ).toString('base64url');

/** A cursor of this list on this market day, or the refusal (another list, another day, damaged). */
function decodeCursor(after: string, h: string): FollowUpPosition {
  try {
    const c = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Cursor;
    if (
      c.v === 1 &&
      c.h === h &&
      typeof c.o === 'boolean' &&
      typeof c.s === 'string' &&
      SINCE_KEY.test(c.s) &&
      typeof c.w === 'string' &&
      UUID.test(c.w)
    )
      return { overdue: c.o, sinceKey: c.s, workerId: c.w };
  } catch {
    // falls through to the refusal
  }
  throw badInput('after', text('followup:cursor'));
}

/**
 * The follow-up list (帮扶台账, docs/followup.md): whose list a caller may read, in pages (overdue
 * first, then the longest without work), the bureau's CSV. Every read is written to the audit log
 * with the workers it showed: it names vulnerable people.
 */
export function createFollowUpListService(deps: {
  repository: FollowUpListRepository;
  stationsOf: (accountId: string) => Promise<string[]>;
  regionTree: () => Promise<RegionTree>;
  audit: Pick<AuditService, 'recordReads'>;
  clock: Clock;
  settings: FollowUpSettings;
}) {
  const { repository, clock, settings } = deps;

  function view(row: FollowUpRow, now: Date): FollowUpEntryView {
    const reasons: FollowUpEntryView['reasons'] = [];
    if (row.priorityGroups.length > 0) reasons.push('PRIORITY_GROUP');
    if (row.askedForHelpAt) reasons.push('ASKED_FOR_HELP');
    return {
      ...row,
      reasons,
      idleDays: Math.floor((now.getTime() - row.idleSince.getTime()) / DAY_MS),
      onListSince: new Date(row.idleSince.getTime() + row.thresholdDays * DAY_MS),
    };
  }

  /**
   * Whose list the caller may read: an operator their own stations (one of them by `stationId`),
   * another station's is refused; an admin any station, or a region with everything under it.
   * Every problem of the arguments (page size included) in one answer.
   */
  async function scopeFor(actor: Actor, args: FollowUpListArgs) {
    const problems = createProblems();
    const stationId = args.stationId ? uuidAmong(problems, 'stationId', args.stationId) : null;
    const tree = await deps.regionTree();
    const regionCode = args.regionCode?.trim() || null;
    if (regionCode && !tree.get(regionCode))
      problems.add('regionCode', text('followup:regionUnknown', { regionCode }));
    if (regionCode && actor.role !== 'ADMIN') problems.add('regionCode', text('followup:regionAdminsOnly'));
    const first = args.first ?? PAGE_SIZE.default;
    if (!Number.isInteger(first) || first < 1 || first > PAGE_SIZE.max)
      problems.add('first', text('followup:pageSize', { max: PAGE_SIZE.max }));
    problems.throwIfAny();
    let stationIds: string[] | null = stationId ? [stationId] : null;
    if (actor.role !== 'ADMIN') {
      const own = await deps.stationsOf(actor.accountId);
      if (stationId && !own.includes(stationId))
        throw new AppError(ErrorCode.FORBIDDEN, text('followup:notYourStation'), { stationId });
      stationIds = stationId ? [stationId] : own;
    }
    const scope: FollowUpScope = {
      stationIds,
      regionCodes: regionCode ? tree.descendants(regionCode) : null,
      overdueOnly: Boolean(args.overdueOnly),
    };
    return { scope, regionCode, first };
  }

  /**
   * The audit entries of a read: who looked at whose list, and whom the answer showed. Each
   * station read is its own entry (subject STATION, with that station's workers), so a search of
   * a station's reads finds an operator's read of several; a read of all or of a region is one
   * (subject REGION). An operator of no station leaves STATION 'NONE'.
   */
  function recordRead(
    actor: Actor,
    read: { scope: FollowUpScope; regionCode: string | null },
    shown: readonly { workerId: string; stationId: string | null }[],
    details: Record<string, unknown>,
  ) {
    const { stationIds, overdueOnly } = read.scope;
    const common = { stationIds, regionCode: read.regionCode, overdueOnly, ...details };
    return deps.audit.recordReads(
      stationIds === null
        ? [
            {
              actor,
              action: 'FOLLOW_UP_LIST_READ',
              subjectType: 'REGION',
              subjectId: read.regionCode ?? 'ALL',
              details: { ...common, workerIds: shown.map((e) => e.workerId) },
            },
          ]
        : (stationIds.length > 0 ? stationIds : ['NONE']).map((stationId) => ({
            actor,
            action: 'FOLLOW_UP_LIST_READ' as const,
            subjectType: 'STATION' as const,
            subjectId: stationId,
            details: {
              ...common,
              workerIds: shown.filter((e) => e.stationId === stationId).map((e) => e.workerId),
            },
          })),
    );
  }

  /**
   * One page of the list: `first` entries (default 50) after the cursor `after`, in the list's
   * order: overdue first, then the longest without work, then by worker. A cursor belongs to its
   * list and market day (overdue changes at midnight); another's is refused. Every read is
   * audited, the empty ones too, with the ids of the workers on the page.
   */
  async function list(actor: Actor, args: FollowUpListArgs): Promise<FollowUpPage> {
    const { scope, regionCode, first } = await scopeFor(actor, args);
    const now = clock.now();
    const today = marketDay(now);
    const h = createHash('sha256')
      .update(JSON.stringify({ ...scope, today }))
      .digest('base64url')
      .slice(0, 12);
    const after = args.after ? decodeCursor(args.after, h) : null;
    const found =
      scope.stationIds?.length === 0
        ? { rows: [], totalCount: 0, overdueCount: 0 }
        : await repository.page(
            scope,
            {
              at: now,
              today,
              defaultDays: settings.defaultIdleDays,
              firstContactDays: settings.firstContactDays,
            },
            { limit: first + 1, after },
          );
    const edges = found.rows
      .slice(0, first)
      .map((row) => ({ cursor: encodeCursor(row, h), node: view(row, now) }));
    await recordRead(
      actor,
      { scope, regionCode },
      edges.map((e) => e.node),
      { format: 'API', first, after: Boolean(after), totalCount: found.totalCount },
    );
    return {
      edges,
      pageInfo: { hasNextPage: found.rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: found.totalCount,
      overdueCount: found.overdueCount,
    };
  }

  /** The whole list as the bureau's CSV (an admin's; audited as a read like the list itself). */
  async function csv(
    actor: Actor,
    args: FollowUpListArgs,
    contactsByIds: (ids: readonly string[]) => Promise<FollowUpContactRecord[]>,
  ): Promise<{ filename: string; body: string }> {
    const { scope, regionCode } = await scopeFor(actor, { ...args, first: null, after: null });
    const now = clock.now();
    const found = await repository.page(
      scope,
      {
        at: now,
        today: marketDay(now),
        defaultDays: settings.defaultIdleDays,
        firstContactDays: settings.firstContactDays,
      },
      { limit: null, after: null },
    );
    const entries = found.rows.map((row) => view(row, now));
    await recordRead(actor, { scope, regionCode }, entries, { format: 'CSV' });
    const contacts = await contactsByIds(entries.flatMap((e) => e.lastContactId ?? []));
    const name = args.stationId ? `station-${args.stationId}` : (args.regionCode ?? 'all');
    return {
      filename: `lingong-follow-up-${name}-${marketDay(now)}.csv`,
      body: followUpCsv(entries, contacts),
    };
  }

  /**
   * The bureau's dashboard panel: per station, how many of the workers living in the region (all:
   * none given) are on the list and how many overdue. Counts only, no names, so it is not a read
   * of the list; the names stay behind `list`, which is audited.
   */
  async function countsByStation(regionCode: string | null | undefined): Promise<StationCount[]> {
    const code = regionCode?.trim() || null;
    const tree = await deps.regionTree();
    if (code && !tree.get(code))
      throw badInput('regionCode', text('followup:regionUnknown', { regionCode: code }));
    const now = clock.now();
    return repository.countsByStation(
      { stationIds: null, regionCodes: code ? tree.descendants(code) : null, overdueOnly: false },
      {
        at: now,
        today: marketDay(now),
        defaultDays: settings.defaultIdleDays,
        firstContactDays: settings.firstContactDays,
      },
    );
  }

  return { list, csv, countsByStation };
}

export type FollowUpListService = ReturnType<typeof createFollowUpListService>;
