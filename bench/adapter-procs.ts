// The processes of bench/adapter.ts: forked nodes and phones asked by command, and the CPU a
// process tree used (PostgreSQL's postmaster and its backends).
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A forked bench process answering `{ id, command }` with `{ id, reply }`. */
export function forked<Command, Reply extends { type: string }>(script: string, name: string) {
  const child: ChildProcess = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id: number; reply: Reply | { type: 'error'; error: string } }) => {
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.reply.type === 'error' && 'error' in message.reply)
      waiter?.reject(new Error(`${name}: ${message.reply.error}`));
    else waiter?.resolve(message.reply as Reply);
  });
  child.on('exit', (code, signal) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`${name} exited (${code ?? signal})`));
    waiting.clear();
  });
  function ask<T extends Reply['type']>(command: Command): Promise<Extract<Reply, { type: T }>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (r: Reply) => void, reject });
      child.send({ id, command });
    });
  }
  return { ask, pid: child.pid ?? 0, close: () => child.connected && child.disconnect() };
}

/** utime + stime (ticks of 1/100 s) of `root` and every process under it, now. */
export function treeTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(rest[1]));
      ticks.set(Number(name), Number(rest[11]) + Number(rest[12]));
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  for (const [pid, used] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        sum += used;
        break;
      }
    }
  }
  return sum;
}
