// `npm run reindex -- gigs` (or `workers`): rebuilds a search index from PostgreSQL into a fresh
// index and swaps it in with no downtime. Uses DATABASE_URL / MEILI_URL, or the embedded servers
// (those of a running market, else its own for the duration of the command).
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { readTaxonomy } from '../src/db/seed/reference.js';
import { createGigDocuments } from '../src/modules/gigs/gigs.documents.js';
import { createGigsRepository } from '../src/modules/gigs/gigs.repository.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { createCertificatesRepository } from '../src/modules/workers/certificates.repository.js';
import { createWorkerDocuments } from '../src/modules/workers/workers.documents.js';
import { createWorkersRepository } from '../src/modules/workers/workers.repository.js';
import { enqueueOutbox } from '../src/outbox/outbox.js';
import { type IndexSource, rebuildIndex } from '../src/search/reindex.js';
import { withDatabase } from './database.js';
import { withSearch } from './search-engine.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'batch-size': { type: 'string' } },
});
const [name] = positionals;
if (name !== 'gigs' && name !== 'workers') {
  console.error('usage: npm run reindex -- gigs|workers [--batch-size 5000]');
  process.exit(2);
}

const config = loadConfig();
const log = pino({ level: 'warn' });
try {
  await withSearch(config, log, (search) =>
    withDatabase(config, log, async (url) => {
      const { sql: client, db } = createDatabase(url, { max: 4, applicationName: 'lingong-reindex' });
      try {
        const reference = createReferenceRepository(db);
        const gigs = createGigsRepository(db);
        const workers = createWorkersRepository(db);
        const source: IndexSource & { changedSince(since: Date): Promise<string[]> } =
          name === 'gigs'
            ? { ...gigs, build: createGigDocuments({ gigs, reference }), changedSince: gigs.idsUpdatedSince }
            : {
                ...workers,
                build: createWorkerDocuments({
                  workers,
                  certificates: createCertificatesRepository(db),
                  reference,
                  cellKm: config.privacy.locationCellKm,
                }),
                changedSince: workers.idsUpdatedSince,
              };

        // The database's clock, not this machine's: "changed since" is compared with its timestamps.
        const [{ now: startedAt }] = (await db.execute<{ now: Date }>(
          sql`select now() as now`,
        )) as unknown as [{ now: Date }];
        const bar = new SingleBar({
          format: `${name} |{bar}| {value}/{total} documents indexed | {duration_formatted} elapsed, eta {eta_formatted}`,
          noTTYOutput: true,
          notTTYSchedule: 2_000,
        });
        const began = performance.now();
        const { documents } = await rebuildIndex({
          search,
          name,
          taxonomy: await readTaxonomy(),
          source,
          batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
          onStart: (total) => bar.start(total, 0),
          onProgress: (indexed) => bar.update(indexed),
        });
        bar.stop();
        // Writes that reached the old index during the rebuild are sent again, now to the new one.
        const changed = await source.changedSince(new Date(startedAt));
        await db.transaction((tx) => enqueueOutbox(name, changed, tx));
        const seconds = (performance.now() - began) / 1000;
        console.log(
          `${search.uid(name)}: ${documents} documents rebuilt and swapped in ${seconds.toFixed(1)} s` +
            ` (${Math.round(documents / seconds)}/s); ${changed.length} changed meanwhile, re-queued to the outbox`,
        );
      } finally {
        await client.end();
      }
    }),
  );
} catch (error) {
  console.error(process.env.DEBUG ? error : (error as Error).message);
  process.exitCode = 1;
}
