import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { CoverPayer } from '../../db/schema/index.js';
import { AppError, badInput, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { endOfMarketDay, marketDay } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import type { AccidentPolicyRecord, CoverNeedRow, InsuranceRepository } from './insurance.repository.js';
import type { InsurerGateway } from './insurer.gateway.js';

export type CoverReason = 'RISKY_TRADE' | 'PUBLIC_WELFARE';

/** What a gig's posting states about accident cover: whether each hire-day needs it, and who pays. */
export type AccidentCover = {
  required: boolean;
  /** The employer, or the bureau's pool for a public-welfare post; null when no cover is required. */
  payer: CoverPayer | null;
  reasons: CoverReason[];
  riskyTrades: string[];
};

/** The rule: risky trades and every public-welfare post need cover; the pool pays for public welfare. */
export function coverOf(need: CoverNeedRow | undefined): AccidentCover {
  const riskyTrades = need?.riskyTrades ?? [];
  const reasons: CoverReason[] = [];
  if (riskyTrades.length > 0) reasons.push('RISKY_TRADE');
  if (need?.publicWelfare) reasons.push('PUBLIC_WELFARE');
  const required = reasons.length > 0;
  return {
    required,
    payer: !required ? null : need?.publicWelfare ? 'BUREAU_POOL' : 'EMPLOYER',
    reasons,
    riskyTrades,
  };
}

/** The market days (YYYY-MM-DD, Asia/Shanghai) a hire's window touches: each needs its own policy. */
export function hireDays(window: { startsAt: Date; endsAt: Date }): string[] {
  const days: string[] = [];
  const last = marketDay(new Date(window.endsAt.getTime() - 1));
  let at = window.startsAt;
  for (;;) {
    const day = marketDay(at);
    days.push(day);
    if (day >= last) return days;
    at = new Date(endOfMarketDay(at).getTime() + 1);
  }
}

export type InsuranceDeps = {
  db: Database;
  repository: InsuranceRepository;
  /** The hire and its gig, as the work domain reads them. */
  engagement: (id: string) => Promise<EngagementRecord | undefined>;
  gig: (id: string) => Promise<GigRecord | undefined>;
  gateway: InsurerGateway;
  clock: Clock;
  audit: AuditTrail;
};

/** Per-day accident insurance (docs/insurance.md): what a gig needs, arranging it, and the check-in rule. */
export function createInsuranceService(deps: InsuranceDeps) {
  const { db, repository, clock, gateway } = deps;

  async function coverOfGigs(gigIds: readonly string[], tx: Executor = db): Promise<AccidentCover[]> {
    const rows = await repository.needOf(gigIds, tx);
    return gigIds.map((id) => coverOf(rows.find((r) => r.gigId === id)));
  }

  const missingDays = (engagement: EngagementRecord, policies: readonly AccidentPolicyRecord[]) => {
    const covered = new Set(policies.map((p) => p.coveredOn));
    return hireDays(engagement).filter((day) => !covered.has(day));
  };

  return {
    coverOfGigs,

    policiesOf: (engagementIds: readonly string[]) => repository.policiesOf(engagementIds),

    /**
     * The payer arranges the hire's cover: the gig's employer, or an admin for the bureau's pool.
     * The insurer issues a policy for each hire-day not yet covered; the days covered keep theirs.
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
      const payerMay =
        cover.payer === 'BUREAU_POOL' ? actor.role === 'ADMIN' : actor.employerId === gig.employerId;
      if (!payerMay) {
        // The party that does not pay is told who does.
        throw new AppError(
          ErrorCode.FORBIDDEN,
          text('insurance:payerOnly', { payer: text(`insurance:payer.${cover?.payer ?? 'EMPLOYER'}`) }),
          { payer: cover?.payer ?? null },
        );
      }
      if (engagement.status !== 'CONFIRMED' && engagement.status !== 'CHECKED_IN') {
        throw badInput('engagementId', text('insurance:hireNotLive'), { status: engagement.status });
      }
      const existing = await repository.policiesOf([engagement.id]);
      const days = missingDays(engagement, existing);
      if (days.length === 0) return existing;
      const payer = cover.payer ?? 'EMPLOYER';
      // The insurer is asked outside any transaction: a slow insurer holds no lock.
      const issued = await gateway.issue({ engagementId, workerId: engagement.workerId, days, payer });
      const now = clock.now();
      await db.transaction(async (tx) => {
        const recorded = await repository.record(
          issued.map((p) => ({
            engagementId,
            coveredOn: p.coveredOn,
            provider: gateway.provider,
            insurer: gateway.insurer,
            policyNumber: p.policyNumber,
            payer,
            arrangedByAccountId: actor.accountId,
            issuedAt: now,
          })),
          tx,
        );
        await deps.audit.record(
          {
            actor,
            action: 'ACCIDENT_COVER_ARRANGED',
            subjectType: 'ENGAGEMENT',
            subjectId: engagementId,
            details: { payer, days: recorded.map((p) => p.coveredOn), provider: gateway.provider },
          },
          tx,
        );
      });
      return repository.policiesOf([engagement.id]);
    },

    /**
     * Check-in's rule: a hire that needs cover checks in only with a policy for each of its days.
     * Refused with INSURANCE_REQUIRED naming the days missing and who is to arrange them.
     */
    async requireCover(engagement: EngagementRecord, tx: Executor): Promise<void> {
      const [cover] = await coverOfGigs([engagement.gigId], tx);
      if (!cover?.required) return;
      const missing = missingDays(engagement, await repository.policiesOf([engagement.id], tx));
      if (missing.length === 0) return;
      throw new AppError(
        ErrorCode.INSURANCE_REQUIRED,
        text('insurance:coverMissing', {
          days: missing.join('、'),
          payer: text(`insurance:payer.${cover.payer ?? 'EMPLOYER'}`),
        }),
        { missingDays: missing, payer: cover.payer, reasons: cover.reasons },
      );
    },
  };
}

export type InsuranceService = ReturnType<typeof createInsuranceService>;
