import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import {
  CERTIFICATE_KINDS,
  type CertificateKind,
  type CertificateVerifier,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
} from '../../db/schema/index.js';
import { AppError, badInput, createProblems, ErrorCode, notFound } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { type Text, text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { checkSingleLine } from '../../text/single-line.js';
import { isCalendarDay as isDay, marketDay } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { CertificateRecord, CertificatesRepository } from './certificates.repository.js';
import type { Shortfall } from './qualification.js';
import type { WorkersRepository } from './workers.repository.js';

export type RecordCertificateInput = {
  workerId: string;
  skillCode: string;
  kind: string;
  level?: number | null;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn?: string | null;
};

/**
 * Who saw the certificate and vouches for it. Today a station operator (or an admin at the bureau)
 * who held it; the training provider that issued one will call `record` with
 * `by: 'TRAINING_PROVIDER'` once that role exists (docs/skills.md, "Who verifies").
 */
export type CertificateVerification = {
  by: CertificateVerifier;
  /** null: the system itself (the demo market), audited with the role SYSTEM. */
  actor: Actor | null;
  /** The station where it was seen; null at the bureau (or for a provider). */
  stationId: string | null;
};

/**
 * How `record` runs: inside the caller's transaction (`tx`: a training provider records the
 * certificate with the course result, so both commit or neither), and whether a level certificate
 * may lower a higher self-declared level (`neverLower`: a course's pass only ever raises it).
 */
export type RecordOptions = { tx?: Executor; neverLower?: boolean };

export type CertificateSettings = {
  /** CERTIFICATE_NOTICE_DAYS: how many days before a 特种作业操作证 expires its holder is told. */
  noticeDays: number;
  /** How many certificates one round of the notice job tells about. */
  batch: number;
};

const DAY_MS = 86_400_000;

/** A gig in a special-operation trade, and a worker without a valid 特种作业操作证 for it. */
export const certificateRequired = (workerId: string) =>
  new AppError(ErrorCode.CERTIFICATE_REQUIRED, text('workers:certificateRequired'), { workerId });

/** A gig asking for a level the worker has not reached in any of its trades. */
export const levelTooLow = (workerId: string) =>
  new AppError(ErrorCode.SKILL_LEVEL_TOO_LOW, text('workers:levelTooLow'), { workerId });

/** The refusal for a worker who does not qualify for a gig (qualification.ts). */
export const notQualified = (workerId: string, shortfall: Shortfall) =>
  shortfall === 'CERTIFICATE' ? certificateRequired(workerId) : levelTooLow(workerId);

/**
 * Skill levels that can be trusted (docs/skills.md): certificates a verifier saw, the trade level
 * they back, the qualification special-operation trades need by law, and the notice before a
 * 特种作业操作证 runs out.
 */
export function createCertificatesService(deps: {
  db: Database;
  repository: CertificatesRepository;
  workers: Pick<WorkersRepository, 'byIds' | 'holdLive'>;
  reference: Pick<ReferenceRepository, 'taxonomy'>;
  clock: Clock;
  audit: AuditService;
  notify: Notify;
  /** Sends the worker a notice by SMS (sms.service.ts `notice`), in their language. */
  textNotice: (workerId: string, said: Text) => Promise<void>;
  /** The language each account chose (accounts.repository.ts `chosenLocales`). */
  chosenLocales: (accountIds: readonly string[]) => Promise<Map<string, Locale | null>>;
  settings: CertificateSettings;
}) {
  const { db, repository, clock, audit } = deps;

  /** The input checked, every problem named by its field; nothing is written on a problem. */
  async function checked(input: RecordCertificateInput) {
    const problems = createProblems();
    const today = marketDay(clock.now());
    const number = input.number.trim();
    const issuer = input.issuer.trim();
    const kind = input.kind as CertificateKind;
    if (!(CERTIFICATE_KINDS as readonly string[]).includes(input.kind)) {
      problems.add('kind', text('workers:certificateKind', { kinds: CERTIFICATE_KINDS.join(', ') }));
    }
    const [trade] = (await deps.reference.taxonomy()).filter((s) => s.code === input.skillCode);
    if (!trade) problems.add('skillCode', text('workers:unknownSkill', { code: input.skillCode }));
    else if (kind === 'SPECIAL_OPERATION' && !trade.specialOperation) {
      problems.add('kind', text('workers:notSpecialOperation', { trade: trade.name }));
    }
    const level = input.level ?? null;
    if (kind === 'SPECIAL_OPERATION' && level !== null) {
      problems.add('level', text('workers:specialOperationNoLevel'));
    }
    if (
      kind !== 'SPECIAL_OPERATION' &&
      (level === null || !Number.isInteger(level) || level < SKILL_LEVEL_MIN || level > SKILL_LEVEL_MAX)
    ) {
      problems.add('level', text('workers:certificateLevel'));
    }
    if (number.length < 4 || number.length > 40) problems.add('number', text('workers:certificateNumber'));
    if (issuer.length < 2 || issuer.length > 60) problems.add('issuer', text('workers:certificateIssuer'));
    checkSingleLine(problems, { number, issuer });
    if (!isDay(input.issuedOn)) problems.add('issuedOn', text('workers:certificateDay'));
    else if (input.issuedOn > today) problems.add('issuedOn', text('workers:issuedInFuture'));
    const expiresOn = input.expiresOn ?? null;
    if (expiresOn !== null && !isDay(expiresOn)) problems.add('expiresOn', text('workers:certificateDay'));
    else if (expiresOn === null && kind === 'SPECIAL_OPERATION') {
      problems.add('expiresOn', text('workers:specialOperationExpiry'));
    } else if (expiresOn !== null && expiresOn < input.issuedOn) {
      problems.add('expiresOn', text('workers:expiresBeforeIssued'));
    } else if (expiresOn !== null && expiresOn < today) {
      problems.add('expiresOn', text('workers:alreadyExpired', { expiresOn }));
    }
    problems.throwIfAny();
    return { kind, level: kind === 'SPECIAL_OPERATION' ? null : level, number, issuer, expiresOn };
  }

  return {
    /**
     * Records a certificate someone saw and vouches for: in one transaction (the caller's, with
     * `options.tx`) the certificate, the trade level it backs (certificates.repository.ts
     * `backSkill`), an audit entry and the worker's index document (through the outbox).
     */
    async record(
      verification: CertificateVerification,
      input: RecordCertificateInput,
      options: RecordOptions = {},
    ): Promise<CertificateRecord> {
      const valid = await checked(input);
      const [worker] = await deps.workers.byIds([input.workerId], options.tx);
      if (!worker) throw notFound('worker', input.workerId);
      const now = clock.now();
      const inTransaction = <T>(work: (tx: Executor) => Promise<T>) =>
        options.tx ? work(options.tx) : db.transaction(work);
      try {
        return await inTransaction(async (tx) => {
          // Nothing is recorded of an erased person (their certificates went with the erasure),
          // nor of one whose erasure is under way: the worker's row held, the erasure read after it.
          if (!(await deps.workers.holdLive(worker.id, tx))) throw notFound('worker', input.workerId);
          const certificate = await repository.insert(
            {
              workerId: worker.id,
              skillCode: input.skillCode,
              kind: valid.kind,
              level: valid.level,
              number: valid.number,
              issuer: valid.issuer,
              issuedOn: input.issuedOn,
              expiresOn: valid.expiresOn,
              verifiedBy: verification.by,
              verifiedByAccountId: verification.actor?.accountId ?? null,
              verifiedAtStationId: verification.stationId,
              verifiedAt: now,
              createdAt: now,
            },
            tx,
          );
          await repository.backSkill(certificate, tx, { neverLower: options.neverLower ?? false });
          await audit.record(
            [
              {
                actor: verification.actor,
                action: 'WORKER_CERTIFICATE_VERIFIED',
                subjectType: 'WORKER',
                subjectId: worker.id,
                details: {
                  certificateId: certificate.id,
                  by: verification.by,
                  stationId: verification.stationId,
                  kind: certificate.kind,
                  skillCode: certificate.skillCode,
                  level: certificate.level,
                  issuer: certificate.issuer,
                  expiresOn: certificate.expiresOn,
                },
              },
            ],
            tx,
          );
          await enqueueOutbox('workers', [worker.id], tx);
          return certificate;
        });
      } catch (error) {
        if (uniqueViolation(error) === 'worker_certificates_number_unique') {
          throw badInput('number', text('workers:certificateNumberTaken'));
        }
        throw error;
      }
    },

    ofWorkers: (workerIds: readonly string[]) => repository.ofWorkers(workerIds),

    /**
     * Of `workerIds`, who may not take the gig now and why (qualification.ts); the hire step and
     * applications refuse them with `notQualified`.
     */
    shortfalls: (gigId: string, workerIds: readonly string[], tx?: Executor) =>
      repository.shortfalls(gigId, workerIds, clock.now(), tx),

    /**
     * One round of the notice job: each 特种作业操作证 expiring within `noticeDays` (market days)
     * whose holder was not told yet is marked told and its holder told, once, by a socket event and
     * an SMS notice. The rows are claimed and marked before anything is said, so no two nodes tell.
     */
    async noticeExpiring(): Promise<number> {
      const now = clock.now();
      const today = marketDay(now);
      const lastDay = marketDay(new Date(now.getTime() + deps.settings.noticeDays * DAY_MS));
      const due = await db.transaction((tx) =>
        repository.claimExpiring(lastDay, today, deps.settings.batch, tx),
      );
      if (due.length === 0) return 0;
      const [taxonomy, workers] = await Promise.all([
        deps.reference.taxonomy(),
        deps.workers.byIds([...new Set(due.map((c) => c.workerId))]),
      ]);
      const locales = await deps.chosenLocales(workers.map((w) => w.accountId));
      const accountOf = new Map(workers.map((w) => [w.id, w.accountId]));
      for (const certificate of due) {
        const trade = taxonomy.find((s) => s.code === certificate.skillCode)?.name ?? certificate.skillCode;
        const expiresOn = certificate.expiresOn ?? today;
        const days = Math.round(
          (Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS,
        );
        const said = text('workers:certificateExpiring', {
          trade,
          number: certificate.number,
          expiresOn,
          days,
        });
        const locale = locales.get(accountOf.get(certificate.workerId) ?? '') ?? DEFAULT_LOCALE;
        deps.notify(rooms.worker(certificate.workerId), 'certificate:expiring', {
          certificateId: certificate.id,
          skillCode: certificate.skillCode,
          expiresOn,
          days,
          message: render(said, locale),
        });
        await deps.textNotice(certificate.workerId, said);
      }
      return due.length;
    },
  };
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
