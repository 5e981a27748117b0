import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { PiiVault } from '../../security/pii-vault.js';
import type { AuditService } from '../audit/audit.service.js';
import type { SmsGateway } from '../sms/sms.gateway.js';
import type { AccountsRepository } from './accounts.repository.js';
import { createAccountsService } from './accounts.service.js';
import { createLoginFailuresRepository } from './login-failures.repository.js';
import { createLoginLockout, type LockoutPolicy } from './login-lockout.js';
import { createPhoneCodes, type PhoneCodeSettings } from './phone-codes.js';
import { createPhoneCodesRepository } from './phone-codes.repository.js';
import { createPhonesService } from './phones.service.js';
import { createSessionsRepository } from './sessions.repository.js';
import { createSessionsService } from './sessions.service.js';
import type { AccessClaims } from './viewer.js';

export type AuthSettings = {
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  loginLockout: LockoutPolicy;
  phoneCodes: PhoneCodeSettings;
  /** How long a session found live is trusted without asking the database (SESSION_CHECK_CACHE_MS). */
  sessionCheckCacheMs: number;
};

/**
 * The accounts domain wired as one: sessions (one per sign-in, checked on every request and socket
 * event, ended on every node), the sign-in lock-out, accounts, texted codes and phone changes.
 */
export function createAccountServices(deps: {
  db: Database;
  clock: Clock;
  log: FastifyBaseLogger;
  vault: PiiVault;
  audit: AuditService;
  repository: AccountsRepository;
  signAccessToken: (claims: AccessClaims) => string;
  auth: AuthSettings;
  sms: { gateway: SmsGateway; signName: string };
}) {
  const { db, clock, audit, auth } = deps;
  const sessions = createSessionsService({
    repository: createSessionsRepository(db),
    accounts: deps.repository,
    clock,
    signAccessToken: deps.signAccessToken,
    accessTokenTtlSeconds: auth.accessTokenTtlSeconds,
    refreshTokenTtlDays: auth.refreshTokenTtlDays,
    audit,
    checkCacheMs: auth.sessionCheckCacheMs,
  });
  // Numbers and addresses in the lock-out and the code tables are keyed hashes, so neither lists
  // phone numbers; codes are kept as an HMAC with the same server secret.
  const key = (value: string) => deps.vault.fingerprint(value);
  const lockout = createLoginLockout({
    repository: createLoginFailuresRepository(db),
    clock,
    policy: auth.loginLockout,
    key,
  });
  const accounts = createAccountsService({ repository: deps.repository, clock, audit, sessions, lockout });
  const phoneCodes = createPhoneCodes({
    repository: createPhoneCodesRepository(db),
    accounts: deps.repository,
    gateway: deps.sms.gateway,
    signName: deps.sms.signName,
    clock,
    log: deps.log,
    settings: auth.phoneCodes,
    key,
  });
  const phones = createPhonesService({
    repository: deps.repository,
    codes: phoneCodes,
    lockout,
    issueSession: accounts.issueSession,
    audit,
    clock,
  });
  return { sessions, accounts, phoneCodes, phones };
}
