// `npm run bench:gigs -- --count 100000 [--reset]`: fills the benchmark market with synthetic gigs
// straight into PostgreSQL, then rebuilds the gigs index and says how long each part took.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { withDatabase } from '../scripts/database.js';
import { withSearch } from '../scripts/search-engine.js';
import type { Database } from '../src/db/client.js';
import { createDatabase } from '../src/db/client.js';
import { accounts, EMPLOYER_KINDS, employers, gigSkills, gigs } from '../src/db/schema/index.js';
import { readTaxonomy, seedReferenceData } from '../src/db/seed/reference.js';
import { createGigDocuments } from '../src/modules/gigs/gigs.documents.js';
import { createGigsRepository } from '../src/modules/gigs/gigs.repository.js';
import { createReferenceRepository } from '../src/modules/reference/reference.repository.js';
import { creditCheckCharacter } from '../src/modules/registry/credit-code.js';
import { enqueueOutbox } from '../src/outbox/outbox.js';
import type { Search } from '../src/search/client.js';
import { rebuildIndex } from '../src/search/reindex.js';
import { loadBenchConfig } from './bench-config.js';
import { createGigGenerator, createRandom, loadMarketContext, loadTowns } from './gig-generator.js';
import { BRANDS, BUSINESSES, SURNAMES } from './gig-vocabulary.js';

const EMPLOYERS = 200;
/** Characters 9 to 11 of a benchmark employer's credit code: how --reset finds its gigs and no one else's. */
const MARK = 'LGB';
const CREDIT_PREFIX = {
  ENTERPRISE: '91',
  COOPERATIVE: '93',
  FAMILY_FARM: '92',
  INDIVIDUAL: '92',
  PUBLIC_INSTITUTION: '12',
};
const isBench = sql`substr(${employers.creditCode}, 9, 3) = ${MARK}`;

const progress = (label: string) =>
  new SingleBar({
    format: `${label} |{bar}| {value}/{total} | {duration_formatted} elapsed, eta {eta_formatted}`,
    noTTYOutput: true,
    notTTYSchedule: 2_000,
  });

/** Verified employers of the seed counties, made once: numbered, so a later run finds the same ones. */
async function benchEmployers(db: Database): Promise<{ id: string; regionCode: string }[]> {
  const existing = await db
    .select({ id: employers.id, regionCode: employers.regionCode, creditCode: employers.creditCode })
    .from(employers)
    .where(isBench);
  const have = new Set(existing.map((e) => Number(e.creditCode.slice(11, 17))));
  const towns = await loadTowns(db);
  const tree = await createReferenceRepository(db).regionTree();
  const now = new Date();
  const made: {
    account: typeof accounts.$inferInsert;
    employer: typeof employers.$inferInsert & { id: string; regionCode: string };
  }[] = [];
  for (let serial = 0; serial < EMPLOYERS; serial++) {
    if (have.has(serial)) continue;
    const r = createRandom(1_000 + serial);
    const town = r.pick(towns);
    const county = tree.name(town.countyCode) ?? '';
    const roll = r.next();
    const kind = EMPLOYER_KINDS[roll < 0.5 ? 0 : roll < 0.7 ? 1 : roll < 0.85 ? 2 : roll < 0.95 ? 3 : 4];
    const business = r.pick(BUSINESSES[kind]);
    const name =
      kind === 'FAMILY_FARM' || kind === 'INDIVIDUAL'
        ? `${town.name}${r.pick(SURNAMES)}${kind === 'INDIVIDUAL' ? '师傅' : '记'}${business}`
        : kind === 'PUBLIC_INSTITUTION'
          ? `${county}${business}`
          : `${county}${r.pick(BRANDS)}${business}`;
    const first17 = `${CREDIT_PREFIX[kind]}${town.countyCode}${MARK}${String(serial).padStart(6, '0')}`;
    const accountId = randomUUID();
    made.push({
      account: { id: accountId, role: 'EMPLOYER', displayName: name },
      employer: {
        id: randomUUID(),
        accountId,
        name,
        kind,
        creditCode: first17 + creditCheckCharacter(first17),
        regionCode: town.countyCode,
        lat: town.lat + r.jitter(2),
        lng: town.lng + r.jitter(2),
        verifiedAt: now,
      },
    });
  }
  if (made.length > 0) {
    await db.transaction(async (tx) => {
      await tx.insert(accounts).values(made.map((m) => m.account));
      await tx.insert(employers).values(made.map((m) => m.employer));
    });
  }
  return [...existing, ...made.map((m) => m.employer)];
}

export type GenerateResult = {
  inserted: number;
  insertSeconds: number;
  documents: number;
  reindexSeconds: number;
};

/**
 * Tops the benchmark employers' open, future gigs up to `count` (after deleting all of theirs with
 * `reset`), then rebuilds the gigs index from PostgreSQL as `npm run reindex -- gigs` does.
 */
export async function generateGigs(options: {
  db: Database;
  search: Search;
  count: number;
  reset?: boolean;
  seed?: number;
  batchSize?: number;
}): Promise<GenerateResult> {
  const { db, search } = options;
  const owners = await benchEmployers(db);
  const ownerIds = owners.map((e) => e.id);
  if (options.reset) await db.delete(gigs).where(inArray(gigs.employerId, ownerIds));
  const [live] = await db
    .select({ n: count() })
    .from(gigs)
    .where(and(inArray(gigs.employerId, ownerIds), eq(gigs.status, 'OPEN'), gt(gigs.startsAt, sql`now()`)));
  const missing = Math.max(0, options.count - (live?.n ?? 0));

  // A top-up must not repeat the gigs already there: the seed moves on with what exists.
  const next = createGigGenerator(
    await loadMarketContext(db, owners),
    (options.seed ?? 20_260_401) + (live?.n ?? 0),
  );
  const batchSize = options.batchSize ?? 2_000;
  const inserting = progress('gigs inserted   ');
  const began = performance.now();
  inserting.start(missing, 0);
  for (let done = 0; done < missing; done += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, missing - done) }, next);
    await db.transaction(async (tx) => {
      await tx.insert(gigs).values(rows.map((r) => r.gig));
      await tx
        .insert(gigSkills)
        .values(
          rows.flatMap((r) =>
            r.skills.map((skillCode, position) => ({ gigId: r.gig.id, skillCode, position })),
          ),
        );
    });
    inserting.update(done + rows.length);
  }
  inserting.stop();
  const insertSeconds = (performance.now() - began) / 1000;
  console.log(
    `inserted ${missing} gigs in ${insertSeconds.toFixed(1)} s (${Math.round(missing / Math.max(insertSeconds, 0.001))}/s)`,
  );

  const gigsRepository = createGigsRepository(db);
  const reference = createReferenceRepository(db);
  const [{ now: startedAt }] = (await db.execute<{ now: Date }>(sql`select now() as now`)) as unknown as [
    { now: Date },
  ];
  const indexing = progress('gigs indexed    ');
  const reindexBegan = performance.now();
  const { documents } = await rebuildIndex({
    search,
    name: 'gigs',
    taxonomy: await readTaxonomy(),
    source: { ...gigsRepository, build: createGigDocuments({ gigs: gigsRepository, reference }) },
    onStart: (total) => indexing.start(total, 0),
    onProgress: (indexed) => indexing.update(indexed),
  });
  indexing.stop();
  const reindexSeconds = (performance.now() - reindexBegan) / 1000;
  // What changed while the rebuild ran reached the old index; send it again, to the new one.
  const changed = await gigsRepository.idsUpdatedSince(new Date(startedAt));
  await db.transaction((tx) => enqueueOutbox('gigs', changed, tx));
  console.log(
    `reindexed ${documents} gigs in ${reindexSeconds.toFixed(1)} s (${Math.round(documents / reindexSeconds)} docs/s)`,
  );
  return { inserted: missing, insertSeconds, documents, reindexSeconds };
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      reset: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
    },
  });
  const config = loadBenchConfig();
  const log = pino({ level: 'warn' });
  await withSearch(config, log, (search) =>
    withDatabase(config, log, async (url) => {
      const { sql: client, db } = createDatabase(url, { max: 4, applicationName: 'lingong-bench-gigs' });
      try {
        // A fresh folder has no regions or trades yet; the app loads them on start, and so does this.
        await seedReferenceData(db);
        await search.prepare(await readTaxonomy());
        await generateGigs({
          db,
          search,
          count: Number(values.count),
          reset: values.reset,
          seed: values.seed ? Number(values.seed) : undefined,
          batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
        });
      } finally {
        await client.end();
      }
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
