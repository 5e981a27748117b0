import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import type { DisputeKind, DisputeStatus } from '../../db/schema/index.js';
import { badInput, createProblems, notFound, type Problems, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { AccountViewer, Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import { recordActedForWalkIn, type Side, sideOfHire } from './work.context.js';
import type { ArrearsEvent, DisputeUpdate } from './work.events.js';
import type { ArrearsRecord, DisputeRecord, WorkRepository } from './work.repository.js';

const TEXT_LIMITS = { min: 5, max: 2000 } as const;

type Said = 'reason' | 'mediationNote' | 'statement' | 'resolution';

/** A text of a dispute, trimmed; out of its limits, a problem of `field` naming what it is. */
function statement(problems: Problems, field: string, value: string, what: Said): string {
  const trimmed = value.trim();
  if (trimmed.length < TEXT_LIMITS.min || trimmed.length > TEXT_LIMITS.max) {
    problems.add(
      field,
      text('work:textLength', {
        what: text(`work:what.${what}`),
        min: TEXT_LIMITS.min,
        max: TEXT_LIMITS.max,
      }),
    );
  }
  return trimmed;
}

/** An id and a text, each checked, both problems named in one answer. */
function inputs(idField: string, givenId: string, field: string, value: string, what: Said) {
  const problems = createProblems();
  const id = uuidAmong(problems, idField, givenId);
  const said = statement(problems, field, value, what);
  problems.throwIfAny();
  return { id, said };
}

/** Both parties of the hire and the admins hear of a dispute's step (`dispute:updated`). */
export function tellDisputeStep(
  notify: Notify,
  dispute: DisputeRecord,
  parties: { workerId: string; employerId: string },
  what: DisputeUpdate['what'],
): void {
  const payload: DisputeUpdate = {
    disputeId: dispute.id,
    engagementId: dispute.engagementId,
    status: dispute.status,
    what,
  };
  notify(rooms.worker(parties.workerId), 'dispute:updated', payload);
  notify(rooms.employer(parties.employerId), 'dispute:updated', payload);
  notify(rooms.admins(), 'dispute:updated', payload);
}

/**
 * Disputes about a hire and the arrears cases behind wage disputes: either side opens one, the
 * bureau's admins mediate (notes on an append-only record) and resolve it; resolving a wage
 * dispute, or an arrears case directly, closes the case. One dispute is under way per hire.
 */
export function createDisputesService(deps: {
  db: Database;
  repository: WorkRepository;
  clock: Clock;
  notify: Notify;
  audit: AuditTrail;
  /** Whether a station operator serves this walk-in worker (and so may take their side). */
  mayActFor: (operatorAccountId: string, workerId: string, tx?: Executor) => Promise<boolean>;
}) {
  const { db, repository, clock, notify, audit } = deps;

  async function partiesOf(engagementId: string, tx: Executor = db) {
    const engagement = await repository.engagement(engagementId, tx);
    if (!engagement) throw notFound('hire', engagementId);
    const employerId = (await repository.employersOf([engagement.gigId], tx)).get(engagement.gigId);
    if (!employerId) throw notFound('gig', engagement.gigId);
    return { engagement, employerId };
  }

  /**
   * The caller's side of a hire, or null when they are not a party to it. A station operator stands
   * on the side of a walk-in worker of their station (who often has no phone to complain with).
   */
  async function partyOf(
    actor: AccountViewer,
    engagementId: string,
    tx: Executor = db,
  ): Promise<{ side: Side; workerId: string } | null> {
    const { engagement, employerId } = await partiesOf(engagementId, tx);
    const { workerId } = engagement;
    const side = await sideOfHire(actor, { workerId, employerId }, (operator, worker) =>
      deps.mayActFor(operator, worker, tx),
    );
    return side ? { side, workerId } : null;
  }

  /** The caller's side of a hire they named; a hire not theirs is refused with the id they gave. */
  async function sideOf(actor: AccountViewer, engagementId: string) {
    const party = await partyOf(actor, engagementId);
    if (!party) throw notFound('hireOfYours', engagementId);
    return party;
  }

  /** Both parties and the admins hear of every step of a dispute. */
  async function tell(dispute: DisputeRecord, what: DisputeUpdate['what']) {
    const { engagement, employerId } = await partiesOf(dispute.engagementId);
    tellDisputeStep(notify, dispute, { workerId: engagement.workerId, employerId }, what);
  }

  async function lockOpen(disputeId: string, tx: Executor) {
    const dispute = await repository.disputes.lock(disputeId, tx);
    if (!dispute) throw notFound('dispute', disputeId);
    if (dispute.status === 'RESOLVED') {
      throw badInput('disputeId', text('work:disputeResolved'));
    }
    return dispute;
  }

  return {
    /**
     * A party complains about a hire. With no kind named, a hire that has an arrears case makes
     * it a WAGE dispute, tied to the case; otherwise OTHER.
     */
    async open(actor: Actor, givenId: string, reason: string, kind: DisputeKind | null) {
      const { id: engagementId, said: why } = inputs('engagementId', givenId, 'reason', reason, 'reason');
      const { side, workerId } = await sideOf(actor, engagementId);
      try {
        const dispute = await db.transaction(async (tx) => {
          // On the transaction's own connection: a read from the pool here, with every connection
          // held by a repeat of this call, would wait for ever (a double tap hung the pool).
          const [arrears] = await repository.arrears.ofEngagements([engagementId], tx);
          const chosen = kind ?? (arrears ? 'WAGE' : 'OTHER');
          const opened = await repository.disputes.insert(
            {
              engagementId,
              kind: chosen,
              openedByRole: side,
              openedByAccountId: actor.accountId,
              reason: why,
              arrearsCaseId: chosen === 'WAGE' ? (arrears?.id ?? null) : null,
              openedAt: clock.now(),
            },
            tx,
          );
          await recordActedForWalkIn(
            audit,
            actor,
            { id: engagementId, workerId },
            'openDispute',
            { disputeId: opened.id, kind: chosen },
            tx,
          );
          return opened;
        });
        await tell(dispute, 'OPENED');
        return dispute;
      } catch (error) {
        if (uniqueViolation(error) === 'disputes_one_open_per_engagement') {
          throw badInput('engagementId', text('work:disputeUnderWay'));
        }
        throw error;
      }
    },

    /** An admin mediates: the note goes on the record and the dispute is MEDIATING. */
    async mediate(actor: Actor, givenId: string, note: string) {
      const { id: disputeId, said } = inputs('disputeId', givenId, 'note', note, 'mediationNote');
      const dispute = await db.transaction(async (tx) => {
        const current = await lockOpen(disputeId, tx);
        await repository.disputes.addNote(
          {
            disputeId,
            authorAccountId: actor.accountId,
            authorRole: 'ADMIN',
            note: said,
            createdAt: clock.now(),
          },
          tx,
        );
        // The note itself is on the dispute's append-only record; the audit says who acted, when.
        await audit.record(
          {
            actor,
            action: 'DISPUTE_MEDIATED',
            subjectType: 'DISPUTE',
            subjectId: disputeId,
            details: {
              engagementId: current.engagementId,
              kind: current.kind,
              previousStatus: current.status,
              noteLength: said.length,
            },
          },
          tx,
        );
        return current.status === 'MEDIATING'
          ? current
          : repository.disputes.update(disputeId, { status: 'MEDIATING' }, tx);
      });
      await tell(dispute, 'MEDIATING');
      return dispute;
    },

    /**
     * A party adds a statement to a dispute about their hire. Whoever is not a party hears only
     * that there is no such dispute of theirs: neither the hire it is about nor whether it is
     * resolved.
     */
    async addNote(actor: Actor, givenId: string, note: string) {
      const { id: disputeId, said } = inputs('disputeId', givenId, 'note', note, 'statement');
      const dispute = await db.transaction(async (tx) => {
        const found = await repository.disputes.lock(disputeId, tx);
        // Read on the transaction's connection: with the dispute locked, a read from the pool waits
        // for a connection that every repeat of this call, queued on the lock, may be holding.
        const party = found ? await partyOf(actor, found.engagementId, tx) : null;
        if (!found || !party) throw notFound('disputeOfYours', disputeId);
        const current = await lockOpen(disputeId, tx);
        await repository.disputes.addNote(
          {
            disputeId,
            authorAccountId: actor.accountId,
            authorRole: party.side,
            note: said,
            createdAt: clock.now(),
          },
          tx,
        );
        await recordActedForWalkIn(
          audit,
          actor,
          { id: found.engagementId, workerId: party.workerId },
          'addDisputeNote',
          { disputeId },
          tx,
        );
        return current;
      });
      await tell(dispute, 'NOTE_ADDED');
      return dispute;
    },

    /** An admin resolves a dispute; a wage dispute's arrears case closes with the same resolution. */
    async resolve(actor: Actor, givenId: string, resolution: string) {
      const { id: disputeId, said: decided } = inputs(
        'disputeId',
        givenId,
        'resolution',
        resolution,
        'resolution',
      );
      const { dispute, closed } = await db.transaction(async (tx) => {
        const current = await lockOpen(disputeId, tx);
        const now = clock.now();
        const resolved = await repository.disputes.update(
          disputeId,
          {
            status: 'RESOLVED',
            resolution: decided,
            resolvedAt: now,
            resolvedByAccountId: actor.accountId,
          },
          tx,
        );
        let closedCase: ArrearsRecord | undefined;
        if (resolved.arrearsCaseId) {
          const found = await repository.arrears.lock(resolved.arrearsCaseId, tx);
          if (found?.status === 'OPEN') {
            closedCase = await repository.arrears.close(
              found.id,
              {
                at: now,
                reason: 'RESOLVED',
                resolution: decided,
                by: actor.accountId,
              },
              tx,
            );
          }
        }
        await audit.record(
          {
            actor,
            action: 'DISPUTE_RESOLVED',
            subjectType: 'DISPUTE',
            subjectId: disputeId,
            details: {
              engagementId: resolved.engagementId,
              kind: resolved.kind,
              previousStatus: current.status,
              resolution: decided,
              arrearsCaseClosed: closedCase?.id ?? null,
            },
          },
          tx,
        );
        return { dispute: resolved, closed: closedCase };
      });
      await tell(dispute, closed ? 'RESOLVED_AND_ARREARS_CLOSED' : 'RESOLVED');
      return dispute;
    },

    /** An admin closes an arrears case directly (paid outside the platform, settled in mediation). */
    async resolveArrears(actor: Actor, givenId: string, resolution: string) {
      const { id: caseId, said: decided } = inputs('caseId', givenId, 'resolution', resolution, 'resolution');
      const closed = await db.transaction(async (tx) => {
        const found = await repository.arrears.lock(caseId, tx);
        if (!found) throw notFound('arrearsCase', caseId);
        if (found.status === 'CLOSED') throw badInput('caseId', text('work:arrearsClosed'));
        const done = await repository.arrears.close(
          caseId,
          {
            at: clock.now(),
            reason: 'RESOLVED',
            resolution: decided,
            by: actor.accountId,
          },
          tx,
        );
        await audit.record(
          {
            actor,
            action: 'ARREARS_RESOLVED',
            subjectType: 'ARREARS_CASE',
            subjectId: caseId,
            details: {
              engagementId: done.engagementId,
              employerId: done.employerId,
              workerId: done.workerId,
              owedFen: done.owedFen,
              resolution: decided,
            },
          },
          tx,
        );
        return done;
      });
      const payload: ArrearsEvent = {
        caseId,
        engagementId: closed.engagementId,
        status: closed.status,
        owedFen: closed.owedFen,
      };
      notify(rooms.worker(closed.workerId), 'arrears:closed', payload);
      notify(rooms.employer(closed.employerId), 'arrears:closed', payload);
      notify(rooms.admins(), 'arrears:closed', payload);
      return closed;
    },

    list: (status: DisputeStatus | null) => repository.disputes.list(status),

    ofWorker: (workerId: string): Promise<DisputeRecord[]> => repository.disputes.ofWorker(workerId),
    ofEmployer: (employerId: string): Promise<DisputeRecord[]> => repository.disputes.ofEmployer(employerId),

    arrears: (filter: { status: 'OPEN' | 'CLOSED' | null; employerId: string | null }) =>
      repository.arrears.list(filter),
  };
}

export type DisputesService = ReturnType<typeof createDisputesService>;
