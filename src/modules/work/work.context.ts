import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { AccountViewer, Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import type { HiringService } from '../hiring/hiring.service.js';
import type { AttendanceSettings } from './attendance.js';
import { reliabilityOf } from './reliability.js';
import type {
  ArrearsEvent,
  EngagementChange,
  EngagementChangeDetails,
  EngagementUpdate,
} from './work.events.js';
import type { ArrearsRecord, WorkRepository } from './work.repository.js';

export type WorkSettings = {
  /** A check-in farther than this from the gig is off-site, for the employer to confirm. */
  geofenceM: number;
  noShowGraceMinutes: number;
  checkOutGraceMinutes: number;
  lateCancelHours: number;
  attendance: AttendanceSettings;
};

export type Side = 'WORKER' | 'EMPLOYER';
/** What a step does to a hire, as `wrongStatus` names it. */
export type Doing = 'acknowledged' | 'checkedIn' | 'paid' | 'markedNoShow';
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** What a change tells people, run after its transaction commits. */
export type Tell = () => void;

/** What the work services are built over (see `createWorkService`). */
export type WorkDeps = {
  db: Database;
  repository: WorkRepository;
  gigs: GigsRepository;
  hiring: Pick<HiringService, 'seatFreed' | 'seatRetaken'>;
  /** Whether a station operator may act for this worker (a walk-in of their station). */
  mayActFor: (operatorAccountId: string, workerId: string) => Promise<boolean>;
  /** Whether an operator runs a station whose service area covers this place. */
  operatesNear: (operatorAccountId: string, place: { lat: number; lng: number }) => Promise<boolean>;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  settings: WorkSettings;
  boards: (gigIds: readonly string[]) => void;
  /** Refuses a check-in without the accident cover the hire needs (INSURANCE_REQUIRED, the insurance domain). */
  requireCover: (engagement: EngagementRecord, tx: Executor) => Promise<void>;
  audit: AuditTrail;
};

/** The worker's steps a station operator may take for a walk-in, each recorded (ACTED_FOR_WALK_IN). */
export type WalkInStep =
  | 'acceptContract'
  | 'checkOut'
  | 'cancelEngagement'
  | 'confirmPayment'
  | 'openDispute'
  | 'addDisputeNote';

/**
 * Which side of a hire the caller is on, or null when neither: the worker, the employer, or a
 * station operator for a walk-in worker of their station (`mayActFor`, read where the caller reads).
 * Shared by the steps on a hire and by its disputes.
 */
export async function sideOfHire(
  actor: AccountViewer,
  hire: { workerId: string; employerId: string },
  mayActFor: (operatorAccountId: string, workerId: string) => Promise<boolean>,
): Promise<Side | null> {
  if (actor.workerId && actor.workerId === hire.workerId) return 'WORKER';
  if (actor.employerId && actor.employerId === hire.employerId) return 'EMPLOYER';
  if (actor.role === 'STATION_OPERATOR' && (await mayActFor(actor.accountId, hire.workerId))) return 'WORKER';
  return null;
}

/**
 * A station operator taking a walk-in worker's side of a step is recorded as such, in the step's
 * transaction: who acted, for which worker, and what it did (a check-in keeps its own
 * checkedInByAccountId). The worker's own steps are not.
 */
export async function recordActedForWalkIn(
  audit: AuditTrail,
  actor: Actor,
  engagement: { id: string; workerId: string },
  step: WalkInStep,
  details: Record<string, unknown>,
  tx: Executor,
): Promise<void> {
  if (actor.role !== 'STATION_OPERATOR' || actor.workerId === engagement.workerId) return;
  await audit.record(
    {
      actor,
      action: 'ACTED_FOR_WALK_IN',
      subjectType: 'ENGAGEMENT',
      subjectId: engagement.id,
      details: { step, workerId: engagement.workerId, ...details },
    },
    tx,
  );
}

/**
 * The steps every part of work and wages shares: reading a hire and the caller's side of it,
 * changing it under its row lock, telling both sides, and recomputing reliability.
 */
export function createWorkContext(deps: WorkDeps) {
  const { db, repository, clock, notify } = deps;

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
    const side = await sideOfHire(
      actor,
      { workerId: engagement.workerId, employerId: gig.employerId },
      deps.mayActFor,
    );
    if (!side) throw notFound('hireOfYours', engagement.id);
    return side;
  }

  async function requireSide(actor: AccountViewer, engagementId: string, side: Side) {
    const found = await read(engagementId);
    if ((await sideOf(actor, found.engagement, found.gig)) !== side) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        text(side === 'WORKER' ? 'work:onlyWorker' : 'work:onlyEmployer'),
      );
    }
    return found;
  }

  /** Runs a change of one hire under its row lock; the step says what to tell after commit. */
  async function change<T>(
    engagementId: string,
    step: (engagement: EngagementRecord, now: Date, tx: Executor) => Promise<{ result: T; tell?: Tell }>,
  ): Promise<T> {
    const { result, tell } = await db.transaction(async (tx) => {
      const engagement = await repository.lockEngagement(engagementId, tx);
      if (!engagement) throw notFound('hire', engagementId);
      return step(engagement, clock.now(), tx);
    });
    tell?.();
    return result;
  }

  const recordActedFor = (
    actor: Actor,
    engagement: EngagementRecord,
    step: WalkInStep,
    details: Record<string, unknown>,
    tx: Executor,
  ) => recordActedForWalkIn(deps.audit, actor, engagement, step, details, tx);

  const tellBoth = (
    engagement: EngagementRecord,
    employerId: string,
    what: EngagementChange,
    extra: EngagementChangeDetails = {},
  ) => {
    const payload: EngagementUpdate = {
      engagementId: engagement.id,
      gigId: engagement.gigId,
      status: engagement.status,
      what,
      ...extra,
    };
    notify(rooms.worker(engagement.workerId), 'engagement:updated', payload);
    notify(rooms.employer(employerId), 'engagement:updated', payload);
  };

  /** What a hire in this status cannot be: checked in, paid, acknowledged, marked a no-show. */
  const wrongStatus = (engagement: EngagementRecord, doing: Doing) =>
    badInput(
      'engagementId',
      text('work:wrongStatus', {
        status: text(`work:status.${engagement.status}`),
        doing: text(`work:doing.${doing}`),
      }),
      { status: engagement.status },
    );

  /** Recomputes a worker's reliability from their last hires, in the transaction that changed them. */
  async function refreshReliability(workerId: string, tx: Executor): Promise<void> {
    const report = reliabilityOf(await repository.outcomesOf(workerId, tx));
    await Promise.all([
      repository.setReliability(workerId, report.score, tx),
      enqueueOutbox('workers', [workerId], tx),
    ]);
  }

  /** The worker, the employer and the bureau's admins hear of an arrears case opening or closing. */
  function tellArrears(found: ArrearsRecord, event: 'arrears:opened' | 'arrears:closed') {
    const payload: ArrearsEvent = {
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
    read,
    sideOf,
    requireSide,
    change,
    tellBoth,
    wrongStatus,
    refreshReliability,
    tellArrears,
    recordActedFor,
  };
}

export type WorkContext = ReturnType<typeof createWorkContext>;
