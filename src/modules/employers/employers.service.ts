import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { EMPLOYER_KINDS } from '../../db/schema/index.js';
import { badInput, notFound } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { text } from '../../i18n/text.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { signUpOrganisation } from '../accounts/organisation-sign-up.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
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
      const { account, profile } = await signUpOrganisation(deps, input, {
        role: 'EMPLOYER',
        how,
        nameLength: text('employers:nameLength'),
        check: async (problems) => {
          if (!(EMPLOYER_KINDS as readonly string[]).includes(input.kind))
            problems.add('kind', text('employers:kindOneOf', { kinds: EMPLOYER_KINDS.join(', ') }));
          const credit = parseCreditCode(input.creditCode);
          if (!credit.ok) problems.add('creditCode', credit.reason);
          const [region] = await deps.reference.regionsByCode([input.regionCode]);
          if (!region)
            problems.add('regionCode', text('employers:regionUnknown', { regionCode: input.regionCode }));
          if (outsideChina(input.location)) problems.add('location', text('employers:outsideChina'));
          return credit.ok ? { creditCode: credit.value.normalized } : undefined;
        },
        insert: (accountId, name, fields, tx) =>
          repository.insert(
            {
              accountId,
              name,
              kind: input.kind as (typeof EMPLOYER_KINDS)[number],
              creditCode: fields.creditCode,
              regionCode: input.regionCode,
              lat: input.location.lat,
              lng: input.location.lng,
            },
            tx,
          ),
        refused: (error) =>
          uniqueViolation(error) === 'employers_credit_code_unique'
            ? badInput('creditCode', text('employers:creditCodeTaken'))
            : undefined,
      });
      return { account, employer: profile };
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
