import type { Executor } from '../../db/client.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import { type EnrolmentsRepository, enrolmentsKey } from './enrolments.repository.js';

/** What the erasure of a worker asks of training: their waiting seats given up. */
export type LearnerErasure = {
  /**
   * The worker's enrolment key (an advisory lock), for the erasure to take first in its
   * transaction, before it locks or changes any row (privacy.service.ts takes every module's keys
   * in one holdKeys). An enrolment holds this lock while it reads and writes the worker's and the
   * account's rows (its foreign keys wait on the erasure's changes to them); taken later, the two
   * would wait on each other and PostgreSQL would abort one of them as a deadlock.
   */
  keysOf(workerId: string): string[];
  /** Runs in the erasure's transaction; call the returned `tell` after its commit. */
  forgetLearner(workerId: string, at: Date, tx: Executor): Promise<{ tell: () => void }>;
};

/**
 * A learner erased (PIPL art. 47) while waiting on a course (docs/training.md, "Personal data"):
 * each ENROLLED enrolment is withdrawn and its seat given back, so an erased person holds no seat
 * and no result (nor certificate) can be recorded for them afterwards. The register of the days
 * they came and any result already recorded stay; a pass lets go of its certificate (`certificate_id`
 * null), which the erasure deletes with the worker's others, so call this before the anonymisation.
 * A started course whose other learners all have
 * their results is completed there and then (and its order's graduates join the roster), as the
 * last result would have done.
 */
export function createLearnerErasure(deps: {
  repository: EnrolmentsRepository;
  graduates: (courseId: string, tx: Executor) => Promise<{ tell: () => void }>;
}): LearnerErasure {
  const { repository } = deps;
  return {
    keysOf: (workerId) => [enrolmentsKey(workerId)],
    async forgetLearner(workerId, at, tx) {
      const touched = await repository.withdrawAllOf(workerId, at, tx);
      await repository.dropCertificatesOf(workerId, tx);
      const tells: (() => void)[] = [];
      for (const course of touched) {
        if (
          course.status === 'OPEN' &&
          (await repository.waiting(course.id, tx)) === 0 &&
          (await repository.anyResult(course.id, tx))
        ) {
          await repository.complete(course.id, at, tx);
          tells.push((await deps.graduates(course.id, tx)).tell);
        }
      }
      if (touched.length > 0)
        await enqueueOutbox(
          'courses',
          touched.map((c) => c.id),
          tx,
        );
      return {
        tell: () => {
          for (const tell of tells) tell();
        },
      };
    },
  };
}
