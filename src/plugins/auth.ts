import jwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { AccessClaims, Viewer } from '../modules/accounts/viewer.js';
import { looksLikeKioskToken } from '../modules/index.js';

export type Authentication = { viewer: Viewer | null; problem: string | null };

declare module 'fastify' {
  interface FastifyInstance {
    signAccessToken: (claims: AccessClaims) => string;
    /** Who a bearer token belongs to; a bad or expired token gives no viewer and says why. */
    authenticate: (token: string | null | undefined) => Promise<Authentication>;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
  }
}

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Signed access tokens (@fastify/jwt, HS256, short-lived). The same token opens GraphQL (Bearer
 * header) and the socket.io handshake (auth.token).
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    await fastify.register(jwt, {
      secret: fastify.secrets.jwtSecret,
      sign: { expiresIn: config.auth.accessTokenTtlSeconds, algorithm: 'HS256' },
      verify: { algorithms: ['HS256'] },
    });
    fastify.decorate('signAccessToken', (claims: AccessClaims) => fastify.jwt.sign(claims));
    fastify.decorate('authenticate', async (token: string | null | undefined): Promise<Authentication> => {
      if (!token) return { viewer: null, problem: null };
      // Kiosk tokens are opaque secrets kept hashed in the database, not JWTs.
      if (looksLikeKioskToken(token)) return fastify.services.stations.authenticateKiosk(token);
      try {
        const claims = fastify.jwt.verify<AccessClaims>(token);
        if (claims.typ !== 'access') return { viewer: null, problem: 'This is not an access token.' };
        return {
          viewer: {
            kind: 'account',
            accountId: claims.sub,
            role: claims.role,
            workerId: claims.wid,
            employerId: claims.eid,
          },
          problem: null,
        };
      } catch (error) {
        const expired = (error as { code?: string }).code === 'FAST_JWT_EXPIRED';
        return {
          viewer: null,
          problem: expired
            ? 'Your sign-in has expired: refresh it or sign in again.'
            : 'The token is not valid: sign in again.',
        };
      }
    });
  },
  { name: 'auth', dependencies: ['secrets'], fastify: '5.x' },
);
