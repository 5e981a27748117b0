import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive, waitForExit } from '../../src/embedded/processes.js';
import { projectRoot } from '../../src/paths.js';
import { freePort } from '../support/ports.js';

/**
 * `npm start` from a copy of this checkout inside a private (0700) folder, as the container's root
 * user starts it: the embedded PostgreSQL runs as the `postgres` user, which must reach binaries and
 * data through that folder. Then starts that must fail: each prints one line and leaves nothing.
 */
const asRoot = process.getuid?.() === 0;

let privateDir: string;
let checkout: string;
let env: NodeJS.ProcessEnv;
let market: { child: ChildProcess; output: string[] } | undefined;

/** The tracked and untracked files of this checkout (not what .gitignore leaves out), and node_modules. */
function copyCheckout(to: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  // `cp --parents` recreates each file's folders under the target.
  for (let i = 0; i < files.length; i += 500) {
    execFileSync('cp', ['--parents', '-p', ...files.slice(i, i + 500), to], { cwd: projectRoot });
  }
  // Hard links: node_modules's own files, in the copy's folder (a symlink would lead the postgres
  // user to the original, reachable binaries, and test nothing).
  execFileSync('cp', ['-al', join(projectRoot, 'node_modules'), join(to, 'node_modules')]);
}

async function freshEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  // No language of this machine's: the console speaks Chinese, its default, unless a test asks.
  const {
    DATABASE_URL: _db,
    MEILI_URL: _meili,
    MEILI_FRESH_URL: _fresh,
    MEILI_MASTER_KEY: _key,
    DATA_DIR: _data,
    LINGONG_LOCALE: _locale,
    LC_ALL: _all,
    LC_MESSAGES: _messages,
    LANG: _lang,
    ...rest
  } = process.env;
  return {
    ...rest,
    NODE_ENV: 'development',
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    EMBEDDED_MEILI_PORT: String(await freePort()),
    EMBEDDED_MEILI_FRESH_PORT: String(await freePort()),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** What a person sees: the lines that are not the JSON log. */
const humanLines = (output: string) =>
  output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('{'));
const stackLine = /^\s*at .+[(:]\d+/m;

/** Every process whose command line names `path` (the embedded servers name their data folders). */
async function processesNaming(path: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.replaceAll('\0', ' ').includes(path)) found.push(pid);
  }
  return found;
}

async function waitHealthy(port: string | undefined, output: string[], child: ChildProcess): Promise<number> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output.join('')}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no /healthz within 90 s:\n${output.join('')}`);
}

beforeAll(async () => {
  if (!asRoot) return;
  privateDir = await mkdtemp(join(tmpdir(), 'lingong-private-'));
  await chmod(privateDir, 0o700);
  checkout = join(privateDir, 'lingong');
  await mkdir(checkout);
  copyCheckout(checkout);
  env = await freshEnv();
});

afterAll(async () => {
  if (!asRoot) return;
  if (market?.child.exitCode === null) market.child.kill('SIGKILL');
  // Whatever a failed test left running must not outlive the run.
  for (const pid of await processesNaming(privateDir)) process.kill(pid, 'SIGKILL');
  await rm(privateDir, { recursive: true, force: true });
});

// PostgreSQL changes user only when started by root; as another user there is nothing to reach.
describe.skipIf(!asRoot)(
  'as root, a checkout inside a 0700 folder (skipped unless the tests run as root)',
  () => {
    it('starts with its default data folder and answers /healthz; the private folder only gained o+x', async () => {
      const child = spawn('npm', ['start', '--silent'], { cwd: checkout, env });
      const output: string[] = [];
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      market = { child, output };
      expect(await waitHealthy(env.PORT, output, child)).toBe(200);
      expect((await stat(join(checkout, '.data', 'postgres', 'PG_VERSION'))).isFile()).toBe(true);
      // Passage for the postgres user, no listing for anyone.
      expect((await stat(privateDir)).mode & 0o777).toBe(0o701);
      expect(output.join('')).not.toMatch(stackLine);
    }, 90_000);

    it('refuses a second start on the data folder in use with one line and no stack', async () => {
      const second = spawnSync('npm', ['start', '--silent'], {
        cwd: checkout,
        env: { ...env, PORT: String(await freePort()) },
        encoding: 'utf8',
      });
      const said = second.stdout + second.stderr;
      expect(second.status).toBe(1);
      expect(humanLines(said)).toEqual([
        expect.stringMatching(/^零工没有启动：.* 正被另一个零工进程（pid \d+）使用/),
      ]);
      expect(said).not.toMatch(stackLine);
      expect((await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status).toBe(200);
    });

    it('stops on SIGTERM leaving nothing running from the private folder', async () => {
      const exited = new Promise<number | null>((resolve) => market?.child.once('exit', resolve));
      market?.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await processesNaming(privateDir)).toEqual([]);
    });
  },
);

// As any user, from this checkout.
describe('a start that fails after Meilisearch is up (PostgreSQL port taken)', () => {
  let taken: NetServer;
  let dataDir: string;
  let run: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lingong-failing-'));
    taken = createServer();
    const port = await new Promise<number>((resolve) => {
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port));
    });
    // info: the log shows the Meilisearch servers coming up, with their pids.
    const failing = await freshEnv({
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    run = spawnSync('npm', ['start', '--silent'], {
      cwd: projectRoot,
      env: failing,
      encoding: 'utf8',
      // A start that hangs instead of exiting is a failure too, not a stuck run.
      timeout: 100_000,
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    for (const pid of await processesNaming(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits 1 with one line saying what to do, and no stack', () => {
    const said = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(humanLines(said)).toEqual([
      expect.stringMatching(/^零工没有启动：内置 PostgreSQL 没能在端口 \d+ 上启动：.*EMBEDDED_PG_PORT/),
    ]);
    expect(said).not.toMatch(stackLine);
  });

  it('leaves neither Meilisearch nor anything else it started running', async () => {
    const meiliPids = `${run.stdout}${run.stderr}`
      .split('\n')
      .filter((line) => line.includes('embedded Meilisearch ready'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid);
    // Both Meilisearch servers were up when PostgreSQL failed.
    expect(meiliPids).toHaveLength(2);
    for (const pid of meiliPids) expect(await waitForExit(pid, 2_000)).toBe(true);
    expect(meiliPids.filter(isAlive)).toEqual([]);
    expect(await processesNaming(dataDir)).toEqual([]);
    // Nor a lock that would refuse the next start.
    await expect(stat(join(dataDir, 'lingong.pid'))).rejects.toThrow();
  });
});

// As any user: every child is up, the migrations are done, and only the HTTP port is refused.
describe('a start whose HTTP port is taken (the console in English: LINGONG_LOCALE=en)', () => {
  let taken: NetServer;
  let dataDir: string;
  let run: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lingong-no-port-'));
    taken = createServer();
    const port = await new Promise<number>((resolve) => {
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port));
    });
    const failing = await freshEnv({ DATA_DIR: dataDir, PORT: String(port), LINGONG_LOCALE: 'en' });
    run = spawnSync('npm', ['start', '--silent'], {
      cwd: projectRoot,
      env: failing,
      encoding: 'utf8',
      // A start that hangs instead of exiting is a failure too, not a stuck run.
      timeout: 100_000,
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    for (const pid of await processesNaming(dataDir)) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits 1 with one line naming the port and PORT, no stack, and nothing left running', async () => {
    const said = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(humanLines(said)).toEqual([
      expect.stringMatching(
        /^Lingong did not start: cannot listen on port \d+ \(another program uses it\): set PORT/,
      ),
    ]);
    expect(said).not.toMatch(stackLine);
    // The servers it had started were stopped before it exited.
    expect((await stat(join(dataDir, 'postgres', 'PG_VERSION'))).isFile()).toBe(true);
    expect(await processesNaming(dataDir)).toEqual([]);
  });
});

// Before anything starts: the configuration refuses, every problem on its own line, no stack.
describe('a start with wrong variables', () => {
  const startWith = async (extra: Record<string, string>) => {
    const run = spawnSync('npm', ['start', '--silent'], {
      cwd: projectRoot,
      env: await freshEnv(extra),
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, said: `${run.stdout}${run.stderr}` };
  };

  it('names each one and its fix in Chinese by default, in English with LINGONG_LOCALE=en', async () => {
    const chinese = await startWith({ PORT: 'eighty', SEED_DEMO: 'maybe' });
    expect(chinese.status).toBe(1);
    expect(humanLines(chinese.said)).toEqual([
      '配置有误：',
      '- PORT 有误：必须是数字（现在是 "eighty"）',
      '- SEED_DEMO 有误：请用 true 或 false（现在是 "maybe"）',
    ]);
    expect(chinese.said).not.toMatch(stackLine);

    const english = await startWith({ PORT: 'eighty', LINGONG_LOCALE: 'en', LANG: 'zh_CN.UTF-8' });
    expect(english.status).toBe(1);
    expect(humanLines(english.said)).toEqual([
      'Invalid configuration:',
      '- PORT: must be a number (got "eighty")',
    ]);
  });

  it('refuses a LINGONG_LOCALE it does not speak, naming it', async () => {
    const run = await startWith({ LINGONG_LOCALE: 'fr' });
    expect(run.status).toBe(1);
    expect(humanLines(run.said)).toEqual([
      '配置有误：',
      '- LINGONG_LOCALE 有误：请用 zh-CN 或 en（现在是 "fr"）',
    ]);
  });
});
