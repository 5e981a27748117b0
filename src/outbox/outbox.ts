import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export type OutboxTopic = 'workers' | 'gigs';

/** The PostgreSQL channel that wakes every node's dispatcher when the outbox gains rows. */
export const OUTBOX_CHANNEL = 'lingong_outbox';

/** Records, inside the caller's transaction, that these entities must be (re)sent to the search index. */
export async function enqueueOutbox(
  tx: Executor,
  topic: OutboxTopic,
  entityIds: readonly string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  // The notification is delivered at commit (and not at all on rollback), so a dispatcher wakes
  // only for real rows; both statements go out together (one round trip).
  await Promise.all([
    tx.insert(outbox).values([...new Set(entityIds)].map((entityId) => ({ topic, entityId }))),
    tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${topic})`),
  ]);
}
