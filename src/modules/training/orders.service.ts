import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { TrainingOrderStatus } from '../../db/schema/training.js';
import { AppError, badInput, ErrorCode } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { marketDay, toShanghaiIso } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { Graduation, OrderReader, OrdersRepository, TrainingOrderRecord } from './orders.repository.js';
import { checkTrainingOrder, type PlaceTrainingOrderInput } from './orders.validation.js';

export type TrainingOrderSettings = {
  /** TRAINING_ORDER_SWEEP_MS: how often each node looks for completed courses whose graduates wait. */
  sweepMs: number;
  /** How many orders one round of the sweep fulfils. */
  batch: number;
};

const orderNotFound = (id: string) =>
  new AppError(ErrorCode.NOT_FOUND, text('training:orderNotFound', { id }), { id });

/**
 * Ordered training (订单培训, docs/training.md "Training wishes and ordered training"): a verified
 * employer orders workers trained in a trade by a day; a verified provider takes the order and posts
 * its course (postCourse(orderId)); when the course is COMPLETED its graduates join the employer's
 * roster with priority for the order's priorityDays, and the employer is told.
 */
export function createOrdersService(deps: {
  db: Database;
  repository: OrdersRepository;
  employers: Pick<EmployersRepository, 'byIds'>;
  reference: Pick<ReferenceRepository, 'taxonomy' | 'regionsByCode' | 'regionTree'>;
  clock: Clock;
  audit: AuditTrail;
  notify: Notify;
  /** The language each account chose (accounts.repository.ts `chosenLocales`). */
  chosenLocales: (accountIds: readonly string[]) => Promise<Map<string, Locale | null>>;
  settings: TrainingOrderSettings;
  log: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const { db, repository, clock } = deps;

  /** The verified provider of a TRAINING_PROVIDER account (PROVIDER_NOT_VERIFIED otherwise). */
  async function verifiedProvider(accountId: string) {
    const provider = await repository.providerOfAccount(accountId);
    if (!provider) throw new AppError(ErrorCode.FORBIDDEN, text('training:orderOnlyProvider'));
    if (!provider.verifiedAt) {
      throw new AppError(ErrorCode.PROVIDER_NOT_VERIFIED, text('training:orderProviderNotVerified'));
    }
    return provider;
  }

  /**
   * Tells the employer, after the graduation's commit, in the language its account chose. Best
   * effort, as every socket event: a failure is logged, and what happened is in the tables.
   */
  function teller(graduation: Graduation | undefined): () => void {
    if (!graduation) return () => {};
    const tell = async () => {
      const [[employer], taxonomy] = await Promise.all([
        deps.employers.byIds([graduation.employerId]),
        deps.reference.taxonomy(),
      ]);
      const locale = employer
        ? ((await deps.chosenLocales([employer.accountId])).get(employer.accountId) ?? DEFAULT_LOCALE)
        : DEFAULT_LOCALE;
      const trade = taxonomy.find((s) => s.code === graduation.skillCode)?.name ?? graduation.skillCode;
      const said = text('training:orderFulfilled', {
        trade,
        graduates: graduation.graduates,
        until: graduation.priorityUntil,
      });
      deps.notify(rooms.employer(graduation.employerId), 'trainingOrder:fulfilled', {
        orderId: graduation.orderId,
        skillCode: graduation.skillCode,
        graduates: graduation.graduates,
        priorityUntil: toShanghaiIso(graduation.priorityUntil),
        message: render(said, locale),
      });
    };
    return () => {
      tell().catch((error: unknown) =>
        deps.log.warn({ err: error }, 'could not tell an employer of its graduates'),
      );
    };
  }

  /**
   * The graduates of a course join the roster (orders.repository.ts `graduate`) inside the caller's
   * transaction: the completion of a course's results calls it with its own, and the sweep below
   * with its. `tell()` tells the employer (best effort, never throws); call it after the commit.
   */
  async function graduatesPassed(courseId: string, tx: Executor) {
    const graduation = await repository.graduate(courseId, clock.now(), tx);
    return { graduation, tell: teller(graduation) };
  }

  return {
    async place(employerId: string, input: PlaceTrainingOrderInput): Promise<TrainingOrderRecord> {
      const [employer] = await deps.employers.byIds([employerId]);
      if (!employer?.verifiedAt) {
        throw new AppError(ErrorCode.EMPLOYER_NOT_VERIFIED, text('training:orderEmployerNotVerified'));
      }
      const now = clock.now();
      const order = await checkTrainingOrder(input, deps, marketDay(now));
      return db.transaction((tx) => repository.insert({ ...order, employerId, createdAt: now }, tx));
    },

    /**
     * The employer cancels its order: OPEN, or TAKEN before the course starts (a course posted for
     * it stays the provider's to cancel). Cancelling a cancelled order answers it as it is.
     */
    async cancel(actor: Actor, employerId: string, orderId: string): Promise<TrainingOrderRecord> {
      const now = clock.now();
      const today = marketDay(now);
      return db.transaction(async (tx) => {
        const cancelled = await repository.cancel(orderId, employerId, today, tx);
        if (!cancelled) {
          const [order] = await repository.byIds([orderId], tx);
          if (!order || order.employerId !== employerId) throw orderNotFound(orderId);
          if (order.status === 'CANCELLED') return order;
          if (order.status === 'FULFILLED') throw badInput('orderId', text('training:orderNotCancellable'));
          const [course] = order.courseId ? await repository.coursesByIds([order.courseId], tx) : [];
          throw badInput(
            'orderId',
            text('training:orderCourseStarted', { startsOn: course?.startsOn ?? today }),
          );
        }
        await deps.audit.record(
          {
            actor,
            action: 'TRAINING_ORDER_CANCELLED',
            subjectType: 'TRAINING_ORDER',
            subjectId: cancelled.id,
            details: { employerId, providerId: cancelled.providerId, courseId: cancelled.courseId },
          },
          tx,
        );
        return cancelled;
      });
    },

    /**
     * A verified provider takes an OPEN order. Of providers racing for one order exactly one wins
     * (a conditional update); the others are told it is taken. Taking one's own order again
     * answers it as it is.
     */
    async take(actor: Actor, orderId: string): Promise<TrainingOrderRecord> {
      const provider = await verifiedProvider(actor.accountId);
      return db.transaction(async (tx) => {
        const taken = await repository.take(orderId, provider.id, clock.now(), tx);
        if (!taken) {
          const [order] = await repository.byIds([orderId], tx);
          if (!order) throw orderNotFound(orderId);
          if (order.providerId === provider.id && order.status !== 'CANCELLED') return order;
          if (order.status === 'TAKEN')
            throw badInput('orderId', text('training:orderTaken'), { status: order.status });
          throw badInput('orderId', text('training:orderClosed'), { status: order.status });
        }
        await deps.audit.record(
          {
            actor,
            action: 'TRAINING_ORDER_TAKEN',
            subjectType: 'TRAINING_ORDER',
            subjectId: taken.id,
            details: { providerId: provider.id, employerId: taken.employerId, skillCode: taken.skillCode },
          },
          tx,
        );
        return taken;
      });
    },

    /**
     * The orders a reader sees: an employer its own, a provider the OPEN ones and its own, the
     * bureau every one; `regionCode` may be a city or province (its counties' orders).
     */
    async list(
      reader:
        | { kind: 'employer'; employerId: string }
        | { kind: 'provider'; accountId: string }
        | { kind: 'bureau' },
      filter: { status?: TrainingOrderStatus | null; regionCode?: string | null },
    ): Promise<TrainingOrderRecord[]> {
      let who: OrderReader;
      if (reader.kind === 'provider') {
        const provider = await repository.providerOfAccount(reader.accountId);
        if (!provider) return [];
        who = { kind: 'provider', providerId: provider.id };
      } else who = reader;
      const regionCodes = filter.regionCode
        ? (await deps.reference.regionTree()).descendants(filter.regionCode)
        : null;
      return repository.list(who, { status: filter.status ?? null, regionCodes });
    },

    progress: (orderIds: readonly string[]) => repository.progress(orderIds, clock.now()),
    byIds: (ids: readonly string[]) => repository.byIds(ids),
    providersByIds: (ids: readonly string[]) => repository.providersByIds(ids),
    coursesByIds: (ids: readonly string[]) => repository.coursesByIds(ids),

    graduatesPassed,

    /**
     * One round of the job: COMPLETED order courses whose graduates are not yet on the roster, so
     * nothing depends on the completion calling graduatesPassed. Returns how many orders it fulfilled.
     */
    async sweep(): Promise<number> {
      const tells = await db.transaction(async (tx) => {
        const courseIds = await repository.claimCompleted(deps.settings.batch, tx);
        const done = [];
        for (const courseId of courseIds) done.push(await graduatesPassed(courseId, tx));
        return done;
      });
      for (const done of tells) done.tell();
      return tells.filter((done) => done.graduation).length;
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
