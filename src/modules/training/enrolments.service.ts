import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { AppError, badInput, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { marketDay, toShanghaiIso } from '../../time.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { CourseRow, EnrolmentRecord, EnrolmentsRepository } from './enrolments.repository.js';

/** NOT_FOUND for a course (also one of another provider: it is not theirs to see). */
export const courseNotFound = (id: string) =>
  new AppError(ErrorCode.NOT_FOUND, text('training:courseNotFound', { id }), { id });

export const enrolmentNotFound = (id: string) =>
  new AppError(ErrorCode.NOT_FOUND, text('training:enrolmentNotFound', { id }), { id });

export const courseStatusWord = (status: CourseRow['status']) => text(`training:courseStatus.${status}`);
export const enrolmentStatusWord = (status: EnrolmentRecord['status']) =>
  text(`training:enrolmentStatus.${status}`);

/** Who is enrolling: the worker themself, or a station operator for a walk-in of their station. */
export type EnrolActor = { workerId: string; actedBy: string | null };

/**
 * Enrolment (docs/training.md, "Enrolment and results"): a seat on a course, never more learners
 * than seats however many race; withdrawing before the course starts gives the seat back.
 */
export function createEnrolmentsService(deps: {
  db: Database;
  repository: EnrolmentsRepository;
  workers: Pick<WorkersRepository, 'byIds' | 'erased'>;
  clock: Clock;
  notify: Notify;
}) {
  const { db, repository, clock } = deps;

  /** ENROLMENT_CLOSED when the course takes no more learners, by its status or its enrolBy day. */
  function refuseClosed(course: CourseRow, today: string) {
    if (course.status !== 'OPEN') {
      throw new AppError(
        ErrorCode.ENROLMENT_CLOSED,
        text('training:enrolClosedStatus', { status: courseStatusWord(course.status) }),
        { status: course.status },
      );
    }
    if (today > course.enrolBy) {
      throw new AppError(
        ErrorCode.ENROLMENT_CLOSED,
        text('training:enrolClosedDate', { enrolBy: course.enrolBy }),
        {
          enrolBy: course.enrolBy,
        },
      );
    }
  }

  return {
    /**
     * A seat on the course for the worker. One transaction, under the worker's own lock: the same
     * seat back if they hold one (idempotent), SCHEDULE_CONFLICT if they sit another open course on
     * the same days, else the seat taken by the conditional UPDATE (`takeSeat`) and the enrolment
     * written, with the course sent to the search index (its seats left changed). The provider is
     * told after commit.
     */
    async enrol(courseId: string, actor: EnrolActor): Promise<EnrolmentRecord> {
      const [worker] = await deps.workers.byIds([actor.workerId]);
      if (!worker) throw new AppError(ErrorCode.NOT_FOUND, text('training:workerNotFound'));
      const outcome = await db.transaction(async (tx) => {
        await repository.lockWorker(worker.id, tx);
        // An erased person (their account deleted) is enrolled on nothing, even by an operator.
        if (await deps.workers.erased(worker.id, tx)) {
          throw new AppError(ErrorCode.NOT_FOUND, text('training:workerNotFound'));
        }
        const held = await repository.live(courseId, worker.id, tx);
        if (held) return { enrolment: held, course: null, providerAccountId: null };
        const course = await repository.courseById(courseId, tx);
        if (!course) throw courseNotFound(courseId);
        const now = clock.now();
        refuseClosed(course, marketDay(now));
        const [clash] = await repository.overlapping(worker.id, course, tx);
        if (clash) {
          throw new AppError(
            ErrorCode.SCHEDULE_CONFLICT,
            text('training:scheduleConflict', {
              title: clash.title,
              startsOn: clash.startsOn,
              endsOn: clash.endsOn,
            }),
            { courseId: clash.courseId },
          );
        }
        const taken = await repository.takeSeat(course.id, now, tx);
        if (!taken) {
          // No seat: either the last went to someone else, or the course closed meanwhile.
          const current = (await repository.courseById(course.id, tx)) ?? course;
          refuseClosed(current, marketDay(now));
          throw new AppError(ErrorCode.COURSE_FULL, text('training:courseFull', { seats: current.seats }), {
            seats: current.seats,
          });
        }
        const enrolment = await repository.insert(
          {
            courseId: course.id,
            workerId: worker.id,
            enrolledByAccountId: actor.actedBy ?? worker.accountId,
            enrolledAtStationId: actor.actedBy ? worker.registeredAtStationId : null,
            enrolledAt: now,
          },
          tx,
        );
        await enqueueOutbox('courses', [course.id], tx);
        const provider = await repository.providerById(course.providerId, tx);
        return { enrolment, course: taken, providerAccountId: provider?.accountId ?? null };
      });
      const { enrolment, course, providerAccountId } = outcome;
      if (course && providerAccountId) {
        deps.notify(rooms.account(providerAccountId), 'course:enrolled', {
          courseId: course.id,
          enrolmentId: enrolment.id,
          workerId: enrolment.workerId,
          enrolled: course.enrolled,
          seats: course.seats,
          enrolledAt: toShanghaiIso(enrolment.enrolledAt),
        });
      }
      return enrolment;
    },

    /**
     * The worker leaves the course before it starts: the seat is given back and the course sent to
     * the index again. Withdrawing again answers the same withdrawn enrolment.
     */
    async withdraw(enrolmentId: string, workerId: string): Promise<EnrolmentRecord> {
      const [found] = await repository.byIds([enrolmentId]);
      if (!found || found.workerId !== workerId) throw enrolmentNotFound(enrolmentId);
      // The lock order of results and the register: the course, then its enrolments.
      return db.transaction(async (tx) => {
        const course = await repository.lockCourse(found.courseId, tx);
        const [enrolment] = await repository.lockMany([enrolmentId], tx);
        if (!course || !enrolment) throw enrolmentNotFound(enrolmentId);
        if (enrolment.status === 'WITHDRAWN') return enrolment;
        if (enrolment.status !== 'ENROLLED') {
          throw badInput(
            'enrolmentId',
            text('training:withdrawDecided', { status: enrolmentStatusWord(enrolment.status) }),
            { status: enrolment.status },
          );
        }
        const now = clock.now();
        if (course.status === 'OPEN' && marketDay(now) >= course.startsOn) {
          throw badInput('enrolmentId', text('training:withdrawStarted', { startsOn: course.startsOn }), {
            startsOn: course.startsOn,
          });
        }
        const withdrawn = await repository.withdraw(enrolment.id, now, tx);
        await repository.releaseSeat(course.id, now, tx);
        await enqueueOutbox('courses', [course.id], tx);
        return withdrawn;
      });
    },

    /** The worker's enrolments, latest first. */
    ofWorker: (workerId: string) => repository.ofWorker(workerId),

    /** Whose enrolment it is (an operator withdraws for the walk-in who holds it). */
    async workerOf(enrolmentId: string): Promise<string | undefined> {
      const [enrolment] = await repository.byIds([enrolmentId]);
      return enrolment?.workerId;
    },

    // Reads for the Enrolment type's fields (loaders).
    byIds: (ids: readonly string[]) => repository.byIds(ids),
    coursesByIds: (ids: readonly string[]) => repository.coursesByIds(ids),
    attendanceOf: (ids: readonly string[]) => repository.attendanceOf(ids),
    daysPresent: (ids: readonly string[]) => repository.daysPresent(ids),
  };
}

export type EnrolmentsService = ReturnType<typeof createEnrolmentsService>;
