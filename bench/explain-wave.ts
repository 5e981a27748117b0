// `npx tsx bench/explain-wave.ts [--pg-port N --repeat 5 --matching src/modules/hiring/old.ts]`
// EXPLAIN (ANALYZE, BUFFERS) of a first wave's two statements, as the API sends them, on the market
// bench:offers seeded (.data/bench-offers: run `npm run bench:offers` first; this attaches to its
// PostgreSQL if it is still running, else starts it on that folder). Inside one transaction that is
// rolled back, it copies the last instant gig the bench posted (so nobody holds an offer of it),
// then explains the eligibility query (matching.repository.ts, `fresh`, with every seeded worker as
// the candidate ids Meilisearch would hand it: 1,000 at the default size) and the wave's insert
// (offers.repository.ts) of those candidates. It prints the plans of the last repetition and each
// statement's execution times. Timings on a shared machine are noisy: compare runs made together.

import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type SQL, sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase, type Executor } from '../src/db/client.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import type { MatchGig } from '../src/modules/hiring/matching.repository.js';
import * as currentMatching from '../src/modules/hiring/matching.repository.js';
import { createOffersRepository } from '../src/modules/hiring/offers.repository.js';
import { cellReachKm } from '../src/modules/workers/coarse-location.js';
import { projectPath } from '../src/paths.js';
import { waveMatchingOptions } from './matching-options.js';

const DATA_DIR = projectPath('.data/bench-offers');
// The port bench/offers.ts derives from the same folder.
const portSlot = createHash('sha256').update(DATA_DIR).digest().readUInt16BE(0) % 200;
const { values } = parseArgs({
  options: {
    'pg-port': { type: 'string', default: String(55_100 + portSlot) },
    repeat: { type: 'string', default: '5' },
    'cell-km': { type: 'string', default: '3' },
    /** Another matching.repository.ts (e.g. an older version copied beside it) to explain instead. */
    matching: { type: 'string' },
  },
});
const REPEAT = Number(values.repeat);
const { createMatchingRepository }: typeof currentMatching = values.matching
  ? await import(projectPath(values.matching))
  : currentMatching;

const log = pino({ level: 'warn' });
const pg = createEmbeddedPostgres({ dataDir: DATA_DIR, port: Number(values['pg-port']), log, attach: true });
const { url } = await pg.start();
const { db, sql: client } = createDatabase(url, { max: 1, applicationName: 'explain-wave' });

/** The handle with every statement explained instead of answered: its plan lines land in `plans`. */
function explaining<T extends Executor>(target: T, plans: string[][]): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (key !== 'execute') return Reflect.get(object, key, receiver);
      return async (query: SQL) => {
        const rows = await object.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${query}`);
        plans.push(rows.map((r) => r['QUERY PLAN']));
        return [];
      };
    },
  });
}

const timeOf = (plan: string[], what: string) =>
  Number(plan.find((l) => l.startsWith(what))?.match(/([\d.]+) ms/)?.[1] ?? Number.NaN);
/** The statement's buffer hits (its top node's): unlike its times, the same on a busy machine. */
const buffersOf = (plan: string[]) =>
  Number(plan.find((l) => l.includes('Buffers: shared hit='))?.match(/hit=(\d+)/)?.[1] ?? Number.NaN);

class Rollback extends Error {}
const runs: { match: [number, number, number]; insert: [number, number, number] }[] = [];
let lastPlans: string[][] = [];
try {
  for (let i = 0; i < REPEAT; i += 1) {
    await db
      .transaction(async (tx) => {
        const [gig] = await tx.execute<{ id: string }>(sql`
          insert into gigs select (jsonb_populate_record(null::gigs,
            to_jsonb(g) || jsonb_build_object('id', gen_random_uuid()))).*
          from gigs g where g.instant order by g.created_at desc limit 1 returning id`);
        if (!gig) throw new Error('no instant gig: run npm run bench:offers first');
        await tx.execute(sql`insert into gig_skills (gig_id, skill_code, position)
          select ${gig.id}, skill_code, position from gig_skills
          where gig_id = (select id from gigs where instant and id <> ${gig.id} order by created_at desc limit 1)`);
        const [row] = await tx.execute<{
          employer_id: string;
          lat: number;
          lng: number;
          search_radius_km: number;
          starts_at: string;
          ends_at: string;
          public_welfare: boolean;
          min_skill_level: number | null;
          skills: string[];
        }>(sql`select g.employer_id, g.lat, g.lng, g.search_radius_km, g.starts_at, g.ends_at, g.public_welfare,
                 g.min_skill_level, array(select skill_code from gig_skills where gig_id = g.id order by position) as skills
               from gigs g where g.id = ${gig.id}`);
        if (!row) throw new Error('the copied gig is missing');
        const match: MatchGig = {
          id: gig.id,
          employerId: row.employer_id,
          lat: row.lat,
          lng: row.lng,
          searchRadiusKm: row.search_radius_km,
          startsAt: new Date(row.starts_at),
          endsAt: new Date(row.ends_at),
          publicWelfare: row.public_welfare,
          skills: row.skills,
          minSkillLevel: row.min_skill_level,
        };
        const ids = (
          await tx.execute<{ id: string }>(sql`select id from workers order by id limit 1000`)
        ).map((r) => r.id);
        const options = waveMatchingOptions(ids, cellReachKm(Number(values['cell-km'])));
        // The real answer first, for the insert's rows.
        const eligible = await createMatchingRepository(db).eligible(match, options, tx);
        const plans: string[][] = [];
        await createMatchingRepository(db).eligible(match, options, explaining(tx, plans));
        const rows = eligible.map((r, n) => ({
          workerId: r.worker_id,
          tier: 'MATCH' as const,
          distanceKm: r.distance_km,
          score: 100 - n / 100,
          shownDistanceKm: r.distance_km,
          shownScore: 100,
        }));
        await createOffersRepository(db)
          .insertWave(
            {
              gigId: gig.id,
              wave: 1,
              sentAt: options.now,
              expiresAt: new Date(options.now.getTime() + 60_000),
            },
            rows,
            explaining(tx, plans),
          )
          .catch(() => undefined); // the explained insert returns no rows to map
        const [m = [], ins = []] = plans;
        runs.push({
          match: [timeOf(m, 'Planning Time'), timeOf(m, 'Execution Time'), buffersOf(m)],
          insert: [timeOf(ins, 'Planning Time'), timeOf(ins, 'Execution Time'), buffersOf(ins)],
        });
        lastPlans = plans;
        console.log(`run ${i + 1}: ${eligible.length} eligible of ${ids.length} ids`);
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
  console.log(`\n-- eligibility query (last run)\n${(lastPlans[0] ?? []).join('\n')}`);
  console.log(`\n-- wave insert (last run)\n${(lastPlans[1] ?? []).join('\n')}`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    '\nrun\tmatch plan ms\tmatch exec ms\tmatch buffers\tinsert plan ms\tinsert exec ms\tinsert buffers',
  );
  for (const [n, r] of runs.entries()) console.log(`${n + 1}\t${r.match.join('\t')}\t${r.insert.join('\t')}`);
  const column = (i: number) => median(runs.map((r) => [...r.match, ...r.insert][i] ?? Number.NaN));
  console.log(`median\t${[0, 1, 2, 3, 4, 5].map(column).join('\t')}`);
} finally {
  await client.end();
  await pg.stop();
}
