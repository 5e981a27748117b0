import type { FastifyRequest } from 'fastify';
import type { Message } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import type { RequestOrigin, Viewer } from '../modules/accounts/viewer.js';
import type { PrivateReads } from '../modules/audit/private-reads.js';
import type { Services } from '../modules/index.js';
import type { TokenSession } from '../plugins/auth.js';

declare module 'mercurius' {
  interface MercuriusContext {
    services: Services;
    viewer: Viewer | null;
    /** The session an account's token names (null for a kiosk or no token). */
    session: TokenSession | null;
    /** Why a token that was sent gave no viewer (expired, forged), for the UNAUTHENTICATED message. */
    authProblem: Message | null;
    request: FastifyRequest;
    /** Accounts signed in or registered by this very request (login, register, refresh). */
    sessionAccountIds: Set<string>;
    /** Where the request came from (the proxy-aware client address, the user agent), for the audit log. */
    origin: RequestOrigin;
    /** Workers' private fields an admin read in this request: one audit entry per worker after the answer. */
    privateReads: PrivateReads;
    /** The language the answer's messages are in (src/i18n/locale.ts says how it is chosen). */
    locale: Locale;
  }
}
