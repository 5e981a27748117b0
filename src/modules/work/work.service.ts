import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import type { AttendanceDecider } from '../../db/schema/index.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { AccountViewer } from '../accounts/viewer.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import { gigUpdate } from '../gigs/gigs.service.js';
import { distanceKm } from '../gigs/search/distance.js';
import type { AgreedTerms } from '../hiring/contract.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import type { HiringService } from '../hiring/hiring.service.js';
import { type AttendanceSettings, hoursConfirmed, isImpossible, judgeAttendance } from './attendance.js';
import { reliabilityOf } from './reliability.js';
import { contractHours, paymentCeiling, wagesFor } from './wages.js';
import type { ArrearsRecord, PaymentEntry, WorkRepository } from './work.repository.js';

export type WorkSettings = {
  /** A check-in farther than this from the gig is off-site, for the employer to confirm. */
  geofenceM: number;
  noShowGraceMinutes: number;
  checkOutGraceMinutes: number;
  lateCancelHours: number;
  attendance: AttendanceSettings;
};

export type Side = 'WORKER' | 'EMPLOYER';
const MINUTE = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Check-in opens this long before the start, for workers who arrive early. */
const CHECK_IN_EARLY_MS = 60 * MINUTE;

type Tell = () => void;

/**
 * Work and wages after the hire (根治欠薪): both sides acknowledge the contract, the worker checks
 * in (on or off site) and out, the employer marks a no-show (the seat reopens, and an instant gig
 * backfills it), pay is recorded by the employer and confirmed by the worker, and the clock opens
 * an arrears case for pay still unconfirmed past the pay-by date. Every step locks the hire's row
 * and is told to both sides after commit.
 */
export function createWorkService(deps: {
  db: Database;
  repository: WorkRepository;
  gigs: GigsRepository;
  hiring: Pick<HiringService, 'seatFreed'>;
  /** Whether a station operator may act for this worker (a walk-in of their station). */
  mayActFor: (operatorAccountId: string, workerId: string) => Promise<boolean>;
  /** Whether an operator runs a station whose service area covers this place. */
  operatesNear: (operatorAccountId: string, place: { lat: number; lng: number }) => Promise<boolean>;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  settings: WorkSettings;
  boards: (gigIds: readonly string[]) => void;
}) {
  const { db, repository, clock, notify, settings } = deps;

  /** The hire and its gig, read for a decision outside any lock (the transaction re-checks). */
  async function read(engagementId: string): Promise<{ engagement: EngagementRecord; gig: GigRecord }> {
    const engagement = await repository.engagement(engagementId);
    if (!engagement) throw notFound('hire', engagementId);
    const [gig] = await deps.gigs.byIds([engagement.gigId]);
    if (!gig) throw notFound('gig', engagement.gigId);
    return { engagement, gig };
  }

  /** Which side of the hire the caller is on (an operator stands on the side of their walk-in worker). */
  async function sideOf(actor: AccountViewer, engagement: EngagementRecord, gig: GigRecord): Promise<Side> {
    if (actor.workerId && actor.workerId === engagement.workerId) return 'WORKER';
    if (actor.employerId && actor.employerId === gig.employerId) return 'EMPLOYER';
    if (actor.role === 'STATION_OPERATOR' && (await deps.mayActFor(actor.accountId, engagement.workerId))) {
      return 'WORKER';
    }
    throw notFound('hire of yours', engagement.id);
  }

  async function requireSide(actor: AccountViewer, engagementId: string, side: Side) {
    const found = await read(engagementId);
    if ((await sideOf(actor, found.engagement, found.gig)) !== side) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        side === 'WORKER'
          ? 'Only the worker of this hire can do this.'
          : 'Only the employer of this hire can do this.',
      );
    }
    return found;
  }

  /** Runs a change of one hire under its row lock; the step says what to tell after commit. */
  async function change<T>(
    engagementId: string,
    step: (tx: Executor, engagement: EngagementRecord, now: Date) => Promise<{ result: T; tell?: Tell }>,
  ): Promise<T> {
    const { result, tell } = await db.transaction(async (tx) => {
      const engagement = await repository.lockEngagement(tx, engagementId);
      if (!engagement) throw notFound('hire', engagementId);
      return step(tx, engagement, clock.now());
    });
    tell?.();
    return result;
  }

  const tellBoth = (engagement: EngagementRecord, employerId: string, what: string, extra = {}) => {
    const payload = {
      engagementId: engagement.id,
      gigId: engagement.gigId,
      status: engagement.status,
      what,
      ...extra,
    };
    notify(rooms.worker(engagement.workerId), 'engagement:updated', payload);
    notify(rooms.employer(employerId), 'engagement:updated', payload);
  };

  const wrongStatus = (engagement: EngagementRecord, doing: string) =>
    badInput(
      'engagementId',
      `This hire is ${engagement.status.toLowerCase().replace('_', ' ')}; it cannot be ${doing}.`,
      {
        status: engagement.status,
      },
    );

  /** Recomputes a worker's reliability from their last hires, in the transaction that changed them. */
  async function refreshReliability(tx: Executor, workerId: string): Promise<void> {
    const report = reliabilityOf(await repository.outcomesOf(workerId, tx));
    await Promise.all([
      repository.setReliability(tx, workerId, report.score),
      enqueueOutbox(tx, 'workers', [workerId]),
    ]);
  }

  /**
   * Ends a hire: the record is judged (docs/attendance.md). A clean record stands at once: the
   * settled hours earn the wages and the pay-by date runs from completion. A doubtful one waits
   * for the employer's word until `answerHours`; nothing can fall into arrears before that.
   */
  async function complete(
    tx: Executor,
    engagement: EngagementRecord,
    at: Date,
    checkOut: { at: Date; auto: boolean } | null,
  ): Promise<EngagementRecord> {
    const terms = engagement.terms as AgreedTerms;
    const judged = judgeAttendance(
      { ...engagement, checkedOutAt: checkOut?.at ?? null },
      terms,
      settings.attendance,
    );
    const ended = {
      status: 'COMPLETED' as const,
      completedAt: at,
      checkedOutAt: checkOut?.at ?? null,
      checkedOutAuto: checkOut?.auto ?? false,
      hoursWorked: judged.hours,
      attendanceDoubts: judged.doubts,
    };
    const answerBy = new Date(at.getTime() + settings.attendance.answerHours * HOUR);
    const done = await repository.updateEngagement(
      tx,
      engagement.id,
      judged.doubts.length === 0
        ? { ...ended, ...decided('CONFIRMED', 'RECORD', null, terms, judged.hours, at) }
        : {
            ...ended,
            attendanceStatus: 'UNCONFIRMED',
            attendanceAnswerBy: answerBy,
            amountDueFen: judged.impossible ? 0 : wagesFor(terms, judged.hours),
            payDueAt: new Date(answerBy.getTime() + terms.payDueDays * DAY),
          },
    );
    await refreshReliability(tx, engagement.workerId);
    return done;
  }

  /** The columns of an attendance decided: the hours, what they earn, and the pay-by date from now. */
  function decided(
    status: 'CONFIRMED' | 'SETTLED',
    by: AttendanceDecider,
    accountId: string | null,
    terms: AgreedTerms,
    hours: number,
    now: Date,
  ) {
    return {
      attendanceStatus: status,
      attendanceDecidedBy: by,
      attendanceDecidedAt: now,
      attendanceDecidedByAccountId: accountId,
      attendanceAnswerBy: null,
      settledHours: hours,
      amountDueFen: wagesFor(terms, hours),
      payDueAt: new Date(now.getTime() + terms.payDueDays * DAY),
    };
  }

  /** Hours given for a hire: a number from 0 to the length of its window. */
  function validHours(field: string, hours: number, terms: AgreedTerms, least = 0) {
    const { windowHours } = contractHours(terms);
    if (!Number.isFinite(hours) || hours < least || hours > windowHours) {
      throw badInput(
        field,
        `Give the hours worked as a number from ${least} to ${windowHours} (the length of the hire's window).`,
        { least, most: windowHours },
      );
    }
    return Math.round(hours * 100) / 100;
  }

  /**
   * A seat given back (no-show, or the worker calling off): the gig's count drops, it is re-indexed
   * and reliability recomputed; after commit the employer sees it and an instant gig backfills.
   */
  async function releaseSeat(tx: Executor, engagement: EngagementRecord, now: Date): Promise<Tell> {
    const [gig] = await Promise.all([
      deps.gigs.releaseSeat(tx, engagement.gigId, now),
      enqueueOutbox(tx, 'gigs', [engagement.gigId]),
    ]);
    await refreshReliability(tx, engagement.workerId);
    return () => {
      notify(rooms.employer(gig.employerId), 'gig:updated', { ...gigUpdate(gig), seatFreed: engagement.id });
      deps.boards([gig.id]);
      if (gig.instant) {
        deps.hiring.seatFreed(gig.id).catch((error: unknown) => {
          deps.log.error(
            { err: error, gigId: gig.id },
            'backfill after a freed seat failed; the sweeper retries',
          );
        });
      }
    };
  }

  function validPoint(at: { lat: number; lng: number }) {
    if (!Number.isFinite(at.lat) || at.lat < -90 || at.lat > 90) {
      throw badInput('at.lat', 'Latitude must be between -90 and 90.');
    }
    if (!Number.isFinite(at.lng) || at.lng < -180 || at.lng > 180) {
      throw badInput('at.lng', 'Longitude must be between -180 and 180.');
    }
  }

  function checkInWindow(engagement: EngagementRecord, now: Date) {
    if (now.getTime() < engagement.startsAt.getTime() - CHECK_IN_EARLY_MS) {
      throw badInput('engagementId', 'Check-in opens an hour before the work starts; come back then.', {
        opensAt: new Date(engagement.startsAt.getTime() - CHECK_IN_EARLY_MS).toISOString(),
      });
    }
    if (now >= engagement.endsAt) {
      throw badInput('engagementId', 'This work has already ended; it can no longer be checked in.');
    }
  }

  const attendanceClosed = (engagement: EngagementRecord) =>
    badInput(
      'engagementId',
      engagement.attendanceStatus === null
        ? 'This hire has not finished; attendance is answered once the work is done.'
        : `This hire's attendance is ${engagement.attendanceStatus.toLowerCase()} already; if you disagree, open a dispute.`,
      { attendance: engagement.attendanceStatus },
    );

  /** The worker, the employer and the bureau's admins hear of an arrears case opening or closing. */
  function tellArrears(found: ArrearsRecord, event: 'arrears:opened' | 'arrears:closed') {
    const payload = {
      caseId: found.id,
      engagementId: found.engagementId,
      employerId: found.employerId,
      owedFen: found.owedFen,
      status: found.status,
    };
    notify(rooms.worker(found.workerId), event, payload);
    notify(rooms.employer(found.employerId), event, payload);
    notify(rooms.admins(), event, payload);
  }

  return {
    /** Each side acknowledges the contract once; repeating it changes nothing. */
    async acceptContract(actor: AccountViewer, engagementId: string): Promise<EngagementRecord> {
      const { engagement, gig } = await read(engagementId);
      const side = await sideOf(actor, engagement, gig);
      return change(engagementId, async (tx, current, now) => {
        if (current.status === 'CANCELLED') throw wrongStatus(current, 'acknowledged');
        const field = side === 'WORKER' ? 'workerAcceptedAt' : 'employerAcceptedAt';
        if (current[field]) return { result: current };
        const accepted = await repository.updateEngagement(tx, current.id, { [field]: now });
        return {
          result: accepted,
          tell: () => tellBoth(accepted, gig.employerId, 'CONTRACT_ACCEPTED', { side }),
        };
      });
    },

    /**
     * The worker checks in with where they are. Inside the geofence it is on-site; outside, it is
     * still recorded, flagged off-site for the employer to confirm: bad GPS never blocks a worker.
     */
    async checkIn(actor: AccountViewer, engagementId: string, at: { lat: number; lng: number }) {
      validPoint(at);
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (tx, current, now) => {
        const distanceM = Math.round(distanceKm(at, gig) * 1000);
        const offSite = distanceM > settings.geofenceM;
        // Repeating a check-in answers the one recorded, unless it is off site and this one is on
        // site: then the worker has arrived, and the on-site check-in (and its time) replaces it.
        if (current.status === 'CHECKED_IN' && !(current.checkInOffSite && !offSite))
          return { result: current };
        if (current.status !== 'CONFIRMED' && current.status !== 'CHECKED_IN')
          throw wrongStatus(current, 'checked in');
        checkInWindow(current, now);
        const checkedIn = await repository.updateEngagement(tx, current.id, {
          status: 'CHECKED_IN',
          checkedInAt: now,
          checkInLat: at.lat,
          checkInLng: at.lng,
          checkInDistanceM: distanceM,
          checkInOffSite: offSite,
          checkedInByAccountId: actor.accountId,
        });
        return {
          result: checkedIn,
          tell: () => tellBoth(checkedIn, gig.employerId, 'CHECKED_IN', { offSite, distanceM }),
        };
      });
    },

    /** The employer, or an operator of a station near the gig, checks a worker in with their code. */
    async checkInWithCode(actor: AccountViewer, engagementId: string, code: string) {
      const { engagement, gig } = await read(engagementId);
      const allowed =
        actor.employerId === gig.employerId ||
        (actor.role === 'STATION_OPERATOR' &&
          ((await deps.operatesNear(actor.accountId, gig)) ||
            (await deps.mayActFor(actor.accountId, engagement.workerId))));
      if (!allowed) throw notFound('hire you can check in', engagementId);
      if (!/^\d{6}$/.test(code.trim()))
        throw badInput('code', 'The check-in code is the six digits on the worker’s hire.');
      return change(engagementId, async (tx, current, now) => {
        // Someone standing with the worker vouches by code for an off-site GPS check-in, from now.
        if (current.status === 'CHECKED_IN' && !current.checkInOffSite) return { result: current };
        if (current.status !== 'CONFIRMED' && current.status !== 'CHECKED_IN')
          throw wrongStatus(current, 'checked in');
        if (!current.checkInCode || current.checkInCode !== code.trim()) {
          throw badInput('code', 'That code does not match this hire; ask the worker to read it again.');
        }
        checkInWindow(current, now);
        const checkedIn = await repository.updateEngagement(tx, current.id, {
          status: 'CHECKED_IN',
          checkedInAt: now,
          checkInLat: null,
          checkInLng: null,
          checkInDistanceM: null,
          checkInOffSite: false,
          checkedInByAccountId: actor.accountId,
        });
        return {
          result: checkedIn,
          tell: () => tellBoth(checkedIn, gig.employerId, 'CHECKED_IN', { byCode: true }),
        };
      });
    },

    /** The employer accepts an off-site check-in (the worker was there; the phone was not). */
    async confirmOffSite(actor: AccountViewer, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (tx, current, now) => {
        if (current.status === 'COMPLETED' || current.status === 'NO_SHOW') {
          throw badInput(
            'engagementId',
            'The work is over; answer its attendance with confirmAttendance or contestAttendance.',
            { attendance: current.attendanceStatus },
          );
        }
        if (!current.checkInOffSite) {
          throw badInput('engagementId', 'This hire has no off-site check-in to confirm.');
        }
        if (current.offSiteConfirmedAt) return { result: current };
        const confirmed = await repository.updateEngagement(tx, current.id, { offSiteConfirmedAt: now });
        return { result: confirmed, tell: () => tellBoth(confirmed, gig.employerId, 'OFF_SITE_CONFIRMED') };
      });
    },

    /**
     * The employer (or a station operator, for a walk-in of their station) confirms a doubtful
     * attendance. It may give more hours than the record shows (a worker without GPS), never fewer:
     * fewer is a contest, for the bureau to weigh.
     */
    async confirmAttendance(actor: AccountViewer, engagementId: string, workedHours: number | null) {
      const { engagement, gig } = await read(engagementId);
      const byEmployer = actor.employerId !== null && actor.employerId === gig.employerId;
      const byOperator =
        !byEmployer &&
        actor.role === 'STATION_OPERATOR' &&
        (await deps.mayActFor(actor.accountId, engagement.workerId));
      if (!byEmployer && !byOperator) throw notFound('hire of yours', engagementId);
      return change(engagementId, async (tx, current, now) => {
        if (current.attendanceStatus === 'CONFIRMED') return { result: current };
        if (current.attendanceStatus !== 'UNCONFIRMED' && current.attendanceStatus !== 'CONTESTED') {
          throw attendanceClosed(current);
        }
        const terms = current.terms as AgreedTerms;
        const recorded = { hours: current.hoursWorked ?? 0, doubts: current.attendanceDoubts };
        const hours =
          workedHours === null
            ? hoursConfirmed(recorded, terms)
            : validHours('workedHours', workedHours, terms, recorded.hours);
        const confirmed = await repository.updateEngagement(tx, current.id, {
          ...decided('CONFIRMED', byEmployer ? 'EMPLOYER' : 'OPERATOR', actor.accountId, terms, hours, now),
          ...(current.status === 'NO_SHOW' ? { status: 'COMPLETED' as const, noShowAt: null } : {}),
        });
        await refreshReliability(tx, current.workerId);
        return {
          result: confirmed,
          tell: () => tellBoth(confirmed, gig.employerId, 'ATTENDANCE_CONFIRMED', { hours }),
        };
      });
    },

    /**
     * The employer contests a doubtful attendance with its reason: no wages fall due on it and no
     * arrears can open until the bureau settles it; the reason opens a dispute (or joins the one
     * under way) so the bureau hears both sides.
     */
    async contestAttendance(actor: AccountViewer, engagementId: string, reason: string) {
      const why = reason.trim();
      if (why.length < 2 || why.length > 500) {
        throw badInput(
          'reason',
          'Say in a few words (2 to 500 characters) why you doubt this attendance; the worker and the bureau see it.',
        );
      }
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (tx, current, now) => {
        if (current.attendanceStatus === 'CONTESTED') return { result: current };
        if (current.attendanceStatus !== 'UNCONFIRMED') throw attendanceClosed(current);
        const contested = await repository.updateEngagement(tx, current.id, {
          attendanceStatus: 'CONTESTED',
          attendanceContestReason: why,
          attendanceAnswerBy: null,
        });
        const open = await repository.disputes.openOfEngagement(tx, current.id);
        if (open) {
          await repository.disputes.addNote(tx, {
            disputeId: open.id,
            authorAccountId: actor.accountId,
            authorRole: 'EMPLOYER',
            note: `Attendance contested: ${why}`,
            createdAt: now,
          });
        } else {
          await repository.disputes.insert(tx, {
            engagementId: current.id,
            kind: 'WORK',
            openedByRole: 'EMPLOYER',
            openedByAccountId: actor.accountId,
            reason: `Attendance contested: ${why}`,
            openedAt: now,
          });
        }
        return {
          result: contested,
          tell: () => tellBoth(contested, gig.employerId, 'ATTENDANCE_CONTESTED', { reason: why }),
        };
      });
    },

    /**
     * The bureau settles an attendance after hearing both sides: the hours it finds worked (0 for
     * none) are the ones paid. Hours found on a hire marked a no-show make it a completed hire again.
     */
    async settleAttendance(actor: AccountViewer, engagementId: string, workedHours: number, note: string) {
      const said = note.trim();
      if (said.length < 2 || said.length > 2000) {
        throw badInput('note', 'Write down what the bureau found (2 to 2000 characters); both sides see it.');
      }
      const { gig } = await read(engagementId);
      return change(engagementId, async (tx, current, now) => {
        if (
          current.attendanceStatus !== 'UNCONFIRMED' &&
          current.attendanceStatus !== 'CONTESTED' &&
          !(current.attendanceStatus === 'SETTLED' && current.attendanceDecidedBy === 'SILENCE')
        ) {
          throw attendanceClosed(current);
        }
        if (await repository.arrears.openOfEngagement(tx, current.id)) {
          throw badInput(
            'engagementId',
            'This hire has an open arrears case; resolve the case (resolveArrears) before changing its hours.',
          );
        }
        const terms = current.terms as AgreedTerms;
        const hours = validHours('workedHours', workedHours, terms);
        const settled = await repository.updateEngagement(tx, current.id, {
          ...decided('SETTLED', 'BUREAU', actor.accountId, terms, hours, now),
          ...(current.status === 'NO_SHOW' && hours > 0
            ? { status: 'COMPLETED' as const, noShowAt: null }
            : {}),
          ...(current.status === 'NO_SHOW' && hours === 0 ? { amountDueFen: 0 } : {}),
        });
        const open = await repository.disputes.openOfEngagement(tx, current.id);
        if (open) {
          await repository.disputes.addNote(tx, {
            disputeId: open.id,
            authorAccountId: actor.accountId,
            authorRole: 'ADMIN',
            note: `Attendance settled at ${hours} h: ${said}`,
            createdAt: now,
          });
        }
        await refreshReliability(tx, current.workerId);
        return {
          result: settled,
          tell: () => tellBoth(settled, gig.employerId, 'ATTENDANCE_SETTLED', { hours, by: 'BUREAU' }),
        };
      });
    },

    /** The worker checks out: hours are recorded, the hire is complete and the pay-by date set. */
    async checkOut(actor: AccountViewer, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (tx, current, now) => {
        if (current.status === 'COMPLETED') return { result: current };
        if (current.status !== 'CHECKED_IN') {
          throw badInput('engagementId', 'Check in first; a hire is checked out after it was checked in.', {
            status: current.status,
          });
        }
        if (now <= current.startsAt) {
          throw badInput(
            'engagementId',
            'The work has not started yet, so there is nothing to check out of. Check out when you finish; if you cannot work, call the hire off.',
            { startsAt: current.startsAt.toISOString() },
          );
        }
        const done = await complete(tx, current, now, { at: now, auto: false });
        return { result: done, tell: () => tellBoth(done, gig.employerId, 'COMPLETED') };
      });
    },

    /** The employer marks a worker who never came, once the start plus the grace has passed. */
    async markNoShow(actor: AccountViewer, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (tx, current, now) => {
        if (current.status === 'NO_SHOW') return { result: current };
        if (current.status === 'COMPLETED' && current.attendanceStatus === 'CONTESTED') {
          // The bureau still rules on the dispute; settling hours there restores the hire.
          const marked = await repository.updateEngagement(tx, current.id, {
            status: 'NO_SHOW',
            noShowAt: now,
            amountDueFen: 0,
          });
          await refreshReliability(tx, current.workerId);
          return { result: marked, tell: () => tellBoth(marked, gig.employerId, 'NO_SHOW') };
        }
        if (current.status !== 'CONFIRMED') throw wrongStatus(current, 'marked a no-show');
        const allowedFrom = new Date(current.startsAt.getTime() + settings.noShowGraceMinutes * MINUTE);
        if (now < allowedFrom) {
          throw badInput(
            'engagementId',
            `A no-show can be marked from ${settings.noShowGraceMinutes} minutes after the start; the worker may still be on the way.`,
            { allowedFrom: allowedFrom.toISOString() },
          );
        }
        const marked = await repository.updateEngagement(tx, current.id, {
          status: 'NO_SHOW',
          noShowAt: now,
        });
        const freed = await releaseSeat(tx, marked, now);
        return {
          result: marked,
          tell: () => {
            tellBoth(marked, gig.employerId, 'NO_SHOW');
            freed();
          },
        };
      });
    },

    /** The worker calls off a hire before it starts; inside `lateCancelHours` it counts as late. */
    async cancel(actor: AccountViewer, engagementId: string, reason: string) {
      const why = reason.trim();
      if (why.length < 2 || why.length > 500) {
        throw badInput(
          'reason',
          'Say in a few words (2 to 500 characters) why you cannot go; the employer sees it.',
        );
      }
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (tx, current, now) => {
        if (current.status === 'CANCELLED') return { result: current };
        if (current.status !== 'CONFIRMED' || now >= current.startsAt) {
          throw badInput(
            'engagementId',
            'Only a hire that has not started can be called off; after the start, tell the employer directly.',
            { status: current.status },
          );
        }
        const late = current.startsAt.getTime() - now.getTime() < settings.lateCancelHours * 3_600_000;
        const cancelled = await repository.updateEngagement(tx, current.id, {
          status: 'CANCELLED',
          cancelledAt: now,
          cancelledBy: 'WORKER',
          cancelledLate: late,
          cancelReason: why,
        });
        const freed = await releaseSeat(tx, cancelled, now);
        return {
          result: cancelled,
          tell: () => {
            tellBoth(cancelled, gig.employerId, 'CANCELLED_BY_WORKER', { late, reason: why });
            freed();
          },
        };
      });
    },

    /**
     * The employer records money paid. Never more than is still owed (a typo must not wipe out a
     * claim); several payments add up; `paidAt` is set when they reach the amount due.
     */
    async recordPayment(actor: AccountViewer, engagementId: string, amountFen: number) {
      if (!Number.isInteger(amountFen) || amountFen <= 0) {
        throw badInput(
          'amountFen',
          'Give the amount paid in fen (分) as a whole number above 0: 350 yuan is 35000.',
        );
      }
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (tx, current, now) => {
        if (current.status === 'CANCELLED' || current.status === 'NO_SHOW')
          throw wrongStatus(current, 'paid');
        const terms = current.terms as AgreedTerms;
        const hours = current.settledHours ?? current.hoursWorked ?? contractHours(terms).workingHours;
        const owed = paymentCeiling(terms, hours, current.amountDueFen) - current.paidFen;
        if (amountFen > owed) {
          throw badInput(
            'amountFen',
            `Only ${owed} fen is still owed on this hire (${current.amountDueFen} due, ${current.paidFen} recorded); record at most that.`,
            { outstandingFen: owed },
          );
        }
        const paidFen = current.paidFen + amountFen;
        const [updated] = await Promise.all([
          repository.updateEngagement(tx, current.id, {
            paidFen,
            paidAt: paidFen >= current.amountDueFen ? now : null,
          }),
          repository.payments.insert(tx, {
            engagementId: current.id,
            amountFen,
            recordedAt: now,
            recordedByAccountId: actor.accountId,
          }),
        ]);
        return {
          result: updated,
          tell: () => tellBoth(updated, gig.employerId, 'PAYMENT_RECORDED', { amountFen, paidFen }),
        };
      });
    },

    /**
     * The worker confirms receiving what was recorded. Confirmed in full, the hire is settled and
     * its arrears case, if any, closes; short of it, the rest stays owed.
     */
    async confirmPayment(actor: AccountViewer, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (tx, current, now) => {
        if (current.paidFen === 0) {
          throw badInput(
            'engagementId',
            'The employer has not recorded any payment yet. If you were paid, ask them to record it; if not, open a dispute.',
          );
        }
        if (current.confirmedFen >= current.paidFen) return { result: current };
        const settled = current.paidFen >= current.amountDueFen;
        const confirmed = await repository.updateEngagement(tx, current.id, {
          confirmedFen: current.paidFen,
          paymentConfirmedAt: settled ? now : null,
        });
        let closed: ArrearsRecord | undefined;
        if (settled) {
          const open = await repository.arrears.openOfEngagement(tx, current.id);
          if (open) closed = await repository.arrears.close(tx, open.id, { at: now, reason: 'PAID' });
        }
        return {
          result: confirmed,
          tell: () => {
            tellBoth(confirmed, gig.employerId, 'PAYMENT_CONFIRMED', {
              confirmedFen: confirmed.confirmedFen,
              settled,
            });
            if (closed) tellArrears(closed, 'arrears:closed');
          },
        };
      });
    },

    /** Each side rates the other once, after the work is done. */
    async rate(actor: AccountViewer, engagementId: string, stars: number, comment: string | null) {
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) {
        throw badInput('stars', 'Give 1 to 5 stars.');
      }
      const text = comment?.trim() || null;
      if (text && text.length > 500) throw badInput('comment', 'Keep the comment under 500 characters.');
      const { engagement, gig } = await read(engagementId);
      const side = await sideOf(actor, engagement, gig);
      if (engagement.status !== 'COMPLETED') {
        throw badInput('engagementId', 'A hire is rated after the work is done.', {
          status: engagement.status,
        });
      }
      // A rating speaks for work done: not while attendance is in doubt, nor after none was found.
      if (!engagement.settledHours) {
        throw badInput(
          'engagementId',
          'This hire is rated once its attendance is confirmed with hours worked; answer or wait for that first.',
          { attendance: engagement.attendanceStatus, settledHours: engagement.settledHours },
        );
      }
      try {
        const rating = await db.transaction(async (tx) => {
          const row = await repository.ratings.insert(tx, {
            engagementId,
            byRole: side,
            stars,
            comment: text,
            createdAt: clock.now(),
          });
          if (side === 'EMPLOYER') await refreshReliability(tx, engagement.workerId);
          return row;
        });
        notify(
          side === 'EMPLOYER' ? rooms.worker(engagement.workerId) : rooms.employer(gig.employerId),
          'rating:new',
          {
            engagementId,
            stars,
          },
        );
        return rating;
      } catch (error) {
        if (uniqueViolation(error) === 'ratings_one_per_side') {
          throw badInput('engagementId', 'You have already rated this hire; each side rates once.');
        }
        throw error;
      }
    },

    /** The worker's reliability as matching sees it, with the reasons. */
    async reliabilityReport(workerId: string) {
      return reliabilityOf(await repository.outcomesOf(workerId));
    },

    /**
     * One round of the work timers, on any number of nodes (SKIP LOCKED): hires past their end plus
     * the grace are completed (a worker still checked in is checked out at the end, flagged; a hire
     * never checked in waits for the employer's word), doubtful attendance left unanswered past its
     * time is settled by the silence rule, and hires whose attendance is decided, past their pay-by
     * date without the worker's confirmation, open an arrears case.
     */
    async sweep(
      limit = 200,
    ): Promise<{ completed: number; attendanceSettled: number; arrearsOpened: number }> {
      const now = clock.now();
      const grace = settings.checkOutGraceMinutes * MINUTE;
      const finished = await db.transaction(async (tx) => {
        const due = await repository.claimOverrun(tx, new Date(now.getTime() - grace), limit);
        const employers = await repository.employersOf(
          due.map((e) => e.gigId),
          tx,
        );
        const done: { engagement: EngagementRecord; employerId: string | undefined }[] = [];
        for (const engagement of due) {
          const checkOut = engagement.status === 'CHECKED_IN' ? { at: engagement.endsAt, auto: true } : null;
          done.push({
            engagement: await complete(tx, engagement, engagement.endsAt, checkOut),
            employerId: employers.get(engagement.gigId),
          });
        }
        return done;
      });
      for (const { engagement, employerId } of finished) {
        if (employerId)
          tellBoth(
            engagement,
            employerId,
            engagement.checkedOutAuto ? 'CHECKED_OUT_AUTOMATICALLY' : 'COMPLETED',
          );
      }

      const silent = await db.transaction(async (tx) => {
        const due = await repository.claimAttendanceDue(tx, now, limit);
        const employers = await repository.employersOf(
          due.map((e) => e.gigId),
          tx,
        );
        const settled: { engagement: EngagementRecord; employerId: string | undefined }[] = [];
        for (const engagement of due) {
          // The silence rule: the doubt goes to the worker, unless the record is impossible.
          const hours = isImpossible(engagement.attendanceDoubts) ? 0 : (engagement.hoursWorked ?? 0);
          const row = await repository.updateEngagement(
            tx,
            engagement.id,
            decided('SETTLED', 'SILENCE', null, engagement.terms as AgreedTerms, hours, now),
          );
          settled.push({ engagement: row, employerId: employers.get(engagement.gigId) });
        }
        return settled;
      });
      for (const { engagement, employerId } of silent) {
        if (employerId)
          tellBoth(engagement, employerId, 'ATTENDANCE_SETTLED', {
            hours: engagement.settledHours,
            by: 'SILENCE',
          });
      }

      const opened = await db.transaction(async (tx) => {
        const unpaid = await repository.claimUnpaid(tx, now, limit);
        const employers = await repository.employersOf(
          unpaid.map((e) => e.gigId),
          tx,
        );
        const cases: ArrearsRecord[] = [];
        for (const engagement of unpaid) {
          const employerId = employers.get(engagement.gigId);
          if (!employerId) continue;
          const opened = await repository.arrears.open(tx, {
            engagementId: engagement.id,
            employerId,
            workerId: engagement.workerId,
            owedFen: engagement.amountDueFen - engagement.confirmedFen,
            openedAt: now,
          });
          if (!opened) continue;
          await repository.disputes.tieToCase(tx, engagement.id, opened.id);
          cases.push(opened);
        }
        return cases;
      });
      for (const found of opened) tellArrears(found, 'arrears:opened');
      return { completed: finished.length, attendanceSettled: silent.length, arrearsOpened: opened.length };
    },

    paymentsOf: (engagementIds: readonly string[]): Promise<PaymentEntry[]> =>
      repository.payments.ofEngagements(engagementIds),
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
