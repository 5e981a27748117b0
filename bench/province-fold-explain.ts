// `npx tsx bench/province-fold-explain.ts [--runs 15]`
// bench:province's statistics fold of one new day, on the markets it left in .data/bench-province,
// without the API: in one transaction per market, rolled back at the end, the same new day as the
// benchmark writes (100 gigs, its deltas), then the fold's statement (StatsRepository.fold) timed
// `--runs` times, each in a savepoint rolled back (the same deltas every time; no commit timed), and
// EXPLAINed (ANALYZE, BUFFERS) once. What differs between the two markets is the market.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../src/db/client.js';
import { createStatsRepository } from '../src/modules/stats/stats.repository.js';
import { writeNewDay } from './province-measure.js';
import { openMarket } from './province-open.js';
import { stats } from './report.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
class Rollback extends Error {}

/**
 * A Database whose transactions run in `tx` (a savepoint's), for the repository; with `plan`, its
 * second statement (the fold: the first is the fold's advisory lock) is EXPLAINed into `plan`
 * instead of run for its answer.
 */
function within(tx: Executor, plan?: string[]): Database {
  let calls = 0;
  const executing = new Proxy(tx, {
    get: (target, property, receiver) =>
      property === 'execute'
        ? async (query: ReturnType<typeof sql>) => {
            calls += 1;
            if (!plan || calls !== 2) return target.execute(query);
            const rows = await target.execute<Record<string, string>>(
              sql`explain (analyze, buffers) ${query}`,
            );
            plan.push(...rows.map((r) => r['QUERY PLAN'] ?? ''));
            return [{ moved: 0 }];
          }
        : Reflect.get(target, property, receiver),
  });
  const handle: Pick<Database, 'transaction'> = {
    transaction: ((run: (inner: Executor) => Promise<unknown>) => run(executing)) as Database['transaction'],
  };
  return handle as Database;
}

for (const name of ['county', 'province']) {
  const { db, close } = await openMarket(name, 'province-fold-explain');
  try {
    await db
      .transaction(async (tx) => {
        await writeNewDay({ db: tx });
        await tx.execute(sql`set constraints all immediate`);
        const [waiting] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from stat_deltas`);
        const times: number[] = [];
        for (let i = 0; i < Number(values.runs) + 2; i++) {
          await tx
            .transaction(async (sp) => {
              const began = performance.now();
              await createStatsRepository(within(sp)).fold(5000);
              if (i >= 2) times.push(performance.now() - began);
              throw new Rollback();
            })
            .catch((error: unknown) => {
              if (!(error instanceof Rollback)) throw error;
            });
        }
        const plan: string[] = [];
        await tx
          .transaction(async (sp) => {
            await createStatsRepository(within(sp, plan)).fold(5000);
            throw new Rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          });
        const s = stats(times);
        console.log(
          `\n===== ${name}: ${waiting?.n} deltas, fold statement p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms\n${plan.join('\n')}`,
        );
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  } finally {
    await close();
  }
}
