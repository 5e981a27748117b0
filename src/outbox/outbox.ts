import type { Executor } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export type OutboxTopic = 'workers' | 'gigs';

/** Records, inside the caller's transaction, that these entities must be (re)sent to the search index. */
export async function enqueueOutbox(
  tx: Executor,
  topic: OutboxTopic,
  entityIds: readonly string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  await tx.insert(outbox).values([...new Set(entityIds)].map((entityId) => ({ topic, entityId })));
}
