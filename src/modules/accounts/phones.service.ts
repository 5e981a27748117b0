import type { Clock } from '../../clock.js';
import type { PhoneCodePurpose } from '../../db/schema/index.js';
import { badInput, createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { hashPassword } from '../../security/passwords.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { AccountRecord, AccountsRepository } from './accounts.repository.js';
import { normalizePhone, type Session } from './accounts.service.js';
import type { LoginLockout } from './login-lockout.js';
import { codeShapeProblem, type PhoneCodeSent, type PhoneCodes } from './phone-codes.js';
import { checkSignInDetails } from './registration.js';
import type { Actor, RequestOrigin } from './viewer.js';

/** The old number of a phone change is told, in case it was not its owner who changed it. */
const PHONE_CHANGED_NOTICE = text('accounts:phoneChangedNotice');

/**
 * Phone ownership: one-time codes (phone-codes.ts) and what a code proves: a password reset, an
 * unlock that signs in, a new number. Each spends its code in the transaction of its change, so a
 * change that fails leaves the code unused; each clears the lock-out of the number it proves.
 */
export function createPhonesService(deps: {
  repository: AccountsRepository;
  codes: PhoneCodes;
  lockout: Pick<LoginLockout, 'clearNumber'>;
  issueSession: (account: AccountRecord) => Promise<Session>;
  audit: AuditTrail;
  clock: Clock;
}) {
  const { repository, codes, audit, clock } = deps;

  /** The account of a number proven by a code, or the same refusal as a wrong code (no account, no code was sent). */
  async function ownerOf(phone: string, field: string): Promise<AccountRecord> {
    const account = await repository.byPhone(phone);
    if (!account) throw badInput(field, text('accounts:codeWrong', { triesLeft: 0 }));
    return account;
  }

  return {
    /** requestPhoneCode: the answer is the same whether or not the number has an account. */
    requestCode(input: {
      phone: string;
      purpose: PhoneCodePurpose;
      ip: string | null;
      accountId: string | null;
    }): Promise<PhoneCodeSent> {
      return codes.request({ ...input, phone: normalizePhone(input.phone) });
    },

    /**
     * A new password for the number's account, with a PASSWORD_RESET code: every other session
     * ends (the token version rises, refresh tokens are revoked), the number's locks are cleared,
     * and the caller is signed in.
     */
    async resetPassword(
      input: { phone: string; code: string; newPassword: string },
      origin: RequestOrigin | null,
    ): Promise<Session> {
      // Every problem of the form in one answer; then the code itself.
      const problems = createProblems();
      const { phone } = checkSignInDetails(problems, {
        phone: input.phone,
        password: input.newPassword,
        phoneRequired: true,
        passwordRequired: true,
        fields: { password: 'newPassword' },
      });
      const shape = codeShapeProblem(input.code, 'PASSWORD_RESET');
      if (shape) problems.add('code', shape);
      problems.throwIfAny();
      if (!phone) throw new Error('unreachable: a bad phone was reported above');
      const proof = await codes.check(phone, 'PASSWORD_RESET', input.code, { field: 'code' });
      const account = await ownerOf(phone, 'code');
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await repository.db.transaction(async (tx) => {
        await codes.use(proof, tx);
        await repository.setPassword(account.id, passwordHash, tx);
        await repository.revokeAllRefreshTokens(account.id, now, tx);
        await repository.phoneProven(account.id, now, tx);
        await audit.record(
          { actor: null, origin, action: 'PASSWORD_RESET', subjectType: 'ACCOUNT', subjectId: account.id },
          tx,
        );
      });
      await deps.lockout.clearNumber(phone);
      return deps.issueSession((await repository.byId(account.id)) ?? account);
    },

    /** Signs in with an UNLOCK code, clearing every lock of the number (the password is unchanged). */
    async unlockSignIn(
      input: { phone: string; code: string },
      origin: RequestOrigin | null,
    ): Promise<Session> {
      const problems = createProblems();
      const { phone } = checkSignInDetails(problems, {
        phone: input.phone,
        password: null,
        phoneRequired: true,
        passwordRequired: false,
      });
      const shape = codeShapeProblem(input.code, 'UNLOCK');
      if (shape) problems.add('code', shape);
      problems.throwIfAny();
      if (!phone) throw new Error('unreachable: a bad phone was reported above');
      const proof = await codes.check(phone, 'UNLOCK', input.code, { field: 'code' });
      const account = await ownerOf(phone, 'code');
      const now = clock.now();
      await repository.db.transaction(async (tx) => {
        await codes.use(proof, tx);
        await repository.phoneProven(account.id, now, tx);
        await audit.record(
          { actor: null, origin, action: 'LOGIN_UNLOCKED', subjectType: 'ACCOUNT', subjectId: account.id },
          tx,
        );
      });
      await deps.lockout.clearNumber(phone);
      await repository.touchLogin(account.id, now);
      return deps.issueSession(account);
    },

    /**
     * The signed-in account's new number, with a PHONE_CHANGE code sent to it for this account;
     * the old number is told by SMS.
     */
    async changePhone(actor: Actor, input: { newPhone: string; code: string }): Promise<AccountRecord> {
      const problems = createProblems();
      const { phone } = checkSignInDetails(problems, {
        phone: input.newPhone,
        password: null,
        phoneRequired: true,
        passwordRequired: false,
        fields: { phone: 'newPhone' },
      });
      const shape = codeShapeProblem(input.code, 'PHONE_CHANGE');
      if (shape) problems.add('code', shape);
      problems.throwIfAny();
      if (!phone) throw new Error('unreachable: a bad phone was reported above');
      const before = await repository.byId(actor.accountId);
      if (!before || before.deletedAt) throw badInput('newPhone', text('accounts:accountGone'));
      const proof = await codes.check(phone, 'PHONE_CHANGE', input.code, {
        field: 'code',
        accountId: actor.accountId,
      });
      const now = clock.now();
      await repository.db.transaction(async (tx) => {
        await codes.use(proof, tx);
        await repository.setPhone(actor.accountId, phone, now, 'newPhone', tx);
        await audit.record(
          {
            actor,
            action: 'PHONE_CHANGED',
            subjectType: 'ACCOUNT',
            subjectId: actor.accountId,
            details: { hadPhone: before.phone !== null },
          },
          tx,
        );
      });
      if (before.phone && before.phone !== phone)
        await codes.tell(before.phone, PHONE_CHANGED_NOTICE, actor.accountId);
      return (await repository.byId(actor.accountId)) ?? before;
    },

    /** Waits for code texts still going out (shutdown, tests). */
    drain: () => codes.drain(),
  };
}

export type PhonesService = ReturnType<typeof createPhonesService>;
