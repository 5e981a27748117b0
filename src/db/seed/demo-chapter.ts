import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Services } from '../../modules/index.js';
import type { Database, Executor } from '../client.js';
import { appMeta } from '../schema/index.js';

export type DemoDeps = { db: Database; services: Services; clock: Clock; log: FastifyBaseLogger };

/**
 * Writes a chapter of the demo market once per installation, marked by a row in `app_meta`. The
 * advisory lock lives as long as the transaction, so a second node starting at once waits, then
 * finds the marker. `write` may use other connections (the services, with their own rules); it
 * answers false when the chapter cannot be written yet, and then no marker is set.
 */
export async function writeChapterOnce(
  deps: DemoDeps,
  chapter: { key: string; lock: number },
  write: (tx: Executor) => Promise<boolean>,
): Promise<boolean> {
  const { db } = deps;
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, chapter.key));
  if (done) return false;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${chapter.lock})`);
    const [again] = await tx.select().from(appMeta).where(eq(appMeta.key, chapter.key));
    if (again || !(await write(tx))) return false;
    await tx
      .insert(appMeta)
      .values({ key: chapter.key, value: { seededAt: deps.clock.now().toISOString() } });
    return true;
  });
}
