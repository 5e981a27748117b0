// One built bench:province market's PostgreSQL, started on a free port for a look at it
// (province-sql.ts, province-fold-explain.ts): its data folder as the last run left it.
import { join } from 'node:path';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import { projectPath } from '../src/paths.js';
import { freePort } from './harness.js';

const log = pino({ level: 'warn' });

/** The market `name` (county, province): its server, a one-connection handle, and `close`. */
export async function openMarket(name: string, applicationName: string) {
  const pg = createEmbeddedPostgres({
    dataDir: projectPath(join('.data/bench-province', name)),
    port: await freePort(),
    log,
    attach: true,
  });
  const { url } = await pg.start();
  const { db, sql: client } = createDatabase(url, { max: 1, applicationName });
  return {
    name,
    db,
    async close(): Promise<void> {
      await client.end();
      await pg.stop();
    },
  };
}
