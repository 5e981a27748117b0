import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { createProblems, type Problems, uuidAmong } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { type Text, text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { checkSingleLine } from '../../text/single-line.js';
import { isCalendarDay, marketDay, toShanghaiIso } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { CertificateRecord } from '../workers/certificates.repository.js';
import type { CertificatesService } from '../workers/certificates.service.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { CourseRow, EnrolmentRecord, EnrolmentsRepository } from './enrolments.repository.js';
import { courseNotFound, courseStatusWord, enrolmentStatusWord } from './enrolments.service.js';

export type AttendanceEntry = { enrolmentId: string; present: boolean };
export type CourseResultEntry = {
  enrolmentId: string;
  passed: boolean;
  score: number;
  certificateNumber?: string | null;
};

export type ResultSettings = {
  /** COURSE_MIN_ATTENDANCE: the share of the course's days (percent) a learner must be present to pass. */
  minAttendancePercent: number;
};

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** The course's days, first and last included. */
export const courseDays = (course: Pick<CourseRow, 'startsOn' | 'endsOn'>) =>
  dayNumber(course.endsOn) - dayNumber(course.startsOn) + 1;

/**
 * The last valid day of a 特种作业操作证 issued on `issuedOn`: 有效期 6 年 (《特种作业人员安全技术培训
 * 考核管理规定》, 国家安全生产监督管理总局令第30号, 第十九条), so the day before the sixth anniversary.
 */
export function operationCertificateExpiry(issuedOn: string): string {
  const [year, month, day] = issuedOn.split('-').map(Number);
  const anniversary = new Date(Date.UTC((year ?? 0) + 6, (month ?? 1) - 1, day ?? 1));
  // 29 February: Date.UTC rolls to 1 March of a common year, whose day before is 28 February.
  return new Date(anniversary.getTime() - DAY_MS).toISOString().slice(0, 10);
}

type Learner = { enrolment: EnrolmentRecord; name: string };

/**
 * The provider's side of a course (docs/training.md, "Enrolment and results"): the register of
 * each day, and the results, whose passes issue the course's certificate through the workers
 * domain (CertificatesService.record, by TRAINING_PROVIDER) in the same transaction.
 */
export function createCourseResults(deps: {
  db: Database;
  repository: EnrolmentsRepository;
  certificates: Pick<CertificatesService, 'record'>;
  workers: Pick<WorkersRepository, 'byIds'>;
  reference: Pick<ReferenceRepository, 'taxonomy'>;
  clock: Clock;
  audit: AuditService;
  notify: Notify;
  /** Sends the worker a notice by SMS (sms.service.ts `notice`), in their language. */
  textNotice: (workerId: string, said: Text) => Promise<void>;
  chosenLocales: (accountIds: readonly string[]) => Promise<Map<string, Locale | null>>;
  settings: ResultSettings;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /**
   * A completed course that fills a training order: its graduates join the employer's roster in
   * the completion's transaction (orders.service.ts `graduatesPassed`); `tell` runs after commit.
   */
  graduates: (courseId: string, tx: Executor) => Promise<{ tell: () => void }>;
}) {
  const { db, repository, clock, audit } = deps;

  /** The provider's own course, locked for the batch; another provider's is not found. */
  async function ownCourse(actor: Actor, courseId: string, tx: Executor) {
    const provider = await repository.providerOfAccount(actor.accountId, tx);
    const course = provider ? await repository.lockCourse(courseId, tx) : undefined;
    if (!provider || !course || course.providerId !== provider.id) throw courseNotFound(courseId);
    return { provider, course };
  }

  /**
   * The batch's enrolments, locked, each checked to be a waiting learner of this course; every
   * problem is noted on its entry's field (`<list>[i].enrolmentId`). Names are the workers'.
   */
  async function learners(
    problems: Problems,
    list: string,
    ids: string[],
    course: CourseRow,
    tx: Executor,
  ): Promise<Map<string, Learner>> {
    const valid = [...new Set(ids.filter((id) => /^[0-9a-f-]{36}$/.test(id)))];
    const rows = new Map((await repository.lockMany(valid, tx)).map((e) => [e.id, e]));
    const names = new Map(
      (await deps.workers.byIds([...new Set([...rows.values()].map((e) => e.workerId))], tx)).map((w) => [
        w.id,
        w.name,
      ]),
    );
    const out = new Map<string, Learner>();
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const field = `${list}[${i}].enrolmentId`;
      const enrolment = rows.get(id);
      if (seen.has(id)) problems.add(field, text('training:entryTwice'));
      seen.add(id);
      if (!enrolment || enrolment.courseId !== course.id) {
        if (/^[0-9a-f-]{36}$/.test(id)) problems.add(field, text('training:notOfCourse', { id }));
        return;
      }
      const name = names.get(enrolment.workerId) ?? enrolment.workerId;
      if (enrolment.status !== 'ENROLLED') {
        problems.add(
          field,
          text('training:learnerNotWaiting', { name, status: enrolmentStatusWord(enrolment.status) }),
        );
        return;
      }
      out.set(id, { enrolment, name });
    });
    return out;
  }

  function refuseClosedCourse(problems: Problems, course: CourseRow) {
    if (course.status !== 'OPEN') {
      problems.add(
        'courseId',
        text('training:courseNotRunning', { status: courseStatusWord(course.status) }),
      );
    }
  }

  /** The worker is told of their result: a socket event and an SMS notice, in their language. */
  async function tell(
    course: CourseRow,
    told: { enrolment: EnrolmentRecord; certificate: CertificateRecord | null }[],
    at: Date,
  ) {
    if (told.length === 0) return;
    const [taxonomy, workers] = await Promise.all([
      deps.reference.taxonomy(),
      deps.workers.byIds(told.map((r) => r.enrolment.workerId)),
    ]);
    const trade = taxonomy.find((s) => s.code === course.skillCode)?.name ?? course.skillCode;
    const locales = await deps.chosenLocales(workers.map((w) => w.accountId));
    const accountOf = new Map(workers.map((w) => [w.id, w.accountId]));
    for (const { enrolment, certificate } of told) {
      const score = enrolment.score ?? 0;
      const passed = enrolment.status === 'PASSED';
      const said = !passed
        ? text('training:resultFailed', { course: course.title, score })
        : certificate?.kind === 'SPECIAL_OPERATION'
          ? text('training:resultPassedOperation', {
              course: course.title,
              score,
              number: certificate.number,
              expiresOn: certificate.expiresOn ?? '',
              trade,
            })
          : certificate
            ? text('training:resultPassedLevel', {
                course: course.title,
                score,
                number: certificate.number,
                level: text(`workers:level.${(certificate.level ?? 1) as 1 | 2 | 3 | 4 | 5}`),
                trade,
              })
            : text('training:resultPassed', { course: course.title, score });
      const locale = locales.get(accountOf.get(enrolment.workerId) ?? '') ?? DEFAULT_LOCALE;
      deps.notify(rooms.worker(enrolment.workerId), 'course:result', {
        enrolmentId: enrolment.id,
        courseId: course.id,
        courseTitle: course.title,
        passed,
        score,
        certificateNumber: certificate?.number ?? null,
        level: certificate?.level ?? null,
        expiresOn: certificate?.expiresOn ?? null,
        recordedAt: toShanghaiIso(at),
        message: render(said, locale),
      });
      await deps.textNotice(enrolment.workerId, said);
    }
  }

  return {
    /**
     * The register of one course day: each entry a waiting learner of the course, the day within
     * the course and not after today; written per (learner, day), a second record replacing the
     * first. Every problem at once; nothing is written on any.
     */
    async recordAttendance(
      actor: Actor,
      courseId: string,
      day: string,
      entries: readonly AttendanceEntry[],
    ): Promise<EnrolmentRecord[]> {
      return db.transaction(async (tx) => {
        const { course } = await ownCourse(actor, courseId, tx);
        const problems = createProblems();
        const now = clock.now();
        const today = marketDay(now);
        refuseClosedCourse(problems, course);
        if (!isCalendarDay(day)) problems.add('day', text('training:dayFormat'));
        else if (day < course.startsOn || day > course.endsOn) {
          problems.add(
            'day',
            text('training:dayOutside', { day, startsOn: course.startsOn, endsOn: course.endsOn }),
          );
        } else if (day > today) problems.add('day', text('training:dayAhead', { day }));
        if (entries.length === 0) problems.add('entries', text('training:noEntries'));
        const ids = entries.map((e, i) => uuidAmong(problems, `entries[${i}].enrolmentId`, e.enrolmentId));
        const found = await learners(problems, 'entries', ids, course, tx);
        problems.throwIfAny();
        await repository.upsertAttendance(
          entries.map((e, i) => ({
            enrolmentId: ids[i] ?? e.enrolmentId,
            day,
            present: e.present,
            recordedByAccountId: actor.accountId,
            recordedAt: now,
          })),
          tx,
        );
        await audit.record(
          [
            {
              actor,
              action: 'COURSE_ATTENDANCE_RECORDED',
              subjectType: 'COURSE',
              subjectId: course.id,
              details: {
                day,
                present: entries.filter((e) => e.present).length,
                absent: entries.filter((e) => !e.present).length,
              },
            },
          ],
          tx,
        );
        return [...found.values()].map((l) => l.enrolment);
      });
    },

    /**
     * Results of learners of the course: pass or fail and a score. A pass needs the attendance
     * (COURSE_MIN_ATTENDANCE of the course's days present) and, on a course that issues a
     * certificate, its number: the certificate is recorded (by TRAINING_PROVIDER, the provider as
     * issuer) in the same transaction, raising the trade level. When no learner waits any more the
     * course is COMPLETED. Every problem at once, naming the learner; nothing is written on any.
     * Each worker is told after commit (socket and SMS).
     */
    async recordResults(
      actor: Actor,
      courseId: string,
      results: readonly CourseResultEntry[],
    ): Promise<EnrolmentRecord[]> {
      const now = clock.now();
      const today = marketDay(now);
      const outcome = await db.transaction(async (tx) => {
        const { provider, course } = await ownCourse(actor, courseId, tx);
        const problems = createProblems();
        refuseClosedCourse(problems, course);
        if (today < course.startsOn) {
          problems.add('courseId', text('training:resultsBeforeStart', { startsOn: course.startsOn }));
        }
        if (results.length === 0) problems.add('results', text('training:noResults'));
        const ids = results.map((r, i) => uuidAmong(problems, `results[${i}].enrolmentId`, r.enrolmentId));
        const found = await learners(problems, 'results', ids, course, tx);
        const present = await repository.daysPresent([...found.keys()], tx);
        const days = courseDays(course);
        const needed = Math.ceil((days * deps.settings.minAttendancePercent) / 100);
        const numbers = new Map<string, number>();
        results.forEach((result, i) => {
          const learner = found.get(ids[i] ?? '');
          const name = learner?.name ?? result.enrolmentId;
          const field = (key: string) => `results[${i}].${key}`;
          if (!Number.isInteger(result.score) || result.score < 0 || result.score > 100) {
            problems.add(field('score'), text('training:scoreRange', { name }));
          }
          const number = result.certificateNumber?.trim() ?? '';
          if (!result.passed || !course.certificate) {
            if (number)
              problems.add(field('certificateNumber'), text('training:noCertificateHere', { name }));
          } else if (!number) {
            problems.add(field('certificateNumber'), text('training:certificateNumberNeeded', { name }));
          } else if (number.length < 4 || number.length > 40) {
            problems.add(field('certificateNumber'), text('training:certificateNumberLength', { name }));
          } else if (numbers.has(number)) {
            problems.add(field('certificateNumber'), text('training:certificateNumberTwice', { number }));
          } else {
            numbers.set(number, i);
            checkSingleLine(problems, { [field('certificateNumber')]: number });
          }
          if (learner && result.passed) {
            const attended = present.get(learner.enrolment.id) ?? 0;
            if (attended < needed) {
              problems.add(
                field('passed'),
                text('training:attendanceTooLow', {
                  name,
                  present: attended,
                  days,
                  percent: deps.settings.minAttendancePercent,
                  needed,
                }),
              );
            }
          }
        });
        if (course.certificate) {
          const taken = await repository.takenNumbers(course.certificate, [...numbers.keys()], tx);
          for (const [number, i] of numbers) {
            if (taken.has(number)) {
              problems.add(
                `results[${i}].certificateNumber`,
                text('training:certificateNumberTaken', { number }),
              );
            }
          }
        }
        problems.throwIfAny();

        const issuedOn = course.endsOn < today ? course.endsOn : today;
        const written: { enrolment: EnrolmentRecord; certificate: CertificateRecord | null }[] = [];
        for (const [i, result] of results.entries()) {
          const learner = found.get(ids[i] ?? '');
          if (!learner) continue;
          let certificate: CertificateRecord | null = null;
          if (result.passed && course.certificate) {
            const special = course.certificate === 'SPECIAL_OPERATION';
            certificate = await deps.certificates.record(
              { by: 'TRAINING_PROVIDER', actor, stationId: null },
              {
                workerId: learner.enrolment.workerId,
                skillCode: course.skillCode,
                kind: course.certificate,
                level: special ? null : course.targetLevel,
                number: result.certificateNumber?.trim() ?? '',
                issuer: provider.name,
                issuedOn,
                expiresOn: special ? operationCertificateExpiry(issuedOn) : null,
              },
              { tx, neverLower: true },
            );
          }
          const enrolment = await repository.recordResult(
            learner.enrolment.id,
            { passed: result.passed, score: result.score, certificateId: certificate?.id ?? null },
            now,
            tx,
          );
          written.push({ enrolment, certificate });
        }
        const completed = (await repository.waiting(course.id, tx)) === 0;
        let graduation: { tell: () => void } | null = null;
        if (completed) {
          await repository.complete(course.id, now, tx);
          graduation = await deps.graduates(course.id, tx);
        }
        await enqueueOutbox('courses', [course.id], tx);
        await audit.record(
          [
            {
              actor,
              action: 'COURSE_RESULTS_RECORDED',
              subjectType: 'COURSE',
              subjectId: course.id,
              details: {
                passed: written.filter((w) => w.enrolment.status === 'PASSED').length,
                failed: written.filter((w) => w.enrolment.status === 'FAILED').length,
                certificates: written.flatMap((w) => (w.certificate ? [w.certificate.id] : [])),
                completed,
              },
            },
          ],
          tx,
        );
        return { course, written, graduation };
      });
      outcome.graduation?.tell();
      // The results are committed: a notice that cannot go out is logged, not answered as a failure.
      await tell(outcome.course, outcome.written, now).catch((error: unknown) => {
        deps.log.warn({ err: error, courseId }, 'could not tell learners their course results');
      });
      return outcome.written.map((w) => w.enrolment);
    },
  };
}

export type CourseResults = ReturnType<typeof createCourseResults>;
