import { readFile } from 'node:fs/promises';
import fp from 'fastify-plugin';
import mercurius from 'mercurius';
import type { Config } from '../config.js';
import { formatGraphQLError } from '../graphql/errors.js';
import { loaders, resolvers } from '../graphql/resolvers.js';
import { projectPath } from '../paths.js';

/** GraphQL at /graphql, schema-first from schema.graphql, GraphiQL at /graphiql outside production. */
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
      context: () => ({ services: fastify.services }),
      errorFormatter: (execution, context) => {
        const { statusCode } = mercurius.defaultErrorFormatter(execution, context);
        const log = context.reply?.request.log ?? fastify.log;
        return {
          statusCode,
          response: {
            data: execution.data ?? null,
            errors: execution.errors?.map((error) => formatGraphQLError(error, log)),
          },
        };
      },
    });
  },
  { name: 'graphql', dependencies: ['services'], fastify: '5.x' },
);
