import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError, ErrorCode } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one sign-in or registration attempt from this client; past the limit, RATE_LIMITED. */
    limitAuthAttempt: (request: FastifyRequest) => Promise<void>;
  }
}

/**
 * @fastify/rate-limit, used from the resolvers of login and registration: all GraphQL goes through
 * one route, so the limit is per operation, not per URL. Counted per client address.
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
  },
  { name: 'rate-limits', fastify: '5.x' },
);
