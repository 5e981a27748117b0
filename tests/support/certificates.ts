import { type SQL, sql } from 'drizzle-orm';
import { pgArray } from '../../src/db/arrays.js';
import { enqueueOutbox } from '../../src/outbox/outbox.js';
import type { TestApp } from './app.js';

/**
 * The SQL giving each worker a 特种作业操作证, valid for years from `now`, for every
 * special-operation trade they list (welder, electrician, scaffolder: docs/skills.md).
 */
export function operationCertificatesSql(workerIds: readonly string[], now: Date): SQL {
  return sql`
    insert into worker_certificates (worker_id, skill_code, kind, number, issuer, issued_on, expires_on,
      verified_by, verified_at, created_at)
    select ws.worker_id, ws.skill_code, 'SPECIAL_OPERATION',
      'T' || replace(ws.worker_id::text, '-', '') || ws.skill_code, '测试应急管理局',
      (${now.toISOString()}::timestamptz - interval '30 days')::date,
      (${now.toISOString()}::timestamptz + interval '3 years')::date,
      'STATION_OPERATOR', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from worker_skills ws join skills s on s.code = ws.skill_code and s.special_operation is not null
    where ws.worker_id = any(${pgArray([...workerIds])}::uuid[])
    on conflict do nothing`;
}

/**
 * Gives the workers their 特种作业操作证 (operationCertificatesSql), written straight to the table
 * as the seeded workers are, so that fixtures of those trades are offered and hired as before the
 * rule, and sends them to the workers index. Tests of the rule itself record certificates through
 * the API instead.
 */
export async function holdOperationCertificates(t: TestApp, workerIds: readonly string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await t.app.db.transaction(async (tx) => {
    await tx.execute(operationCertificatesSql(workerIds, t.app.clock.now()));
    await enqueueOutbox('workers', [...workerIds], tx);
  });
  await t.app.outbox.drain();
}
