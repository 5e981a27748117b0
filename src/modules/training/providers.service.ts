import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { AppError, badInput, ErrorCode, type Problems } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { text } from '../../i18n/text.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { signUpOrganisation } from '../accounts/organisation-sign-up.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import { countyAreaProblem } from '../reference/county-area.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { parseCreditCode } from '../registry/credit-code.js';
import { outsideChina } from '../workers/workers.validation.js';
import type { ProvidersRepository, TrainingProviderRecord } from './providers.repository.js';

export type RegisterTrainingProviderInput = {
  phone: string;
  password: string;
  /** The code requestPhoneCode(phone, REGISTER) texted to the phone. */
  phoneCode?: string | null;
  name: string;
  creditCode: string;
  regionCode: string;
  location: { lat: number; lng: number };
  locale?: Locale | null;
};

/**
 * A place named by a county and a point in it: the county must be a county-level region, the point
 * in China and inside that county (kiosk distances and statistics trust both). Problems are added
 * under `regionCode` and `location`.
 */
export async function checkCountyPlace(
  problems: Problems,
  place: { regionCode: string; location: { lat: number; lng: number } },
  reference: ReferenceRepository,
): Promise<void> {
  const [region] = await reference.regionsByCode([place.regionCode]);
  if (!region) problems.add('regionCode', text('training:regionUnknown', { code: place.regionCode }));
  else if (region.level !== 'county')
    problems.add('regionCode', text('training:regionNotCounty', { name: region.name }));
  if (outsideChina(place.location)) problems.add('location', text('training:outsideChina'));
  else if (region?.level === 'county') {
    const misplaced = countyAreaProblem(await reference.regionTree(), region.code, place.location);
    if (misplaced) problems.add('location', misplaced);
  }
}

export const providerNotFound = (id: string) =>
  new AppError(ErrorCode.NOT_FOUND, text('training:providerNotFound', { id }), { id });

/** Training providers (培训机构): they register themselves, an admin verifies them (docs/training.md). */
export function createProvidersService(deps: {
  db: Database;
  repository: ProvidersRepository;
  accounts: AccountsRepository;
  reference: ReferenceRepository;
  clock: Clock;
  audit: AuditTrail;
  codes: Pick<PhoneCodes, 'check' | 'use'>;
}) {
  const { db, repository } = deps;

  return {
    /**
     * A new provider starts unverified, signed in as TRAINING_PROVIDER. Every problem of the input
     * is named in one answer, and nothing is written unless all is right.
     */
    async register(input: RegisterTrainingProviderInput, how: { by: 'self' } | { by: 'system' }) {
      const { account, profile } = await signUpOrganisation(deps, input, {
        role: 'TRAINING_PROVIDER',
        how,
        nameLength: text('training:providerNameLength'),
        check: async (problems) => {
          const credit = parseCreditCode(input.creditCode);
          if (!credit.ok) problems.add('creditCode', credit.reason);
          await checkCountyPlace(problems, input, deps.reference);
          return credit.ok ? { creditCode: credit.value.normalized } : undefined;
        },
        insert: (accountId, name, fields, tx) =>
          repository.insert(
            {
              accountId,
              name,
              creditCode: fields.creditCode,
              regionCode: input.regionCode,
              lat: input.location.lat,
              lng: input.location.lng,
            },
            tx,
          ),
        refused: (error) =>
          uniqueViolation(error) === 'training_providers_credit_code_unique'
            ? badInput('creditCode', text('training:creditCodeTaken'))
            : undefined,
      });
      return { account, provider: profile };
    },

    /** An admin verifies a provider; the first verification is audited in the same transaction. */
    async verify(providerId: string, actor: Actor): Promise<TrainingProviderRecord> {
      return db.transaction(async (tx) => {
        const found = await repository.verify(providerId, actor.accountId, deps.clock.now(), tx);
        if (!found) throw providerNotFound(providerId);
        if (found.changed) {
          await deps.audit.record(
            {
              actor,
              action: 'TRAINING_PROVIDER_VERIFIED',
              subjectType: 'TRAINING_PROVIDER',
              subjectId: providerId,
              details: {
                name: found.provider.name,
                creditCode: found.provider.creditCode,
                regionCode: found.provider.regionCode,
              },
            },
            tx,
          );
        }
        return found.provider;
      });
    },

    /** The provider the signed-in account is; an account without one is refused. */
    async ofAccount(accountId: string): Promise<TrainingProviderRecord> {
      const found = await repository.byAccount(accountId);
      if (!found) throw new AppError(ErrorCode.FORBIDDEN, text('training:providerOnly'));
      return found;
    },

    list: (filter: { verified?: boolean | null }) => repository.list(filter),
    byIds: (ids: readonly string[]) => repository.byIds(ids),
  };
}

export type ProvidersService = ReturnType<typeof createProvidersService>;
