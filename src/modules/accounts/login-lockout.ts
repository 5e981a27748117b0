import type { Clock } from '../../clock.js';
import { AppError, ErrorCode } from '../../errors.js';
import { MARKET_TIME_ZONE } from '../../time.js';
import type { LoginFailuresRepository } from './login-failures.repository.js';

export type LockoutPolicy = { maxFailures: number; lockMinutes: number };

/** One sign-in attempt that was let through to its password check. */
export type LoginAttempt = { phoneKey: string };

const clockTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: MARKET_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/**
 * Refusal of a locked phone. The same words whether the phone has an account or not, and the time
 * is rounded up to the minute, so "after 14:36" is never too early.
 */
function lockedOut(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minute = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many failed sign-ins with this phone number. Try again after ${clockTime.format(minute)} Beijing time (in ${minutes} minute${minutes === 1 ? '' : 's'}), or ask a job station for help.`,
    { retryAfterSeconds },
  );
}

/**
 * Lock-out after repeated failed sign-ins (LOGIN_MAX_FAILURES within LOGIN_LOCK_MINUTES locks the
 * phone for LOGIN_LOCK_MINUTES), counted in PostgreSQL so it holds on every node and across
 * restarts. Each attempt is counted before its password is checked, so racing attempts cannot
 * check more than the allowed number of passwords; a success clears the count. Phones are kept
 * as a keyed hash (`phoneKey`), unknown ones too.
 */
export function createLoginLockout(deps: {
  repository: LoginFailuresRepository;
  clock: Clock;
  policy: LockoutPolicy;
  phoneKey: (phone: string) => string;
}) {
  const { repository, clock, policy } = deps;
  const windowMs = policy.lockMinutes * 60_000;

  return {
    policy,

    /** Counts an attempt for `phone` (normalised when it is a mobile number); a locked phone is refused. */
    async begin(phone: string): Promise<LoginAttempt> {
      const phoneKey = deps.phoneKey(phone);
      const now = clock.now();
      const counted = await repository.count(phoneKey, now, { maxFailures: policy.maxFailures, windowMs });
      if (!counted.allowed) {
        // Full but not locked yet: the last allowed attempt is still being checked.
        throw lockedOut(counted.lockedUntil ?? new Date(now.getTime() + windowMs), now);
      }
      // A phone's first attempt in a window: a moment to forget phones whose window is over.
      if (counted.failures === 1) await repository.prune(now, windowMs);
      return { phoneKey };
    },

    /**
     * The attempt's password was wrong. When it was the window's last allowed attempt, the phone is
     * locked, and the lock's refusal (with `lockedUntil`) is returned for the caller to throw.
     */
    async failed(attempt: LoginAttempt): Promise<{ error: AppError; lockedUntil: Date } | null> {
      const now = clock.now();
      const lockedUntil = new Date(now.getTime() + windowMs);
      const locked = await repository.lockIfFull(attempt.phoneKey, lockedUntil, policy.maxFailures);
      return locked ? { error: lockedOut(lockedUntil, now), lockedUntil } : null;
    },

    async succeeded(attempt: LoginAttempt): Promise<void> {
      await repository.clear(attempt.phoneKey);
    },
  };
}

export type LoginLockout = ReturnType<typeof createLoginLockout>;
