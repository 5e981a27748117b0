import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.js';
import type { FollowUpNoticeKind } from '../../db/schema/index.js';

/** A notice due: this worker's spell (its start as PostgreSQL wrote it), the kind, the station told. */
export type NoticeClaim = { workerId: string; sinceKey: string; kind: FollowUpNoticeKind; stationId: string };

export function createFollowUpNoticesRepository(db: Database) {
  return {
    /**
     * Claims the notices not sent yet: each (worker, spell, kind) once, whichever sweep inserts it
     * first; returns the ones this call claimed.
     */
    async claim(claims: readonly NoticeClaim[], at: Date, tx: Executor): Promise<NoticeClaim[]> {
      if (claims.length === 0) return [];
      const column = <K extends keyof NoticeClaim>(key: K) => `{${claims.map((c) => c[key]).join(',')}}`;
      const rows = (await tx.execute(sql`
        insert into follow_up_notices (worker_id, spell_since, kind, station_id, sent_at)
        select c.worker_id, c.since::timestamptz, c.kind, c.station_id, ${at.toISOString()}::timestamptz
        from unnest(${column('workerId')}::uuid[], ${`{${claims.map((c) => `"${c.sinceKey}"`).join(',')}}`}::text[],
                    ${column('kind')}::text[], ${column('stationId')}::uuid[]) as c(worker_id, since, kind, station_id)
        on conflict do nothing
        returning worker_id as "workerId", kind, station_id as "stationId"`)) as unknown as Omit<
        NoticeClaim,
        'sinceKey'
      >[];
      const key = (c: { workerId: string; kind: string }) => `${c.workerId}:${c.kind}`;
      const claimed = new Set(rows.map(key));
      return claims.filter((c) => claimed.has(key(c)));
    },

    /** The operators of each of these stations. */
    async operatorsOf(
      stationIds: readonly string[],
      executor: Executor = db,
    ): Promise<Map<string, string[]>> {
      if (stationIds.length === 0) return new Map();
      const rows = (await executor.execute(sql`
        select station_id as "stationId", account_id as "accountId" from station_operators
        where station_id = any(${`{${stationIds.join(',')}}`}::uuid[])`)) as unknown as {
        stationId: string;
        accountId: string;
      }[];
      const byStation = new Map<string, string[]>();
      for (const row of rows)
        byStation.set(row.stationId, [...(byStation.get(row.stationId) ?? []), row.accountId]);
      return byStation;
    },

    /** The erasure (PIPL): the notices name the worker's spells; they go with the requests. */
    async forgetWorker(workerId: string, tx: Executor): Promise<void> {
      await tx.execute(sql`delete from follow_up_notices where worker_id = ${workerId}`);
    },
  };
}

export type FollowUpNoticesRepository = ReturnType<typeof createFollowUpNoticesRepository>;
