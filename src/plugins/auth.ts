import jwt from '@fastify/jwt';
import { createVerifier } from 'fast-jwt';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Message } from '../errors.js';
import { localeOf } from '../i18n/locale.js';
import { text } from '../i18n/text.js';
import type { AccessClaims, Viewer } from '../modules/accounts/viewer.js';
import { looksLikeKioskToken } from '../modules/index.js';

/** The session an account's token names, and when the token expires (ms since the epoch, wall clock). */
export type TokenSession = { id: string; accountId: string; version: number; expiresAtMs: number | null };

/** Who a token names (or why none, put into words where the answer is made), and for an account its session. */
export type Authentication = {
  viewer: Viewer | null;
  problem: Message | null;
  session?: TokenSession | null;
};

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

/** Tokens whose signature was checked, kept by each node (a few hundred bytes each). */
const VERIFIED_TOKENS = 20_000;
/** How long a verified token is kept at most (its `exp` ends the keeping sooner). */
const VERIFIED_FOR_MS = 600_000;

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Signed access tokens (@fastify/jwt, HS256, short-lived). The same token opens GraphQL (Bearer
 * header) and the socket.io handshake (auth.token). A good signature is not enough: the session
 * the token names must be live and the account's token version still the token's
 * (sessions.service.ts `check`, cached briefly and dropped on every node when sessions end).
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    await fastify.register(jwt, {
      secret: fastify.secrets.jwtSecret,
      sign: { expiresIn: config.auth.accessTokenTtlSeconds, algorithm: 'HS256' },
      verify: { algorithms: ['HS256'] },
    });
    fastify.decorate('signAccessToken', (claims: AccessClaims) => fastify.jwt.sign(claims));
    // The same check as fastify.jwt.verify (HS256, the same secret), and a token whose signature
    // checked out is not checked again until it expires or 10 minutes pass, so a phone's every
    // request or accept does not pay for a signature. Failures are never kept. The session is
    // checked every time. Kept here rather than in fast-jwt's cache, which keys each token by a
    // SHA-256 of it (a hash per request, a tenth of the accept race's auth); the key here is the
    // whole token, so a token differing in any byte (a changed payload under a copied signature)
    // is never taken for a kept one.
    const verifyToken = createVerifier({ key: fastify.secrets.jwtSecret, algorithms: ['HS256'] });
    const verified = new Map<string, { claims: AccessClaims; until: number }>();
    const nowMs = () => fastify.clock.now().getTime();
    function verifiedClaims(token: string): AccessClaims {
      const kept = verified.get(token);
      if (kept && kept.until > nowMs()) return kept.claims;
      if (kept) verified.delete(token);
      const claims = verifyToken(token) as AccessClaims;
      const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY;
      // The oldest kept goes first when full (one verification more for it, if it comes back).
      const oldest = verified.size >= VERIFIED_TOKENS ? verified.keys().next().value : undefined;
      if (oldest !== undefined) verified.delete(oldest);
      verified.set(token, { claims, until: Math.min(expiresAt, nowMs() + VERIFIED_FOR_MS) });
      return claims;
    }
    fastify.decorate('authenticate', async (token: string | null | undefined): Promise<Authentication> => {
      if (!token) return { viewer: null, problem: null };
      // Kiosk tokens are opaque secrets kept hashed in the database, not JWTs.
      if (looksLikeKioskToken(token)) return fastify.services.stations.authenticateKiosk(token);
      let claims: AccessClaims;
      try {
        claims = verifiedClaims(token);
      } catch (error) {
        const expired = (error as { code?: string }).code === 'FAST_JWT_EXPIRED';
        return {
          viewer: null,
          problem: expired ? text('api:tokenExpired') : text('api:tokenInvalid'),
        };
      }
      if (claims.typ !== 'access') return { viewer: null, problem: text('api:notAccessToken') };
      // Every token names its session and the account's token version; one that does not is
      // from before sessions existed, and cannot be ended, so it is not taken.
      if (typeof claims.sid !== 'string' || typeof claims.ver !== 'number')
        return { viewer: null, problem: text('api:tokenFromOlderSignIn') };
      // Outside the try: PostgreSQL being down is SERVICE_UNAVAILABLE, not a bad token.
      const ended = await fastify.services.sessions.check({
        accountId: claims.sub,
        sessionId: claims.sid,
        version: claims.ver,
      });
      if (ended) return { viewer: null, problem: ended.message };
      return {
        session: {
          id: claims.sid,
          accountId: claims.sub,
          version: claims.ver,
          expiresAtMs: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
        },
        viewer: {
          kind: 'account',
          accountId: claims.sub,
          role: claims.role,
          workerId: claims.wid,
          employerId: claims.eid,
          // The language the account chose when the token was signed (absent: the device decides).
          locale: localeOf(claims.loc),
        },
        problem: null,
      };
    });
  },
  { name: 'auth', dependencies: ['secrets'], fastify: '5.x' },
);
