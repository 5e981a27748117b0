// `npm run admin -- --phone 13900000000 --password '…'`: creates the admin account, or sets the
// password of the existing one, on DATABASE_URL (or the embedded server when it is unset).
import { parseArgs } from 'node:util';
import pino from 'pino';
import { systemClock } from '../src/clock.js';
import { createDatabase } from '../src/db/client.js';
import { consoleLocale } from '../src/i18n/locale.js';
import { render } from '../src/i18n/render.js';
import { text } from '../src/i18n/text.js';
import { createAccountsRepository } from '../src/modules/accounts/accounts.repository.js';
import { createAccountsService } from '../src/modules/accounts/accounts.service.js';
import { createAuditRepository } from '../src/modules/audit/audit.repository.js';
import { createAuditService } from '../src/modules/audit/audit.service.js';
import { toolFailureLine } from '../src/startup-error.js';
import { findMarket, withDatabase } from './database.js';

// What it prints is in the console's language (LINGONG_LOCALE, else LC_ALL/LC_MESSAGES/LANG).
const locale = consoleLocale(process.env);
const { values } = parseArgs({ options: { phone: { type: 'string' }, password: { type: 'string' } } });
if (!values.phone || !values.password) {
  console.error(render(text('console:admin.usage'), locale));
  process.exit(2);
}

const log = pino({ level: 'warn' });
try {
  const config = await findMarket();
  await withDatabase(config, log, async (url) => {
    const { sql, db } = createDatabase(url, { max: 1 });
    try {
      const accounts = createAccountsService({
        repository: createAccountsRepository(db),
        clock: systemClock,
        // The command starts no sessions.
        sessions: {
          start: () => {
            throw new Error('not used');
          },
          refresh: () => {
            throw new Error('not used');
          },
        },
        audit: createAuditService({ db, repository: createAuditRepository(db), clock: systemClock }),
        // Nor does it sign anyone in.
        lockout: {
          policy: config.auth.loginLockout,
          begin: () => {
            throw new Error('not used');
          },
          failed: async () => null,
          succeeded: async () => {},
        },
      });
      const outcome = await accounts.ensureAdmin({
        phone: values.phone as string,
        password: values.password as string,
      });
      console.log(render(text(`console:admin.${outcome}`, { phone: values.phone as string }), locale));
    } finally {
      await sql.end();
    }
  });
} catch (error) {
  console.error(toolFailureLine(error, locale));
  process.exitCode = 1;
}
