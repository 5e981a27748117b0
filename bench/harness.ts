// What the benchmarks that run the API as its own process share: their own PostgreSQL and
// Meilisearch (wiped at every run), the API started as `npm start` starts it, and readings of a
// process's memory from /proc.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import postgres from 'postgres';
import { createEmbeddedMeilisearch } from '../src/embedded/meilisearch.js';
import { createEmbeddedPostgres } from '../src/embedded/postgres.js';
import { projectRoot } from '../src/paths.js';
import { createSearch } from '../src/search/client.js';
import { freePort } from '../tests/support/ports.js';

export { freePort };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Which code the API ran: the commit, and any change to src/ not committed yet (others may be editing). */
export function codeVersion(): string {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const changed = git('status', '--porcelain', '--', 'src')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  return changed.length === 0
    ? `commit ${commit}`
    : `commit ${commit} with uncommitted changes to ${changed.length > 6 ? `${changed.length} files in src/` : changed.join(', ')}`;
}

/** This process's limit on open files (every socket is one), from /proc. */
export function openFilesLimit(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const [soft, hard] = (line?.match(/\d+|unlimited/g) ?? []).map((v) =>
    v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v),
  );
  return { soft: soft ?? 0, hard: hard ?? 0 };
}

/** VmRSS and VmHWM of a process, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) =>
    Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * `stop` run once however often it is asked (a signal, then the run's own finally), and on SIGINT
 * or SIGTERM before the process exits; `stopping()` says whether it has begun.
 */
export function shutdownOnSignals(what: string, stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping ${what} …`);
      void shutdown().finally(() => process.exit(130));
    });
  }
  return { shutdown, stopping: () => stopping };
}

export type Backing = Awaited<ReturnType<typeof startBacking>>;

/**
 * PostgreSQL and Meilisearch of the benchmark's own, in `dataDir`, with an empty `lingong` database
 * and no indexes: as `npm start` has them, two Meilisearch servers (the fresh gig tier's on
 * `meiliPort + 1`, see src/search/tiers.ts).
 */
export async function startBacking(options: {
  dataDir: string;
  pgPort: number;
  meiliPort: number;
  prefix: string;
  log: Logger;
  /** Keep the market already in `dataDir` (bench:province --reuse): nothing is dropped. */
  keep?: boolean;
}) {
  const { dataDir, log } = options;
  await mkdir(dataDir, { recursive: true });
  const pg = createEmbeddedPostgres({ dataDir, port: options.pgPort, log });
  const main = createEmbeddedMeilisearch({ dataDir, port: options.meiliPort, log });
  const fresh = createEmbeddedMeilisearch({
    dataDir,
    port: options.meiliPort + 1,
    log,
    tier: 'fresh',
  });
  const meili = { stop: async () => void (await Promise.all([main.stop(), fresh.stop()])) };
  const [{ url: databaseUrl }, { url: meiliUrl, masterKey }, { url: meiliFreshUrl }] = await Promise.all([
    pg.start(),
    main.start(),
    fresh.start(),
  ]);
  // Every run starts from an empty market: the database made anew, the indexes dropped.
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    if (!options.keep) {
      await admin.unsafe('drop database if exists lingong with (force)');
      await admin.unsafe('create database lingong');
    }
  } finally {
    await admin.end();
  }
  const search = createSearch({
    url: meiliUrl,
    apiKey: masterKey,
    prefix: options.prefix,
    timeoutMs: 60_000,
    fresh: { url: meiliFreshUrl, apiKey: masterKey },
  });
  if (!options.keep) await search.dropAll();
  return { pg, meili, databaseUrl, meiliUrl, meiliFreshUrl, masterKey, search };
}

/** Variables the API reads that a developer's shell may hold: none of them reaches the benchmark's API. */
const API_VARIABLES =
  /^(NODE_ENV|HOST|PORT|LOG_LEVEL|DATA_DIR|DATABASE_|MEILI_|EMBEDDED_|MIGRATE_ON_START|SEED_DEMO|SHUTDOWN_GRACE_MS|JWT_SECRET|PII_KEY|ACCESS_TOKEN_|REFRESH_TOKEN_|ADMIN_|AUTH_RATE_LIMIT_|MUTATION_RATE_LIMIT|LOGIN_|OUTBOX_|GIG_SWEEP_MS|OFFER_|GRAPHQL_|KIOSK_|CORS_|BODY_LIMIT)/;

export type Api = Awaited<ReturnType<typeof startApi>>;

/**
 * The API as its own process, `node --import tsx src/server.ts` as `npm start` runs it (its pid is
 * the process whose memory is read), in production mode on the benchmark's backing servers, with
 * `env` on top; resolves once /readyz answers.
 */
export async function startApi(options: {
  backing: { databaseUrl: string; meiliUrl: string; meiliFreshUrl: string; masterKey: string };
  dataDir: string;
  prefix: string;
  env: Record<string, string>;
  nodeArgs?: string[];
}) {
  const { backing, dataDir } = options;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !API_VARIABLES.test(name)),
  );
  Object.assign(env, {
    NODE_ENV: 'production',
    // Production refuses to start without it (the benchmarks do not scrape /metrics).
    METRICS_TOKEN: 'bench-metrics-token-0123456789abcdef',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATA_DIR: join(dataDir, 'api'),
    DATABASE_URL: backing.databaseUrl,
    MEILI_URL: backing.meiliUrl,
    MEILI_FRESH_URL: backing.meiliFreshUrl,
    MEILI_MASTER_KEY: backing.masterKey,
    MEILI_INDEX_PREFIX: options.prefix,
    SEED_DEMO: 'false',
    ...options.env,
  });
  const logFile = join(dataDir, 'api.log');
  const out = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts'],
    { cwd: projectRoot, env, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the API exited (${child.exitCode ?? child.signalCode}) while starting; see ${logFile}`,
      );
    }
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the API was not ready within 180 s; see ${logFile}`);
    await sleep(250);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, pid: child.pid ?? 0, child, stop, logFile };
}
