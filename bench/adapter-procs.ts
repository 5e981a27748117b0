// The processes of bench/adapter.ts: forked nodes and phones asked by command, and the CPU a
// process tree used (PostgreSQL's postmaster and its backends).

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { treeTicks as ticksUnder } from './cpu-share.js';

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
  let sum = 0;
  for (const used of ticksUnder(root).values()) sum += used;
  return sum;
}
