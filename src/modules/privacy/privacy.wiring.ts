import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { SessionsService } from '../accounts/sessions.service.js';
import type { AuditTrail } from '../audit/audit.service.js';
import { createHiringErasure } from '../hiring/erasure.repository.js';
import { smsKey } from '../sms/sms.repository.js';
import { createExportRepository } from './export.repository.js';
import { createPrivacyService } from './privacy.service.js';

type PrivacyDeps = Parameters<typeof createPrivacyService>[0];

/**
 * The PIPL export and erasure wired (docs/security.md): each domain hands its part of a person's
 * data (training's wishes and seats, the follow-up ledger, insurance's policies, work's hires),
 * and an erased account's sessions all end.
 */
export function createPrivacyServices(deps: {
  db: Database;
  clock: Clock;
  audit: AuditTrail;
  repositories: PrivacyDeps['repositories'];
  trainingWishes: PrivacyDeps['trainingWishes'];
  learners: PrivacyDeps['learners'];
  followUp: PrivacyDeps['followUp'];
  insurance: PrivacyDeps['insurance'];
  work: PrivacyDeps['work'];
  sessions: Pick<SessionsService, 'endAll'>;
}) {
  const { db, sessions } = deps;
  return createPrivacyService({
    db,
    repositories: deps.repositories,
    exports: createExportRepository(db),
    hiringErasure: createHiringErasure(),
    trainingWishes: deps.trainingWishes,
    learners: deps.learners,
    smsKeysOf: (workerId) => [smsKey(workerId)],
    followUp: deps.followUp,
    insurance: deps.insurance,
    work: deps.work,
    clock: deps.clock,
    audit: deps.audit,
    endSessions: (accountId, at, tx) => sessions.endAll(accountId, 'ACCOUNT_ERASED', at, tx),
  });
}
