// What earlier runs of bench:province left queued, let through before anything is timed: the
// outbox's rows (a peak hour's last batches, the --reuse clean-up's deletes) and the tasks both
// Meilisearch servers still hold (their queues persist across restarts). A run that began with a
// busy queue measured the backlog, not a search (bench/RESULTS.md, the index per city's run 2).
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Executor } from '../src/db/client.js';

const POLL_MS = 500;

/** Tasks enqueued or processing on a Meilisearch server. */
async function pendingTasks(url: string, apiKey: string): Promise<number> {
  const response = await fetch(`${url}/tasks?statuses=enqueued,processing&limit=1`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) throw new Error(`${url}/tasks answered ${response.status}`);
  return ((await response.json()) as { total: number }).total;
}

const outboxRows = async (db: Executor) =>
  Number(
    ((await db.execute(sql`select count(*)::int as n from outbox`)) as unknown as { n: number }[])[0]?.n,
  );

/**
 * Waits until the outbox is empty and neither server has a task enqueued or processing (the API's
 * dispatchers are running, so its rows go out meanwhile), at most `timeoutMs`. Returns what was
 * found at the start and how long it took.
 */
export async function drainQueues(
  db: Executor,
  servers: readonly { url: string; apiKey: string }[],
  timeoutMs = 15 * 60_000,
): Promise<{ outbox: number; tasks: number; ms: number }> {
  const began = performance.now();
  const tasksNow = async () =>
    (await Promise.all(servers.map((s) => pendingTasks(s.url, s.apiKey)))).reduce((a, b) => a + b, 0);
  const first = { outbox: await outboxRows(db), tasks: await tasksNow() };
  for (;;) {
    const [outbox, tasks] = [await outboxRows(db), await tasksNow()];
    if (outbox === 0 && tasks === 0) return { ...first, ms: performance.now() - began };
    if (performance.now() - began > timeoutMs)
      throw new Error(
        `queues not drained in ${timeoutMs} ms: ${outbox} outbox rows, ${tasks} Meilisearch tasks`,
      );
    await sleep(POLL_MS);
  }
}
