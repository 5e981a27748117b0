import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { EmployersRepository } from './employers.repository.js';
import { createEmployersService } from './employers.service.js';

/** Employers' sign-up and profiles wired: sign-up codes are shared with every other account kind. */
export function createEmployerServices(deps: {
  db: Database;
  clock: Clock;
  audit: AuditTrail;
  repositories: {
    employers: EmployersRepository;
    accounts: AccountsRepository;
    reference: ReferenceRepository;
  };
  codes: Pick<PhoneCodes, 'check' | 'use'>;
}) {
  const { repositories } = deps;
  return createEmployersService({
    db: deps.db,
    repository: repositories.employers,
    accounts: repositories.accounts,
    codes: deps.codes,
    reference: repositories.reference,
    clock: deps.clock,
    audit: deps.audit,
  });
}
