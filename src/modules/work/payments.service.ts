import { badInput, createProblems, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { AccountViewer, Actor } from '../accounts/viewer.js';
import type { AgreedTerms } from '../hiring/contract.js';
import { contractHours, paymentCeiling } from './wages.js';
import type { WorkContext, WorkDeps } from './work.context.js';
import type { ArrearsRecord, PaymentEntry } from './work.repository.js';

/**
 * Wages (根治欠薪): pay is recorded by the employer and confirmed by the worker, and the clock
 * opens an arrears case for pay still unconfirmed past the pay-by date.
 */
export function createPaymentsService(deps: WorkDeps, work: WorkContext) {
  const { db, repository } = deps;
  const { requireSide, change, tellBoth, wrongStatus, tellArrears, recordActedFor } = work;

  return {
    /**
     * The employer records money paid. Never more than is still owed (a typo must not wipe out a
     * claim); several payments add up; `paidAt` is set when they reach the amount due.
     */
    async recordPayment(actor: AccountViewer, givenId: string, amountFen: number) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      if (!Number.isInteger(amountFen) || amountFen <= 0)
        problems.add('amountFen', text('work:amountFormat'));
      problems.throwIfAny();
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (current, now, tx) => {
        if (current.status === 'CANCELLED' || current.status === 'NO_SHOW')
          throw wrongStatus(current, 'paid');
        const terms = current.terms as AgreedTerms;
        const hours = current.settledHours ?? current.hoursWorked ?? contractHours(terms).workingHours;
        const owed = paymentCeiling(terms, hours, current.amountDueFen) - current.paidFen;
        if (amountFen > owed) {
          throw badInput(
            'amountFen',
            text('work:amountOverOwed', {
              owed: owed / 100,
              due: current.amountDueFen / 100,
              paid: current.paidFen / 100,
            }),
            { outstandingFen: owed },
          );
        }
        const paidFen = current.paidFen + amountFen;
        const [updated] = await Promise.all([
          repository.updateEngagement(
            current.id,
            {
              paidFen,
              paidAt: paidFen >= current.amountDueFen ? now : null,
            },
            tx,
          ),
          repository.payments.insert(
            {
              engagementId: current.id,
              amountFen,
              recordedAt: now,
              recordedByAccountId: actor.accountId,
            },
            tx,
          ),
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
    async confirmPayment(actor: Actor, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (current, now, tx) => {
        if (current.paidFen === 0) {
          throw badInput('engagementId', text('work:noPaymentYet'));
        }
        if (current.confirmedFen >= current.paidFen) return { result: current };
        const settled = current.paidFen >= current.amountDueFen;
        const confirmed = await repository.updateEngagement(
          current.id,
          {
            confirmedFen: current.paidFen,
            paymentConfirmedAt: settled ? now : null,
          },
          tx,
        );
        let closed: ArrearsRecord | undefined;
        if (settled) {
          const open = await repository.arrears.openOfEngagement(current.id, tx);
          if (open) closed = await repository.arrears.close(open.id, { at: now, reason: 'PAID' }, tx);
        }
        await recordActedFor(
          actor,
          current,
          'confirmPayment',
          {
            confirmedFen: current.paidFen,
            amountDueFen: current.amountDueFen,
            arrearsClosed: closed?.id ?? null,
          },
          tx,
        );
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

    /**
     * Hires whose attendance is decided, past their pay-by date without the worker's confirmation,
     * open an arrears case.
     */
    async openArrears(now: Date, limit: number): Promise<number> {
      const opened = await db.transaction(async (tx) => {
        const unpaid = await repository.claimUnpaid(now, limit, tx);
        const employers = await repository.employersOf(
          unpaid.map((e) => e.gigId),
          tx,
        );
        const cases: ArrearsRecord[] = [];
        for (const engagement of unpaid) {
          const employerId = employers.get(engagement.gigId);
          if (!employerId) continue;
          const opened = await repository.arrears.open(
            {
              engagementId: engagement.id,
              employerId,
              workerId: engagement.workerId,
              owedFen: engagement.amountDueFen - engagement.confirmedFen,
              openedAt: now,
            },
            tx,
          );
          if (!opened) continue;
          await repository.disputes.tieToCase(engagement.id, opened.id, tx);
          cases.push(opened);
        }
        return cases;
      });
      for (const found of opened) tellArrears(found, 'arrears:opened');
      return opened.length;
    },

    paymentsOf: (engagementIds: readonly string[]): Promise<PaymentEntry[]> =>
      repository.payments.ofEngagements(engagementIds),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
