// Phones of bench/adapter.ts, a process of their own: socket.io connections to the nodes, each
// with its token; every `offer` is acked, and each event's time from its node's emit is kept
// by step.
import { io, type Socket } from 'socket.io-client';
import type { ClientCommand, ClientReply, Stamp } from './adapter-protocol.js';
import { now } from './offers-protocol.js';

const sockets: Socket[] = [];
const latencies = new Map<number, number[]>();
const seen = new Map<number, Set<number>>();
const duplicates = new Map<number, number>();

function arrived(stamp: Stamp) {
  const at = now();
  const ids = seen.get(stamp.step) ?? new Set<number>();
  seen.set(stamp.step, ids);
  if (ids.has(stamp.seq)) {
    duplicates.set(stamp.step, (duplicates.get(stamp.step) ?? 0) + 1);
    return;
  }
  ids.add(stamp.seq);
  const list = latencies.get(stamp.step) ?? [];
  list.push(at - stamp.sentAt);
  latencies.set(stamp.step, list);
}

function connectOne(url: string, token: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
    socket.on('offer', (payload: Stamp, ack: () => void) => {
      ack();
      arrived(payload);
    });
    socket.on('board:upsert', (payload: Stamp) => arrived(payload));
    socket.once('connect', () => {
      sockets.push(socket);
      resolve(null);
    });
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

async function handle(command: ClientCommand): Promise<ClientReply> {
  switch (command.type) {
    case 'clock':
      return { type: 'clock', now: now() };
    case 'connect': {
      const errors: string[] = [];
      // 50 handshakes at a time.
      for (let i = 0; i < command.tokens.length; i += 50) {
        const results = await Promise.all(
          command.tokens.slice(i, i + 50).map((t) => connectOne(command.url, t)),
        );
        for (const error of results) if (error) errors.push(error);
      }
      return {
        type: 'connected',
        connected: command.tokens.length - errors.length,
        errors: errors.slice(0, 5),
      };
    }
    case 'collect': {
      const reply: ClientReply = {
        type: 'collected',
        latencyMs: latencies.get(command.step) ?? [],
        duplicates: duplicates.get(command.step) ?? 0,
      };
      latencies.delete(command.step);
      seen.delete(command.step);
      return reply;
    }
  }
}

process.on('message', (message: { id: number; command: ClientCommand }) => {
  handle(message.command).then(
    (reply) => process.send?.({ id: message.id, reply }),
    (error: unknown) => process.send?.({ id: message.id, reply: { type: 'error', error: String(error) } }),
  );
});
process.on('disconnect', () => {
  for (const socket of sockets) socket.close();
  process.exit(0);
});
