import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../src/build.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { SmsGateway } from '../../src/modules/sms/sms.gateway.js';
import { createTestDatabase } from './database.js';

/** The admin every test app starts with (ADMIN_PHONE / ADMIN_PASSWORD). */
export const TEST_ADMIN = { phone: '13900000001', password: 'admin-password-1' };

export type GraphQLResponse<T = Record<string, unknown>> = {
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: {
      code?: string;
      field?: string;
      problems?: { field: string; message: string }[];
      [key: string]: unknown;
    };
  }[];
};

export type TestApp = {
  app: FastifyInstance;
  databaseUrl: string;
  indexPrefix: string;
  /** The app's DATA_DIR (a temporary folder of this test). */
  dataDir: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    /** More request headers, e.g. `accept-language` to ask for English. */
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
};

/**
 * The app built on this file's own database and index prefix, as `npm start` builds it but without
 * listening. `env` overrides any variable (e.g. a dead MEILI_URL to test the fallback).
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    sameDatabaseAs?: TestApp;
    smsGateway?: SmsGateway;
    /** Where the app's log goes (a test that reads what was logged); with LOG_LEVEL in `env`. */
    logStream?: DestinationStream;
  } = {},
): Promise<TestApp> {
  // A second app on another app's database is a restart, or a second API node.
  const database = options.sameDatabaseAs
    ? { url: options.sameDatabaseAs.databaseUrl, drop: async () => {} }
    : await createTestDatabase();
  const indexPrefix = `t${randomBytes(5).toString('hex')}`;
  mkdirSync(join(tmpdir(), `lingong-${indexPrefix}`), { recursive: true });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    // TEST_DATABASE_POOL_SIZE=2 runs a folder with a smaller pool (a hang from a pool read inside
    // a transaction shows sooner); DB_TX_GUARD fails such a read at once (src/db/tx-guard.ts).
    DATABASE_POOL_SIZE: process.env.TEST_DATABASE_POOL_SIZE ?? '5',
    DB_TX_GUARD: process.env.TEST_DB_TX_GUARD ?? '1',
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX_PREFIX: indexPrefix,
    SEED_DEMO: 'false',
    // Files the app writes (the demo kiosk token) go to a folder of this test, not the project's.
    DATA_DIR: join(tmpdir(), `lingong-${indexPrefix}`),
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
    PII_KEY: 'test-pii-key-0123456789abcdef0123456789abcd',
    ADMIN_PHONE: TEST_ADMIN.phone,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    AUTH_RATE_LIMIT_MAX: '10000',
    AUTH_ACCOUNT_RATE_LIMIT_MAX: '10000',
    // Wrong passwords of every test come from 127.0.0.1 too; tests/plugins/rate-limits.test.ts
    // sets the shipped limit back.
    LOGIN_ADDRESS_MAX_FAILURES: '100000',
    // Every registration asks for a code from 127.0.0.1; tests/modules/accounts/phone-codes.test.ts
    // sets these back to test the limits themselves.
    PHONE_CODE_ADDRESS_HOURLY: '1000000',
    PHONE_CODE_ADDRESS_DAILY: '1000000',
    // The role matrix and the module tests try fields with a kiosk token and a written query; the
    // tests of the kiosk page and of the rule itself set it back to its default, true.
    KIOSK_PERSISTED_QUERIES_ONLY: 'false',
    OUTBOX_POLL_MS: '50',
    // Tests read a board right after changing it; tests/kiosk/board-cache.test.ts turns the cache on.
    KIOSK_CACHE_MS: '0',
    ...options.env,
  });
  const app = await buildApp({
    config,
    clock: options.clock,
    smsGateway: options.smsGateway,
    logStream: options.logStream,
  });

  return {
    app,
    databaseUrl: database.url,
    indexPrefix,
    dataDir: config.dataDir,
    async gql(query, variables, token, headers = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
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
