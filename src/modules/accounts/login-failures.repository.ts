import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';

/** How many attempts a phone has in a window, and how long a window (and a lock) lasts. */
export type LockoutWindow = { maxFailures: number; windowMs: number };

export type AttemptCount = { allowed: true; failures: number } | { allowed: false; lockedUntil: Date | null };

export function createLoginFailuresRepository(db: Database) {
  const t = loginFailures;
  return {
    /**
     * Counts one attempt before its password is checked, in one statement, so attempts racing on
     * several nodes are counted one by one and no more than `maxFailures` are ever checked in a
     * window. A window (or a lock) that is over starts a new count. Refused while locked, or when
     * the window's attempts are all used.
     */
    async count(
      phoneKey: string,
      now: Date,
      { maxFailures, windowMs }: LockoutWindow,
    ): Promise<AttemptCount> {
      // Raw SQL takes instants as ISO strings (drizzle's postgres.js driver sends no Date).
      const at = sql`${now.toISOString()}::timestamptz`;
      const windowStart = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
      const over = sql`((${t.lockedUntil} is not null and ${t.lockedUntil} <= ${at}) or (${t.lockedUntil} is null and ${t.windowStartedAt} <= ${windowStart}))`;
      const [row] = await db
        .insert(t)
        .values({ phoneKey, failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: t.phoneKey,
          set: {
            failures: sql`case when ${over} then 1 else ${t.failures} + 1 end`,
            windowStartedAt: sql`case when ${over} then ${at} else ${t.windowStartedAt} end`,
            lockedUntil: null,
          },
          setWhere: sql`${over} or (${t.lockedUntil} is null and ${t.failures} < ${maxFailures})`,
        })
        .returning({ failures: t.failures });
      if (row) return { allowed: true, failures: row.failures };
      const [held] = await db.select({ lockedUntil: t.lockedUntil }).from(t).where(eq(t.phoneKey, phoneKey));
      return { allowed: false, lockedUntil: held?.lockedUntil ?? null };
    },

    /** Locks the phone until `until` once its window holds `maxFailures` attempts; true if this call did. */
    async lockIfFull(phoneKey: string, until: Date, maxFailures: number): Promise<boolean> {
      const locked = await db
        .update(t)
        .set({ lockedUntil: until })
        .where(and(eq(t.phoneKey, phoneKey), gte(t.failures, maxFailures), isNull(t.lockedUntil)))
        .returning({ phoneKey: t.phoneKey });
      return locked.length > 0;
    },

    /** A sign-in succeeded: the phone's count starts again. */
    async clear(phoneKey: string): Promise<void> {
      await db.delete(t).where(eq(t.phoneKey, phoneKey));
    },

    /** Forgets the phones whose window and lock are both over (they would start again anyway). */
    async prune(now: Date, windowMs: number): Promise<void> {
      await db
        .delete(t)
        .where(
          and(
            lt(t.windowStartedAt, new Date(now.getTime() - windowMs)),
            or(isNull(t.lockedUntil), lt(t.lockedUntil, now)),
          ),
        );
    },
  };
}

export type LoginFailuresRepository = ReturnType<typeof createLoginFailuresRepository>;
