import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.js';
import type { Database, Executor } from '../../db/client.js';
import { workerCertificates, workerSkills, workers } from '../../db/schema/index.js';
import { marketDay } from '../../time.js';
import { certificateHeldSql, qualifiedSql, type Shortfall } from './qualification.js';

export type CertificateRecord = typeof workerCertificates.$inferSelect;
export type NewCertificate = typeof workerCertificates.$inferInsert;

/** A certificate about to expire, claimed for its one notice. */
export type ExpiringCertificate = Pick<
  CertificateRecord,
  'id' | 'workerId' | 'skillCode' | 'kind' | 'number' | 'expiresOn'
>;

/** The SQL of certificates and of the trade qualification they give (qualification.ts). */
export function createCertificatesRepository(db: Database) {
  return {
    async insert(certificate: NewCertificate, tx: Executor): Promise<CertificateRecord> {
      const [row] = await tx.insert(workerCertificates).values(certificate).returning();
      if (!row) throw new Error('insert into worker_certificates returned nothing');
      return row;
    },

    /**
     * What a certificate does to the worker's trade (docs/skills.md). A level certificate sets the
     * level, now CERTIFICATE-sourced: it replaces a self-declared level (higher or lower), and of two
     * certificates the higher level stands. A 特种作业操作证 certifies no level: it only lists the
     * trade (at the lowest level, self-declared) if the worker had not, so they match its gigs.
     * With `neverLower` (a training course's pass) a higher self-declared level is kept as it is.
     */
    async backSkill(
      certificate: CertificateRecord,
      tx: Executor,
      options: { neverLower: boolean } = { neverLower: false },
    ): Promise<void> {
      const { workerId, skillCode } = certificate;
      // The worker changed (reindex catches up by workers.updated_at).
      await tx.update(workers).set({ updatedAt: sql`now()` }).where(eq(workers.id, workerId));
      if (certificate.level === null) {
        await tx
          .insert(workerSkills)
          .values({ workerId, skillCode, level: 1 })
          .onConflictDoNothing({ target: [workerSkills.workerId, workerSkills.skillCode] });
        return;
      }
      const backed = {
        workerId,
        skillCode,
        level: certificate.level,
        certified: true,
        source: 'CERTIFICATE' as const,
        certificateId: certificate.id,
      };
      const [existing] = await tx
        .select()
        .from(workerSkills)
        .where(and(eq(workerSkills.workerId, workerId), eq(workerSkills.skillCode, skillCode)))
        .for('update');
      if (!existing) await tx.insert(workerSkills).values(backed);
      else if (
        existing.level <= certificate.level ||
        (existing.source === 'SELF_DECLARED' && !options.neverLower)
      ) {
        await tx
          .update(workerSkills)
          .set(backed)
          .where(and(eq(workerSkills.workerId, workerId), eq(workerSkills.skillCode, skillCode)));
      }
    },

    async ofWorkers(workerIds: readonly string[], tx: Executor = db): Promise<CertificateRecord[]> {
      if (workerIds.length === 0) return [];
      return tx
        .select()
        .from(workerCertificates)
        .where(inArray(workerCertificates.workerId, [...workerIds]))
        .orderBy(asc(workerCertificates.skillCode), asc(workerCertificates.issuedOn));
    },

    async byNumber(kind: CertificateRecord['kind'], number: string, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(workerCertificates)
        .where(and(eq(workerCertificates.kind, kind), eq(workerCertificates.number, number)));
      return row;
    },

    /**
     * Up to `limit` 特种作业操作证 that expire on or before `lastDay` (a market day) and whose holder
     * was not told yet, marked told in the caller's transaction: each is claimed by one node only
     * (`for update skip locked`), and told once.
     */
    async claimExpiring(
      lastDay: string,
      today: string,
      limit: number,
      tx: Executor,
    ): Promise<ExpiringCertificate[]> {
      return tx.execute<ExpiringCertificate>(sql`
        with due as (
          select id from worker_certificates
          where expiry_notice_at is null and kind = 'SPECIAL_OPERATION'
            and expires_on between ${today}::date and ${lastDay}::date
          order by expires_on, id
          limit ${limit}
          for update skip locked
        )
        update worker_certificates c set expiry_notice_at = now()
        from due where c.id = due.id
        returning c.id, c.worker_id as "workerId", c.skill_code as "skillCode", c.kind, c.number,
                  to_char(c.expires_on, 'YYYY-MM-DD') as "expiresOn"`);
    },

    /**
     * Of `workerIds`, those who may not take the gig now (qualification.ts), with what they lack:
     * the certificate when the gig's trade is a special operation and they hold no valid one, else
     * the level.
     */
    async shortfalls(
      gigId: string,
      workerIds: readonly string[],
      now: Date,
      tx: Executor = db,
    ): Promise<Map<string, Shortfall>> {
      if (workerIds.length === 0) return new Map();
      const today = marketDay(now);
      const rows = await tx.execute<{ worker_id: string; certificate: boolean }>(sql`
        select w.id as worker_id, ${certificateHeldSql(sql`w.id`, gigId, today)} as certificate
        from unnest(${pgArray([...workerIds])}::uuid[]) as w(id)
        where not ${qualifiedSql(sql`w.id`, gigId, today)}`);
      return new Map(rows.map((r) => [r.worker_id, r.certificate ? 'LEVEL' : 'CERTIFICATE']));
    },
  };
}

export type CertificatesRepository = ReturnType<typeof createCertificatesRepository>;
