// `npm run admin -- --phone 13900000000 --password '…'`: creates the admin account, or sets the
// password of the existing one, on DATABASE_URL (or the embedded server when it is unset).
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import { createAccountsRepository } from '../src/modules/accounts/accounts.repository.js';
import { createAccountsService } from '../src/modules/accounts/accounts.service.js';

const { values } = parseArgs({ options: { phone: { type: 'string' }, password: { type: 'string' } } });
if (!values.phone || !values.password) {
  console.error("usage: npm run admin -- --phone 13900000000 --password 'at least 10 characters'");
  process.exit(2);
}

const config = loadConfig();
const log = pino({ level: 'warn' });
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
  const { sql, db } = createDatabase(url, { max: 1 });
  try {
    const accounts = createAccountsService({
      repository: createAccountsRepository(db),
      clock: systemClock,
      // The command issues no tokens.
      signAccessToken: () => {
        throw new Error('not used');
      },
      accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds,
      refreshTokenTtlDays: config.auth.refreshTokenTtlDays,
    });
    const outcome = await accounts.ensureAdmin({ phone: values.phone, password: values.password });
    console.log(`admin ${values.phone}: ${outcome}`);
  } finally {
    await sql.end();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
