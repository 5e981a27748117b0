import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import { runMigrations } from '../src/db/migrate.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';

/**
 * Runs a command-line task on a migrated database: DATABASE_URL, or the embedded server (the one a
 * running market started, else a fresh one stopped again afterwards).
 */
export async function withDatabase<T>(
  config: Config,
  log: Logger,
  task: (url: string) => Promise<T>,
): Promise<T> {
  const embedded = config.database.url
    ? undefined
    : createEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.database.embeddedPort,
        log,
        attach: true,
      });
  try {
    const url = config.database.url ?? (await embedded?.start())?.url;
    if (!url) throw new Error('no database');
    await runMigrations(url);
    return await task(url);
  } finally {
    await embedded?.stop();
  }
}
