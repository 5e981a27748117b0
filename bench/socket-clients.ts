// The workers' phones of bench/offers.ts and bench/bare-fanout.ts: forked processes
// (bench/offers-client.ts), each holding its share of socket.io connections, asked by command.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ClientCommand, type ClientMessage, type ClientReply, now } from './offers-protocol.js';

type ReplyTo = {
  clock: 'clock';
  connect: 'connected';
  count: 'count';
  arrivals: 'arrivals';
  accept: 'accepted';
  status: 'status';
};

export function socketClient(index: number) {
  const child: ChildProcess = fork(fileURLToPath(new URL('./offers-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: ClientReply) => void; reject: (e: Error) => void }>();
  const progressed = { connected: 0, failed: 0 };
  child.on('message', (message: ClientMessage) => {
    if ('progress' in message) {
      Object.assign(progressed, message.progress);
      return;
    }
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.reply.type === 'error')
      waiter?.reject(new Error(`socket client ${index}: ${message.reply.error}`));
    else waiter?.resolve(message.reply);
  });
  child.on('exit', (code, signal) => {
    for (const waiter of waiting.values()) {
      waiter.reject(new Error(`socket client ${index} exited (${code ?? signal}) mid-run`));
    }
    waiting.clear();
  });
  function ask<K extends ClientCommand['type']>(
    command: Extract<ClientCommand, { type: K }>,
  ): Promise<Extract<ClientReply, { type: ReplyTo[K] }>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (r: ClientReply) => void, reject });
      child.send({ id, command });
    });
  }
  return { ask, progressed, pid: child.pid ?? 0, close: () => child.connected && child.disconnect() };
}
export type SocketClient = ReturnType<typeof socketClient>;

/** How far each client's clock is from ours: the reading with the shortest round trip of five. */
export async function clockSkew(clients: SocketClient[]) {
  let worst = { skewMs: 0, roundTripMs: 0 };
  for (const client of clients) {
    let best = { skewMs: 0, roundTripMs: Number.POSITIVE_INFINITY };
    for (let i = 0; i < 5; i++) {
      const sent = now();
      const { now: theirs } = await client.ask({ type: 'clock' });
      const back = now();
      if (back - sent < best.roundTripMs)
        best = { skewMs: theirs - (sent + back) / 2, roundTripMs: back - sent };
    }
    if (Math.abs(best.skewMs) >= Math.abs(worst.skewMs)) worst = best;
  }
  return worst;
}
