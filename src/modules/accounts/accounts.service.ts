import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Role } from '../../db/schema/index.js';
import { AppError, badInput, ErrorCode } from '../../errors.js';
import { decoyHash, hashPassword, verifyPassword } from '../../security/passwords.js';
import type { AuditTrail } from '../audit/audit.service.js';
import { parseMobile } from '../registry/phone.js';
import type { AccountRecord, AccountsRepository } from './accounts.repository.js';
import type { LoginLockout } from './login-lockout.js';
import type { AccessClaims, AccountViewer, Actor, RequestOrigin } from './viewer.js';

export const PASSWORD_MIN = 8;

export type Session = { token: string; refreshToken: string; expiresAt: Date; account: AccountRecord };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function checkPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) {
    throw badInput(field, `The password must have at least ${PASSWORD_MIN} characters.`);
  }
  if (password.length > 200) throw badInput(field, 'The password may have at most 200 characters.');
}

export function normalizePhone(raw: string, field = 'phone'): string {
  const parsed = parseMobile(raw);
  if (!parsed.ok) throw badInput(field, parsed.reason);
  return parsed.value;
}

export function createAccountsService(deps: {
  repository: AccountsRepository;
  clock: Clock;
  signAccessToken: (claims: AccessClaims) => string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  audit: AuditTrail;
  lockout: Pick<LoginLockout, 'policy' | 'begin' | 'failed' | 'succeeded'>;
}) {
  const { repository, clock, audit, lockout } = deps;

  async function issueSession(account: AccountRecord): Promise<Session> {
    const { workerId, employerId } = await repository.profileIds(account.id);
    const now = clock.now();
    const token = deps.signAccessToken({
      sub: account.id,
      role: account.role,
      wid: workerId,
      eid: employerId,
      typ: 'access',
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await repository.addRefreshToken({
      accountId: account.id,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(now.getTime() + deps.refreshTokenTtlDays * 86_400_000),
    });
    return {
      token,
      refreshToken,
      expiresAt: new Date(now.getTime() + deps.accessTokenTtlSeconds * 1000),
      account,
    };
  }

  const wrongCredentials = () =>
    new AppError(
      ErrorCode.UNAUTHENTICATED,
      'The phone number or the password is wrong. Check both and try again.',
    );

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
                lockedUntil: locked.lockedUntil.toISOString(),
              },
            },
            repository.db,
          );
        }
        throw locked.error;
      }
      await lockout.succeeded(attempt);
      await repository.touchLogin(account.id, clock.now());
      return issueSession(account);
    },

    /**
     * Trades a refresh token for a new session; the old refresh token stops working (rotation). A
     * used one offered again means a copy is about: every refresh token of its account is revoked,
     * so each device signs in again once its access token expires.
     */
    async refresh(refreshToken: string): Promise<Session> {
      const tokenHash = sha256(refreshToken);
      const accountId = await repository.consumeRefreshToken(tokenHash, clock.now());
      if (!accountId) await repository.revokeAfterReuse(tokenHash, clock.now());
      const account = accountId ? await repository.byId(accountId) : undefined;
      if (!account || account.deletedAt) {
        throw new AppError(
          ErrorCode.UNAUTHENTICATED,
          'This refresh token is used, expired or unknown: sign in again.',
        );
      }
      return issueSession(account);
    },

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
        role: Extract<Role, 'STATION_OPERATOR' | 'ADMIN'>;
        phone: string;
        password: string;
        displayName: string;
      },
    ) {
      const phone = normalizePhone(input.phone);
      checkPassword(input.password);
      const displayName = input.displayName.trim();
      if (!displayName || displayName.length > 40)
        throw badInput('displayName', 'Give a name of 1 to 40 characters.');
      const passwordHash = await hashPassword(input.password);
      return repository.db.transaction(async (tx) => {
        const account = await repository.insert({ role: input.role, phone, passwordHash, displayName }, tx);
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

    /** Accounts by id, for relation fields. */
    byIds: (ids: readonly string[]) => repository.byIds(ids),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
