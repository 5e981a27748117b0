import type { IResolvers, MercuriusContext } from 'mercurius';
import { requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { accountViewer, actorOf } from '../accounts/accounts.resolvers.js';
import { actingFor } from '../hiring/hiring.resolvers.js';
import type { EnrolmentRecord } from './enrolments.repository.js';
import { enrolmentNotFound } from './enrolments.service.js';

/** For an enrolment: the worker it is, or the operator acting for the walk-in who holds it. */
async function actingForEnrolment(context: MercuriusContext, enrolmentId: string) {
  const viewer = accountViewer(context);
  if (viewer.role !== 'STATION_OPERATOR') return actingFor(context, null);
  const owner = await context.services.enrolments.workerOf(enrolmentId);
  if (!owner) throw enrolmentNotFound(enrolmentId);
  return actingFor(context, owner);
}

/** Enrolments, the register and results (docs/training.md, "Enrolment and results"). */
export const enrolmentsResolvers: IResolvers = {
  Query: {
    myEnrolments: async (_root, { workerId }, context) =>
      context.services.enrolments.ofWorker((await actingFor(context, workerId)).workerId),
  },
  Mutation: {
    async enrolInCourse(_root, { courseId, workerId }, context) {
      const id = requireUuid('courseId', courseId);
      return context.services.enrolments.enrol(id, await actingFor(context, workerId));
    },
    async withdrawFromCourse(_root, { enrolmentId }, context) {
      const id = requireUuid('enrolmentId', enrolmentId);
      const actor = await actingForEnrolment(context, id);
      return context.services.enrolments.withdraw(id, actor.workerId);
    },
    recordAttendance: (_root, { courseId, day, entries }, context) =>
      context.services.courseResults.recordAttendance(
        actorOf(context),
        requireUuid('courseId', courseId),
        day,
        entries,
      ),
    recordCourseResults: (_root, { courseId, results }, context) =>
      context.services.courseResults.recordResults(
        actorOf(context),
        requireUuid('courseId', courseId),
        results,
      ),
  },
};

type Q = LoaderQuery<EnrolmentRecord>[];

/** The Enrolment type's relation fields: a list of enrolments costs one query per field. */
export const enrolmentsLoaders: ModuleLoaders = {
  Enrolment: {
    async course(queries: Q, { services }) {
      const rows = await services.enrolments.coursesByIds([...new Set(queries.map((q) => q.obj.courseId))]);
      return queries.map((q) => rows.find((c) => c.id === q.obj.courseId) ?? null);
    },
    async worker(queries: Q, { services }) {
      const rows = await services.workers.byIds([...new Set(queries.map((q) => q.obj.workerId))]);
      return queries.map((q) => rows.find((w) => w.id === q.obj.workerId) ?? null);
    },
    async attendance(queries: Q, { services }) {
      const rows = await services.enrolments.attendanceOf(queries.map((q) => q.obj.id));
      return queries.map((q) =>
        rows.filter((r) => r.enrolmentId === q.obj.id).map((r) => ({ day: r.day, present: r.present })),
      );
    },
    async daysPresent(queries: Q, { services }) {
      const days = await services.enrolments.daysPresent(queries.map((q) => q.obj.id));
      return queries.map((q) => days.get(q.obj.id) ?? 0);
    },
    async certificate(queries: Q, { services }) {
      const held = queries.filter((q) => q.obj.certificateId !== null);
      const rows = await services.certificates.ofWorkers([...new Set(held.map((q) => q.obj.workerId))]);
      return queries.map((q) => rows.find((c) => c.id === q.obj.certificateId) ?? null);
    },
  },
};
