import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { Services } from '../modules/index.js';

declare module 'mercurius' {
  interface MercuriusContext {
    services: Services;
    viewer: Viewer | null;
    /** Why a token that was sent gave no viewer (expired, forged), for the UNAUTHENTICATED message. */
    authProblem: string | null;
    request: FastifyRequest;
    /** Accounts signed in or registered by this very request (login, register, refresh). */
    sessionAccountIds: Set<string>;
  }
}
