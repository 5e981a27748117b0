// `npm run reindex -- gigs` (or `workers`, `courses`): rebuilds a search index from PostgreSQL into a fresh
// index and swaps it in with no downtime. Uses DATABASE_URL / MEILI_URL, or the embedded servers
// (those of a running market, else its own for the duration of the command).
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { readTaxonomy } from '../src/db/seed/reference.js';
import { consoleLocale } from '../src/i18n/locale.js';
import { render } from '../src/i18n/render.js';
import { type Text, text } from '../src/i18n/text.js';
import { createGigDocuments } from '../src/modules/gigs/gigs.documents.js';
import { createGigsRepository } from '../src/modules/gigs/gigs.repository.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { createCourseDocuments } from '../src/modules/training/courses.documents.js';
import { createCoursesRepository } from '../src/modules/training/courses.repository.js';
import { createCertificatesRepository } from '../src/modules/workers/certificates.repository.js';
import { createWorkerDocuments } from '../src/modules/workers/workers.documents.js';
import { createWorkersRepository } from '../src/modules/workers/workers.repository.js';
import { enqueueOutbox } from '../src/outbox/outbox.js';
import { type IndexSource, rebuildCityIndexes, rebuildIndex } from '../src/search/reindex.js';
import { toolFailureLine } from '../src/startup-error.js';
import { withDatabase } from './database.js';
import { withSearch } from './search-engine.js';

// What it prints is in the console's language (LINGONG_LOCALE, else LC_ALL/LC_MESSAGES/LANG).
const locale = consoleLocale(process.env);
const say = (message: Text) => render(message, locale);
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'batch-size': { type: 'string' } },
});
const [name] = positionals;
if (name !== 'gigs' && name !== 'workers' && name !== 'courses') {
  console.error(say(text('console:reindex.usage')));
  process.exit(2);
}
const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
  console.error(say(text('console:reindex.batchSize')));
  process.exit(2);
}

const log = pino({ level: 'warn' });
try {
  const config = loadConfig();
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
            : name === 'courses'
              ? (() => {
                  const courses = createCoursesRepository(db);
                  const build = createCourseDocuments({ courses, reference });
                  return { ...courses, build, changedSince: courses.idsUpdatedSince };
                })()
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
        // cli-progress's own placeholders, put into the sentence as they are.
        const format = say(
          text('console:reindex.progress', {
            name,
            bar: '{bar}',
            value: '{value}',
            total: '{total}',
            elapsed: '{duration_formatted}',
            eta: '{eta_formatted}',
          }),
        );
        const bar = new SingleBar({
          format,
          noTTYOutput: true,
          notTTYSchedule: 2_000,
        });
        const began = performance.now();
        const progress = {
          taxonomy: await readTaxonomy(),
          source,
          batchSize,
          onStart: (total: number) => bar.start(total, 0),
          onProgress: (indexed: number) => bar.update(indexed),
        };
        // SEARCH_GIG_INDEX=city: the bulk gig tier is an index per city (src/search/cities.ts).
        const { documents } =
          name === 'gigs' && config.meili.gigIndex === 'city'
            ? await rebuildCityIndexes({ search, ...progress, tree: await reference.regionTree(), db })
            : await rebuildIndex({ search, name, ...progress });
        bar.stop();
        // Writes that reached the old index during the rebuild are sent again, now to the new one.
        const changed = await source.changedSince(new Date(startedAt));
        await db.transaction((tx) => enqueueOutbox(name, changed, tx));
        const seconds = (performance.now() - began) / 1000;
        console.log(
          say(
            text('console:reindex.done', {
              index: search.uid(name),
              documents,
              seconds: seconds.toFixed(1),
              rate: Math.round(documents / seconds),
              changed: changed.length,
            }),
          ),
        );
      } finally {
        await client.end();
      }
    }),
  );
} catch (error) {
  console.error(process.env.DEBUG ? error : toolFailureLine(error, locale));
  process.exitCode = 1;
}
