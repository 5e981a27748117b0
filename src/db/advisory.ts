import { sql } from 'drizzle-orm';
import { pgArray } from './arrays.js';
import type { Executor } from './client.js';

/**
 * Holds these keys until the transaction ends (transaction-scoped advisory locks), so work on the
 * same key from any node runs one after the other. One statement, the keys taken in one order
 * (by their hash), so two holders of overlapping sets never wait on each other crosswise.
 */
export async function holdKeys(keys: readonly string[], tx: Executor): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(sql`
    select pg_advisory_xact_lock(held.key)
    from (select distinct hashtextextended(k.name, 0) as key
          from unnest(${pgArray([...keys])}::text[]) as k(name)
          order by key) as held`);
}
