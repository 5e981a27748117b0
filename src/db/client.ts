import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type SqlClient = postgres.Sql;

/** One pool per process: postgres.js for raw SQL, drizzle over the same pool for typed queries. */
export function createDatabase(url: string, options: { max?: number; applicationName?: string } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
    connection: { application_name: options.applicationName ?? 'lingong', TimeZone: 'UTC' },
  });
  const observers = new Set<(query: string) => void>();
  const db = drizzle(sql, {
    schema,
    casing: 'snake_case',
    logger: {
      logQuery(query) {
        for (const observe of observers) observe(query);
      },
    },
  });
  /** Calls `observe` with every statement sent through drizzle until the returned function is called. */
  const observeQueries = (observe: (query: string) => void) => {
    observers.add(observe);
    return () => void observers.delete(observe);
  };
  return { sql, db, observeQueries };
}

export type Database = ReturnType<typeof createDatabase>['db'];
/** A handle that can run queries: the pool or an open transaction. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];
