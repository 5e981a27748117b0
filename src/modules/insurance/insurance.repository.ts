import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { accidentPolicies, type CoverPayer, gigAccidentCover } from '../../db/schema/index.js';
import type { CoverNeed, CoverStatement } from './cover.js';

export type AccidentPolicyRecord = typeof accidentPolicies.$inferSelect;

/** Why a gig needs cover (its risky trades by code, its public-welfare flag) and what its posting stated. */
export type CoverNeedRow = CoverNeed & { gigId: string };

/** A worker's policy as the PIPL export lists it: the hire's gig named. */
export type WorkerPolicyRow = AccidentPolicyRecord & { gigId: string; gigTitle: string };

export function createInsuranceRepository(db: Database) {
  return {
    /** Each gig's risky trades (skills.accident_risk), public-welfare flag and stated provider; unknown ids are left out. */
    async needOf(gigIds: readonly string[], tx: Executor = db): Promise<CoverNeedRow[]> {
      if (gigIds.length === 0) return [];
      const rows = (await tx.execute(sql`
        select g.id as "gigId", g.public_welfare as "publicWelfare",
          coalesce(array_agg(s.code order by s.code) filter (where s.accident_risk), '{}') as "riskyTrades",
          c.provider, c.insurer, c.policy_number as "policyNumber"
        from gigs g
        left join gig_skills gs on gs.gig_id = g.id
        left join skills s on s.code = gs.skill_code
        left join gig_accident_cover c on c.gig_id = g.id
        where g.id in (${sql.join(
          gigIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        group by g.id, g.public_welfare, c.provider, c.insurer, c.policy_number`)) as unknown as (Omit<
        CoverNeedRow,
        'stated'
      > &
        Partial<CoverStatement>)[];
      return rows.map(({ provider, insurer, policyNumber, ...need }) => ({
        ...need,
        stated: provider ? { provider, insurer: insurer ?? null, policyNumber: policyNumber ?? null } : null,
      }));
    },

    /** The posting's statement of who provides its cover, written with the gig. */
    async stateCover(gigId: string, statement: CoverStatement, at: Date, tx: Executor): Promise<void> {
      await tx.insert(gigAccidentCover).values({ gigId, ...statement, statedAt: at });
    },

    /** The issued policies of these hires, by day (a day only reserved is not covered yet). */
    async policiesOf(engagementIds: readonly string[], tx: Executor = db): Promise<AccidentPolicyRecord[]> {
      if (engagementIds.length === 0) return [];
      return tx
        .select()
        .from(accidentPolicies)
        .where(
          and(
            inArray(accidentPolicies.engagementId, [...engagementIds]),
            eq(accidentPolicies.status, 'ISSUED'),
          ),
        )
        .orderBy(accidentPolicies.coveredOn);
    },

    /** Days of a hire reserved by a request still in flight (not issued, not given up). */
    async reservedDays(engagementId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ coveredOn: accidentPolicies.coveredOn })
        .from(accidentPolicies)
        .where(and(eq(accidentPolicies.engagementId, engagementId), eq(accidentPolicies.status, 'RESERVED')));
      return rows.map((r) => r.coveredOn);
    },

    /**
     * Reserves the days for one request before the insurer is asked: a day nobody holds, or one
     * whose reservation is older than `staleBefore` (its request died), becomes this request's.
     * Answers the days this request holds; a day issued or reserved by another is not among them.
     */
    async reserve(
      request: {
        requestId: string;
        engagementId: string;
        days: readonly string[];
        provider: string;
        insurer: string;
        payer: CoverPayer;
        arrangedByAccountId: string | null;
      },
      at: Date,
      staleBefore: Date,
      tx: Executor,
    ): Promise<string[]> {
      if (request.days.length === 0) return [];
      const rows = (await tx.execute(sql`
        insert into accident_policies as p
          (engagement_id, covered_on, status, provider, insurer, payer, arranged_by_account_id, request_id, reserved_at)
        select ${request.engagementId}::uuid, d::date, 'RESERVED', ${request.provider}, ${request.insurer},
          ${request.payer}, ${request.arrangedByAccountId}::uuid, ${request.requestId}::uuid, ${at.toISOString()}::timestamptz
        from unnest(array[${sql.join(
          request.days.map((day) => sql`${day}::date`),
          sql`, `,
        )}]) d
        on conflict (engagement_id, covered_on) do update
          set request_id = excluded.request_id, reserved_at = excluded.reserved_at,
            arranged_by_account_id = excluded.arranged_by_account_id, provider = excluded.provider,
            insurer = excluded.insurer, payer = excluded.payer
          where p.status = 'RESERVED' and p.reserved_at < ${staleBefore.toISOString()}::timestamptz
        returning covered_on::text as "coveredOn"`)) as unknown as { coveredOn: string }[];
      return rows.map((r) => r.coveredOn).sort();
    },

    /** Records the insurer's policies on the days this request reserved; answers the rows issued. */
    async issue(
      requestId: string,
      policies: readonly { coveredOn: string; policyNumber: string }[],
      issuedAt: Date,
      tx: Executor,
    ): Promise<AccidentPolicyRecord[]> {
      const issued: AccidentPolicyRecord[] = [];
      for (const policy of policies) {
        const rows = await tx
          .update(accidentPolicies)
          .set({ status: 'ISSUED', policyNumber: policy.policyNumber, issuedAt })
          .where(
            and(
              eq(accidentPolicies.requestId, requestId),
              eq(accidentPolicies.coveredOn, policy.coveredOn),
              eq(accidentPolicies.status, 'RESERVED'),
            ),
          )
          .returning();
        issued.push(...rows);
      }
      return issued;
    },

    /** Gives up a request's reservations (the insurer refused or failed): the days may be asked for again. */
    async release(requestId: string, tx: Executor = db): Promise<void> {
      await tx
        .delete(accidentPolicies)
        .where(and(eq(accidentPolicies.requestId, requestId), eq(accidentPolicies.status, 'RESERVED')));
    },

    /** A worker's issued policies, every hire's, with the gig each covered (PIPL export). */
    async policiesOfWorker(workerId: string, tx: Executor = db): Promise<WorkerPolicyRow[]> {
      return (await tx.execute(sql`
        select p.id, p.engagement_id as "engagementId", p.covered_on::text as "coveredOn", p.status,
          p.provider, p.insurer, p.policy_number as "policyNumber", p.payer,
          p.arranged_by_account_id as "arrangedByAccountId", p.request_id as "requestId",
          p.reserved_at as "reservedAt", p.issued_at as "issuedAt", g.id as "gigId", g.title as "gigTitle"
        from accident_policies p
        join engagements e on e.id = p.engagement_id
        join gigs g on g.id = e.gig_id
        where e.worker_id = ${workerId}::uuid and p.status = 'ISSUED'
        order by p.covered_on, p.id`)) as unknown as WorkerPolicyRow[];
    },
  };
}

export type InsuranceRepository = ReturnType<typeof createInsuranceRepository>;
