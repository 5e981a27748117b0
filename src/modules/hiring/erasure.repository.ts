import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  applications,
  crewMembers,
  crews,
  employerRoster,
  engagements,
  offers,
  ratings,
  savedSearches,
} from '../../db/schema/index.js';
import { pseudonymisedContract } from './contract-erasure.js';
import { hiringKey } from './engagements.repository.js';
import { savedSearchesKey } from './saved-searches.repository.js';

/**
 * What hiring keeps of a worker who erased their account (PIPL), written in the erasing
 * transaction. Kept, because wage law needs it (docs/security.md, "Erasure"): the hires with
 * their contract, attendance and pay, the worker pseudonymised. Forgotten: pending offers and
 * applications (withdrawn), every offer's distance from home, check-in places and codes, saved
 * searches, places on employers' rosters, crews, and the comments the worker wrote on ratings.
 * Hires not yet started are called off before this runs (work's `callOffForErasure`).
 */
export function createHiringErasure() {
  return {
    /**
     * The worker's keys hiring's writers hold before any row (advisory locks): the hiring key of
     * every hire, accept and application, and the saved-search key. The erasure takes them first,
     * so each such write is decided wholly before it (and undone by it) or after it (and refused).
     */
    keysOf(workerId: string): string[] {
      return [hiringKey(workerId), savedSearchesKey(workerId)];
    },

    async forgetWorker(
      workerId: string,
      erasure: { pseudonym: string; was: { name: string; idNumberMasked: string }; at: Date },
      tx: Executor,
    ): Promise<void> {
      const { pseudonym, was, at } = erasure;
      await tx
        .update(offers)
        .set({ status: 'WITHDRAWN', respondedAt: at })
        .where(and(eq(offers.workerId, workerId), eq(offers.status, 'PENDING')));
      await tx.update(offers).set({ distanceKm: null }).where(eq(offers.workerId, workerId));
      await tx
        .update(applications)
        .set({ status: 'WITHDRAWN', decidedAt: at })
        .where(and(eq(applications.workerId, workerId), eq(applications.status, 'APPLIED')));
      await tx.delete(savedSearches).where(eq(savedSearches.workerId, workerId));
      await tx.delete(employerRoster).where(eq(employerRoster.workerId, workerId));

      // A crew the worker led ends: its name may be the family's, and nobody leads it any more.
      const led = await tx.select({ id: crews.id }).from(crews).where(eq(crews.leaderWorkerId, workerId));
      const ledIds = led.map((crew) => crew.id);
      if (ledIds.length > 0) {
        await tx.update(crews).set({ name: pseudonym }).where(inArray(crews.id, ledIds));
        await tx
          .update(crewMembers)
          .set({ status: 'LEFT', leftAt: at })
          .where(and(inArray(crewMembers.crewId, ledIds), sql`${crewMembers.status} <> 'LEFT'`));
      }
      await tx
        .update(crewMembers)
        .set({ status: 'LEFT', leftAt: at })
        .where(and(eq(crewMembers.workerId, workerId), sql`${crewMembers.status} <> 'LEFT'`));

      // Stars stay (an employer's average is the employers' too); the words the worker wrote go.
      await tx
        .update(ratings)
        .set({ comment: null })
        .where(
          and(
            eq(ratings.byRole, 'WORKER'),
            inArray(
              ratings.engagementId,
              tx.select({ id: engagements.id }).from(engagements).where(eq(engagements.workerId, workerId)),
            ),
          ),
        );

      const hires = await tx
        .select({
          id: engagements.id,
          contractVersion: engagements.contractVersion,
          contractRecord: engagements.contractRecord,
          contractText: engagements.contractText,
          terms: engagements.terms,
        })
        .from(engagements)
        .where(eq(engagements.workerId, workerId))
        .orderBy(engagements.id)
        .for('update');
      for (const hire of hires) {
        const contract = pseudonymisedContract(hire, pseudonym, was);
        await tx
          .update(engagements)
          .set({
            ...contract,
            workerErasedAt: at,
            // Where the worker stood when checking in; the distance and the off-site flag (the
            // attendance's judgement) stay, as does a replaced first check-in (its time, distance
            // and off-site flag: no place is kept of it).
            checkInLat: null,
            checkInLng: null,
            checkInCode: null,
          })
          .where(eq(engagements.id, hire.id));
      }
    },
  };
}

export type HiringErasure = ReturnType<typeof createHiringErasure>;
