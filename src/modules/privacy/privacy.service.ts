import type { Clock } from '../../clock.js';
import { holdKeys } from '../../db/advisory.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, badInput, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { verifyPassword } from '../../security/passwords.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { FollowUpRepository } from '../followup/followup.repository.js';
import type { HiringErasure } from '../hiring/erasure.repository.js';
import type { InsuranceService } from '../insurance/insurance.service.js';
import type { LearnerErasure } from '../training/enrolments.erasure.js';
import type { WishesRepository } from '../training/wishes.repository.js';
import type { WorkService } from '../work/work.service.js';
import type { CertificatesRepository } from '../workers/certificates.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { PRIVACY_NOTICE_VERSION } from '../workers/workers.service.js';
import type { ExportRepository } from './export.repository.js';

/** The name an erased worker's kept rows carry: the same on every row, and nothing of the person. */
export const erasedName = (workerId: string) => `已注销-${workerId.slice(0, 8)}`;

/** The person's rights under PIPL (个人信息保护法): see what is held, and have it erased. */
export function createPrivacyService(deps: {
  db: Database;
  repositories: {
    accounts: AccountsRepository;
    workers: WorkersRepository;
    employers: EmployersRepository;
    certificates: Pick<CertificatesRepository, 'ofWorkers'>;
  };
  exports: ExportRepository;
  hiringErasure: HiringErasure;
  /** The trades the worker would learn (培训意愿): exported, and erased with the person. */
  trainingWishes: Pick<WishesRepository, 'ofWorkers' | 'forgetWorker' | 'keysOf'>;
  /** The follow-up ledger (帮扶台账): exported; requests for help and contact notes erased. */
  followUp: Pick<FollowUpRepository, 'ofWorker' | 'forgetWorker'>;
  /** The worker's per-day accident policies (docs/insurance.md): exported; kept on erasure with the hires. */
  insurance: Pick<InsuranceService, 'policiesOfWorker'>;
  /** The worker's waiting course seats (培训), given up on erasure (enrolments.erasure.ts). */
  learners: LearnerErasure;
  /** The key an offer's SMS is written under (sms.repository.ts smsKey): a text racing the erasure. */
  smsKeysOf: (workerId: string) => string[];
  work: Pick<WorkService, 'callOffForErasure'>;
  clock: Clock;
  audit: AuditTrail;
  /** Ends every session of the erased account (sessions.service.ts `endAll`). */
  endSessions: (accountId: string, at: Date, tx: Executor) => Promise<unknown>;
}) {
  const { db, repositories, exports } = deps;

  async function liveAccount(accountId: string) {
    const account = await repositories.accounts.byId(accountId);
    if (!account || account.deletedAt)
      throw new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:accountGone'));
    return account;
  }

  /** What the market keeps about a worker beyond the registry row (docs/security.md, "Export"). */
  async function workerRecords(workerId: string) {
    const hires = await exports.hiresOfWorker(workerId);
    const around = await exports.aroundHires(hires.map((hire) => hire.id));
    const [offers, applications, sms, savedSearches, crews, courseEnrolments] = await Promise.all([
      exports.offersOf(workerId),
      exports.applicationsOf(workerId),
      exports.smsOf(workerId),
      exports.savedSearchesOf(workerId),
      exports.crewsOf(workerId),
      exports.courseEnrolmentsOf(workerId),
    ]);
    return {
      // Each hire with its contract and attendance, as recorded.
      hires,
      checkIns: hires
        .filter((hire) => hire.checkedInAt)
        .map((hire) => ({
          engagementId: hire.id,
          at: hire.checkedInAt,
          location:
            hire.checkInLat === null || hire.checkInLng === null
              ? null
              : { lat: hire.checkInLat, lng: hire.checkInLng },
          distanceM: hire.checkInDistanceM,
          offSite: hire.checkInOffSite,
          // The check-in this one replaced, kept (time, distance, off site; no place).
          first: hire.firstCheckedInAt
            ? {
                at: hire.firstCheckedInAt,
                distanceM: hire.firstCheckInDistanceM,
                offSite: hire.firstCheckInOffSite,
              }
            : null,
          checkedOutAt: hire.checkedOutAt,
        })),
      payments: around.payments,
      arrears: around.arrears,
      ratingsGiven: around.ratings.filter((rating) => rating.byRole === 'WORKER'),
      ratingsReceived: around.ratings.filter((rating) => rating.byRole === 'EMPLOYER'),
      disputes: around.disputes,
      disputeNotes: around.disputeNotes,
      offers,
      applications,
      sms: {
        toYou: sms.filter((message) => message.direction === 'OUT'),
        fromYou: sms.filter((message) => message.direction === 'IN'),
      },
      savedSearches,
      crews,
      // Courses (培训): each enrolment with its register, result and certificate id.
      courseEnrolments,
    };
  }

  /** What the market keeps about an employer: its gigs and everything around their hires. */
  async function employerRecords(employerId: string) {
    const hires = await exports.hiresOfEmployer(employerId);
    const around = await exports.aroundHires(hires.map((hire) => hire.id));
    const [gigs, roster, arrears] = await Promise.all([
      exports.gigsOf(employerId),
      exports.rosterOf(employerId),
      exports.arrearsOfEmployer(employerId),
    ]);
    return {
      gigs,
      // The workers' check-in places and codes are theirs, not the employer's.
      hires: hires.map(({ checkInLat: _lat, checkInLng: _lng, checkInCode: _code, ...hire }) => hire),
      payments: around.payments,
      arrears,
      ratingsGiven: around.ratings.filter((rating) => rating.byRole === 'EMPLOYER'),
      ratingsReceived: around.ratings.filter((rating) => rating.byRole === 'WORKER'),
      disputes: around.disputes,
      disputeNotes: around.disputeNotes,
      roster,
    };
  }

  return {
    /** The privacy notice of this version, in the reader's language (the catalogue's privacy:notice). */
    notice: () => ({ version: PRIVACY_NOTICE_VERSION, text: text('privacy:notice') }),

    /**
     * Everything held about the account, as plain data (PIPL art. 45): the registry row, and every
     * record of the market about the person. The ID number is shown masked, as everywhere.
     */
    async exportFor(accountId: string) {
      const account = await liveAccount(accountId);
      const worker = await repositories.workers.byAccount(accountId);
      const employer = await repositories.employers.byAccount(accountId);
      const { passwordHash: _hash, tokenVersion: _version, ...accountData } = account;
      const subjects = [accountId, ...(worker ? [worker.id] : []), ...(employer ? [employer.id] : [])];
      return {
        exportedAt: deps.clock.now(),
        account: accountData,
        sessions: await exports.sessionsOf(accountId),
        worker: worker
          ? {
              ...(({ idNumberHmac: _h, idNumberEncrypted: _e, ...rest }) => rest)(worker),
              skills: await repositories.workers.skillsOf([worker.id]),
              certificates: await repositories.certificates.ofWorkers([worker.id]),
              trainingWishes: await deps.trainingWishes.ofWorkers([worker.id]),
              followUp: await deps.followUp.ofWorker(worker.id),
              accidentPolicies: await deps.insurance.policiesOfWorker(worker.id),
              availability: await repositories.workers.availabilityOf([worker.id]),
            }
          : null,
        employer: employer ?? null,
        // The privacy notice a worker accepted at registration; employers accept none yet.
        consents: worker
          ? [
              {
                notice: 'PRIVACY_NOTICE',
                version: worker.consentVersion,
                at: worker.consentAt,
                atStationId: worker.registeredAtStationId,
              },
            ]
          : [],
        ...(worker ? { work: await workerRecords(worker.id) } : {}),
        ...(employer ? { employing: await employerRecords(employer.id) } : {}),
        audit: await exports.auditOf(accountId, subjects),
      };
    },

    /**
     * Erases the person (PIPL art. 47): name, numbers, location, skills, sign-in. Hires not yet
     * started are called off, each employer told as of a worker's cancellation. What wage law
     * needs stays, pseudonymised (docs/security.md, "Erasure"): the hires with their contract,
     * attendance and pay, the arrears cases and disputes. Every session ends.
     */
    async deleteAccount(actor: Actor, password: string): Promise<true> {
      const { accountId } = actor;
      const account = await liveAccount(accountId);
      if (!(await verifyPassword(account.passwordHash, password))) {
        throw badInput('password', text('privacy:passwordWrong'));
      }
      const worker = await repositories.workers.byAccount(accountId);
      const now = deps.clock.now();
      let tellLearners = () => {};
      const tell = await db.transaction(async (tx) => {
        // Before any row, in one statement (one order): the worker's keys each module's writers
        // hold while they read and write the rows this changes (enrolments, hires, accepts and
        // applications, crews, rosters, saved searches, training wishes, offer texts). A write
        // holding its key goes first and is undone below; one arriving later waits, then finds
        // the person erased and is refused.
        if (worker) {
          await holdKeys(
            [
              ...deps.learners.keysOf(worker.id),
              ...deps.hiringErasure.keysOf(worker.id),
              ...deps.trainingWishes.keysOf(worker.id),
              ...deps.smsKeysOf(worker.id),
            ],
            tx,
          );
        }
        // Then, as a cancellation does: the hires, then their gigs, then the worker's row.
        const calledOff = worker ? await deps.work.callOffForErasure(worker.id, now, tx) : () => {};
        await repositories.accounts.erase(accountId, now, tx);
        await deps.endSessions(accountId, now, tx);
        if (worker) {
          const pseudonym = erasedName(worker.id);
          await deps.hiringErasure.forgetWorker(
            worker.id,
            { pseudonym, was: { name: worker.name, idNumberMasked: worker.idNumberMasked }, at: now },
            tx,
          );
          // Before the certificates go with the anonymisation: enrolments point at them.
          const seats = await deps.learners.forgetLearner(worker.id, now, tx);
          tellLearners = seats.tell;
          await repositories.workers.anonymise(worker.id, pseudonym, tx);
          await deps.trainingWishes.forgetWorker(worker.id, tx);
          await deps.followUp.forgetWorker(worker.id, tx);
          await enqueueOutbox('workers', [worker.id], tx);
        }
        // The record that an erasure was asked for and done stays; it holds nothing erased.
        await deps.audit.record(
          {
            actor,
            action: 'ACCOUNT_ERASED',
            subjectType: 'ACCOUNT',
            subjectId: accountId,
            details: { role: account.role, workerId: worker?.id ?? null },
          },
          tx,
        );
        return calledOff;
      });
      tell();
      tellLearners();
      return true;
    },
  };
}
