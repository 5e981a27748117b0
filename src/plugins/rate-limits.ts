import fp from 'fastify-plugin';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import { text } from '../i18n/text.js';
import { createFixedWindow } from '../security/fixed-window.js';

/**
 * Counts `mutations` changes of one caller (`account:<id>` or `ip:<address>`) against its minute;
 * past MUTATION_RATE_LIMIT, RATE_LIMITED and none of them may run. Every door that changes the
 * market counts here: GraphQL mutations and the socket's `offer:accept` share one counter. A
 * station operator's changes (`budget: 'station'`, its walk-ins' registrations and what it does
 * for them) count against STATION_MUTATION_RATE_LIMIT instead.
 */
export type LimitMutations = (caller: string, mutations: number, budget?: 'standard' | 'station') => void;

/**
 * Counts `n` sign-in calls (login, registration, phone codes, password reset, unlock, refresh):
 * a signed-in caller (`account:<id>`) against AUTH_ACCOUNT_RATE_LIMIT_MAX, an anonymous one
 * (`ip:<address>`) against AUTH_RATE_LIMIT_MAX, both per AUTH_RATE_LIMIT_WINDOW_SECONDS.
 */
export type LimitSignIns = (caller: string, n: number) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** See LimitSignIns: GraphQL's preExecution hook counts through it. */
    limitSignIns: LimitSignIns;
    /** See LimitMutations: GraphQL's hook and the socket handlers count through it. */
    limitMutations: LimitMutations;
  }
}

/**
 * Fixed windows on the injected clock, keyed by the caller: the signed-in account's id, else the
 * client address (request.ip, which honours X-Forwarded-For only from TRUST_PROXY's proxies). They
 * need no HTTP request, so a socket event counts against the same minute as a mutation. Counts are
 * kept in each node's memory. Guessing is held by limits that do not grow with these budgets: wrong
 * passwords per address (LOGIN_ADDRESS_MAX_FAILURES) and per number (login-lockout.ts), wrong codes
 * per code, number and address (phone-codes.ts). The numbers and why: docs/security.md.
 */
export default fp(
  async (fastify, { config, clock = systemClock }: { config: Config; clock?: Clock }) => {
    const { max, accountMax, windowSeconds } = config.auth.rateLimit;
    const windowMs = windowSeconds * 1000;
    const addresses = createFixedWindow({ max, windowMs, clock });
    const accounts = createFixedWindow({ max: accountMax, windowMs, clock });
    fastify.decorate('limitSignIns', (caller: string, n: number) => {
      const signedIn = caller.startsWith('account:');
      const { allowed, retryAfterSeconds } = (signedIn ? accounts : addresses).count(`auth:${caller}`, n);
      if (!allowed) {
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          text(signedIn ? 'limits:signInsAccount' : 'limits:signInsAddress', { retryAfterSeconds }),
          { retryAfterSeconds },
        );
      }
    });

    const { perMinute, stationPerMinute } = config.mutationRateLimit;
    const windows = {
      standard: { perMinute, window: createFixedWindow({ max: perMinute, windowMs: 60_000, clock }) },
      station: {
        perMinute: stationPerMinute,
        window: createFixedWindow({ max: stationPerMinute, windowMs: 60_000, clock }),
      },
    };
    fastify.decorate(
      'limitMutations',
      (caller: string, n: number, budget: 'standard' | 'station' = 'standard') => {
        const { window, perMinute: limit } = windows[budget];
        const { allowed, retryAfterSeconds } = window.count(`mutation:${caller}`, n);
        if (!allowed) {
          throw new AppError(ErrorCode.RATE_LIMITED, text('limits:mutations', { limit, retryAfterSeconds }), {
            retryAfterSeconds,
          });
        }
      },
    );
  },
  { name: 'rate-limits', fastify: '5.x' },
);
