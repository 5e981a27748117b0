// `npx tsx bench/explain-accept.ts [--pg-port N]`
// EXPLAIN (ANALYZE, BUFFERS, WAL) of what a race's filling batch does besides its hires, on the
// market bench:offers left in .data/bench-offers (attaches to its PostgreSQL if running, else
// starts it): inside a transaction that is rolled back, the last raced gig's withdrawn offers are
// set back to PENDING, then the read of its pending offers' ids (offers.repository.ts
// pendingIdsOfGig, in the filling transaction) and their withdrawal (withdrawPendingOfGig, after
// its commit) are explained, and the offers' indexes listed. Setting the rows back in the same
// transaction makes PostgreSQL check their foreign keys on the withdrawal (shown as triggers),
// which the real withdrawal of rows written earlier skips: leave those out of its time.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDatabase } from '../src/db/client.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import { projectPath } from '../src/paths.js';

const DATA_DIR = projectPath('.data/bench-offers');
const portSlot = createHash('sha256').update(DATA_DIR).digest().readUInt16BE(0) % 200;
const { values } = parseArgs({
  options: { 'pg-port': { type: 'string', default: String(25_100 + portSlot) } },
});
const pg = createEmbeddedPostgres({
  dataDir: DATA_DIR,
  port: Number(values['pg-port']),
  log: pino({ level: 'warn' }),
  attach: true,
});
const { url } = await pg.start();
const { sql } = createDatabase(url, { max: 1, applicationName: 'explain-accept' });
const [gig] = await sql<{ gigId: string; offers: number }[]>`
  select gig_id as "gigId", count(*)::int as offers from offers
  where status = 'WITHDRAWN' group by gig_id, sent_at order by max(responded_at) desc nulls last limit 1`;
if (!gig) throw new Error('no raced gig: run npm run bench:offers first');
console.log(`gig ${gig.gigId}: ${gig.offers} withdrawn offers`);
const indexes = await sql<{ indexdef: string }[]>`select indexdef from pg_indexes where tablename = 'offers'`;
for (const { indexdef } of indexes) console.log(`  ${indexdef}`);
for (let round = 0; round < 3; round++) {
  await sql
    .begin(async (tx) => {
      await tx`update offers set status = 'PENDING', responded_at = null where gig_id = ${gig.gigId} and status = 'WITHDRAWN'`;
      const read = await tx.unsafe(
        `explain (analyze, buffers) select id from offers where gig_id = $1 and status = 'PENDING'`,
        [gig.gigId],
      );
      console.log(`\nround ${round + 1}, the read:\n${read.map((r) => r['QUERY PLAN']).join('\n')}`);
      const plan = await tx.unsafe(
        `explain (analyze, buffers, wal) update offers set status = 'WITHDRAWN', responded_at = now()
         where gig_id = $1 and status = 'PENDING' returning id, worker_id, gig_id, status`,
        [gig.gigId],
      );
      console.log(`\nround ${round + 1}, the withdrawal:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rollback')) throw error;
    });
}
await sql.end();
await pg.stop();
