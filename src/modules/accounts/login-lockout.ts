import type { Clock } from '../../clock.js';
import { AppError, ErrorCode } from '../../errors.js';
import { MARKET_TIME_ZONE } from '../../time.js';
import type { LoginFailuresRepository } from './login-failures.repository.js';

export type LockoutPolicy = {
  /** Failures of one number from one client address that lock that pair. */
  maxFailures: number;
  lockMinutes: number;
  /** After this many failures of a pair, each next attempt waits slowSeconds, doubled each time. */
  slowAfter: number;
  slowSeconds: number;
  /** Failures of one number from all addresses that lock the number (more than maxFailures). */
  numberMaxFailures: number;
  /**
   * Failures from one client address, all numbers together, per minute: past it every sign-in from
   * that address waits for the minute's end. Successes do not count, so a village network's many
   * people signing in use the address's sign-in budget, while guessing keeps this one.
   */
  addressMaxFailures: number;
};

/** The address's failures are counted in windows of a minute. */
const ADDRESS_WINDOW_MS = 60_000;

/** One sign-in attempt that was let through to its password check. */
export type LoginAttempt = { pairKey: string; numberKey: string; addressKey: string };

/** Which lock a refusal is: this address's on the number, or the number's everywhere. */
export type LockScope = 'ADDRESS' | 'NUMBER';

const clockTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: MARKET_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const UNLOCK_HINT =
  'or sign in with a code sent to the phone (requestPhoneCode with purpose UNLOCK, then unlockSignIn), or ask a job station for help.';

/**
 * Refusal of a locked number. The same words whether it has an account or not, and the time is
 * rounded up to the minute, so "after 14:36" is never too early.
 */
function lockedOut(until: Date, now: Date, scope: LockScope): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minute = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const from = scope === 'ADDRESS' ? ' from here' : '';
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many failed sign-ins with this phone number${from}. Try again after ${clockTime.format(minute)} Beijing time (in ${minutes} minute${minutes === 1 ? '' : 's'}), ${UNLOCK_HINT}`,
    { retryAfterSeconds, scope },
  );
}

/** The client address's wrong passwords of the minute are used up (scope NETWORK): any number waits. */
function addressFull(windowEndsAt: Date | null, now: Date): AppError {
  const until = windowEndsAt ?? new Date(now.getTime() + ADDRESS_WINDOW_MS);
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many wrong passwords from this network in the last minute: wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} and try again, ${UNLOCK_HINT}`,
    { retryAfterSeconds, scope: 'NETWORK' },
  );
}

function slowedDown(retryAt: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `Several failed sign-ins with this phone number from here: wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'} before the next try, ${UNLOCK_HINT}`,
    { retryAfterSeconds, scope: 'ADDRESS' },
  );
}

/**
 * Lock-out after repeated failed sign-ins, counted in PostgreSQL so it holds on every node and
 * across restarts, per phone number *and* client address: after LOGIN_SLOW_AFTER failures each
 * next attempt from that address waits (doubling), and LOGIN_MAX_FAILURES within
 * LOGIN_LOCK_MINUTES lock that address out of that number for LOGIN_LOCK_MINUTES. Another address
 * (the owner's) is not affected. Across addresses a number locks only at LOGIN_NUMBER_MAX_FAILURES,
 * more than one address can reach. A code sent to the phone clears every lock of its number
 * (`clearNumber`). Each attempt is counted before its password is checked, so racing attempts
 * cannot check more than allowed; a success clears its pair. Numbers and addresses are keyed
 * hashes (`key`), unknown numbers too.
 */
export function createLoginLockout(deps: {
  repository: LoginFailuresRepository;
  clock: Clock;
  policy: LockoutPolicy;
  key: (value: string) => string;
}) {
  const { repository, clock, policy } = deps;
  const windowMs = policy.lockMinutes * 60_000;
  const numberKey = (phone: string) => deps.key(`login-phone:${phone}`);

  return {
    policy,

    /** Counts an attempt for `phone` (normalised when it is a mobile number) from `ip`; a locked one is refused. */
    async begin(phone: string, ip: string | null): Promise<LoginAttempt> {
      const attempt = {
        pairKey: deps.key(`login-pair:${phone}|${ip ?? 'unknown'}`),
        numberKey: numberKey(phone),
        addressKey: deps.key(`login-address:${ip ?? 'unknown'}`),
      };
      const now = clock.now();
      // Counted first, taken back by a success: an address checks at most addressMaxFailures wrong
      // passwords a minute, however many numbers it tries and however large its sign-in budget.
      const address = await repository.count({ key: attempt.addressKey, numberKey: null }, now, {
        maxFailures: policy.addressMaxFailures,
        windowMs: ADDRESS_WINDOW_MS,
      });
      if (!address.allowed) throw addressFull(address.windowEndsAt, now);
      const pair = await repository.count({ key: attempt.pairKey, numberKey: attempt.numberKey }, now, {
        maxFailures: policy.maxFailures,
        windowMs,
        slow: { after: policy.slowAfter, ms: policy.slowSeconds * 1000 },
      });
      if (!pair.allowed) {
        await repository.uncount(attempt.addressKey);
        if (pair.retryAt) throw slowedDown(pair.retryAt, now);
        // Full but not locked yet: the last allowed attempt is still being checked.
        throw lockedOut(pair.lockedUntil ?? new Date(now.getTime() + windowMs), now, 'ADDRESS');
      }
      const number = await repository.count({ key: attempt.numberKey, numberKey: null }, now, {
        maxFailures: policy.numberMaxFailures,
        windowMs,
      });
      if (!number.allowed) {
        await repository.uncount(attempt.pairKey);
        await repository.uncount(attempt.addressKey);
        throw lockedOut(number.lockedUntil ?? new Date(now.getTime() + windowMs), now, 'NUMBER');
      }
      // A number's first attempt in a window: a moment to forget rows whose window is over.
      if (number.failures === 1) await repository.prune(now, windowMs);
      return attempt;
    },

    /**
     * The attempt's password was wrong. When it was the last allowed attempt of its pair (or of its
     * number), that is locked, and the lock's refusal is returned for the caller to throw.
     */
    async failed(
      attempt: LoginAttempt,
    ): Promise<{ error: AppError; lockedUntil: Date; scope: LockScope; failures: number } | null> {
      const now = clock.now();
      const lockedUntil = new Date(now.getTime() + windowMs);
      if (await repository.lockIfFull(attempt.numberKey, lockedUntil, policy.numberMaxFailures)) {
        return {
          error: lockedOut(lockedUntil, now, 'NUMBER'),
          lockedUntil,
          scope: 'NUMBER',
          failures: policy.numberMaxFailures,
        };
      }
      if (await repository.lockIfFull(attempt.pairKey, lockedUntil, policy.maxFailures)) {
        return {
          error: lockedOut(lockedUntil, now, 'ADDRESS'),
          lockedUntil,
          scope: 'ADDRESS',
          failures: policy.maxFailures,
        };
      }
      return null;
    },

    /** The password was right: this address starts again, and its attempt leaves the number's count. */
    async succeeded(attempt: LoginAttempt): Promise<void> {
      await repository.clear(attempt.pairKey);
      await repository.uncount(attempt.numberKey);
      await repository.uncount(attempt.addressKey);
    },

    /** The owner proved the phone with a code: every lock and count of the number goes. */
    async clearNumber(phone: string): Promise<void> {
      await repository.clearNumber(numberKey(phone));
    },
  };
}

export type LoginLockout = ReturnType<typeof createLoginLockout>;
