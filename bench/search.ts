// `npm run bench:search [-- --markets 3k,100k --clients 1,16,32 --rounds 4 --courses 3000
//   --requests 2000 --requests-single 500 --warmup 200 --posts 100 --reset]`
// For each market (`--market 3k` for one): starts Lingong as `npm start` does, on embedded servers
// in a data folder of that market's own (.data/bench for 100k, .data/bench-3k for 3k: generating
// one never wipes the other; ports from the folder, bench/bench-config.ts), fills it to its size
// with the generator, then times the gigs query through the API against the same search sent
// straight to Meilisearch and through a bare Node front (bench/bare-front.ts), the engines taking
// turns, and the delay from postGig to searchable (bench/search-market.ts). The course rows run in
// the largest market. Prints a README-ready report; the goal is the same in every market.
//
// `--api-cpu-prof <folder>` writes a CPU profile of the API (it runs in this process; the load
// clients in their own) for each of its gig-search jobs, to <folder>/<market>/; summarise them with
// `npx tsx bench/profile-summary.ts <folder>/3k/*.cpuprofile`.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/build.js';
import { loadBenchConfig } from './bench-config.js';
import { codeVersion } from './harness.js';
import { frontTable, goalTable, latencyTable, postTable } from './report.js';
import { loadClient, type MarketResult, measureMarket } from './search-market.js';

const { values } = parseArgs({
  options: {
    markets: { type: 'string', default: '3k,100k' },
    market: { type: 'string' },
    clients: { type: 'string', default: '1,16,32' },
    rounds: { type: 'string', default: '4' },
    courses: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '2000' },
    'requests-single': { type: 'string', default: '500' },
    warmup: { type: 'string', default: '200' },
    posts: { type: 'string', default: '100' },
    reset: { type: 'boolean', default: false },
    'api-cpu-prof': { type: 'string' },
    'meili-timeout-ms': { type: 'string', default: '10000' },
  },
});

/** A market's size from its name: 3k is 3,000 gigs, 100k 100,000, 2500 as it is. */
function sizeOf(name: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(name.trim());
  if (!match) throw new Error(`--markets: "${name}" is not a size (3k, 100k, 2500)`);
  return Math.round(Number(match[1]) * (match[2] ? 1_000 : 1));
}
/** 100k keeps the folder it always had (bench:idle reads it); any other size has its own. */
const dataDirOf = (gigs: number, name: string) => (gigs === 100_000 ? '.data/bench' : `.data/bench-${name}`);

const names = (values.market ?? values.markets).split(',').map((n) => n.trim().toLowerCase());
const largest = names.reduce((a, b) => (sizeOf(b) > sizeOf(a) ? b : a));
const clients = values.clients.split(',').map(Number);

const client = loadClient();
let closing: (() => Promise<void>) | undefined;
process.once('SIGINT', () => {
  client.close();
  void (closing?.() ?? Promise.resolve()).finally(() => process.exit(130));
});

const results: MarketResult[] = [];
let poolSize = 0;
try {
  for (const name of names) {
    const gigs = sizeOf(name);
    const config = loadBenchConfig({
      DATA_DIR: dataDirOf(gigs, name),
      // A search Meilisearch has not answered in 1.5 s is answered by PostgreSQL (degraded), which
      // the load client counts as a failure: on a shared machine that is the machine, not the API.
      MEILI_QUERY_TIMEOUT_MS: values['meili-timeout-ms'],
    });
    poolSize = config.database.poolSize;
    console.log(
      `[${name}] starting Lingong (${config.database.url ? 'DATABASE_URL' : `embedded, ${config.dataDir}`}) …`,
    );
    const app = await buildApp({ config });
    closing = () => app.close();
    try {
      results.push(
        await measureMarket({
          app,
          config,
          client,
          market: {
            name,
            gigs,
            courses: name === largest ? Number(values.courses) : 0,
            clients,
            requests: Number(values.requests),
            requestsSingle: Number(values['requests-single']),
            warmup: Number(values.warmup),
            rounds: Math.max(1, Number(values.rounds)),
            posts: Number(values.posts),
            reset: values.reset,
            apiCpuProf: values['api-cpu-prof'],
          },
        }),
      );
    } finally {
      closing = undefined;
      await app.close();
    }
  }
  report(results);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  client.close();
}

function report(markets: MarketResult[]) {
  const cpus = os.cpus();
  const facts = markets[0]?.facts;
  const lines = [
    '',
    '## Search benchmark',
    '',
    `- Code: ${codeVersion()}`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}; load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
    `- Node ${process.version}, Meilisearch ${facts?.meili}, PostgreSQL ${facts?.postgres}; API, PostgreSQL, both Meilisearch servers and the load clients (a separate process) all on this machine; database pool ${poolSize}`,
    `- Each row: the measured searches sent once straight to Meilisearch first (uncounted, so no engine meets them colder), then cut into ${values.rounds} slices, each slice sent through every engine in turn with its share of ${values.warmup} warm-up searches; first: 20 with facets, as a client's gig list asks`,
  ];
  let passed = true;
  for (const market of markets) {
    const { facts: f } = market;
    const goals = goalTable(market.runs);
    passed &&= goals.passed;
    lines.push(
      '',
      `### Market ${market.name}`,
      '',
      `- ${f.gigs} gigs in PostgreSQL (${f.live} open and ahead), ${f.documents} documents in the bulk index, ${f.freshDocuments} in the fresh one`,
      `- Tier requests: in ${f.bulkAloneRows.alone} of ${f.bulkAloneRows.of} gig rows the fresh tier held nothing at or above the watermark, and the Meilisearch and bare front rows sent the bulk request alone, as the API does from its own reading of the same table (src/search/tiers.ts); in the others, both tiers`,
      market.generated
        ? `- Generated this run: ${market.generated.inserted} gigs inserted in ${market.generated.insertSeconds.toFixed(1)} s; reindex of ${market.generated.documents} gigs in ${market.generated.reindexSeconds.toFixed(1)} s`
        : '- Generated this run: nothing (the market already had enough gigs; `--reset` regenerates)',
      ...(market.courses
        ? [
            `- Courses: ${market.courses.documents} documents (${market.courses.inserted} inserted this run); scenarios C and D are the courses query`,
          ]
        : []),
      '',
      latencyTable(market.runs),
      '',
      `Goal, market ${market.name}: API p99 ≤ 1.5 × Meilisearch p99 + 3 ms`,
      '',
      goals.text,
      '',
      `Not a goal, market ${market.name}: the least a Node front adds (a bare \`node:http\` server sending the same tier requests with the API's search client, bench/bare-front.ts)`,
      '',
      frontTable(market.runs),
    );
    if (market.posts) {
      const toSearchable = postTable(market.posts.post, market.posts.searchable);
      passed &&= toSearchable.passed;
      lines.push(
        '',
        `Post-to-searchable, market ${market.name} (postGig sent → id in the fresh tier)`,
        '',
        toSearchable.text,
        '',
        `Meilisearch's indexing batches: median ${market.posts.batchMedianMs.toFixed(0)} ms, of which "${market.posts.slowestStep}" a median ${market.posts.slowestStepMs.toFixed(0)} ms.`,
      );
    }
  }
  lines.push('', `Every goal of every market: ${passed ? 'PASS' : 'FAIL'}`);
  console.log(lines.join('\n'));
}
