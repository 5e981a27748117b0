import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { AppError, badInput, createProblems, ErrorCode, type Problems, uuidAmong } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { type Text, text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { checkSingleLine } from '../../text/single-line.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { CourseRecord, CoursesRepository } from './courses.repository.js';
import { type PostCourseInput, validateCourse } from './courses.validation.js';
import type { ProvidersService } from './providers.service.js';
import type { CourseCancelled } from './training.events.js';

const REASON = { min: 2, max: 200 };

export const courseNotFound = (id: string) =>
  new AppError(ErrorCode.NOT_FOUND, text('training:providerCourseNotFound', { id }), { id });

/** Courses (培训班): a verified provider posts them, and may call one off (docs/training.md). */
export function createCoursesService(deps: {
  db: Database;
  repository: CoursesRepository;
  providers: ProvidersService;
  reference: ReferenceRepository;
  workers: Pick<WorkersRepository, 'byIds'>;
  clock: Clock;
  audit: AuditTrail;
  notify: Notify;
  /** Tells a worker by SMS too (the SMS service's notice), after the commit. */
  textNotice: (workerId: string, said: Text) => Promise<void>;
  chosenLocales: (accountIds: readonly string[]) => Promise<Map<string, Locale | null>>;
  log: { warn: (details: object, message: string) => void };
}) {
  const { db, repository, clock } = deps;

  /** The order a course names: this provider's, taken, in the course's trade, without a course yet. */
  async function checkOrder(problems: Problems, providerId: string, input: PostCourseInput) {
    if (!input.orderId) return null;
    const before = problems.count;
    const id = uuidAmong(problems, 'orderId', input.orderId);
    if (problems.count > before) return null;
    const order = await repository.orderById(id);
    if (!order || order.providerId !== providerId) problems.add('orderId', text('training:orderNotYours'));
    else if (order.status !== 'TAKEN')
      problems.add('orderId', text('training:orderNotTaken', { status: order.status }));
    else if (order.skillCode !== input.skillCode) problems.add('orderId', text('training:orderOtherTrade'));
    else if (order.courseId) problems.add('orderId', text('training:orderHasCourse'));
    return id;
  }

  /** Tells each learner still enrolled, by socket and SMS; a failure costs only the notice. */
  async function tellLearners(course: CourseRecord, reason: string) {
    const workerIds = await repository.enrolledWorkers(course.id);
    if (workerIds.length === 0) return;
    const workers = await deps.workers.byIds(workerIds);
    const locales = await deps.chosenLocales(workers.map((w) => w.accountId));
    const said = text('training:courseCancelled', { title: course.title, startsOn: course.startsOn, reason });
    for (const worker of workers) {
      const payload: CourseCancelled = {
        courseId: course.id,
        title: course.title,
        startsOn: course.startsOn,
        reason,
        message: render(said, locales.get(worker.accountId) ?? DEFAULT_LOCALE),
      };
      deps.notify(rooms.worker(worker.id), 'course:cancelled', payload);
      await deps.textNotice(worker.id, said).catch((error: unknown) => {
        deps.log.warn({ err: error, courseId: course.id }, 'could not text a cancelled course notice');
      });
    }
  }

  return {
    /**
     * A verified provider posts a course: every field is checked at once, and the course, its
     * order's link to it and its index entry are written in one transaction.
     */
    async post(accountId: string, input: PostCourseInput): Promise<CourseRecord> {
      const provider = await deps.providers.ofAccount(accountId);
      if (!provider.verifiedAt)
        throw new AppError(ErrorCode.PROVIDER_NOT_VERIFIED, text('training:providerNotVerified'));
      const problems = createProblems();
      const orderId = await checkOrder(problems, provider.id, input);
      const course = await validateCourse(input, { reference: deps.reference, clock }, problems);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await repository.insert(
          {
            providerId: provider.id,
            title: course.title,
            description: course.description,
            skillCode: course.skillCode,
            targetLevel: course.targetLevel,
            certificate: course.certificate,
            subsidised: course.subsidised,
            subsidySource: course.subsidySource,
            feeFen: course.feeFen,
            startsOn: course.startsOn,
            endsOn: course.endsOn,
            hours: course.hours,
            enrolBy: course.enrolBy,
            regionCode: course.regionCode,
            address: course.address,
            lat: course.location.lat,
            lng: course.location.lng,
            seats: course.seats,
            language: course.language,
            orderId,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        // Another course may have taken the order since it was read: refused, nothing written.
        if (orderId && !(await repository.attachToOrder(orderId, row, tx)))
          throw badInput('orderId', text('training:orderHasCourse'));
        await enqueueOutbox('courses', [row.id], tx);
        return row;
      });
    },

    /** Its provider calls a course off with a reason; the learners are told (socket and SMS). */
    async cancel(actor: Actor, courseId: string, reason: string): Promise<CourseRecord> {
      const provider = await deps.providers.ofAccount(actor.accountId);
      const problems = createProblems();
      const id = uuidAmong(problems, 'courseId', courseId);
      const said = reason.trim();
      if (said.length < REASON.min || said.length > REASON.max)
        problems.add('reason', text('training:cancelReason', REASON));
      checkSingleLine(problems, { reason: said });
      problems.throwIfAny();
      const cancelled = await db.transaction(async (tx) => {
        const course = await repository.lock(id, tx);
        if (!course || course.providerId !== provider.id) throw courseNotFound(id);
        if (course.status !== 'OPEN')
          throw badInput('courseId', text('training:cannotCancel', { status: course.status }));
        const row = await repository.cancel(id, said, clock.now(), tx);
        await repository.detachFromOrder(id, tx);
        await deps.audit.record(
          {
            actor,
            action: 'COURSE_CANCELLED',
            subjectType: 'COURSE',
            subjectId: id,
            details: { title: row.title, providerId: provider.id, reason: said, enrolled: row.enrolled },
          },
          tx,
        );
        await enqueueOutbox('courses', [id], tx);
        return row;
      });
      await tellLearners(cancelled, said).catch((error: unknown) => {
        deps.log.warn({ err: error, courseId: id }, 'could not tell the learners of a cancelled course');
      });
      return cancelled;
    },

    async mine(accountId: string): Promise<CourseRecord[]> {
      const provider = await deps.providers.ofAccount(accountId);
      return repository.ofProvider(provider.id);
    },

    byIds: (ids: readonly string[]) => repository.byIds(ids),
    ordersByIds: (ids: readonly string[]) => repository.ordersByIds(ids),
    enrolmentsOf: (courseIds: readonly string[]) => repository.enrolmentsOf(courseIds),
  };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
