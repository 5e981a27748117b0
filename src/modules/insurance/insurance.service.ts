import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import {
  type AccidentCover,
  type ContractCover,
  type CoverStatement,
  contractCoverOf,
  coverOf,
  dayList,
  hireDays,
} from './cover.js';
import type { AccidentPolicyRecord, InsuranceRepository } from './insurance.repository.js';
import type { InsurerGateway, IssuedPolicy } from './insurer.gateway.js';

export type { AccidentCover, CoverReason } from './cover.js';
export { coverOf, hireDays } from './cover.js';

/** A reservation older than this is a request that died (its node stopped): another may take the day over. */
export const STALE_RESERVATION_MS = 5 * 60_000;
/** How long a call waits for days another call of the same hire is asking the insurer for. */
const WAIT_FOR_OTHERS_MS = 20_000;
const POLL_MS = 50;

export type InsuranceDeps = {
  db: Database;
  repository: InsuranceRepository;
  /** The hire and its gig, as the work domain reads them. */
  engagement: (id: string) => Promise<EngagementRecord | undefined>;
  gig: (id: string) => Promise<GigRecord | undefined>;
  gateway: InsurerGateway;
  clock: Clock;
  audit: AuditTrail;
  log: FastifyBaseLogger;
};

/** Does the insurer's answer hold one policy, with a number, for each day asked and nothing else? */
function answersEachDay(days: readonly string[], issued: readonly IssuedPolicy[]): boolean {
  const answered = issued.map((p) => p.coveredOn).sort();
  return (
    answered.length === days.length &&
    answered.every((day, i) => day === [...days].sort()[i]) &&
    issued.every((p) => typeof p.policyNumber === 'string' && p.policyNumber.trim().length > 0)
  );
}

/** Per-day accident insurance (docs/insurance.md): what a gig needs, arranging it, and the check-in rule. */
export function createInsuranceService(deps: InsuranceDeps) {
  const { db, repository, clock, gateway } = deps;

  async function coverOfGigs(gigIds: readonly string[], tx: Executor = db): Promise<AccidentCover[]> {
    const rows = await repository.needOf(gigIds, tx);
    return gigIds.map((id) =>
      coverOf(
        rows.find((r) => r.gigId === id),
        gateway.insurer,
      ),
    );
  }

  const missingDays = (engagement: EngagementRecord, policies: readonly AccidentPolicyRecord[]) => {
    const covered = new Set(policies.map((p) => p.coveredOn));
    return hireDays(engagement).filter((day) => !covered.has(day));
  };

  /** Waits (briefly) while another call asks the insurer for some of this hire's days. */
  async function settled(engagementId: string, days: readonly string[]): Promise<void> {
    const until = Date.now() + WAIT_FOR_OTHERS_MS;
    while (Date.now() < until) {
      const reserved = new Set(await repository.reservedDays(engagementId));
      if (!days.some((day) => reserved.has(day))) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Asks the insurer for the days this request reserved; gives them back if it fails. */
  async function askInsurer(request: {
    requestId: string;
    engagementId: string;
    workerId: string;
    days: string[];
    payer: NonNullable<AccidentCover['payer']>;
  }): Promise<IssuedPolicy[]> {
    try {
      const issued = await gateway.issue(request);
      if (!answersEachDay(request.days, issued)) throw new Error('the insurer did not answer each day once');
      return issued;
    } catch (error) {
      await repository.release(request.requestId);
      deps.log.error(
        { err: error, engagementId: request.engagementId, provider: gateway.provider },
        'insurer refused or failed',
      );
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, text('insurance:insurerFailed'), {
        provider: gateway.provider,
      });
    }
  }

  return {
    coverOfGigs,

    /** The gig's cover as a hire's contract names it; undefined when its hires need none. */
    async contractCover(gigId: string): Promise<ContractCover | undefined> {
      const [cover] = await coverOfGigs([gigId]);
      return cover && contractCoverOf(cover);
    },

    /** The posting's statement of who provides its cover, in the posting's transaction. */
    stateCover: (gigId: string, statement: CoverStatement, tx: Executor) =>
      repository.stateCover(gigId, statement, clock.now(), tx),

    policiesOf: (engagementIds: readonly string[]) => repository.policiesOf(engagementIds),

    /**
     * The payer arranges the hire's cover: the gig's employer, or an admin for the bureau's pool.
     * The days not yet covered are reserved first, in their own transaction, so two calls at once
     * never ask the insurer for the same day; the insurer is asked outside any transaction (a slow
     * insurer holds no lock), and its policies are recorded with the audit entry. A call whose days
     * another call is asking for waits for that answer.
     */
    async arrange(actor: Actor, engagementId: string): Promise<AccidentPolicyRecord[]> {
      const engagement = await deps.engagement(engagementId);
      const gig = engagement && (await deps.gig(engagement.gigId));
      if (!engagement || !gig) throw notFound('hire', engagementId);
      const [cover] = await coverOfGigs([gig.id]);
      // A hire of another employer is not theirs to see.
      if (actor.employerId !== gig.employerId && actor.role !== 'ADMIN') throw notFound('hire', engagementId);
      // Whoever may see it is told a hire that needs no cover needs none (not who would pay).
      if (!cover?.required) throw badInput('engagementId', text('insurance:notRequired'));
      const payer = cover.payer ?? 'EMPLOYER';
      const payerMay = payer === 'BUREAU_POOL' ? actor.role === 'ADMIN' : actor.employerId === gig.employerId;
      if (!payerMay) {
        // The party that does not pay is told who does.
        throw new AppError(
          ErrorCode.FORBIDDEN,
          text('insurance:payerOnly', { payer: text(`insurance:payer.${payer}`) }),
          { payer },
        );
      }
      if (cover.provider === 'EMPLOYER_GROUP_POLICY') {
        throw badInput(
          'engagementId',
          text('insurance:groupPolicyCovers', {
            insurer: cover.insurer ?? '',
            policyNumber: cover.policyNumber ?? '',
          }),
        );
      }
      if (engagement.status !== 'CONFIRMED' && engagement.status !== 'CHECKED_IN') {
        throw badInput('engagementId', text('insurance:hireNotLive'), { status: engagement.status });
      }
      const days = missingDays(engagement, await repository.policiesOf([engagement.id]));
      if (days.length === 0) return repository.policiesOf([engagement.id]);

      const requestId = randomUUID();
      const now = clock.now();
      const ours = await db.transaction((tx) =>
        repository.reserve(
          {
            requestId,
            engagementId,
            days,
            provider: gateway.provider,
            insurer: gateway.insurer,
            payer,
            arrangedByAccountId: actor.accountId,
          },
          now,
          new Date(now.getTime() - STALE_RESERVATION_MS),
          tx,
        ),
      );
      if (ours.length > 0) {
        const issued = await askInsurer({
          requestId,
          engagementId,
          workerId: engagement.workerId,
          days: ours,
          payer,
        });
        await db.transaction(async (tx) => {
          const recorded = await repository.issue(requestId, issued, clock.now(), tx);
          await deps.audit.record(
            {
              actor,
              action: 'ACCIDENT_COVER_ARRANGED',
              subjectType: 'ENGAGEMENT',
              subjectId: engagementId,
              details: {
                payer,
                days: recorded.map((p) => p.coveredOn),
                provider: gateway.provider,
                requestId,
              },
            },
            tx,
          );
        });
      }
      const others = days.filter((day) => !ours.includes(day));
      if (others.length > 0) await settled(engagementId, others);
      return repository.policiesOf([engagement.id]);
    },

    /**
     * Check-in's rule: a hire that needs cover checks in only with a policy for each of its days,
     * or under the employer's group policy its posting named. Refused with INSURANCE_REQUIRED
     * naming the days missing and who is to arrange them.
     */
    async requireCover(engagement: EngagementRecord, tx: Executor): Promise<void> {
      const [cover] = await coverOfGigs([engagement.gigId], tx);
      if (!cover?.required || cover.provider === 'EMPLOYER_GROUP_POLICY') return;
      const missing = missingDays(engagement, await repository.policiesOf([engagement.id], tx));
      if (missing.length === 0) return;
      throw new AppError(
        ErrorCode.INSURANCE_REQUIRED,
        text('insurance:coverMissing', {
          days: dayList(missing),
          payer: text(`insurance:payer.${cover.payer ?? 'EMPLOYER'}`),
        }),
        { missingDays: missing, payer: cover.payer, reasons: cover.reasons },
      );
    },

    /** A worker's issued policies with their gigs, for the PIPL export. */
    policiesOfWorker: (workerId: string) => repository.policiesOfWorker(workerId),
  };
}

export type InsuranceService = ReturnType<typeof createInsuranceService>;
