// Plain TCP phones for bench/bare-fanout.ts's raw phase, in a process of their own: each socket
// stamps when each fixed-size message starts to arrive; the first byte of a message is its round.
import net from 'node:net';
import { now } from './offers-protocol.js';

export const RAW_MESSAGE_BYTES = 300;

type Command =
  | { id: number; type: 'connect'; port: number; count: number }
  | { id: number; type: 'arrivals'; round: number };

const sockets: net.Socket[] = [];
const arrivals = new Map<number, number[]>();

function connectOne(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let seen = 0;
    socket.on('data', (chunk) => {
      const at = now();
      for (
        let i = (RAW_MESSAGE_BYTES - (seen % RAW_MESSAGE_BYTES)) % RAW_MESSAGE_BYTES;
        i < chunk.length;
        i += RAW_MESSAGE_BYTES
      ) {
        const round = chunk[i] as number;
        const list = arrivals.get(round) ?? [];
        list.push(at);
        arrivals.set(round, list);
      }
      seen += chunk.length;
    });
    socket.once('connect', () => {
      sockets.push(socket);
      resolve();
    });
    socket.once('error', reject);
  });
}

process.on('message', async (command: Command) => {
  if (command.type === 'connect') {
    for (let i = 0; i < command.count; i++) await connectOne(command.port);
    process.send?.({ id: command.id, connected: sockets.length });
  } else {
    process.send?.({ id: command.id, at: arrivals.get(command.round) ?? [] });
  }
});
process.on('disconnect', () => {
  for (const socket of sockets) socket.destroy();
  process.exit(0);
});
