import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import type { SqlClient } from '../db/client.js';
import { rootFieldsOf } from '../graphql/root-fields.js';
import type { HiringMetrics, OfferEvent } from '../modules/hiring/hiring.metrics.js';
import type { SmsMetrics } from '../modules/sms/sms.metrics.js';
import { bearerToken } from './auth.js';

export type Metrics = {
  /** This app's own registry: several apps in one process (tests) must not share prom-client's default. */
  registry: Registry;
  hiring: HiringMetrics;
  sms: SmsMetrics;
  /** Times the answers of one route sent without fastify's hooks (the kiosk boards' front, src/kiosk/board-front.ts). */
  httpObserver: (labels: { method: string; route: string; statusCode: number }) => (seconds: number) => void;
};

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

const PREFIX = 'lingong_';
const SNAPSHOT_TIMEOUT_MS = 2_000;

const OFFER_HELP: Record<OfferEvent, string> = {
  sent: 'Instant offers created and pushed to a worker (re-sends to a reconnecting worker not counted)',
  delivered: "Instant offers a worker's phone acknowledged for the first time (deliveredAt set)",
  accepted: 'Instant offers accepted, each making a hire (a repeated accept not counted)',
  declined: 'Instant offers the worker declined',
  expired: 'Instant offers that ran out of time unanswered (expired by the offer sweep)',
  withdrawn:
    'Instant offers withdrawn: the gig filled or was cancelled, or the worker was hired elsewhere then',
};

type MarketSnapshot = {
  outboxLag: number;
  offersDue: number;
  dispatchDue: number;
  openArrears: number;
  statDeltas: number;
};

/**
 * What the gauges read at scrape time, in one round trip; each part is answered by an index
 * (the outbox's primary key, the partial indexes the sweeps use for due offers and dispatches,
 * the partial index of open arrears cases). The oldest outbox row is the lowest id (bigserial),
 * so the lag needs no scan however long the outbox grows while Meilisearch is down.
 */
async function readMarket(sql: SqlClient, now: Date): Promise<MarketSnapshot> {
  const at = now.toISOString();
  const [row] = await sql<
    {
      outbox_lag: number | null;
      offers_due: number;
      dispatch_due: number;
      open_arrears: number;
      stat_deltas: number;
    }[]
  >`select
      (select greatest(0, extract(epoch from now() - created_at))::float8 from outbox order by id limit 1) as outbox_lag,
      (select count(*)::int from offers where status = 'PENDING' and expires_at <= ${at}::timestamptz) as offers_due,
      (select count(*)::int from gig_dispatch where state <> 'DONE' and due_at <= ${at}::timestamptz) as dispatch_due,
      (select count(*)::int from arrears_cases where status = 'OPEN') as open_arrears,
      (select count(*)::int from stat_deltas) as stat_deltas`;
  if (!row) throw new Error('the metrics query returned no row');
  return {
    outboxLag: row.outbox_lag ?? 0,
    offersDue: row.offers_due,
    dispatchDue: row.dispatch_due,
    openArrears: row.open_arrears,
    statDeltas: row.stat_deltas,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) => {
      setTimeout(() => reject(new Error(`the metrics query did not answer within ${ms} ms`)), ms).unref();
    }),
  ]);
}

/** Whether `header` carries the token, compared in constant time (over hashes, so lengths may differ). */
function carriesToken(header: string | undefined, token: string): boolean {
  const given = bearerToken(header);
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * Prometheus metrics at GET /metrics (prom-client), on a registry of this app's own. HTTP latency
 * is timed by fastify hooks on every route registered after this plugin; the domain counts offers
 * through `metrics.hiring`, which the services are built with; gauges that need PostgreSQL read it
 * at scrape time, one query for all of them. With METRICS_TOKEN set, a scrape must bring it.
 */
export default fp(
  async (fastify, { config, clock = systemClock }: { config: Config; clock?: Clock }) => {
    const registry = new Registry();
    const registers = [registry];
    collectDefaultMetrics({ register: registry, prefix: PREFIX });

    const httpDuration = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'HTTP request latency by method, route pattern (unmatched for a 404) and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers,
    });
    fastify.addHook('onResponse', async (request, reply) => {
      httpDuration.observe(
        {
          method: request.method,
          // The pattern, never the path a client sent: /graphql, /g/:id, or unmatched.
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    const offerCounters = Object.fromEntries(
      (Object.keys(OFFER_HELP) as OfferEvent[]).map((event) => [
        event,
        new Counter({ name: `${PREFIX}offers_${event}_total`, help: OFFER_HELP[event], registers }),
      ]),
    ) as Record<OfferEvent, Counter>;
    const postToOffer = new Histogram({
      name: `${PREFIX}post_to_offer_seconds`,
      help: "Seconds from an instant gig's posting to each of its first-wave offers being pushed to the worker's room",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    const hiring: HiringMetrics = {
      offers: (event, count = 1) => {
        if (count > 0) offerCounters[event].inc(count);
      },
      postToOffer: (seconds) => postToOffer.observe(Math.max(0, seconds)),
    };

    const smsMessages = new Counter({
      name: `${PREFIX}sms_messages_total`,
      help: 'SMS of offers by SMS, by direction (in, out) and what became of them: SENT, FAILED, DELIVERED (a delivery report), SUPPRESSED_<reason>, RECEIVED',
      labelNames: ['direction', 'status'] as const,
      registers,
    });
    const sms: SmsMetrics = {
      message: (direction, status) => smsMessages.inc({ direction: direction.toLowerCase(), status }),
    };

    // The gauges of one scrape share one query; a failed or slow query shows them as NaN (no
    // value) rather than failing the scrape, whose other metrics matter most at such a moment.
    let reading: Promise<MarketSnapshot | null> | null = null;
    const market = () => {
      reading ??= withTimeout(readMarket(fastify.sql, clock.now()), SNAPSHOT_TIMEOUT_MS)
        .catch((error: unknown) => {
          fastify.log.warn({ err: error }, 'metrics: could not read the market gauges');
          return null;
        })
        .finally(() => {
          reading = null;
        });
      return reading;
    };
    new Gauge({
      name: `${PREFIX}outbox_lag_seconds`,
      help: 'Age in seconds of the oldest outbox row not yet sent to Meilisearch (0 when the outbox is empty)',
      registers,
      async collect() {
        this.set((await market())?.outboxLag ?? Number.NaN);
      },
    });
    new Gauge({
      name: `${PREFIX}timers_due`,
      help: 'Instant-hire timers due now and not yet taken by a sweep: pending offers past their expiry (offer_expiry) and dispatch rows due to send or recheck offers (dispatch)',
      labelNames: ['timer'] as const,
      registers,
      async collect() {
        const snapshot = await market();
        this.set({ timer: 'offer_expiry' }, snapshot?.offersDue ?? Number.NaN);
        this.set({ timer: 'dispatch' }, snapshot?.dispatchDue ?? Number.NaN);
      },
    });
    new Gauge({
      name: `${PREFIX}open_arrears_cases`,
      help: 'Wage arrears cases open now (arrears_cases with status OPEN), across the market',
      registers,
      async collect() {
        this.set((await market())?.openArrears ?? Number.NaN);
      },
    });
    new Gauge({
      name: `${PREFIX}stat_deltas_waiting`,
      help: 'Statistics deltas not yet folded into the daily rollups (a queue the stats timer empties every STATS_FOLD_MS)',
      registers,
      async collect() {
        this.set((await market())?.statDeltas ?? Number.NaN);
      },
    });
    new Gauge({
      name: `${PREFIX}open_sockets`,
      help: 'socket.io connections open on this node',
      registers,
      collect() {
        this.set(fastify.io.engine.clientsCount);
      },
    });

    const httpObserver: Metrics['httpObserver'] = ({ method, route, statusCode }) => {
      const timer = httpDuration.labels({ method, route, status_code: String(statusCode) });
      return (seconds) => timer.observe(seconds);
    };
    fastify.decorate('metrics', { registry, hiring, sms, httpObserver });

    const token = config.metrics.token;
    // Rate limits are per route and opt-in here; `rateLimit: false` keeps scrapes out of them for good.
    fastify.get('/metrics', { logLevel: 'warn', config: { rateLimit: false } }, async (request, reply) => {
      if (token && !carriesToken(request.headers.authorization, token)) {
        reply.code(401).header('www-authenticate', 'Bearer realm="metrics"');
        return {
          error: 'UNAUTHENTICATED',
          message: 'Send Authorization: Bearer <METRICS_TOKEN> to read /metrics.',
        };
      }
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
    fastify.addHook('onClose', async () => {
      registry.clear();
    });
  },
  { name: 'metrics', dependencies: ['db', 'io'], fastify: '5.x' },
);

/**
 * GraphQL latency, from the request reaching mercurius to its result, by operation type and root
 * field: an operation selecting two root fields is observed under each. Registered after the
 * graphql plugin, whose hooks it needs.
 */
export const graphqlMetrics = fp(
  async (fastify) => {
    const duration = new Histogram({
      name: `${PREFIX}graphql_operation_duration_seconds`,
      help: 'GraphQL operation latency by operation type and root field (names from the schema only)',
      labelNames: ['operation_type', 'root_field'] as const,
      registers: [fastify.metrics.registry],
    });
    type Timing = { start: bigint; observers?: Histogram.Internal<'operation_type' | 'root_field'>[] };
    // mercurius keeps parsed documents, so an operation's root fields and their histogram
    // children are worked out once per document and operation name, not on every request.
    const observersOf = new WeakMap<DocumentNode, Map<string, Timing['observers']>>();
    const observersFor = (
      schema: GraphQLSchema,
      document: DocumentNode,
      operationName: string | undefined,
    ) => {
      let byName = observersOf.get(document);
      if (!byName) {
        byName = new Map();
        observersOf.set(document, byName);
      }
      const key = operationName ?? '';
      let observers = byName.get(key);
      if (!observers) {
        const { operationType, fields } = rootFieldsOf(schema, document, operationName);
        observers = fields.map((field) =>
          duration.labels({ operation_type: operationType, root_field: field }),
        );
        byName.set(key, observers);
      }
      return observers;
    };
    const timings = new WeakMap<MercuriusContext, Timing>();
    const operationNameOf = (context: MercuriusContext) => {
      const { body, query } = (context.reply?.request ?? {}) as { body?: unknown; query?: unknown };
      const name =
        (body as { operationName?: unknown } | undefined)?.operationName ??
        (query as { operationName?: unknown } | undefined)?.operationName;
      return typeof name === 'string' && name !== '' ? name : undefined;
    };

    fastify.graphql.addHook('preParsing', async (_schema, _source, context) => {
      timings.set(context, { start: process.hrtime.bigint() });
    });
    fastify.graphql.addHook('preExecution', async (schema, document, context) => {
      const timing = timings.get(context) ?? { start: process.hrtime.bigint() };
      timings.set(context, {
        ...timing,
        observers: observersFor(schema, document, operationNameOf(context)),
      });
    });
    fastify.graphql.addHook('onResolution', async (_execution, context) => {
      const timing = timings.get(context);
      if (!timing?.observers) return;
      timings.delete(context);
      const seconds = Number(process.hrtime.bigint() - timing.start) / 1e9;
      for (const observer of timing.observers) observer.observe(seconds);
    });
  },
  { name: 'graphql-metrics', dependencies: ['metrics', 'graphql'], fastify: '5.x' },
);
