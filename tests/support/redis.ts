import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { realClockEnv } from './clock-at.js';
import { freePort } from './ports.js';

/**
 * A real Redis for a test, as the embedded PostgreSQL is one: `redis-server` (Debian's package,
 * `apt-get install redis-server`) as a child process on a free port, its files in a temp folder,
 * nothing saved. Resolves once it answers PING.
 */
export async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'lingong-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    // On the real clock, as PostgreSQL and Meilisearch are, when tests/support/at-hour.ts moves the tests'.
    { stdio: 'ignore', env: realClockEnv() },
  );
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}); is it installed?`);
    const client = createClient({ url });
    client.on('error', () => {});
    const up = await client.connect().then(
      async () => (await client.ping()) === 'PONG',
      () => false,
    );
    await client.close().catch(() => {});
    if (up) break;
    if (Date.now() > deadline) throw new Error('redis-server did not answer within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
