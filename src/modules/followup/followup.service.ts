import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { FollowUpChannel, FollowUpOutcome } from '../../db/schema/index.js';
import {
  AppError,
  badInput,
  createProblems,
  ErrorCode,
  notFound,
  requireUuid,
  uuidAmong,
} from '../../errors.js';
import { text } from '../../i18n/text.js';
import { isCalendarDay, marketDay } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import { followUpCsv } from './followup.csv.js';
import type { FollowUpContactRecord, FollowUpRepository, FollowUpRow } from './followup.repository.js';

export type FollowUpSettings = { defaultIdleDays: number; firstContactDays: number };

const DAY_MS = 86_400_000;
/** At most this many gigs, and as many courses, named as offered in one contact. */
export const MAX_OFFERED = 10;
const NOTE_MAX = { contact: 1000, help: 500 } as const;
/** A contact is recorded within this many days of when it happened. */
const CONTACT_BACKDATE_DAYS = 30;
/** A region's days without work are 1 to this many (the table's check says the same). */
const MAX_IDLE_DAYS = 365;

/** One worker on the list, with what the ledger says of them (GraphQL FollowUpEntry). */
export type FollowUpEntryView = FollowUpRow & {
  reasons: ('PRIORITY_GROUP' | 'ASKED_FOR_HELP')[];
  idleDays: number;
  /** The day they joined the list: the spell's start and the region's days. */
  onListSince: Date;
  /** When the next contact is due: the latest contact's next day, or the first contact's. */
  dueOn: string | null;
  overdue: boolean;
};

export type FollowUpListArgs = {
  stationId?: string | null;
  regionCode?: string | null;
  overdueOnly?: boolean | null;
};

export type RecordFollowUpInput = {
  workerId: string;
  channel: FollowUpChannel;
  outcome: FollowUpOutcome;
  contactedAt?: Date | null;
  offeredGigIds?: readonly string[] | null;
  offeredCourseIds?: readonly string[] | null;
  note?: string | null;
  nextOn?: string | null;
};

/**
 * The follow-up ledger (帮扶台账, docs/followup.md): who is on a station's list (the rule is the
 * repository's one statement), the contacts operators record, a worker's request for help. Every
 * read of the list is written to the audit log: it names vulnerable people.
 */
export function createFollowUpService(deps: {
  db: Database;
  repository: FollowUpRepository;
  regionTree: () => Promise<RegionTree>;
  audit: Pick<AuditService, 'record' | 'recordReads'>;
  clock: Clock;
  settings: FollowUpSettings;
}) {
  const { db, repository, clock, settings } = deps;

  function view(row: FollowUpRow, now: Date, today: string): FollowUpEntryView {
    const reasons: FollowUpEntryView['reasons'] = [];
    if (row.priorityGroups.length > 0) reasons.push('PRIORITY_GROUP');
    if (row.askedForHelpAt) reasons.push('ASKED_FOR_HELP');
    const onListSince = new Date(row.idleSince.getTime() + row.thresholdDays * DAY_MS);
    // Nobody contacted them in this spell yet: the first contact is due within the set days. A
    // contact with no next day (they took an offer) asks for nothing more.
    const dueOn = row.lastContactId
      ? row.nextOn
      : marketDay(new Date(onListSince.getTime() + settings.firstContactDays * DAY_MS));
    return {
      ...row,
      reasons,
      idleDays: Math.floor((now.getTime() - row.idleSince.getTime()) / DAY_MS),
      onListSince,
      dueOn,
      overdue: dueOn !== null && dueOn < today,
    };
  }

  /**
   * Whose list the caller may read: an operator their own stations (one of them by `stationId`),
   * another station's is refused; an admin any station, or a region with everything under it.
   */
  async function scopeFor(actor: Actor, args: FollowUpListArgs) {
    const problems = createProblems();
    const stationId = args.stationId ? uuidAmong(problems, 'stationId', args.stationId) : null;
    const tree = await deps.regionTree();
    const regionCode = args.regionCode?.trim() || null;
    if (regionCode && !tree.get(regionCode))
      problems.add('regionCode', text('followup:regionUnknown', { regionCode }));
    if (regionCode && actor.role !== 'ADMIN') problems.add('regionCode', text('followup:regionAdminsOnly'));
    problems.throwIfAny();
    let stationIds: string[] | null = stationId ? [stationId] : null;
    if (actor.role !== 'ADMIN') {
      const own = await repository.stationsOf(actor.accountId);
      if (stationId && !own.includes(stationId))
        throw new AppError(ErrorCode.FORBIDDEN, text('followup:notYourStation'), { stationId });
      stationIds = stationId ? [stationId] : own;
    }
    return { stationIds, regionCodes: regionCode ? tree.descendants(regionCode) : null, regionCode };
  }

  async function list(
    actor: Actor,
    args: FollowUpListArgs,
    format: 'API' | 'CSV' = 'API',
  ): Promise<FollowUpEntryView[]> {
    const scope = await scopeFor(actor, args);
    const now = clock.now();
    const today = marketDay(now);
    const rows =
      scope.stationIds?.length === 0
        ? []
        : await repository.list(
            { stationIds: scope.stationIds, regionCodes: scope.regionCodes },
            now,
            settings.defaultIdleDays,
          );
    const entries = rows.map((row) => view(row, now, today)).filter((e) => !args.overdueOnly || e.overdue);
    // Every read is recorded, the empty ones too: who looked at whose list, and whom it showed.
    // Stations read are each their own entry (subject STATION), so a search of a station's reads
    // finds an operator's read of several; a read of all or of a region is one (subject REGION).
    const details = { regionCode: scope.regionCode, overdueOnly: Boolean(args.overdueOnly), format };
    await deps.audit.recordReads(
      scope.stationIds === null
        ? [
            {
              actor,
              action: 'FOLLOW_UP_LIST_READ',
              subjectType: 'REGION',
              subjectId: scope.regionCode ?? 'ALL',
              details: { ...details, stationIds: null, workerIds: entries.map((e) => e.workerId) },
            },
          ]
        : (scope.stationIds.length > 0 ? scope.stationIds : ['NONE']).map((stationId) => ({
            actor,
            action: 'FOLLOW_UP_LIST_READ' as const,
            subjectType: 'STATION' as const,
            subjectId: stationId,
            details: {
              ...details,
              stationIds: scope.stationIds,
              workerIds: entries.filter((e) => e.stationId === stationId).map((e) => e.workerId),
            },
          })),
    );
    return entries;
  }

  /**
   * The station a contact is recorded for: the worker's home station. An operator records only for
   * their own station's people (on the list or not: the contact that led to a hire comes after
   * it); an admin for any live worker.
   */
  async function stationForContact(actor: Actor, workerId: string): Promise<string | null> {
    const home = await repository.homeStation(workerId);
    if (actor.role === 'ADMIN') {
      if (!home) throw notFound('worker', workerId);
      return home.stationId;
    }
    const own = await repository.stationsOf(actor.accountId);
    if (!home?.stationId || !own.includes(home.stationId))
      throw new AppError(ErrorCode.FORBIDDEN, text('followup:notYourPeople'), { workerId });
    return home.stationId;
  }

  async function recordContact(actor: Actor, input: RecordFollowUpInput): Promise<FollowUpContactRecord> {
    const problems = createProblems();
    const now = clock.now();
    const today = marketDay(now);
    const workerId = uuidAmong(problems, 'workerId', input.workerId);
    const contactedAt = input.contactedAt ?? now;
    if (contactedAt.getTime() > now.getTime()) problems.add('contactedAt', text('followup:contactInFuture'));
    else if (now.getTime() - contactedAt.getTime() > CONTACT_BACKDATE_DAYS * DAY_MS)
      problems.add('contactedAt', text('followup:contactTooOld', { days: CONTACT_BACKDATE_DAYS }));
    const offered = { gigs: [...(input.offeredGigIds ?? [])], courses: [...(input.offeredCourseIds ?? [])] };
    const gigIds = offered.gigs.map((id, i) => uuidAmong(problems, `offeredGigIds[${i}]`, id));
    const courseIds = offered.courses.map((id, i) => uuidAmong(problems, `offeredCourseIds[${i}]`, id));
    if (gigIds.length > MAX_OFFERED)
      problems.add('offeredGigIds', text('followup:tooMany', { max: MAX_OFFERED }));
    if (courseIds.length > MAX_OFFERED)
      problems.add('offeredCourseIds', text('followup:tooMany', { max: MAX_OFFERED }));
    const note = input.note?.trim() || null;
    if (note && note.length > NOTE_MAX.contact)
      problems.add('note', text('followup:noteLength', { max: NOTE_MAX.contact }));
    const nextOn = input.nextOn?.trim() || null;
    if (nextOn && !isCalendarDay(nextOn)) problems.add('nextOn', text('followup:dayFormat'));
    else if (nextOn && nextOn < today) problems.add('nextOn', text('followup:nextInPast', { today }));
    if (problems.count === 0) {
      const found = await repository.existing(gigIds, courseIds);
      gigIds.forEach((id, i) => {
        if (!found.gigIds.has(id)) problems.add(`offeredGigIds[${i}]`, text('followup:gigUnknown', { id }));
      });
      courseIds.forEach((id, i) => {
        if (!found.courseIds.has(id))
          problems.add(`offeredCourseIds[${i}]`, text('followup:courseUnknown', { id }));
      });
    }
    problems.throwIfAny();
    const stationId = await stationForContact(actor, workerId);
    return db.transaction(async (tx) => {
      const created = await repository.insertContact(
        {
          workerId,
          stationId,
          recordedByAccountId: actor.accountId,
          channel: input.channel,
          contactedAt,
          offeredGigIds: gigIds,
          offeredCourseIds: courseIds,
          outcome: input.outcome,
          note,
          nextOn,
          createdAt: now,
        },
        tx,
      );
      await deps.audit.record(
        {
          actor,
          action: 'FOLLOW_UP_RECORDED',
          subjectType: 'WORKER',
          subjectId: workerId,
          details: { contactId: created.id, stationId, outcome: input.outcome },
        },
        tx,
      );
      return created;
    });
  }

  /** A worker asks for help: an open request is kept (asking twice adds nothing). */
  async function askForHelp(workerId: string, rawNote: string | null | undefined) {
    const note = rawNote?.trim() || null;
    if (note && note.length > NOTE_MAX.help)
      throw badInput('note', text('followup:noteLength', { max: NOTE_MAX.help }));
    return db.transaction(async (tx) => {
      if (!(await repository.lockWorker(workerId, tx))) throw notFound('worker', workerId);
      const open = await repository.openHelpRequest(workerId, tx);
      if (open) return open;
      return repository.insertHelpRequest({ workerId, note, askedAt: clock.now() }, tx);
    });
  }

  /**
   * The days that put a worker of the region on the list, and where they come from: the region's
   * own setting, an ancestor's (the nearest), or the configuration.
   */
  async function idleDays(regionCode: string) {
    const tree = await deps.regionTree();
    if (!tree.get(regionCode)) throw badInput('regionCode', text('followup:regionUnknown', { regionCode }));
    const chain: string[] = [];
    for (let code: string | null | undefined = regionCode; code; code = tree.get(code)?.parentCode)
      chain.push(code);
    const set = await repository.idleDaysOf(chain);
    const from = chain.find((code) => set.has(code));
    return {
      regionCode,
      days: from ? (set.get(from) as number) : settings.defaultIdleDays,
      setForRegionCode: from ?? null,
      ownDays: set.get(regionCode) ?? null,
    };
  }

  /** An admin sets a region's days (1–365), or clears them with null; audited with the old value. */
  async function setIdleDays(actor: Actor, regionCode: string, days: number | null) {
    const problems = createProblems();
    const tree = await deps.regionTree();
    if (!tree.get(regionCode)) problems.add('regionCode', text('followup:regionUnknown', { regionCode }));
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_IDLE_DAYS))
      problems.add('days', text('followup:idleDaysRange', { max: MAX_IDLE_DAYS }));
    problems.throwIfAny();
    const before = await idleDays(regionCode);
    await db.transaction(async (tx) => {
      await repository.setIdleDays(regionCode, days, { accountId: actor.accountId, at: clock.now() }, tx);
      await deps.audit.record(
        {
          actor,
          action: 'FOLLOW_UP_IDLE_DAYS_SET',
          subjectType: 'REGION',
          subjectId: regionCode,
          details: { from: before.ownDays, to: days },
        },
        tx,
      );
    });
    return idleDays(regionCode);
  }

  /** The list as the bureau's CSV (an admin's; audited as a read like the list itself). */
  async function csv(actor: Actor, args: FollowUpListArgs): Promise<{ filename: string; body: string }> {
    const entries = await list(actor, args, 'CSV');
    const contacts = await repository.contactsByIds(entries.flatMap((e) => e.lastContactId ?? []));
    const scope = args.stationId ? `station-${args.stationId}` : (args.regionCode ?? 'all');
    return {
      filename: `lingong-follow-up-${scope}-${marketDay(clock.now())}.csv`,
      body: followUpCsv(entries, contacts),
    };
  }

  return {
    list,
    csv,
    idleDays,
    setIdleDays,
    recordContact,
    askForHelp,
    openHelpRequest: (workerId: string) => repository.openHelpRequest(requireUuid('workerId', workerId)),
    contactsByIds: repository.contactsByIds,
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
