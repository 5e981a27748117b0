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
import type { FollowUpContactRecord, FollowUpRepository } from './followup.repository.js';
import type { FollowUpSettings } from './list.service.js';

const DAY_MS = 86_400_000;
/** At most this many gigs, and as many courses, named as offered in one contact. */
export const MAX_OFFERED = 10;
const NOTE_MAX = { contact: 1000, help: 500 } as const;
/** A contact is recorded within this many days of when it happened. */
const CONTACT_BACKDATE_DAYS = 30;
/** A region's days without work are 1 to this many (the table's check says the same). */
const MAX_IDLE_DAYS = 365;

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
 * The follow-up ledger (帮扶台账, docs/followup.md) besides the list itself (list.service.ts): the
 * contacts operators record, a worker's request for help, the regions' days without work.
 */
export function createFollowUpService(deps: {
  db: Database;
  repository: FollowUpRepository;
  regionTree: () => Promise<RegionTree>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  settings: FollowUpSettings;
}) {
  const { db, repository, clock, settings } = deps;

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
      // Under the worker's row lock, which their erasure takes (it clears the notes written before
      // it): a note racing the erasure is written before it, or refused after.
      if (!(await repository.lockWorker(workerId, tx))) throw notFound('worker', workerId);
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

  return {
    idleDays,
    setIdleDays,
    recordContact,
    askForHelp,
    openHelpRequest: (workerId: string) => repository.openHelpRequest(requireUuid('workerId', workerId)),
    contactsByIds: repository.contactsByIds,
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
