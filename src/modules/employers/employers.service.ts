import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { EMPLOYER_KINDS } from '../../db/schema/index.js';
import { badInput, createProblems, notFound } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { text } from '../../i18n/text.js';
import { hashPassword } from '../../security/passwords.js';
import { checkSingleLine } from '../../text/single-line.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
import { checkRegistrationCode, checkSignInDetails } from '../accounts/registration.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { parseCreditCode } from '../registry/credit-code.js';
import { outsideChina } from '../workers/workers.validation.js';
import type { EmployersRepository } from './employers.repository.js';

export type RegisterEmployerInput = {
  phone: string;
  password: string;
  name: string;
  kind: string;
  creditCode: string;
  regionCode: string;
  location: { lat: number; lng: number };
  /** The code requestPhoneCode(phone, REGISTER) texted to the phone. */
  phoneCode?: string | null;
  /** The language the account chose; null or absent: the device decides. */
  locale?: Locale | null;
};

export function createEmployersService(deps: {
  db: Database;
  repository: EmployersRepository;
  accounts: AccountsRepository;
  reference: ReferenceRepository;
  clock: Clock;
  audit: AuditTrail;
  codes: Pick<PhoneCodes, 'check' | 'use'>;
}) {
  const { db, repository } = deps;

  return {
    /**
     * A new employer starts unverified: a bureau admin checks it before it may post gigs. Its phone
     * is proven with a code sent to it (`self`); the demo seed (`system`) has none.
     */
    async register(input: RegisterEmployerInput, how: { by: 'self' } | { by: 'system' }) {
      // Every problem in one answer: the sign-in details, the employer's fields, then the code.
      const problems = createProblems();
      const { phone } = checkSignInDetails(problems, {
        phone: input.phone,
        password: input.password,
        phoneRequired: true,
        passwordRequired: true,
      });
      const name = input.name.trim();
      if (name.length < 2 || name.length > 60) problems.add('name', text('employers:nameLength'));
      checkSingleLine(problems, { name });
      if (!(EMPLOYER_KINDS as readonly string[]).includes(input.kind))
        problems.add('kind', text('employers:kindOneOf', { kinds: EMPLOYER_KINDS.join(', ') }));
      const credit = parseCreditCode(input.creditCode);
      if (!credit.ok) problems.add('creditCode', credit.reason);
      const [region] = await deps.reference.regionsByCode([input.regionCode]);
      if (!region)
        problems.add('regionCode', text('employers:regionUnknown', { regionCode: input.regionCode }));
      if (outsideChina(input.location)) problems.add('location', text('employers:outsideChina'));
      // Checked with the rest (a wrong code counts against it); spent only by a registration that succeeds.
      const proof =
        how.by === 'self' ? await checkRegistrationCode(deps.codes, problems, phone, input.phoneCode) : null;
      problems.throwIfAny();
      if (!phone) throw new Error('unreachable: a missing phone was reported above');

      const passwordHash = await hashPassword(input.password);
      try {
        return await db.transaction(async (tx) => {
          if (proof) await deps.codes.use(proof, tx);
          const account = await deps.accounts.insert(
            {
              role: 'EMPLOYER',
              phone,
              passwordHash,
              displayName: name,
              phoneVerifiedAt: proof ? deps.clock.now() : null,
              locale: input.locale ?? null,
            },
            tx,
          );
          const employer = await repository.insert(
            {
              accountId: account.id,
              name,
              kind: input.kind as (typeof EMPLOYER_KINDS)[number],
              creditCode: (credit as { ok: true; value: { normalized: string } }).value.normalized,
              regionCode: input.regionCode,
              lat: input.location.lat,
              lng: input.location.lng,
            },
            tx,
          );
          return { account, employer };
        });
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint === 'employers_credit_code_unique') {
          throw badInput('creditCode', text('employers:creditCodeTaken'));
        }
        throw error;
      }
    },

    /** An admin verifies an employer; the first verification is audited with it, in one transaction. */
    async verify(employerId: string, actor: Actor) {
      return db.transaction(async (tx) => {
        const found = await repository.verify(employerId, actor.accountId, deps.clock.now(), tx);
        if (!found) throw notFound('employer', employerId);
        if (found.changed) {
          await deps.audit.record(
            {
              actor,
              action: 'EMPLOYER_VERIFIED',
              subjectType: 'EMPLOYER',
              subjectId: employerId,
              details: { name: found.employer.name, regionCode: found.employer.regionCode },
            },
            tx,
          );
        }
        return found.employer;
      });
    },

    list: (filter: { verified?: boolean | null }) => repository.list(filter),
    byIds: (ids: readonly string[]) => repository.byIds(ids),
    byAccount: (accountId: string) => repository.byAccount(accountId),
    byAccountIds: (ids: readonly string[]) => repository.byAccountIds(ids),
  };
}

export type EmployersService = ReturnType<typeof createEmployersService>;
