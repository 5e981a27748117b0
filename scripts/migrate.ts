// `npm run db:migrate`: applies drizzle/ to DATABASE_URL, or to the embedded server when it is unset.
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { withDatabase } from './database.js';

const config = loadConfig();
const log = pino({ level: config.logLevel });
await withDatabase(config, log, async () => log.info('migrations applied'));
