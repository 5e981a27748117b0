import type { IResolvers, MercuriusContext } from 'mercurius';
import { groupBy } from '../../collections.js';
import { AppError, ErrorCode, requireUuid } from '../../errors.js';
import type { LoaderQuery, ModuleLoaders } from '../../graphql/loader-types.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import { accountViewer, actorOf } from '../accounts/accounts.resolvers.js';
import { notePrivateRead } from '../audit/private-reads.js';
import type { EmployerRecord } from '../employers/employers.repository.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import { contractVerifies } from '../hiring/contract-record.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { actingFor } from '../hiring/hiring.resolvers.js';
import type { WorkerRecord } from '../workers/workers.repository.js';
import type { ArrearsRecord, DisputeRecord } from './work.repository.js';

/** What `Payment` shows of a hire's pay; it carries the hire's id for its records and case. */
export type PaymentView = ReturnType<typeof paymentOf>;

/** Nothing is owed for a hire that was called off or never worked. */
const OWES_NOTHING = new Set(['NO_SHOW', 'CANCELLED']);
/** Pay can be overdue only on attendance that is decided; unfinished or doubtful work is not yet a debt. */
const DECIDED = new Set(['CONFIRMED', 'SETTLED']);

export function paymentOf(engagement: EngagementRecord, now: Date) {
  const owes = !OWES_NOTHING.has(engagement.status);
  const decided = DECIDED.has(engagement.attendanceStatus ?? '');
  return {
    engagementId: engagement.id,
    // A hire called off or never worked owes nothing: the contract's amount kept on its row is not a debt.
    amountFen: owes ? engagement.amountDueFen : 0,
    dueAt: engagement.payDueAt,
    paidAt: engagement.paidAt,
    confirmedByWorkerAt: engagement.paymentConfirmedAt,
    overdue:
      owes && decided && engagement.confirmedFen < engagement.amountDueFen && engagement.payDueAt <= now,
    paidFen: engagement.paidFen,
    confirmedFen: engagement.confirmedFen,
    outstandingFen: owes ? Math.max(0, engagement.amountDueFen - engagement.paidFen) : 0,
  };
}

const now = (context: MercuriusContext) => context.request.server.clock.now();

/**
 * How a hire went (check-in place, hours, attendance, pay, disputes, ratings) is read by its
 * parties, the bureau and a walk-in's operator, who are the only ones the services hand it to. A
 * worker reads only their own: a crew leader, who is answered the hires they took for the members
 * (acceptCrewOffer, repeated at will), sees who was hired, never how each member's hire went.
 */
function ownHireOnly(
  engagement: EngagementRecord,
  context: MercuriusContext,
  field: string,
): AppError | null {
  const { viewer } = context;
  if (viewer?.kind !== 'account' || viewer.role !== 'WORKER' || viewer.workerId === engagement.workerId) {
    return null;
  }
  const name = (engagement.terms as { workerName?: string } | null)?.workerName ?? '';
  return new AppError(ErrorCode.FORBIDDEN, text('work:ownHireOnly', { name, field }), {
    engagementId: engagement.id,
  });
}

/** The field's value, or the refusal ownHireOnly names. */
function ownHire<T>(engagement: EngagementRecord, context: MercuriusContext, field: string, value: () => T) {
  const refused = ownHireOnly(engagement, context, field);
  if (refused) throw refused;
  return value();
}
const id = (field: string, value: string) => requireUuid(field, value);

const checkInOf = (engagement: EngagementRecord) =>
  engagement.checkedInAt
    ? {
        at: engagement.checkedInAt,
        location:
          engagement.checkInLat === null || engagement.checkInLng === null
            ? null
            : { lat: engagement.checkInLat, lng: engagement.checkInLng },
        distanceM: engagement.checkInDistanceM,
        offSite: engagement.checkInOffSite ?? false,
        offSiteConfirmedAt: engagement.offSiteConfirmedAt,
        byCode: engagement.checkInLat === null,
      }
    : null;

const firstCheckInOf = (engagement: EngagementRecord) =>
  engagement.firstCheckedInAt
    ? {
        at: engagement.firstCheckedInAt,
        distanceM: engagement.firstCheckInDistanceM,
        offSite: engagement.firstCheckInOffSite ?? false,
      }
    : null;

const attendanceOf = (engagement: EngagementRecord) =>
  engagement.attendanceStatus
    ? {
        status: engagement.attendanceStatus,
        doubts: engagement.attendanceDoubts,
        recordedHours: engagement.hoursWorked ?? 0,
        settledHours: engagement.settledHours,
        answerBy: engagement.attendanceAnswerBy,
        decidedBy: engagement.attendanceDecidedBy,
        decidedAt: engagement.attendanceDecidedAt,
        contestReason: engagement.attendanceContestReason,
      }
    : null;

/** Groups rows by a key in the order the queries asked. */
function grouped<Q, R>(queries: Q[], keyOf: (q: Q) => string, rows: R[], rowKey: (r: R) => string): R[][] {
  const by = groupBy(rows, rowKey);
  return queries.map((q) => by.get(keyOf(q)) ?? []);
}

export const workResolvers: IResolvers = {
  Query: {
    disputes: (_root, { status }, { services }) => services.disputes.list(status ?? null),
    myDisputes: async (_root, { workerId }, context) => {
      const viewer = accountViewer(context);
      return viewer.employerId
        ? context.services.disputes.ofEmployer(viewer.employerId)
        : context.services.disputes.ofWorker((await actingFor(context, workerId)).workerId);
    },
    arrearsCases: (_root, { status, employerId }, { services }) =>
      services.disputes.arrears({
        status: status ?? null,
        employerId: employerId ? id('employerId', employerId) : null,
      }),
  },
  // A mutation with several inputs passes its id as given: the service checks it with the other
  // inputs, so one answer names every problem (uuidAmong in src/errors.ts).
  Mutation: {
    acceptContract: (_root, { engagementId }, context) =>
      context.services.work.acceptContract(actorOf(context), id('engagementId', engagementId)),
    checkIn: (_root, { engagementId, at }, context) =>
      context.services.work.checkIn(accountViewer(context), engagementId, at),
    checkInWithCode: (_root, { engagementId, code }, context) =>
      context.services.work.checkInWithCode(accountViewer(context), engagementId, code),
    confirmOffSiteCheckIn: (_root, { engagementId }, context) =>
      context.services.work.confirmOffSite(accountViewer(context), id('engagementId', engagementId)),
    confirmAttendance: (_root, { engagementId, workedHours }, context) =>
      context.services.work.confirmAttendance(actorOf(context), engagementId, workedHours ?? null),
    contestAttendance: (_root, { engagementId, reason }, context) =>
      context.services.work.contestAttendance(accountViewer(context), engagementId, reason),
    settleAttendance: (_root, { engagementId, workedHours, note }, context) =>
      context.services.work.settleAttendance(actorOf(context), engagementId, workedHours, note),
    checkOut: (_root, { engagementId }, context) =>
      context.services.work.checkOut(actorOf(context), id('engagementId', engagementId)),
    cancelEngagement: (_root, { engagementId, reason }, context) =>
      context.services.work.cancel(actorOf(context), engagementId, reason),
    markNoShow: (_root, { engagementId }, context) =>
      context.services.work.markNoShow(accountViewer(context), id('engagementId', engagementId)),
    recordPayment: async (_root, { engagementId, amountFen }, context) =>
      paymentOf(
        await context.services.work.recordPayment(accountViewer(context), engagementId, amountFen),
        now(context),
      ),
    confirmPayment: async (_root, { engagementId }, context) =>
      paymentOf(
        await context.services.work.confirmPayment(actorOf(context), id('engagementId', engagementId)),
        now(context),
      ),
    rate: (_root, { engagementId, stars, comment }, context) =>
      context.services.work.rate(accountViewer(context), engagementId, stars, comment ?? null),
    openDispute: (_root, { engagementId, reason, kind }, context) =>
      context.services.disputes.open(actorOf(context), engagementId, reason, kind ?? null),
    mediateDispute: (_root, { disputeId, note }, context) =>
      context.services.disputes.mediate(actorOf(context), disputeId, note),
    addDisputeNote: (_root, { disputeId, note }, context) =>
      context.services.disputes.addNote(actorOf(context), disputeId, note),
    resolveDispute: (_root, { disputeId, resolution }, context) =>
      context.services.disputes.resolve(actorOf(context), disputeId, resolution),
    resolveArrears: (_root, { caseId, resolution }, context) =>
      context.services.disputes.resolveArrears(actorOf(context), caseId, resolution),
  },
  Engagement: {
    contract: (engagement: EngagementRecord) => ({
      terms: engagement.contractText,
      hash: engagement.contractHash,
      workerAcceptedAt: engagement.workerAcceptedAt,
      employerAcceptedAt: engagement.employerAcceptedAt,
      version: engagement.contractVersion,
      verified: contractVerifies(engagement),
      workerErasedAt: engagement.workerErasedAt,
    }),
    payment: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'payment', () => paymentOf(engagement, now(context))),
    checkIn: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'checkIn', () => checkInOf(engagement)),
    // Read by whoever reads the check-in: the record a dispute about the hours is heard from.
    firstCheckIn: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'firstCheckIn', () => firstCheckInOf(engagement)),
    hoursWorked: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'hoursWorked', () => engagement.hoursWorked),
    // The two times give the hours as surely as hoursWorked does.
    checkedInAt: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'checkedInAt', () => engagement.checkedInAt),
    checkedOutAt: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'checkedOutAt', () => engagement.checkedOutAt),
    // A worker's own check-out completes the hire at that moment: the same time, by another name.
    completedAt: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'completedAt', () => engagement.completedAt),
    // The code proves the worker is present: only they (and admins) see it.
    checkInCode: (engagement: EngagementRecord, _args, context) => {
      const viewer = context.viewer;
      if (viewer?.kind !== 'account') return null;
      if (viewer.workerId !== engagement.workerId && viewer.role !== 'ADMIN') return null;
      if (engagement.checkInCode) notePrivateRead(context, { workerId: engagement.workerId }, 'checkInCode');
      return engagement.checkInCode;
    },
    checkedOutAutomatically: (engagement: EngagementRecord) => engagement.checkedOutAuto,
    attendance: (engagement: EngagementRecord, _args, context) =>
      ownHire(engagement, context, 'attendance', () => attendanceOf(engagement)),
  },
  Dispute: {
    openedBy: (dispute: DisputeRecord) => dispute.openedByRole,
  },
  Worker: {
    reliabilityReport: async (worker: WorkerRecord, _args, context) => {
      notePrivateRead(context, { workerId: worker.id }, 'reliabilityReport');
      const report = await context.services.work.reliabilityReport(worker.id);
      return { ...report, reasons: report.reasons.map((reason) => render(reason, context.locale)) };
    },
  },
};

type WithEngagement = { engagementId: string };

/** Every wage relation of a list costs one query, however long the list. */
export const workLoaders: ModuleLoaders = {
  Payment: {
    async records(queries: LoaderQuery<PaymentView>[], { services }) {
      const rows = await services.workRecords.payments.ofEngagements(queries.map((q) => q.obj.engagementId));
      return grouped(
        queries,
        (q) => q.obj.engagementId,
        rows,
        (r) => r.engagementId,
      );
    },
    async arrears(queries: LoaderQuery<PaymentView>[], { services }) {
      const rows = await services.workRecords.arrears.ofEngagements(queries.map((q) => q.obj.engagementId));
      return queries.map((q) => rows.find((r) => r.engagementId === q.obj.engagementId) ?? null);
    },
  },
  Engagement: {
    async ratings(queries: LoaderQuery<EngagementRecord>[], context) {
      const rows = await context.services.workRecords.ratings.ofEngagements(queries.map((q) => q.obj.id));
      return queries.map(
        (q) =>
          ownHireOnly(q.obj, context, 'ratings') ?? {
            byWorker: rows.find((r) => r.engagementId === q.obj.id && r.byRole === 'WORKER') ?? null,
            byEmployer: rows.find((r) => r.engagementId === q.obj.id && r.byRole === 'EMPLOYER') ?? null,
          },
      );
    },
    async disputes(queries: LoaderQuery<EngagementRecord>[], context) {
      const rows = await context.services.workRecords.disputes.ofEngagements(queries.map((q) => q.obj.id));
      const each = grouped(
        queries,
        (q) => q.obj.id,
        rows,
        (r) => r.engagementId,
      );
      return queries.map((q, i) => ownHireOnly(q.obj, context, 'disputes') ?? each[i]);
    },
  },
  Dispute: {
    engagement: (queries: LoaderQuery<WithEngagement>[], context) => engagementsOf(queries, context),
    async arrears(queries: LoaderQuery<DisputeRecord>[], { services }) {
      const ids = queries.flatMap((q) => (q.obj.arrearsCaseId ? [q.obj.arrearsCaseId] : []));
      const rows = await services.workRecords.arrears.byIds(ids);
      return queries.map((q) => rows.find((r) => r.id === q.obj.arrearsCaseId) ?? null);
    },
    async notes(queries: LoaderQuery<DisputeRecord>[], { services }) {
      const rows = await services.workRecords.disputes.notesOf(queries.map((q) => q.obj.id));
      return grouped(
        queries,
        (q) => q.obj.id,
        rows.map((n) => ({ ...n, by: n.authorRole })),
        (r) => r.disputeId,
      );
    },
  },
  ArrearsCase: {
    engagement: (queries: LoaderQuery<WithEngagement>[], context) => engagementsOf(queries, context),
    async employer(queries: LoaderQuery<ArrearsRecord>[], { services }) {
      const rows = await services.employers.byIds([...new Set(queries.map((q) => q.obj.employerId))]);
      return queries.map((q) => rows.find((r) => r.id === q.obj.employerId) ?? null);
    },
    async worker(queries: LoaderQuery<ArrearsRecord>[], { services }) {
      const rows = await services.workers.byIds([...new Set(queries.map((q) => q.obj.workerId))]);
      return queries.map((q) => rows.find((r) => r.id === q.obj.workerId) ?? null);
    },
  },
  Employer: {
    async openArrears(queries: LoaderQuery<EmployerRecord>[], { services }) {
      const counts = await services.workRecords.arrears.openCounts(queries.map((q) => q.obj.id));
      return queries.map((q) => counts.get(q.obj.id) ?? 0);
    },
    async averageStars(queries: LoaderQuery<EmployerRecord>[], { services }) {
      const rated = await services.workRecords.ratings.employerRatings(queries.map((q) => q.obj.id));
      return queries.map((q) => {
        const average = rated.get(q.obj.id)?.average;
        return average === undefined ? null : Math.round(average * 100) / 100;
      });
    },
    async ratingsCounted(queries: LoaderQuery<EmployerRecord>[], { services }) {
      const rated = await services.workRecords.ratings.employerRatings(queries.map((q) => q.obj.id));
      return queries.map((q) => rated.get(q.obj.id)?.count ?? 0);
    },
  },
  Gig: {
    async employerHasArrears(queries: LoaderQuery<GigRecord>[], { services }) {
      const counts = await services.workRecords.arrears.openCounts([
        ...new Set(queries.map((q) => q.obj.employerId)),
      ]);
      return queries.map((q) => (counts.get(q.obj.employerId) ?? 0) > 0);
    },
  },
};

async function engagementsOf(queries: LoaderQuery<WithEngagement>[], { services }: MercuriusContext) {
  const rows = await services.workRecords.engagements([...new Set(queries.map((q) => q.obj.engagementId))]);
  return queries.map((q) => rows.find((r) => r.id === q.obj.engagementId) ?? null);
}
