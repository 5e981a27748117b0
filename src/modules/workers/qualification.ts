import { type SQL, sql } from 'drizzle-orm';

/**
 * Who may be offered and hired into a gig, by trade qualification (docs/skills.md), as one SQL
 * condition on a worker so that matching, applications and the hire step judge it the same way:
 *
 * - a gig in a special-operation trade (特种作业: skills.special_operation) takes only holders of a
 *   特种作业操作证 for one of its special-operation trades that is valid through the gig's last day;
 * - a gig asking for `min_skill_level` takes only workers at that level or above in one of its trades.
 *
 * `workerId` is the SQL of the worker's id. A certificate must be valid on the later of `today` and
 * the gig's last day, both market days (Asia/Shanghai): it stops matching once it has expired by
 * the market clock (`today` comes from the injected clock, never the database's).
 */
export function qualifiedSql(workerId: SQL, gigId: string, today: string): SQL {
  return sql`(${certificateHeldSql(workerId, gigId, today)} and ${levelMetSql(workerId, gigId)})`;
}

/** The special-operation half of qualifiedSql: true for a gig in no special-operation trade. */
export function certificateHeldSql(workerId: SQL, gigId: string, today: string): SQL {
  return sql`(not exists (select 1 from gig_skills gs join skills s on s.code = gs.skill_code
                 where gs.gig_id = ${gigId} and s.special_operation is not null)
     or exists (select 1 from worker_certificates c
                join gigs g on g.id = ${gigId}
                join gig_skills gs on gs.gig_id = g.id and gs.skill_code = c.skill_code
                join skills s on s.code = c.skill_code and s.special_operation is not null
                where c.worker_id = ${workerId} and c.kind = 'SPECIAL_OPERATION'
                  and c.expires_on >= greatest((g.ends_at at time zone 'Asia/Shanghai')::date, ${today}::date)))`;
}

/**
 * The special-operation rule for a trade rather than a gig (the shortage report counts who could
 * take the trade's gigs): true for a trade that is no special operation, else a 特种作业操作证 for
 * the trade issued by `onDay` and valid through it (a market day, YYYY-MM-DD, as SQL).
 */
export function tradeCertificateHeldSql(workerId: SQL, skillCode: SQL, onDay: SQL): SQL {
  return sql`(not exists (select 1 from skills s where s.code = ${skillCode} and s.special_operation is not null)
     or exists (select 1 from worker_certificates c
                where c.worker_id = ${workerId} and c.skill_code = ${skillCode} and c.kind = 'SPECIAL_OPERATION'
                  and c.issued_on <= ${onDay}::date and c.expires_on >= ${onDay}::date))`;
}

/**
 * The level half of qualifiedSql: true for a gig that asks for no minimum level. The gig's row is
 * read by subqueries that do not depend on the worker (run once per statement, not once per worker
 * checked: matching checks hundreds); a gig that does not exist qualifies no one.
 */
export function levelMetSql(workerId: SQL, gigId: string): SQL {
  return sql`(exists (select 1 from gigs g where g.id = ${gigId} and g.min_skill_level is null)
     or exists (select 1 from worker_skills ws
                join gig_skills gs on gs.gig_id = ${gigId} and gs.skill_code = ws.skill_code
                where ws.worker_id = ${workerId}
                  and ws.level >= (select g.min_skill_level from gigs g where g.id = ${gigId})))`;
}

/** Why a worker does not qualify for a gig, as the refusal names it. */
export type Shortfall = 'CERTIFICATE' | 'LEVEL';
