import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { Role } from '../../db/schema/index.js';
import { createProblems, type Problems } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import type { Text } from '../../i18n/text.js';
import { hashPassword } from '../../security/passwords.js';
import { checkSingleLine } from '../../text/single-line.js';
import type { AccountRecord, AccountsRepository } from './accounts.repository.js';
import type { PhoneCodes } from './phone-codes.js';
import { checkRegistrationCode, checkSignInDetails } from './registration.js';

/** What every organisation that signs itself up gives: an employer, a training provider. */
export type OrganisationSignUp = {
  phone: string;
  password: string;
  name: string;
  /** The code requestPhoneCode(phone, REGISTER) texted to the phone. */
  phoneCode?: string | null;
  /** The language the account chose; null or absent: the device decides. */
  locale?: Locale | null;
};

/**
 * An organisation's registration, the same for every kind: the sign-in details, its name (2–60
 * characters, one line), the kind's own fields (`check`), then the phone's code — every problem in
 * one answer — and, only if all is right, the account and the organisation's row in one transaction
 * that spends the code. The demo seed (`system`) has no code. `refused` turns a unique violation
 * of the organisation's row (a credit code taken) into the field's problem, or returns undefined.
 */
export async function signUpOrganisation<Fields, Profile>(
  deps: {
    db: Database;
    accounts: AccountsRepository;
    clock: Clock;
    codes: Pick<PhoneCodes, 'check' | 'use'>;
  },
  input: OrganisationSignUp,
  kind: {
    role: Role;
    how: { by: 'self' } | { by: 'system' };
    nameLength: Text;
    check: (problems: Problems) => Promise<Fields | undefined>;
    insert: (accountId: string, name: string, fields: Fields, tx: Executor) => Promise<Profile>;
    refused: (error: unknown) => Error | undefined;
  },
): Promise<{ account: AccountRecord; profile: Profile }> {
  const problems = createProblems();
  const { phone } = checkSignInDetails(problems, {
    phone: input.phone,
    password: input.password,
    phoneRequired: true,
    passwordRequired: true,
  });
  const name = input.name.trim();
  if (name.length < 2 || name.length > 60) problems.add('name', kind.nameLength);
  checkSingleLine(problems, { name });
  const fields = await kind.check(problems);
  // Checked with the rest (a wrong code counts against it); spent only by a registration that succeeds.
  const proof =
    kind.how.by === 'self' ? await checkRegistrationCode(deps.codes, problems, phone, input.phoneCode) : null;
  problems.throwIfAny();
  if (!phone || fields === undefined) throw new Error('unreachable: the problems were reported above');

  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction(async (tx) => {
      if (proof) await deps.codes.use(proof, tx);
      const account = await deps.accounts.insert(
        {
          role: kind.role,
          phone,
          passwordHash,
          displayName: name,
          phoneVerifiedAt: proof ? deps.clock.now() : null,
          locale: input.locale ?? null,
        },
        tx,
      );
      return { account, profile: await kind.insert(account.id, name, fields, tx) };
    });
  } catch (error) {
    throw kind.refused(error) ?? error;
  }
}
