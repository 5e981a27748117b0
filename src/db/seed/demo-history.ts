import { asc, eq, inArray, like } from 'drizzle-orm';
import { marketDay } from '../../time.js';
import { accounts, employers, workers } from '../schema/index.js';
import { type DemoDeps, writeChapterOnce } from './demo-chapter.js';
import { writeMarketHistory } from './market-history.js';

const CHAPTER = { key: 'demo:history:v1', lock: 7_305_509 };
const DEMO_EMPLOYER_PHONES = ['13800000001', '13800000002', '13800000003', '13800000004'];
/** Two months of past market, so the dashboard opens on a living market. */
export const DEMO_HISTORY_DAYS = 60;
const DAY_MS = 86_400_000;

/**
 * The demo market's past: the demo employers' gigs of the last two months, hired from the demo
 * workers, worked, mostly paid, a few paid late through an arrears case, and the cases of the last
 * employer (江都区邵伯物流) still open, so the dashboard and the arrears rules have something to show.
 */
export function seedDemoHistoryOnce(deps: DemoDeps) {
  return writeChapterOnce(deps, CHAPTER, async (tx) => {
    const employerRows = await tx
      .select({ id: employers.id })
      .from(employers)
      .innerJoin(accounts, eq(accounts.id, employers.accountId))
      .where(inArray(accounts.phone, DEMO_EMPLOYER_PHONES))
      .orderBy(asc(accounts.phone));
    // The demo workers, by the phones the accounts chapter gave them (13700000001…40).
    const workerRows = await tx
      .select({ id: workers.id })
      .from(workers)
      .innerJoin(accounts, eq(accounts.id, workers.accountId))
      .where(like(accounts.phone, '1370000%'))
      .orderBy(asc(accounts.phone));
    if (employerRows.length < DEMO_EMPLOYER_PHONES.length || workerRows.length === 0) return false;
    const today = marketDay(deps.clock.now());
    const fromDay = marketDay(new Date(Date.parse(`${today}T00:00:00+08:00`) - DEMO_HISTORY_DAYS * DAY_MS));
    const written = await writeMarketHistory(tx, {
      fromDay,
      days: DEMO_HISTORY_DAYS,
      gigsPerDay: 10,
      employerIds: employerRows.map((e) => e.id),
      workerIds: workerRows.map((w) => w.id),
      now: deps.clock.now(),
      seed: 0.20261123,
      keepArrearsOpenFor: employerRows.at(-1)?.id ?? null,
    });
    deps.log.info({ fromDay, days: DEMO_HISTORY_DAYS, ...written }, 'demo market history written');
    return true;
  });
}
