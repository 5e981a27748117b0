import { readFile } from 'node:fs/promises';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ListValueNode, NoSchemaIntrospectionCustomRule } from 'graphql';
import mercurius from 'mercurius';
import mercuriusAuth, { type MercuriusAuthDirectiveOptions } from 'mercurius-auth';
import { Counter } from 'prom-client';
import type { Config } from '../config.js';
import { type Access, checkAccess } from '../graphql/auth-policy.js';
import { costLimit } from '../graphql/cost-limit.js';
import { formatGraphQLErrors } from '../graphql/errors.js';
import { limitMutations } from '../graphql/mutation-limit.js';
import { answerContentType, checkParameters, graphqlAnswer } from '../graphql/over-http.js';
import { resolvers } from '../graphql/resolvers.js';
import { requestLocale } from '../i18n/request-locale.js';
import { createBoardCache } from '../kiosk/board-cache.js';
import { answerFirst, createBoardFront } from '../kiosk/board-front.js';
import { kioskQueryProvider, onlyPersistedQueriesForKiosks } from '../kiosk/persisted-queries.js';
import { createPrivateReads, recordPrivateReads } from '../modules/index.js';
import { projectPath } from '../paths.js';
import { bearerToken } from './auth.js';
import graphiql from './graphiql.js';
import { SECURITY_HEADERS } from './http-security.js';

/**
 * GraphQL at /graphql, schema-first from schema.graphql, GraphiQL at /graphiql outside production.
 * Who may call what is declared in the schema with @auth and enforced by mercurius-auth.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const schema = await readFile(projectPath('schema.graphql'), 'utf8');
    const contextOf = async (request: FastifyRequest) => {
      const { viewer, problem, session } = await fastify.authenticate(
        bearerToken(request.headers.authorization),
      );
      return {
        services: fastify.services,
        viewer,
        session: session ?? null,
        authProblem: problem,
        request,
        sessionAccountIds: new Set<string>(),
        // request.ip honours X-Forwarded-For only from the proxies TRUST_PROXY names.
        origin: { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
        privateReads: createPrivateReads(),
        locale: requestLocale(request),
      };
    };
    // Kiosks' board queries answered from memory for KIOSK_CACHE_MS (src/kiosk/board-cache.ts).
    const boards = new Counter({
      name: 'lingong_kiosk_board_cache_total',
      help: 'Kiosk board queries, by whether the answer came from the cache (hit) or was run (miss), and the hits that ran the board again in the background (refresh)',
      labelNames: ['result'],
      registers: [fastify.metrics.registry],
    });
    const hit = boards.labels({ result: 'hit' });
    const miss = boards.labels({ result: 'miss' });
    const refresh = boards.labels({ result: 'refresh' });
    const boardCache = createBoardCache({
      ttlMs: config.kiosk.cacheMs,
      contextOf,
      counts: { hit: () => hit.inc(), miss: () => miss.inc(), refresh: () => refresh.inc() },
    });
    // The kiosk page's GET of a kept board is answered before fastify routes it (board-front.ts).
    if (config.kiosk.cacheMs > 0) {
      let closing = false;
      fastify.addHook('preClose', async () => {
        closing = true;
      });
      const front = createBoardFront({
        boards: boardCache,
        knownKiosk: (authorization) => {
          const token = bearerToken(authorization);
          return token ? fastify.services.stations.knownKiosk(token) : null;
        },
        headers: SECURITY_HEADERS,
        closing: () => closing,
        answered: fastify.metrics.httpObserver({ method: 'GET', route: '/graphql', statusCode: 200 }),
      });
      answerFirst(fastify.server, front, (error) =>
        fastify.log.error({ err: error }, 'the kiosk board front failed'),
      );
    }
    await fastify.register(mercurius, {
      schema,
      resolvers,
      path: '/graphql',
      // GraphiQL is this project's own page (./graphiql.ts), not mercurius's, which loads it from a CDN.
      graphiql: false,
      jit: 1,
      // One operation per request, and no query deeper, with more aliases or costlier than the
      // limits (introspection is exempt from the depth and cost rules, so GraphiQL works); in
      // production the schema is not introspectable at all.
      allowBatchedQueries: false,
      validationRules: [
        maxDepthRule({ n: config.graphql.maxDepth, ignoreIntrospection: true, exposeLimits: true }),
        maxAliasesRule({ n: config.graphql.maxAliases, exposeLimits: true }),
        costLimit({ maxCost: config.graphql.maxCost }),
        ...(config.isProduction ? [NoSchemaIntrospectionCustomRule] : []),
      ],
      // The kiosk page sends its queries by hash (src/kiosk/persisted-queries.ts); others send documents.
      persistedQueryProvider: kioskQueryProvider,
      // GraphQL over HTTP where mercurius leaves it (src/graphql/over-http.ts).
      additionalRouteOptions: {
        preValidation: checkParameters,
        preHandler: boardCache.preHandler,
        onSend: answerContentType,
      },
      context: contextOf,
      errorFormatter: (execution, context) => {
        const { statusCode } = mercurius.defaultErrorFormatter(execution, context);
        const request = context.reply?.request;
        // In production no message suggests a name of the schema (its introspection is off too).
        const errors = execution.errors
          ? formatGraphQLErrors(execution.errors, request?.log ?? fastify.log, {
              hideSuggestions: config.isProduction,
              locale: context.locale ?? (request ? requestLocale(request) : undefined),
            })
          : undefined;
        return graphqlAnswer(execution, errors, { status: statusCode, accept: request?.headers.accept });
      },
    });

    if (!config.isProduction) await fastify.register(graphiql);

    // An admin's reads of workers' private fields are audited once per worker, before the answer leaves.
    fastify.graphql.addHook('onResolution', async (_execution, context) => recordPrivateReads(context));
    if (config.graphql.kioskPersistedOnly)
      fastify.graphql.addHook('preParsing', onlyPersistedQueriesForKiosks);
    // Mutations count against their caller's minute (MUTATION_RATE_LIMIT) before any of them runs.
    fastify.graphql.addHook('preExecution', limitMutations);

    const authOptions: MercuriusAuthDirectiveOptions = {
      mode: 'directive',
      authDirective: 'auth',
      applyPolicy: async (directive, parent, _args, context) => {
        const list = directive.arguments?.[0]?.value as ListValueNode | undefined;
        const requires = (list?.values ?? []).map((v) => (v as { value: string }).value as Access);
        return checkAccess(requires, context.viewer, parent, context.authProblem, context.sessionAccountIds);
      },
    };
    // mercurius-auth is CommonJS without a `default` property; its typings describe an ES default.
    await fastify.register(
      mercuriusAuth as unknown as FastifyPluginAsync<MercuriusAuthDirectiveOptions>,
      authOptions,
    );
  },
  { name: 'graphql', dependencies: ['services', 'auth', 'rate-limits'], fastify: '5.x' },
);
