// `npx tsx bench/province-sql.ts [--explain] [--runs N] [--market county|province] "SQL" ["SQL" …]`
// Each statement on the markets bench:province left in .data/bench-province (county, then province),
// without the API or Meilisearch: its rows (the first 40), or with `--explain` its plan (EXPLAIN
// (ANALYZE, BUFFERS)); with `--runs N` it is first run N times alternating market by market and its
// p50 / p99 printed. For looking at why a row of the report differs between the two markets.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openMarket } from './province-open.js';
import { stats } from './report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    explain: { type: 'boolean', default: false },
    runs: { type: 'string', default: '0' },
    market: { type: 'string', multiple: true },
  },
});
const names = values.market ?? ['county', 'province'];
const markets: Awaited<ReturnType<typeof openMarket>>[] = [];
for (const name of names) markets.push(await openMarket(name, 'province-sql'));
try {
  for (const text of positionals) {
    const statement = sql.raw(text);
    const runs = Number(values.runs);
    if (runs > 0) {
      const times: Record<string, number[]> = Object.fromEntries(markets.map((m) => [m.name, []]));
      for (let i = 0; i < runs + 2; i++) {
        for (const m of markets) {
          const began = performance.now();
          await m.db.execute(statement);
          if (i >= 2) times[m.name]?.push(performance.now() - began);
        }
      }
      for (const m of markets) {
        const s = stats(times[m.name] ?? []);
        console.log(`${m.name}: ${runs} runs, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);
      }
    }
    for (const m of markets) {
      const rows = (await m.db.execute(
        values.explain ? sql`explain (analyze, buffers) ${statement}` : statement,
      )) as unknown as Record<string, unknown>[];
      console.log(`\n===== ${m.name}: ${rows.length} rows`);
      if (values.explain) console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
      else for (const row of rows.slice(0, 40)) console.log(JSON.stringify(row));
    }
  }
} finally {
  for (const m of markets) {
    await m.close();
  }
}
