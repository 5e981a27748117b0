import { and, eq, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';

/**
 * How many attempts a row allows in a window, and how long a window (and a lock) lasts. With
 * `slow`, after `after` attempts each next one waits `ms`, doubled for each attempt past it.
 */
export type LockoutWindow = {
  maxFailures: number;
  windowMs: number;
  slow?: { after: number; ms: number };
};

export type AttemptCount =
  | { allowed: true; failures: number }
  | { allowed: false; lockedUntil: Date | null; retryAt: Date | null; windowEndsAt: Date | null };

/** A row of the lock-out: a number from one address (`numberKey` its number's row), or a number. */
export type LockoutKey = { key: string; numberKey: string | null };

export function createLoginFailuresRepository(db: Database) {
  const t = loginFailures;
  return {
    /**
     * Counts one attempt before its password is checked, in one statement, so attempts racing on
     * several nodes are counted one by one and no more than `maxFailures` are ever checked in a
     * window. A window (or a lock) that is over starts a new count. Refused while locked, when the
     * window's attempts are all used, or (slowed down) too soon after the last attempt.
     */
    async count(
      { key, numberKey }: LockoutKey,
      now: Date,
      { maxFailures, windowMs, slow }: LockoutWindow,
    ): Promise<AttemptCount> {
      // Raw SQL takes instants as ISO strings (drizzle's postgres.js driver sends no Date).
      const at = sql`${now.toISOString()}::timestamptz`;
      const windowStart = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
      const over = sql`((${t.lockedUntil} is not null and ${t.lockedUntil} <= ${at}) or (${t.lockedUntil} is null and ${t.windowStartedAt} <= ${windowStart}))`;
      const patient = slow
        ? sql`(${t.failures} < ${slow.after} or ${t.lastAttemptAt} is null or ${t.lastAttemptAt} <= ${at} - make_interval(secs => ${slow.ms / 1000}::float8 * power(2, ${t.failures} - ${slow.after})))`
        : sql`true`;
      const [row] = await db
        .insert(t)
        .values({ phoneKey: key, numberKey, failures: 1, windowStartedAt: now, lastAttemptAt: now })
        .onConflictDoUpdate({
          target: t.phoneKey,
          set: {
            failures: sql`case when ${over} then 1 else ${t.failures} + 1 end`,
            windowStartedAt: sql`case when ${over} then ${at} else ${t.windowStartedAt} end`,
            lastAttemptAt: at,
            lockedUntil: null,
          },
          setWhere: sql`${over} or (${t.lockedUntil} is null and ${t.failures} < ${maxFailures} and ${patient})`,
        })
        .returning({ failures: t.failures });
      if (row) return { allowed: true, failures: row.failures };
      const [held] = await db
        .select({
          lockedUntil: t.lockedUntil,
          failures: t.failures,
          lastAttemptAt: t.lastAttemptAt,
          windowStartedAt: t.windowStartedAt,
        })
        .from(t)
        .where(eq(t.phoneKey, key));
      const windowEndsAt = held ? new Date(held.windowStartedAt.getTime() + windowMs) : null;
      if (!held || held.lockedUntil || held.failures >= maxFailures || !slow || !held.lastAttemptAt) {
        return { allowed: false, lockedUntil: held?.lockedUntil ?? null, retryAt: null, windowEndsAt };
      }
      const waitMs = slow.ms * 2 ** (held.failures - slow.after);
      return {
        allowed: false,
        lockedUntil: null,
        retryAt: new Date(held.lastAttemptAt.getTime() + waitMs),
        windowEndsAt,
      };
    },

    /** Takes back an attempt counted for a row but never checked (another row refused it). */
    async uncount(key: string): Promise<void> {
      await db.delete(t).where(and(eq(t.phoneKey, key), lte(t.failures, 1), isNull(t.lockedUntil)));
      await db
        .update(t)
        .set({ failures: sql`${t.failures} - 1` })
        .where(and(eq(t.phoneKey, key), sql`${t.failures} > 1`, isNull(t.lockedUntil)));
    },

    /** Locks the row until `until` once its window holds `maxFailures` attempts; true if this call did. */
    async lockIfFull(key: string, until: Date, maxFailures: number): Promise<boolean> {
      const locked = await db
        .update(t)
        .set({ lockedUntil: until })
        .where(and(eq(t.phoneKey, key), gte(t.failures, maxFailures), isNull(t.lockedUntil)))
        .returning({ phoneKey: t.phoneKey });
      return locked.length > 0;
    },

    /** A sign-in succeeded from this address: the pair's count starts again. */
    async clear(key: string): Promise<void> {
      await db.delete(t).where(eq(t.phoneKey, key));
    },

    /** The owner proved the phone (an SMS code): the number's row and every address's row go. */
    async clearNumber(numberKey: string): Promise<void> {
      await db.delete(t).where(or(eq(t.phoneKey, numberKey), eq(t.numberKey, numberKey)));
    },

    /** Forgets the rows whose window and lock are both over (they would start again anyway). */
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
