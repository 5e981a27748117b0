import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { seedReferenceData } from '../../src/db/seed/reference.js';
import { createEmbeddedMeilisearch } from '../../src/embedded/meilisearch.js';
import { createEmbeddedPostgres } from '../../src/embedded/postgres.js';
import { FAKETIME_ENV } from './clock-at.js';
import { freePort } from './ports.js';

export const TEMPLATE_DATABASE = 'lingong_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL to any database of the test server; files swap the database name. */
    databaseUrl: string;
    templateDatabase: string;
    meiliUrl: string;
    meiliKey: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Starts the services on the real clock when the run is under libfaketime (tests/support/at-hour.ts
 * moves only vitest and its test processes): they inherit the environment while `start` spawns them,
 * and the test forks, started later, inherit it again once it is back.
 */
async function withoutFaketime<T>(start: () => Promise<T>): Promise<T> {
  const saved = FAKETIME_ENV.map((name) => [name, process.env[name]] as const);
  if (!process.env.LD_PRELOAD?.includes('faketime')) return start();
  for (const [name] of saved) delete process.env[name];
  try {
    return await start();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/**
 * One PostgreSQL and one Meilisearch for the whole run (or TEST_DATABASE_URL / TEST_MEILI_URL),
 * and a template database migrated and seeded once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'lingong-test-'));
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the folder (mkdtemp makes it 0700).
  await chmod(dataDir, 0o755);
  const pg = process.env.TEST_DATABASE_URL
    ? undefined
    : createEmbeddedPostgres({ dataDir, port: await freePort(), log });
  const meili = process.env.TEST_MEILI_URL
    ? undefined
    : createEmbeddedMeilisearch({ dataDir, port: await freePort(), log });

  // AT_HOUR_POSTGRES=1 (at-hour.ts --with-postgres): PostgreSQL keeps the moved clock too, so its now()
  // agrees with the tests'; it starts first, with the preload, and Meilisearch then without.
  const [pgStarted, meiliStarted] =
    process.env.AT_HOUR_POSTGRES === '1'
      ? [await pg?.start(), await withoutFaketime(async () => meili?.start())]
      : await withoutFaketime(() => Promise.all([pg?.start(), meili?.start()]));
  const databaseUrl = process.env.TEST_DATABASE_URL ?? (pgStarted as { url: string }).url;
  const meiliUrl = process.env.TEST_MEILI_URL ?? (meiliStarted as { url: string }).url;
  const meiliKey = process.env.TEST_MEILI_KEY ?? meiliStarted?.masterKey ?? '';

  const admin = postgres(withDatabase(databaseUrl, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = withDatabase(databaseUrl, TEMPLATE_DATABASE);
  await runMigrations(templateUrl);
  const template = createDatabase(templateUrl, { max: 1 });
  await seedReferenceData(template.db);
  await template.sql.end();

  project.provide('databaseUrl', databaseUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  project.provide('meiliUrl', meiliUrl);
  project.provide('meiliKey', meiliKey);

  return async () => {
    await Promise.allSettled([pg?.stop(), meili?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  };
}
