import { readFile } from 'node:fs/promises';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type ListValueNode, NoSchemaIntrospectionCustomRule } from 'graphql';
import mercurius from 'mercurius';
import mercuriusAuth, { type MercuriusAuthDirectiveOptions } from 'mercurius-auth';
import type { Config } from '../config.js';
import { type Access, checkAccess } from '../graphql/auth-policy.js';
import { formatGraphQLErrors } from '../graphql/errors.js';
import { loaders, resolvers } from '../graphql/resolvers.js';
import { createPrivateReads, recordPrivateReads } from '../modules/audit/private-reads.js';
import { projectPath } from '../paths.js';
import { bearerToken } from './auth.js';

/**
 * GraphQL at /graphql, schema-first from schema.graphql, GraphiQL at /graphiql outside production.
 * Who may call what is declared in the schema with @auth and enforced by mercurius-auth.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const schema = await readFile(projectPath('schema.graphql'), 'utf8');
    await fastify.register(mercurius, {
      schema,
      resolvers,
      loaders,
      path: '/graphql',
      graphiql: !config.isProduction,
      jit: 1,
      // One operation per request, and no query deeper or with more aliases than the limits
      // (introspection is exempt from the depth rule, so GraphiQL works); in production the
      // schema is not introspectable at all.
      allowBatchedQueries: false,
      validationRules: [
        maxDepthRule({ n: config.graphql.maxDepth, ignoreIntrospection: true, exposeLimits: true }),
        maxAliasesRule({ n: config.graphql.maxAliases, exposeLimits: true }),
        ...(config.isProduction ? [NoSchemaIntrospectionCustomRule] : []),
      ],
      context: async (request) => {
        const { viewer, problem } = await fastify.authenticate(bearerToken(request.headers.authorization));
        return {
          services: fastify.services,
          viewer,
          authProblem: problem,
          request,
          sessionAccountIds: new Set<string>(),
          // request.ip honours X-Forwarded-For only from the proxies TRUST_PROXY names.
          origin: { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
          privateReads: createPrivateReads(),
        };
      },
      errorFormatter: (execution, context) => {
        const { statusCode } = mercurius.defaultErrorFormatter(execution, context);
        const log = context.reply?.request.log ?? fastify.log;
        return {
          statusCode,
          response: {
            data: execution.data ?? null,
            errors: execution.errors ? formatGraphQLErrors(execution.errors, log) : undefined,
          },
        };
      },
    });

    // An admin's reads of workers' private fields are audited once per worker, before the answer leaves.
    fastify.graphql.addHook('onResolution', async (_execution, context) => recordPrivateReads(context));

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
  { name: 'graphql', dependencies: ['services', 'auth'], fastify: '5.x' },
);
