import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { createDatabase, type Database, type SqlClient } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    sql: SqlClient;
    /** Sees every drizzle statement (tests count the queries a request costs). */
    observeQueries: (observe: (query: string) => void) => () => void;
  }
}

/** The PostgreSQL pool, migrated to the latest schema before anything uses it. */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const url = fastify.backing.databaseUrl;
    if (config.database.migrateOnStart) {
      await runMigrations(url);
      fastify.log.info('database migrations applied');
    }
    const { sql, db, observeQueries } = createDatabase(url, {
      max: config.database.poolSize,
      txGuard: config.database.txGuard,
    });
    fastify.decorate('db', db);
    fastify.decorate('sql', sql);
    fastify.decorate('observeQueries', observeQueries);
    fastify.addHook('onClose', async () => {
      await sql.end({ timeout: 5 });
    });
  },
  { name: 'db', dependencies: ['embedded-services'], fastify: '5.x' },
);
