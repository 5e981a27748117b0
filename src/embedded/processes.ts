import { readFile, rm } from 'node:fs/promises';
import type { Logger } from 'pino';

export type ServiceLog = Pick<Logger, 'info' | 'warn' | 'debug' | 'error'>;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * A child server outlives a parent that was killed (SIGKILL, OOM) and keeps its data folder locked.
 * On the next start we find it by its pid file and stop it, but only if the process is really our
 * server for that folder; a recycled pid belonging to something else is left alone.
 */
export async function stopLeftoverProcess(options: {
  pidFile: string;
  expect: string[];
  signal: NodeJS.Signals;
  log: ServiceLog;
  what: string;
}): Promise<void> {
  let text: string;
  try {
    text = await readFile(options.pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmd = await commandLine(pid);
  if (!options.expect.every((part) => cmd.includes(part))) return;
  options.log.warn({ pid }, `stopping ${options.what} left running by an earlier start`);
  process.kill(pid, options.signal);
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  await rm(options.pidFile, { force: true });
}

/** Keeps the last lines a child printed, to explain why it failed to start. */
export function createTail(max = 40) {
  const lines: string[] = [];
  return {
    push(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (line.trim()) lines.push(line.trimEnd());
      }
      lines.splice(0, Math.max(0, lines.length - max));
    },
    text: () => lines.join('\n'),
  };
}
