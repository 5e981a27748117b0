// `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded server when it is unset.
// What it prints is in the console's language (LINGONG_LOCALE, else LC_ALL/LC_MESSAGES/LANG).
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { consoleLocale } from '../src/i18n/locale.js';
import { render } from '../src/i18n/render.js';
import { text } from '../src/i18n/text.js';
import { toolFailureLine } from '../src/startup-error.js';
import { withDatabase } from './database.js';

const locale = consoleLocale(process.env);
try {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  await withDatabase(config, log, async () => {});
  console.log(render(text('console:migrate.done'), locale));
} catch (error) {
  console.error(process.env.DEBUG ? error : toolFailureLine(error, locale));
  process.exitCode = 1;
}
