import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { AppError, createProblems, ErrorCode } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { type Text, text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { hashPassword } from '../../security/passwords.js';
import type { PiiVault } from '../../security/pii-vault.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import type { PhoneCodes } from '../accounts/phone-codes.js';
import { checkRegistrationCode, checkSignInDetails } from '../accounts/registration.js';
import type { Actor } from '../accounts/viewer.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { maskIdNumber } from '../registry/id-number.js';
import { type IdentityService, identityConflict } from './identity.service.js';
import type { WorkersRepository } from './workers.repository.js';
import { checkWorkerProfile, type WorkerProfileInput } from './workers.validation.js';

/** The privacy notice a worker accepts by registering; its version is recorded with the consent. */
export const PRIVACY_NOTICE_VERSION = '2026-11';

const MAX_WINDOWS = 60;
const MAX_WINDOW_DAYS = 31;
const HORIZON_DAYS = 180;

export type RegisterWorkerInput = WorkerProfileInput & {
  phone?: string | null;
  password?: string | null;
  consentVersion?: string | null;
  /** The code requestPhoneCode(phone, REGISTER) texted to the phone: a worker registering themselves proves it. */
  phoneCode?: string | null;
  /** The language the account chose; null or absent: the device decides. */
  locale?: Locale | null;
  /** Trades the worker would learn (培训意愿), asked at registration. */
  trainingWishes?: readonly string[] | null;
};

/**
 * The training wishes a registration asks (src/modules/training/wishes.service.ts): checked with
 * the registration's other problems, written in its transaction.
 */
export type RegistrationWishes = {
  check(
    skillCodes: readonly string[],
    problems: { add(field: string, message: Text): void },
    field: string,
  ): Promise<string[] | null>;
  record(
    workerId: string,
    skillCodes: readonly string[],
    recorded: { source: 'REGISTRATION' | 'OPERATOR'; byAccountId: string | null; at: Date },
    tx: Executor,
  ): Promise<void>;
};

/**
 * Who registers the worker: the worker, proving the phone with a code (`self`); a station operator
 * who saw the person, for a walk-in (the phone, if any, stays unverified until the worker proves
 * it); or the system itself (the demo seed).
 */
export type WorkerRegistration =
  | { by: 'self' }
  | { by: 'operator'; registeredBy: string; stationId: string; verifiedBy: Actor }
  | { by: 'system' };

export function createWorkersService(deps: {
  db: Database;
  repository: WorkersRepository;
  accounts: AccountsRepository;
  reference: ReferenceRepository;
  vault: PiiVault;
  clock: Clock;
  identity: Pick<IdentityService, 'claim'>;
  codes: Pick<PhoneCodes, 'check' | 'use'>;
  wishes: RegistrationWishes;
}) {
  const { db, repository, vault, clock } = deps;

  return {
    /**
     * Registers a worker: account, profile, skills and the search-index outbox row in one
     * transaction, which also spends the phone's code. A walk-in worker an operator types in may
     * have no phone and no password; the operator saw the ID card (`verifiedBy`), so such a worker is
     * VERIFIED_IN_PERSON at once (identity.service.ts). Anyone else is SELF_DECLARED, and the answer
     * never says whether another account declared the same number.
     */
    async register(input: RegisterWorkerInput, how: WorkerRegistration) {
      const walkIn = how.by === 'operator';
      // Every problem in one answer: the sign-in details, the consent, the profile, then the code.
      const problems = createProblems();
      const { phone } = checkSignInDetails(problems, {
        phone: input.phone,
        password: input.password,
        phoneRequired: !walkIn,
        passwordRequired: !walkIn,
      });
      if ((input.consentVersion ?? PRIVACY_NOTICE_VERSION) !== PRIVACY_NOTICE_VERSION) {
        problems.add('consentVersion', text('workers:consentVersion', { version: PRIVACY_NOTICE_VERSION }));
      }
      const profile = await checkWorkerProfile(input, deps, problems);
      const wishes = await deps.wishes.check(input.trainingWishes ?? [], problems, 'trainingWishes');
      // The code is checked with the rest (a wrong one counts against it); a right one is spent
      // only by the registration that succeeds.
      const proof =
        how.by === 'self' ? await checkRegistrationCode(deps.codes, problems, phone, input.phoneCode) : null;
      problems.throwIfAny();
      if (!profile) throw new Error('unreachable: a bad profile was reported above');
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      const now = clock.now();
      const idNumber = {
        idNumberHmac: vault.fingerprint(profile.id.normalized),
        idNumberEncrypted: vault.encrypt(profile.id.normalized),
        idNumberMasked: maskIdNumber(profile.id.normalized),
        birthDate: profile.id.birthDate,
        sex: profile.id.sex,
      };

      try {
        const registered = await db.transaction(async (tx) => {
          if (proof) await deps.codes.use(proof, tx);
          const account = await deps.accounts.insert(
            {
              role: 'WORKER',
              phone,
              passwordHash,
              displayName: profile.name,
              phoneVerifiedAt: proof ? now : null,
              locale: input.locale ?? null,
            },
            tx,
          );
          const worker = await repository.insert(
            {
              accountId: account.id,
              name: profile.name,
              ...idNumber,
              homeRegionCode: profile.homeRegionCode,
              residenceRegionCode: profile.residenceRegionCode,
              lat: profile.location.lat,
              lng: profile.location.lng,
              travelRadiusKm: profile.travelRadiusKm,
              laborBrand: profile.laborBrand,
              priorityGroups: profile.priorityGroups,
              consentVersion: PRIVACY_NOTICE_VERSION,
              consentAt: now,
              registeredByAccountId: how.by === 'operator' ? how.registeredBy : null,
              registeredAtStationId: how.by === 'operator' ? how.stationId : null,
            },
            profile.skills,
            tx,
          );
          await enqueueOutbox('workers', [worker.id], tx);
          if (wishes && wishes.length > 0) {
            await deps.wishes.record(
              worker.id,
              wishes,
              how.by === 'operator'
                ? { source: 'OPERATOR', byAccountId: how.registeredBy, at: now }
                : { source: 'REGISTRATION', byAccountId: account.id, at: now },
              tx,
            );
          }
          if (how.by !== 'operator') return { account, worker, tell: () => {} };
          const inPerson = {
            status: 'VERIFIED_IN_PERSON',
            at: now,
            byAccountId: how.verifiedBy.accountId,
            stationId: how.stationId,
          } as const;
          const claimed = await deps.identity.claim(
            worker,
            idNumber,
            inPerson,
            how.verifiedBy,
            { walkIn: true },
            tx,
          );
          return { account, worker: claimed.worker, tell: claimed.tell };
        });
        registered.tell();
        return { account: registered.account, worker: registered.worker };
      } catch (error) {
        // Only a verified number is unique: a walk-in's, raced by another station's verification.
        if (uniqueViolation(error) === 'workers_verified_id_number_unique') throw identityConflict();
        throw error;
      }
    },

    /** Replaces the worker's availability with these windows (an empty list clears it). */
    async setAvailability(workerId: string, windows: { startsAt: Date; endsAt: Date }[]) {
      const problems = createProblems();
      const now = clock.now().getTime();
      if (windows.length > MAX_WINDOWS)
        problems.add('windows', text('workers:windowsCount', { max: MAX_WINDOWS }));
      windows.forEach((w, i) => {
        const start = w.startsAt.getTime();
        const end = w.endsAt.getTime();
        if (end <= start) problems.add(`windows[${i}].endsAt`, text('workers:windowOrder'));
        else if (end - start > MAX_WINDOW_DAYS * 86_400_000) {
          problems.add(`windows[${i}].endsAt`, text('workers:windowLength', { days: MAX_WINDOW_DAYS }));
        }
        if (end <= now) problems.add(`windows[${i}].endsAt`, text('workers:windowOver'));
        if (start > now + HORIZON_DAYS * 86_400_000) {
          problems.add(`windows[${i}].startsAt`, text('workers:windowHorizon', { days: HORIZON_DAYS }));
        }
      });
      const sorted = windows
        .map((w, i) => ({ ...w, i }))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let k = 1; k < sorted.length; k++) {
        const previous = sorted[k - 1];
        const current = sorted[k];
        if (previous && current && current.startsAt < previous.endsAt) {
          problems.add(`windows[${current.i}]`, text('workers:windowOverlap', { other: previous.i + 1 }));
        }
      }
      problems.throwIfAny();
      await db.transaction(async (tx) => {
        // False for an erased worker (their erasure deleted the windows): nothing written again.
        if (!(await repository.replaceAvailability(workerId, windows, tx))) {
          throw new AppError(ErrorCode.NOT_FOUND, text('workers:workerGone'));
        }
        await enqueueOutbox('workers', [workerId], tx);
      });
      const [worker] = await repository.byIds([workerId]);
      if (!worker) throw new AppError(ErrorCode.NOT_FOUND, text('workers:workerGone'));
      return worker;
    },

    async byAccount(accountId: string) {
      return repository.byAccount(accountId);
    },

    byIds: (ids: readonly string[]) => repository.byIds(ids),
    byAccountIds: (ids: readonly string[]) => repository.byAccountIds(ids),
    skillsOf: (ids: readonly string[]) => repository.skillsOf(ids),
    availabilityOf: (ids: readonly string[]) => repository.availabilityOf(ids),
  };
}

export type WorkersService = ReturnType<typeof createWorkersService>;
