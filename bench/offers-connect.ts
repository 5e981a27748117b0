// bench:offers's sockets: connects workers to a server (the API or the bare one), spread over the
// forked client processes, with a progress bar.
import { progress } from './offers-market.js';
import { type ClientWorker, now } from './offers-protocol.js';
import type { SocketClient } from './socket-clients.js';

/** Connects `share` (id and token) to `url`, spread over the client processes, every K-th to client K. */
export async function connectWorkers(
  clients: SocketClient[],
  concurrency: number,
  to: { url: string; share: ClientWorker[]; label: string; first: number; total: number },
) {
  const { url, share, label, first, total } = to;
  const shares: ClientWorker[][] = clients.map(() => []);
  for (const [i, w] of share.entries()) shares[(first + i) % clients.length]?.push(w);
  const counted = () => clients.reduce((sum, c) => sum + c.progressed.connected + c.progressed.failed, 0);
  const before = counted();
  const bar = progress(label);
  bar.start(total, first);
  const tick = setInterval(() => bar.update(first + counted() - before), 250);
  const startedAt = now();
  const replies = await Promise.all(
    clients.map((c, i) => c.ask({ type: 'connect', url, workers: shares[i] ?? [], concurrency })),
  );
  clearInterval(tick);
  bar.update(first + counted() - before);
  bar.stop();
  const failed = replies.reduce((sum, r) => sum + r.failed, 0);
  if (failed > 0)
    console.log(`  ${failed} sockets failed to connect: ${replies.flatMap((r) => r.errors)[0]}`);
  return { failed, seconds: (now() - startedAt) / 1000 };
}
