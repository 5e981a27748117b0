import type { Role } from '../../db/schema/index.js';
import type { Locale } from '../../i18n/locale.js';

/**
 * Who is calling: a signed-in account, a job-station kiosk, or nobody (null). An account's
 * `locale` is the language it chose, as its token says (null or absent: the device decides).
 */
export type Viewer =
  | {
      kind: 'account';
      accountId: string;
      role: Role;
      workerId: string | null;
      employerId: string | null;
      locale?: Locale | null;
    }
  | { kind: 'kiosk'; kioskTokenId: string; stationId: string };

export type AccountViewer = Extract<Viewer, { kind: 'account' }>;

/**
 * The claims inside an access token: the account, its profiles, the session it belongs to (`sid`),
 * the account's token version when it was signed (`ver`) and the language it chose when it was
 * signed (`loc`, absent when it follows the device; a change applies from the next token); `exp`
 * is added by the signer.
 */
export type AccessClaims = {
  sub: string;
  role: Role;
  wid: string | null;
  eid: string | null;
  typ: 'access';
  sid: string;
  ver: number;
  loc?: Locale;
  exp?: number;
};

/** Where a request came from, for the audit log: the client's address and its user agent. */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

/** A signed-in account acting, and from where; the services that keep an audit trail take this. */
export type Actor = AccountViewer & { origin: RequestOrigin };
