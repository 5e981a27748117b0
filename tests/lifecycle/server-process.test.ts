import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexingMemory } from '../../src/embedded/meilisearch.js';
import { isAlive } from '../../src/embedded/processes.js';
import { projectRoot } from '../../src/paths.js';
import { freePort } from '../support/ports.js';

/**
 * The real thing: `npm start` on a fresh data folder, with no DATABASE_URL or MEILI_URL,
 * so it starts its own PostgreSQL and Meilisearch, then signals and crashes as an operator would.
 */
type Server = { child: ChildProcess; output: string[]; exited: Promise<{ code: number | null; ms: number }> };

let dataDir: string;
let env: NodeJS.ProcessEnv;
let base: string;
let running: Server | undefined;

function start(): Server {
  const child = spawn('npm', ['start', '--silent'], { cwd: projectRoot, env });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let signalledAt = 0;
  const originalKill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => {
    signalledAt = Date.now();
    return originalKill(signal);
  };
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
    child.once('exit', (code) => resolve({ code, ms: Date.now() - signalledAt }));
  });
  running = { child, output, exited };
  return running;
}

async function waitReady(server: Server, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output.join('')}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready within ${timeoutMs} ms:\n${server.output.join('')}`);
}

/** The embedded servers' pids: PostgreSQL, and both Meilisearch (the big indexes', the fresh tier's). */
async function childPids(): Promise<{ postgres: number; meili: number; meiliFresh: number }> {
  const first = async (file: string) =>
    Number.parseInt((await readFile(file, 'utf8')).split('\n')[0] ?? '', 10);
  return {
    postgres: await first(join(dataDir, 'postgres', 'postmaster.pid')),
    meili: await first(join(dataDir, 'meili', 'meili.pid')),
    meiliFresh: await first(join(dataDir, 'meili-fresh', 'meili.pid')),
  };
}
const alive = (pids: Awaited<ReturnType<typeof childPids>>) =>
  [pids.postgres, pids.meili, pids.meiliFresh].map((pid) => isAlive(pid));

async function database() {
  const password = (await readFile(join(dataDir, 'postgres.password'), 'utf8')).trim();
  return postgres({
    host: '127.0.0.1',
    port: Number(env.EMBEDDED_PG_PORT),
    username: 'postgres',
    password,
    database: 'lingong',
    max: 1,
    onnotice: () => {},
  });
}

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>;
}

const ADMIN = { phone: '13900000009', password: 'lifecycle-admin-1' };
const SECOND_ADMIN = { phone: '13900000008', password: 'lifecycle-admin-2' };

async function signIn(phone: string, password: string): Promise<string | undefined> {
  const { data } = await gql(
    'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { account { role } } }',
    {
      p: phone,
      w: password,
    },
  );
  return (data?.login as { account: { role: string } } | undefined)?.account.role;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lingong-start-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // No language of this machine's: the console speaks Chinese, its default (one test asks for English).
  const {
    DATABASE_URL: _db,
    MEILI_URL: _meili,
    MEILI_MASTER_KEY: _key,
    MEILI_MAX_INDEXING_MEMORY: _memory,
    LINGONG_LOCALE: _locale,
    LC_ALL: _all,
    LC_MESSAGES: _messages,
    LANG: _lang,
    ...rest
  } = process.env;
  env = {
    ...rest,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    EMBEDDED_MEILI_PORT: String(await freePort()),
    EMBEDDED_MEILI_FRESH_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
});

afterAll(async () => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  // Whatever a failed test left running must not outlive the run.
  const pids = await childPids().catch(() => undefined);
  for (const pid of [pids?.postgres, pids?.meili, pids?.meiliFresh]) {
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start on a fresh data folder', () => {
  it('comes up ready with the reference data and prints where everything is', async () => {
    const server = start();
    await waitReady(server);
    // /readyz may answer a moment before the banner is printed.
    for (let i = 0; i < 50 && !server.output.join('').includes('socket.io  ws://'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { data } = await gql('{ regions(parentCode: "370800") { code name } }');
    expect(data?.regions).toContainEqual({ code: '370832', name: '梁山县' });
    expect(server.output.join('')).toContain('零工（Lingong）市场已启动');
    expect(server.output.join('')).toMatch(/GraphQL +http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(server.output.join('')).toMatch(/健康检查 +http:\/\/127\.0\.0\.1:\d+\/healthz/);
    expect(server.output.join('')).toMatch(/socket\.io +ws:\/\/127\.0\.0\.1:\d+\/socket\.io\//);

    // Both Meilisearch servers get an explicit indexing memory (src/embedded/meilisearch.ts).
    const pids = await childPids();
    const memoryOf = async (pid: number) =>
      (await readFile(`/proc/${pid}/environ`, 'utf8'))
        .split('\0')
        .find((entry) => entry.startsWith('MEILI_MAX_INDEXING_MEMORY='));
    expect(await memoryOf(pids.meili)).toBe(`MEILI_MAX_INDEXING_MEMORY=${indexingMemory('main')}`);
    expect(await memoryOf(pids.meiliFresh)).toBe(`MEILI_MAX_INDEXING_MEMORY=${256 * 1024 * 1024}`);

    const sql = await database();
    await sql`insert into app_meta (key, value) values ('lifecycle-test', '"kept"')`;
    await sql.end();
  }, 90_000);

  it('creates an admin from the command line while the server runs, who can sign in', async () => {
    const cli = spawnSync(
      'npm',
      ['run', 'admin', '--silent', '--', '--phone', ADMIN.phone, '--password', ADMIN.password],
      {
        cwd: projectRoot,
        env,
        encoding: 'utf8',
      },
    );
    expect(cli.stdout).toContain(`管理员 ${ADMIN.phone}：已创建`);
    expect(await signIn(ADMIN.phone, ADMIN.password)).toBe('ADMIN');
  });

  it('npm run admin without DATA_DIR finds the running market and works on its data, in English under LANG=en_US.UTF-8', async () => {
    const { DATA_DIR: _dataDir, ...withoutDataDir } = env;
    const cli = spawnSync(
      'npm',
      ['run', 'admin', '--silent', '--', '--phone', SECOND_ADMIN.phone, '--password', SECOND_ADMIN.password],
      { cwd: projectRoot, env: { ...withoutDataDir, LANG: 'en_US.UTF-8' }, encoding: 'utf8' },
    );
    expect(cli.stdout).toContain(`using the market of the running Lingong (pid `);
    expect(cli.stdout).toContain(`data folder ${dataDir}`);
    expect(cli.stdout).toContain(`admin ${SECOND_ADMIN.phone}: created`);
    expect(await signIn(SECOND_ADMIN.phone, SECOND_ADMIN.password)).toBe('ADMIN');
  });

  it('npm run admin on a data folder with no market says what it needs in one line and creates nothing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'lingong-no-market-'));
    const cli = spawnSync(
      'npm',
      ['run', 'admin', '--silent', '--', '--phone', SECOND_ADMIN.phone, '--password', SECOND_ADMIN.password],
      { cwd: projectRoot, env: { ...env, DATA_DIR: empty }, encoding: 'utf8' },
    );
    const created = await readdir(empty);
    await rm(empty, { recursive: true, force: true });
    expect(cli.status).toBe(1);
    expect((cli.stdout + cli.stderr).trim()).toBe(
      `${empty} 里没有市场：请先启动它（npm start），或把 DATA_DIR 设成你的市场所用的数据文件夹，或把 DATABASE_URL 设成它的数据库`,
    );
    expect(created).toEqual([]);
  });

  it('refuses a second start on the same data folder, leaving the first one running', async () => {
    const second = spawnSync('npm', ['start', '--silent'], {
      cwd: projectRoot,
      env: { ...env, PORT: '1' },
      encoding: 'utf8',
    });
    expect(second.status).not.toBe(0);
    // One line saying what to do, no stack trace.
    const said = (second.stderr + second.stdout).trim().split('\n');
    expect(said).toEqual([
      expect.stringMatching(
        /^零工没有启动：.* 正被另一个零工进程（pid \d+）使用：请先停掉它，或者给这个进程另设一个 DATA_DIR$/,
      ),
    ]);
    expect(said[0]).toContain(dataDir);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('stops on SIGTERM within 10 s, leaving no PostgreSQL or Meilisearch behind', async () => {
    const pids = await childPids();
    expect(alive(pids)).toEqual([true, true, true]);
    running?.child.kill('SIGTERM');
    const { code, ms } = (await running?.exited) ?? { code: -1, ms: 0 };
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(alive(pids)).toEqual([false, false, false]);
  });

  it('starts again on the same data and finds it as it was, accounts included', async () => {
    await waitReady(start());
    expect(await signIn(ADMIN.phone, ADMIN.password)).toBe('ADMIN');
    const sql = await database();
    const [row] = await sql`select value from app_meta where key = 'lifecycle-test'`;
    await sql.end();
    expect(row?.value).toBe('kept');
  });

  it('recovers after a crash that left both servers running', async () => {
    const pids = await childPids();
    // The node process under npm dies as in an out-of-memory kill; npm then exits too.
    const children = await readFile(
      `/proc/${running?.child.pid}/task/${running?.child.pid}/children`,
      'utf8',
    );
    const node = Number.parseInt(children.trim().split(' ')[0] ?? '', 10);
    expect(node).toBeGreaterThan(0);
    process.kill(node, 'SIGKILL');
    await running?.exited;
    // A killed parent cannot stop its children: they are still there, holding the data folder.
    expect(alive(pids)).toEqual([true, true, true]);

    const server = start();
    await waitReady(server);
    expect(alive(pids)).toEqual([false, false, false]);
    const sql = await database();
    const [row] = await sql`select value from app_meta where key = 'lifecycle-test'`;
    await sql.end();
    expect(row?.value).toBe('kept');

    const fresh = await childPids();
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
    expect(alive(fresh)).toEqual([false, false, false]);
  });
});
