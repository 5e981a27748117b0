import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/build.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createTestDatabase } from './database.js';

export type GraphQLResponse<T = Record<string, unknown>> = {
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string; [key: string]: unknown };
  }[];
};

export type TestApp = {
  app: FastifyInstance;
  databaseUrl: string;
  indexPrefix: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
};

/**
 * The app built on this file's own database and index prefix, as `npm start` builds it but without
 * listening. `env` overrides any variable (e.g. a dead MEILI_URL to test the fallback).
 */
export async function createTestApp(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const indexPrefix = `t${randomBytes(5).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX_PREFIX: indexPrefix,
    SEED_DEMO: 'false',
    ...options.env,
  });
  const app = await buildApp({ config, clock: options.clock });

  return {
    app,
    databaseUrl: database.url,
    indexPrefix,
    async gql(query, variables, token) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        payload: { query, variables },
      });
      return response.json();
    },
    async close() {
      await app.meili.dropAll().catch(() => {});
      await app.close();
      await database.drop();
    },
  };
}
