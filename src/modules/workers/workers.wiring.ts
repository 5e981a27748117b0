import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import type { PiiVault } from '../../security/pii-vault.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { CertificatesRepository } from './certificates.repository.js';
import { type CertificateSettings, createCertificatesService } from './certificates.service.js';
import type { IdentityGateway } from './identity.gateway.js';
import { createIdentityRepository } from './identity.repository.js';
import { createIdentityService, type IdentityService } from './identity.service.js';
import type { WorkersRepository } from './workers.repository.js';
import { createWorkersService, type RegistrationWishes } from './workers.service.js';

/**
 * What can be trusted of a worker, wired: the identity service's confirmation of a name and number
 * (实名), and skill levels from certificates and special-operation qualification (docs/skills.md).
 * Made early: hiring checks a gig's shortfalls against the certificates, registration claims the
 * identity.
 */
export function createCredentialServices(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  notify: Notify;
  vault: PiiVault;
  repositories: {
    accounts: AccountsRepository;
    workers: WorkersRepository;
    certificates: CertificatesRepository;
    reference: ReferenceRepository;
  };
  identity: { gateway: IdentityGateway };
  /** A notice by SMS to a worker, in their language (the SMS service's, made after this domain). */
  textNotice: (workerId: string, said: Text) => Promise<void>;
  /** The notice before a 特种作业操作证 expires (CERTIFICATE_NOTICE_DAYS). */
  certificates: CertificateSettings;
}) {
  const { db, clock, audit, notify, repositories } = deps;
  const identity = createIdentityService({
    db,
    repository: createIdentityRepository(db),
    vault: deps.vault,
    clock,
    audit,
    notify,
    gateway: deps.identity.gateway,
    chosenLocales: (ids, tx) => repositories.accounts.chosenLocales(ids, tx),
  });
  const certificates = createCertificatesService({
    db,
    repository: repositories.certificates,
    workers: repositories.workers,
    reference: repositories.reference,
    clock,
    audit,
    notify,
    // Called only by the notice job, long after the SMS service is made.
    textNotice: deps.textNotice,
    chosenLocales: (ids) => repositories.accounts.chosenLocales(ids),
    settings: deps.certificates,
  });
  return { identity, certificates };
}

/**
 * Workers' registration and profiles wired: sign-up codes shared with every account kind, the
 * identity claim, and registration's training wishes (the training domain's port).
 */
export function createWorkerServices(deps: {
  db: Database;
  clock: Clock;
  vault: PiiVault;
  repositories: { workers: WorkersRepository; accounts: AccountsRepository; reference: ReferenceRepository };
  codes: Pick<PhoneCodes, 'check' | 'use'>;
  identity: Pick<IdentityService, 'claim'>;
  wishes: RegistrationWishes;
}) {
  const { repositories } = deps;
  return createWorkersService({
    db: deps.db,
    repository: repositories.workers,
    accounts: repositories.accounts,
    codes: deps.codes,
    reference: repositories.reference,
    vault: deps.vault,
    clock: deps.clock,
    identity: deps.identity,
    wishes: deps.wishes,
  });
}
