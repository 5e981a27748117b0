import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { projectPath } from '../paths.js';

/** Any number from a fixed hash; it only has to be the same for every Lingong node. */
const MIGRATION_LOCK = 7_305_501;

/**
 * Applies the SQL migrations in drizzle/. Several API nodes may start at once, so the run holds a
 * session advisory lock: the first node migrates, the others wait and then find nothing to do.
 */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(sql), { migrationsFolder: projectPath('drizzle') });
  } finally {
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await sql.end({ timeout: 5 });
  }
}
