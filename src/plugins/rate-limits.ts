import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';
import { createFixedWindow } from '../security/fixed-window.js';

/**
 * Counts `mutations` changes of one caller (`account:<id>` or `ip:<address>`) against its minute;
 * past MUTATION_RATE_LIMIT, RATE_LIMITED and none of them may run. Every door that changes the
 * market counts here: GraphQL mutations and the socket's `offer:accept` share one counter.
 */
export type LimitMutations = (caller: string, mutations: number) => void;

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one sign-in or registration attempt from this client; past the limit, RATE_LIMITED. */
    limitAuthAttempt: (request: FastifyRequest) => Promise<void>;
    /** See LimitMutations: GraphQL's hook and the socket handlers count through it. */
    limitMutations: LimitMutations;
  }
}

/**
 * @fastify/rate-limit, used from the resolvers of login and registration (counted per client
 * address); every other change (GraphQL mutations, the socket's accepts) is counted per account
 * by one fixed window on the injected clock, which needs no HTTP request, so a socket event counts
 * against the same minute as a mutation. All GraphQL goes through one route, so the limits are
 * per operation, not per URL. Counts are kept in each node's memory.
 */
export default fp(
  async (fastify, { config, clock = systemClock }: { config: Config; clock?: Clock }) => {
    await fastify.register(rateLimit, { global: false });
    const { max, windowSeconds } = config.auth.rateLimit;
    const check = fastify.createRateLimit({
      max,
      timeWindow: windowSeconds * 1000,
      keyGenerator: (request) => `auth:${request.ip}`,
    });
    fastify.decorate('limitAuthAttempt', async (request: FastifyRequest) => {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          `Too many sign-in or registration attempts from here. Wait ${result.ttlInSeconds} seconds and try again.`,
          { retryAfterSeconds: result.ttlInSeconds },
        );
      }
    });

    const { perMinute } = config.mutationRateLimit;
    const mutations = createFixedWindow({ max: perMinute, windowMs: 60_000, clock });
    fastify.decorate('limitMutations', (caller: string, n: number) => {
      const { allowed, retryAfterSeconds } = mutations.count(`mutation:${caller}`, n);
      if (!allowed) {
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          `Too many changes in a short time: at most ${perMinute} a minute. Nothing was done; wait ${retryAfterSeconds} seconds and try again.`,
          { retryAfterSeconds },
        );
      }
    });
  },
  { name: 'rate-limits', fastify: '5.x' },
);
