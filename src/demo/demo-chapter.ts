import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database, Executor } from '../db/client.js';
import { accounts, appMeta, employers } from '../db/schema/index.js';
import { outsideTransaction } from '../db/tx-guard.js';
import type { Services } from '../modules/index.js';

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
    if (again) return false;
    // The services `write` calls open transactions of their own on the pool while this one holds
    // the chapter's lock, on purpose (at a node's start, one chapter at a time): out of its mark.
    if (!(await outsideTransaction(() => write(tx)))) return false;
    await tx
      .insert(appMeta)
      .values({ key: chapter.key, value: { seededAt: deps.clock.now().toISOString() } });
    return true;
  });
}

/** The phones the accounts chapter gives the demo employers. */
const DEMO_EMPLOYER_PHONES = ['13800000001', '13800000002', '13800000003', '13800000004'];

/** The demo employers' ids in phone order, or null until the accounts chapter has written them all. */
export async function demoEmployerIds(tx: Executor): Promise<string[] | null> {
  const rows = await tx
    .select({ id: employers.id })
    .from(employers)
    .innerJoin(accounts, eq(accounts.id, employers.accountId))
    .where(inArray(accounts.phone, DEMO_EMPLOYER_PHONES))
    .orderBy(asc(accounts.phone));
  return rows.length === DEMO_EMPLOYER_PHONES.length ? rows.map((r) => r.id) : null;
}
