import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { type Config, loadConfig } from '../src/config.js';
import { runMigrations } from '../src/db/migrate.js';
import { readMarketPointer } from '../src/embedded/market-pointer.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import { consoleLocale } from '../src/i18n/locale.js';
import { render } from '../src/i18n/render.js';
import { text } from '../src/i18n/text.js';
import { StartupError } from '../src/startup-error.js';

/**
 * The market a command-line tool works on, found as the server finds it (DATABASE_URL, else the
 * embedded server in DATA_DIR), except that with neither set it follows the running `npm start` of
 * this checkout to its data folder (src/embedded/market-pointer.ts). When there is no market
 * there, it says what it needs instead of creating an empty one (in the console's language).
 */
export async function findMarket(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  let config = loadConfig(env);
  const running = env.DATABASE_URL || env.DATA_DIR ? undefined : await readMarketPointer();
  if (running?.database === 'DATABASE_URL') {
    throw new StartupError(text('console:market.usesDatabaseUrl', { pid: running.pid }));
  }
  if (running && running.dataDir !== config.dataDir) {
    console.log(
      render(
        text('console:market.following', { pid: running.pid, dataDir: running.dataDir }),
        consoleLocale(env),
      ),
    );
    config = loadConfig({ ...env, DATA_DIR: running.dataDir });
  }
  if (!config.database.url && !existsSync(join(config.dataDir, 'postgres', 'PG_VERSION'))) {
    throw new StartupError(text('console:market.none', { dataDir: config.dataDir }));
  }
  return config;
}

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
