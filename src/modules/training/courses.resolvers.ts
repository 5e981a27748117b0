import type { IResolvers } from 'mercurius';
import { AppError, ErrorCode, requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { text } from '../../i18n/text.js';
import { accountViewer, actorOf } from '../accounts/accounts.resolvers.js';
import { regionsInOrder } from '../reference/reference.loaders.js';
import { boardStation } from '../stations/stations.resolvers.js';
import type { CourseRecord } from './courses.repository.js';

type Queries = LoaderQuery<CourseRecord>[];

export const coursesResolvers: IResolvers = {
  Query: {
    courses: (_root, { search, first, after }, context) =>
      context.services.courseSearch.find(search, { first, after }, { locale: context.locale }),
    course: async (_root, { id }, { services }) =>
      (await services.courses.byIds([requireUuid('id', id)]))[0] ?? null,
    /** A kiosk's own station (operators and admins name it): courses near it, soonest first. */
    async stationCourses(_root, { search, first, after, stationId }, context) {
      const id = boardStation(context, stationId);
      if (context.viewer?.kind === 'account')
        await context.services.stations.requireStaffOf(context.viewer, id);
      const station = await context.services.stations.station(id);
      return context.services.courseSearch.find(
        {
          ...search,
          near: { lat: station.lat, lng: station.lng, radiusKm: station.serviceRadiusKm },
          statuses: null,
          sort: search?.sort ?? 'SOONEST',
        },
        { first, after },
        { locale: context.locale },
      );
    },
    myCourses: (_root, _args, context) => context.services.courses.mine(accountViewer(context).accountId),
  },
  Mutation: {
    postCourse: (_root, { input }, context) =>
      context.services.courses.post(accountViewer(context).accountId, input),
    cancelCourse: (_root, { courseId, reason }, context) =>
      context.services.courses.cancel(actorOf(context), courseId, reason),
  },
  Course: {
    location: (course) => ({ lat: course.lat, lng: course.lng }),
    seatsLeft: (course) => course.seats - course.enrolled,
    /** Its provider's learners (admins see every course's); another provider is refused. */
    async enrolments(course, _args, context) {
      const viewer = accountViewer(context);
      if (viewer.role !== 'ADMIN') {
        const own = await context.services.trainingProviders.ofAccount(viewer.accountId);
        if (own.id !== course.providerId)
          throw new AppError(ErrorCode.FORBIDDEN, text('training:courseProviderOnly'), {
            courseId: course.id,
          });
      }
      return context.services.courses.enrolmentsOf([course.id]);
    },
  },
};

/** A page of courses costs one query per relation, however many courses it holds. */
export const coursesLoaders: ModuleLoaders = {
  Course: {
    async provider(queries: Queries, { services }) {
      const missing = queries.filter((q) => !q.obj.preloaded).map((q) => q.obj.providerId);
      const rows = await services.trainingProviders.byIds([...new Set(missing)]);
      const byId = new Map(rows.map((p) => [p.id, p]));
      return queries.map((q) => q.obj.preloaded?.provider ?? byId.get(q.obj.providerId));
    },
    async skill(queries: Queries, { services }) {
      const taxonomy = await services.reference.taxonomy();
      return queries.map((q) => taxonomy.find((s) => s.code === q.obj.skillCode));
    },
    region: (queries: Queries, context) =>
      regionsInOrder(
        queries.map((q) => q.obj.regionCode),
        context,
      ),
    async order(queries: Queries, { services }) {
      const ids = [...new Set(queries.flatMap((q) => (q.obj.orderId ? [q.obj.orderId] : [])))];
      const rows = await services.courses.ordersByIds(ids);
      return queries.map((q) => rows.find((o) => o.id === q.obj.orderId) ?? null);
    },
  },
};
