import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { type OUTBOX_TOPICS, outbox } from '../db/schema/index.js';

export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];
/** What callers enqueue: a gig goes to both of its search tiers. */
export type OutboxEntity = 'workers' | 'gigs' | 'courses';

/** The PostgreSQL channel that wakes every node's dispatcher when the outbox gains rows. */
export const OUTBOX_CHANNEL = 'lingong_outbox';

/** Records, inside the caller's transaction, that these entities must be (re)sent to the search index. */
export async function enqueueOutbox(
  entity: OutboxEntity,
  entityIds: readonly string[],
  tx: Executor,
): Promise<void> {
  if (entityIds.length === 0) return;
  const topics: OutboxTopic[] = entity === 'gigs' ? ['gigs_fresh', 'gigs'] : [entity];
  // The notification is delivered at commit (and not at all on rollback), so a dispatcher wakes
  // only for real rows; both statements go out together (one round trip).
  await Promise.all([
    tx
      .insert(outbox)
      .values(topics.flatMap((topic) => [...new Set(entityIds)].map((entityId) => ({ topic, entityId })))),
    tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${entity})`),
  ]);
}
