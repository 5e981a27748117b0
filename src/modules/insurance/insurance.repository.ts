import { inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import { accidentPolicies, type CoverPayer } from '../../db/schema/index.js';

export type AccidentPolicyRecord = typeof accidentPolicies.$inferSelect;

/** Why a gig needs cover: its risky trades (codes) and whether it is a public-welfare post. */
export type CoverNeedRow = { gigId: string; riskyTrades: string[]; publicWelfare: boolean };

export function createInsuranceRepository(db: Database) {
  return {
    /** Each gig's risky trades (skills.accident_risk) and its public-welfare flag; unknown ids are left out. */
    async needOf(gigIds: readonly string[], tx: Executor = db): Promise<CoverNeedRow[]> {
      if (gigIds.length === 0) return [];
      const rows = (await tx.execute(sql`
        select g.id as "gigId", g.public_welfare as "publicWelfare",
          coalesce(array_agg(s.code order by s.code) filter (where s.accident_risk), '{}') as "riskyTrades"
        from gigs g
        left join gig_skills gs on gs.gig_id = g.id
        left join skills s on s.code = gs.skill_code
        where g.id in (${sql.join(
          gigIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        group by g.id, g.public_welfare`)) as unknown as CoverNeedRow[];
      return rows;
    },

    async policiesOf(engagementIds: readonly string[], tx: Executor = db): Promise<AccidentPolicyRecord[]> {
      if (engagementIds.length === 0) return [];
      return tx
        .select()
        .from(accidentPolicies)
        .where(inArray(accidentPolicies.engagementId, [...engagementIds]))
        .orderBy(accidentPolicies.coveredOn);
    },

    /** Records issued policies; a day already covered keeps the policy it had. */
    async record(
      rows: {
        engagementId: string;
        coveredOn: string;
        provider: string;
        insurer: string;
        policyNumber: string;
        payer: CoverPayer;
        arrangedByAccountId: string | null;
        issuedAt: Date;
      }[],
      tx: Executor,
    ): Promise<AccidentPolicyRecord[]> {
      if (rows.length === 0) return [];
      return tx
        .insert(accidentPolicies)
        .values(rows)
        .onConflictDoNothing({ target: [accidentPolicies.engagementId, accidentPolicies.coveredOn] })
        .returning();
    },
  };
}

export type InsuranceRepository = ReturnType<typeof createInsuranceRepository>;
