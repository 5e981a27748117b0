// `npx tsx bench/province-explain.ts [--runs 40 --matching path/to/matching.repository.ts --result FILE]`
// The matching statement of bench:province's last run again (the posted gig's next wave), on the markets that run left in
// .data/bench-province (county and province), without the API or Meilisearch: the same gig and the
// same candidate ids Meilisearch handed it (read from that run's result.json), the statement run
// `--runs` times alternating market by market, then EXPLAIN (ANALYZE, BUFFERS) once in each. It
// prints each market's p50 / p99, its buffer hits and the plan (id arrays elided). `--matching`
// explains another matching.repository.ts (an older one copied beside it) to compare in one sitting.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import * as current from '../src/modules/hiring/matching.repository.js';
import { cellReachKm } from '../src/modules/workers/coarse-location.js';
import { projectPath } from '../src/paths.js';
import { freePort } from './harness.js';
import { waveMatchingOptions } from './matching-options.js';
import { CELL_KM } from './province-build.js';
import { matchGig } from './province-measure.js';
import { stats } from './report.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    matching: { type: 'string' },
    result: { type: 'string', default: projectPath('.data/bench-province-result.json') },
  },
});
const { createMatchingRepository }: typeof current = values.matching
  ? await import(projectPath(values.matching))
  : current;
type Matching = {
  market: string;
  gigId?: string;
  ids?: string[];
  plan?: string;
  nextWave?: { plan: string };
};
const last = JSON.parse(await readFile(values.result, 'utf8')) as { matching: Matching[] };
const log = pino({ level: 'warn' });
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const markets = [];
for (const m of last.matching) {
  const lastPlan = m.nextWave?.plan ?? m.plan ?? '';
  // Older runs kept only the plan: the ids are its first uuid array, the gig the offers' gig_id.
  const ids = m.ids ?? (lastPlan.match(/ANY \('\{([^}]*)\}'::uuid\[\]\)/)?.[1] ?? '').match(UUID) ?? [];
  const gigId = m.gigId ?? lastPlan.match(/gig_id = '([0-9a-f-]{36})'::uuid/)?.[1] ?? '';
  const dataDir = projectPath(join('.data/bench-province', m.market));
  const pg = createEmbeddedPostgres({ dataDir, port: await freePort(), log, attach: true });
  const { url } = await pg.start();
  const { db, sql: client } = createDatabase(url, { max: 1, applicationName: 'province-explain' });
  const gig = await matchGig(db, gigId);
  markets.push({ name: m.market, pg, db, client, gig, ids, times: [] as number[] });
}
try {
  const options = (ids: string[]) => waveMatchingOptions(ids, cellReachKm(CELL_KM));
  let rows: Record<string, number> = {};
  for (let i = 0; i < Number(values.runs) + 3; i++) {
    for (const m of markets) {
      const began = performance.now();
      const found = await createMatchingRepository(m.db).eligible(m.gig, options(m.ids));
      if (i >= 3) m.times.push(performance.now() - began);
      rows = { ...rows, [m.name]: found.length };
    }
  }
  for (const m of markets) {
    const explaining = new Proxy(m.db, {
      get: (target, property, receiver) =>
        property === 'execute'
          ? (query: ReturnType<typeof sql>) => target.execute(sql`explain (analyze, buffers) ${query}`)
          : Reflect.get(target, property, receiver),
    });
    const plan = (
      (await createMatchingRepository(m.db).eligible(m.gig, options(m.ids), explaining)) as unknown as Record<
        string,
        string
      >[]
    )
      .map((r) => r['QUERY PLAN'] ?? '')
      .join('\n')
      .replace(/'\{[0-9a-f,-]{200,}\}'/g, "'{…}'");
    console.log(`\n===== ${m.name}: ${m.ids.length} candidate ids, ${rows[m.name]} eligible\n${plan}`);
  }
  const s = markets.map((m) => stats(m.times));
  console.log('\nmarket\tcandidates\teligible\tp50 ms\tp99 ms');
  for (const [i, m] of markets.entries())
    console.log(
      `${m.name}\t${m.ids.length}\t${rows[m.name]}\t${s[i]?.p50.toFixed(2)}\t${s[i]?.p99.toFixed(2)}`,
    );
  if (s[0] && s[1])
    console.log(`ratio\t\t\t${(s[1].p50 / s[0].p50).toFixed(2)}×\t${(s[1].p99 / s[0].p99).toFixed(2)}×`);
} finally {
  for (const m of markets) {
    await m.client.end();
    await m.pg.stop();
  }
}
