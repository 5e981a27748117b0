import type { Clock } from '../../clock.js';
import type { Role } from '../../db/schema/index.js';
import { AppError, badInput, createProblems, ErrorCode } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { text } from '../../i18n/text.js';
import { decoyHash, hashPassword, verifyPassword } from '../../security/passwords.js';
import { toShanghaiIso } from '../../time.js';
import type { AuditTrail } from '../audit/audit.service.js';
import { parseMobile } from '../registry/phone.js';
import type { AccountRecord, AccountsRepository } from './accounts.repository.js';
import type { LoginLockout } from './login-lockout.js';
import { checkPassword } from './passwords.js';
import { checkSignInDetails } from './registration.js';
import { accountSuspended, type Session, type SessionsService } from './sessions.service.js';
import type { AccountViewer, Actor, RequestOrigin } from './viewer.js';

export { checkPassword, PASSWORD_MIN, passwordProblem } from './passwords.js';
export type { Session } from './sessions.service.js';

export function normalizePhone(raw: string, field = 'phone'): string {
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw badInput(field, parsed.reason);
  return parsed.value;
}

export function createAccountsService(deps: {
  repository: AccountsRepository;
  clock: Clock;
  /** Sessions begin and rotate there (sessions.service.ts). */
  sessions: Pick<SessionsService, 'start' | 'refresh'>;
  audit: AuditTrail;
  lockout: Pick<LoginLockout, 'policy' | 'begin' | 'failed' | 'succeeded'>;
}) {
  const { repository, clock, audit, lockout } = deps;

  /** A new session (sessions.service.ts): a suspended account is refused with ACCOUNT_SUSPENDED. */
  const issueSession = (account: AccountRecord): Promise<Session> => deps.sessions.start(account);

  const wrongCredentials = () => new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:wrongCredentials'));

  return {
    issueSession,

    /**
     * Signs in by phone and password; repeated failures slow down and then lock the phone (known or
     * not) for the client address they come from (login-lockout.ts).
     */
    async login(phone: string, password: string, origin: RequestOrigin | null = null): Promise<Session> {
      const parsed = parseMobile(phone);
      const attempt = await lockout.begin(parsed.ok ? parsed.value : phone.trim(), origin?.ip ?? null);
      const account = parsed.ok ? await repository.byPhone(parsed.value) : undefined;
      // Verify against a decoy when the phone is unknown, so timing does not reveal who is registered.
      const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
      if (!account?.passwordHash || !ok) {
        const locked = await lockout.failed(attempt);
        if (!locked) throw wrongCredentials();
        if (account) {
          await audit.record(
            {
              actor: null,
              origin,
              action: 'LOGIN_LOCKED',
              subjectType: 'ACCOUNT',
              subjectId: account.id,
              details: {
                scope: locked.scope,
                failures: locked.failures,
                lockMinutes: lockout.policy.lockMinutes,
                lockedUntil: toShanghaiIso(locked.lockedUntil),
              },
            },
            repository.db,
          );
        }
        throw locked.error;
      }
      // The right password of a suspended account: told so, and nothing is written.
      if (account.suspendedAt) throw accountSuspended();
      await lockout.succeeded(attempt);
      await repository.touchLogin(account.id, clock.now());
      return issueSession(account);
    },

    /**
     * Trades a refresh token for a new pair within its session (rotation); a used one offered again
     * ends that session and revokes every refresh token of the account (sessions.service.ts).
     */
    refresh: (refreshToken: string): Promise<Session> => deps.sessions.refresh(refreshToken),

    async accountOf(viewer: AccountViewer): Promise<AccountRecord | null> {
      const account = await repository.byId(viewer.accountId);
      return account && !account.deletedAt ? account : null;
    },

    /**
     * The first admin, from ADMIN_PHONE and ADMIN_PASSWORD: created once, its password updated when
     * the configured one changed. A phone already used by a non-admin account is refused.
     */
    async ensureAdmin(admin: {
      phone: string;
      password: string;
    }): Promise<'created' | 'updated' | 'unchanged'> {
      const phone = normalizePhone(admin.phone, 'ADMIN_PHONE');
      checkPassword(admin.password, 'ADMIN_PASSWORD');
      const existing = await repository.byPhone(phone);
      if (!existing) {
        const passwordHash = await hashPassword(admin.password);
        await repository.db.transaction(async (tx) => {
          const created = await repository.insert(
            {
              role: 'ADMIN',
              phone,
              passwordHash,
              displayName: '管理员',
            },
            tx,
          );
          await audit.record(
            {
              actor: null,
              action: 'STAFF_ACCOUNT_CREATED',
              subjectType: 'ACCOUNT',
              subjectId: created.id,
              details: { role: 'ADMIN', displayName: created.displayName },
            },
            tx,
          );
        });
        return 'created';
      }
      if (existing.role !== 'ADMIN') {
        throw new Error(
          `ADMIN_PHONE ${phone} already belongs to a ${existing.role} account; choose another phone`,
        );
      }
      if (await verifyPassword(existing.passwordHash, admin.password)) return 'unchanged';
      const passwordHash = await hashPassword(admin.password);
      await repository.db.transaction(async (tx) => {
        await repository.setPassword(existing.id, passwordHash, tx);
        await audit.record(
          {
            actor: null,
            action: 'ADMIN_PASSWORD_SET',
            subjectType: 'ACCOUNT',
            subjectId: existing.id,
          },
          tx,
        );
      });
      return 'updated';
    },

    /** A staff account (station operator or admin) created by an admin; `actor` null is the system (the demo seed). */
    async createStaffAccount(
      actor: Actor | null,
      input: {
        role: Role;
        phone: string;
        password: string;
        displayName: string;
      },
    ) {
      // Every problem in one answer.
      const problems = createProblems();
      const role = input.role === 'STATION_OPERATOR' || input.role === 'ADMIN' ? input.role : null;
      if (!role) problems.add('input.role', text('accounts:staffRole'));
      const { phone } = checkSignInDetails(problems, {
        phone: input.phone,
        password: input.password,
        phoneRequired: true,
        passwordRequired: true,
      });
      const displayName = input.displayName.trim();
      if (!displayName || displayName.length > 40) problems.add('displayName', text('accounts:displayName'));
      problems.throwIfAny();
      if (!role || !phone) throw new Error('unreachable: a bad role or phone was reported above');
      const passwordHash = await hashPassword(input.password);
      return repository.db.transaction(async (tx) => {
        const account = await repository.insert({ role, phone, passwordHash, displayName }, tx);
        await audit.record(
          {
            actor,
            action: 'STAFF_ACCOUNT_CREATED',
            subjectType: 'ACCOUNT',
            subjectId: account.id,
            details: { role: account.role, displayName },
          },
          tx,
        );
        return account;
      });
    },

    /**
     * The language the account chose (setMyLocale, or at registration), or null to follow the
     * device. Its next access token carries it; this one is unchanged.
     */
    async setLocale(actor: Actor, locale: Locale | null): Promise<AccountRecord> {
      const account = await repository.byId(actor.accountId);
      if (!account || account.deletedAt)
        throw new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:accountGone'));
      await repository.db.transaction((tx) => repository.setLocale(account.id, locale, tx));
      return { ...account, locale };
    },

    /**
     * The language to tell an account things in when there is no request to ask (an SMS, a push):
     * its own choice, else Chinese. Other domains (SMS) take this, not the column.
     */
    async localeOfAccount(accountId: string): Promise<Locale> {
      return (await repository.chosenLocales([accountId])).get(accountId) ?? DEFAULT_LOCALE;
    },

    /** Accounts by id, for relation fields. */
    byIds: (ids: readonly string[]) => repository.byIds(ids),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
