// `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded server when it is unset.
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { runMigrations } from '../src/db/migrate.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';

const config = loadConfig();
const log = pino({ level: config.logLevel });
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
  log.info('migrations applied');
} finally {
  await embedded?.stop();
}
