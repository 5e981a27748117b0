import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { AppError, createProblems, ErrorCode, notFound } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { PiiVault } from '../../security/pii-vault.js';
import { toShanghaiIso } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import { type IdNumber, maskIdNumber, parseIdNumber } from '../registry/id-number.js';
import type { IdentityGateway } from './identity.gateway.js';
import type { IdentityRepository, StoredIdNumber, Verification } from './identity.repository.js';
import type { WorkerRecord } from './workers.repository.js';

export type VerifyInPersonInput = {
  workerId: string;
  idNumber: string;
  name: string;
  /** Where the card was seen; null for an admin at the bureau. */
  stationId: string | null;
};

/** A number verified in person on another account: never taken over, the bureau looks at both. */
export const identityConflict = () =>
  new AppError(ErrorCode.IDENTITY_CONFLICT, text('workers:identityConflict'));
const conflict = identityConflict;

/** Whatever must be told once the transaction has committed. */
type Tell = () => void;

/** What a worker whose number was taken is told, in the language their account chose. */
const LOST_MESSAGE = text('workers:identityLost');

/**
 * Real-name, honestly labelled (实名): a worker is SELF_DECLARED until a station operator sees the
 * ID card (VERIFIED_IN_PERSON) or an identity service confirms the pair (VERIFIED_BY_SERVICE). A
 * verified person takes their number from every account that only declared it; a number verified
 * in person on one account is never taken by another (the bureau resolves that).
 */
export function createIdentityService(deps: {
  db: Database;
  repository: IdentityRepository;
  vault: PiiVault;
  clock: Clock;
  audit: AuditService;
  notify: Notify;
  gateway: IdentityGateway;
  /** The language each account chose (accounts.repository.ts `chosenLocales`). */
  chosenLocales: (accountIds: readonly string[], tx?: Executor) => Promise<Map<string, Locale | null>>;
}) {
  const { db, repository, vault, clock, audit, notify } = deps;

  const stored = (id: IdNumber): StoredIdNumber => ({
    idNumberHmac: vault.fingerprint(id.normalized),
    idNumberEncrypted: vault.encrypt(id.normalized),
    idNumberMasked: maskIdNumber(id.normalized),
    birthDate: id.birthDate,
    sex: id.sex,
  });

  const serviceRefused = (reason: string) =>
    new AppError(ErrorCode.IDENTITY_NOT_VERIFIED, text('workers:serviceRefused'), { reason });

  /**
   * In the caller's transaction, the worker (row locked by the caller, or just inserted) becomes
   * verified with this number. In person, every other account holding the number without an
   * in-person check loses it; a service's confirmation takes it from nobody (a contested number is
   * settled at a station). What to tell comes back, for after commit.
   */
  async function claim(
    worker: WorkerRecord,
    number: StoredIdNumber,
    how: Verification,
    actor: Actor | null,
    details: Record<string, unknown>,
    tx: Executor,
  ): Promise<{ worker: WorkerRecord; tell: Tell }> {
    const others = await repository.holdersOf(number.idNumberHmac, worker.id, tx);
    const inPerson = how.status === 'VERIFIED_IN_PERSON';
    const holders = inPerson ? others.filter((o) => o.identityStatus !== 'VERIFIED_IN_PERSON') : [];
    if (others.some((o) => o.identityStatus !== 'SELF_DECLARED' && !holders.includes(o))) {
      throw inPerson ? conflict() : serviceRefused('VERIFIED_ELSEWHERE');
    }
    for (const other of holders) await repository.loseNumber(other.id, how.at, tx);
    const verified = await repository.markVerified(worker.id, number, how, tx);
    await audit.record(
      [
        {
          actor,
          action: 'WORKER_IDENTITY_VERIFIED',
          subjectType: 'WORKER',
          subjectId: worker.id,
          details: {
            how: how.status,
            stationId: how.stationId,
            idNumberMasked: number.idNumberMasked,
            tookFrom: holders.map((h) => h.id),
            ...details,
          },
        },
        ...holders.map((other) => ({
          actor,
          action: 'WORKER_ID_NUMBER_LOST' as const,
          subjectType: 'WORKER' as const,
          subjectId: other.id,
          details: { previousStatus: other.identityStatus, takenBy: worker.id },
        })),
      ],
      tx,
    );
    await enqueueOutbox('workers', [worker.id, ...holders.map((h) => h.id)], tx);
    const at = toShanghaiIso(how.at);
    const locales = await deps.chosenLocales(
      holders.map((h) => h.accountId),
      tx,
    );
    return {
      worker: verified,
      tell: () => {
        for (const other of holders) {
          const message = render(LOST_MESSAGE, locales.get(other.accountId) ?? DEFAULT_LOCALE);
          notify(rooms.worker(other.id), 'identity:lost', { workerId: other.id, at, message });
        }
      },
    };
  }

  /** The verification's transaction; a race lost to another verification is the same conflict. */
  async function inTransaction<T>(work: (tx: Executor) => Promise<{ worker: T; tell: Tell }>): Promise<T> {
    try {
      const { worker, tell } = await db.transaction(work);
      tell();
      return worker;
    } catch (error) {
      if (uniqueViolation(error) === 'workers_verified_id_number_unique') throw conflict();
      throw error;
    }
  }

  return {
    claim,

    /**
     * A station operator (or an admin) checked the worker's ID card: the name and number on it
     * must be the ones the worker registered with (a worker whose number was taken gives the
     * number on their own card).
     */
    async verifyInPerson(actor: Actor, input: VerifyInPersonInput): Promise<WorkerRecord> {
      const problems = createProblems();
      const name = input.name.trim();
      const nameReadable = name.length >= 2 && name.length <= 30;
      if (!nameReadable) problems.add('name', text('workers:cardName'));
      const parsed = parseIdNumber(input.idNumber, { today: clock.now(), regionExists: () => false });
      if (!parsed.ok) {
        problems.add('idNumber', parsed.reason);
        problems.throwIfAny();
        throw new Error('unreachable: a bad ID number was reported above');
      }
      const number = stored(parsed.value);

      return inTransaction(async (tx) => {
        const worker = await repository.lock(input.workerId, tx);
        if (!worker) throw notFound('worker', input.workerId);
        if (worker.idNumberHmac && worker.idNumberHmac !== number.idNumberHmac) {
          problems.add('idNumber', text('workers:notRegisteredNumber'));
        }
        // A name of the wrong length was reported above; one that reads is held against the worker's.
        if (nameReadable && worker.name !== name) problems.add('name', text('workers:notRegisteredName'));
        problems.throwIfAny();
        const how: Verification = {
          status: 'VERIFIED_IN_PERSON',
          at: clock.now(),
          byAccountId: actor.accountId,
          stationId: input.stationId,
        };
        return claim(worker, number, how, actor, { regained: worker.idNumberLostAt !== null }, tx);
      });
    },

    /** The worker asks the identity service to confirm the name and number they registered with. */
    async verifyByService(actor: Actor, workerId: string): Promise<WorkerRecord> {
      const worker = await repository.byId(workerId);
      if (!worker) throw notFound('worker', workerId);
      if (worker.identityStatus !== 'SELF_DECLARED') return worker;
      if (!worker.idNumberEncrypted) {
        throw new AppError(ErrorCode.IDENTITY_NOT_VERIFIED, text('workers:noIdNumber'));
      }
      const idNumber = vault.decrypt(worker.idNumberEncrypted);
      const answer = await deps.gateway.confirm({ name: worker.name, idNumber });
      if (!answer.confirmed) throw serviceRefused(answer.reason);
      const parsed = parseIdNumber(idNumber, { today: clock.now(), regionExists: () => true });
      if (!parsed.ok) throw new Error('a stored ID number no longer parses');
      return inTransaction(async (tx) => {
        const locked = await repository.lock(workerId, tx);
        if (!locked) throw notFound('worker', workerId);
        // A station may have verified this worker, or given the number to its owner, meanwhile.
        if (locked.idNumberHmac !== worker.idNumberHmac) throw serviceRefused('NUMBER_CHANGED');
        if (locked.identityStatus !== 'SELF_DECLARED') return { worker: locked, tell: () => {} };
        const how: Verification = {
          status: 'VERIFIED_BY_SERVICE',
          at: clock.now(),
          byAccountId: null,
          stationId: null,
        };
        return claim(
          locked,
          stored(parsed.value),
          how,
          actor,
          { provider: deps.gateway.provider, reference: answer.reference },
          tx,
        );
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
