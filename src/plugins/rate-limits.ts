import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one sign-in or registration attempt from this client; past the limit, RATE_LIMITED. */
    limitAuthAttempt: (request: FastifyRequest) => Promise<void>;
    /**
     * Counts `mutations` GraphQL mutations of one caller (`account:<id>` or `ip:<address>`); past
     * MUTATION_RATE_LIMIT a minute, RATE_LIMITED and none of them runs.
     */
    limitMutations: (request: FastifyRequest, caller: string, mutations: number) => Promise<void>;
  }
}

/**
 * @fastify/rate-limit, used from the resolvers of login and registration (counted per client
 * address) and from a GraphQL hook for every other mutation (counted per account): all GraphQL
 * goes through one route, so the limits are per operation, not per URL. Counts are kept in each
 * node's memory.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
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

    // The caller's key travels with the request: @fastify/rate-limit asks the request for it.
    const callers = new WeakMap<FastifyRequest, string>();
    const checkMutation = fastify.createRateLimit({
      max: config.mutationRateLimit.perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `mutation:${callers.get(request) ?? `ip:${request.ip}`}`,
    });
    fastify.decorate('limitMutations', async (request: FastifyRequest, caller: string, mutations: number) => {
      callers.set(request, caller);
      for (let i = 0; i < mutations; i++) {
        const result = await checkMutation(request);
        if (!result.isAllowed && result.isExceeded) {
          throw new AppError(
            ErrorCode.RATE_LIMITED,
            `Too many changes in a short time: at most ${config.mutationRateLimit.perMinute} a minute. Nothing was done; wait ${result.ttlInSeconds} seconds and try again.`,
            { retryAfterSeconds: result.ttlInSeconds },
          );
        }
      }
    });
  },
  { name: 'rate-limits', fastify: '5.x' },
);
