// The bare floor's server (bench/bare-server.ts) as its own process, and what a benchmark asks of
// it: used by bench:bare-fanout and by bench:offers, whose bare rows run beside the API's.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BareServer = Awaited<ReturnType<typeof forkBareServer>>;

/** Starts the bare server in a process of its own; resolves once it listens. */
export async function forkBareServer(options: { backlog?: number; databaseUrl?: string } = {}) {
  const child = fork(fileURLToPath(new URL('./bare-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BARE_BACKLOG: String(options.backlog ?? 4096),
      // Only for POST /wave-durable (bench:offers); without it the server has no database at all.
      ...(options.databaseUrl ? { BARE_DATABASE_URL: options.databaseUrl } : {}),
    },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code}) while starting`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    /** Emits one `offer` to each room; resolves with how long the server's emit loop took. */
    async wave(gigId: string, round: number, rooms: readonly string[]): Promise<{ loopMs: number }> {
      const response = await fetch(`${url}/wave`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ gigId, round, rooms }),
      });
      return (await response.json()) as { loopMs: number };
    },
    /**
     * Writes one `bare_offers` row per room (of `offerGigId` and `workerIds`, in one committed
     * transaction), then emits as wave() does; resolves with the emit loop's time.
     */
    async waveDurable(
      gigId: string,
      round: number,
      rooms: readonly string[],
      rows: { offerGigId: string; workerIds: readonly string[] },
    ): Promise<{ loopMs: number }> {
      const response = await fetch(`${url}/wave-durable`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ gigId, round, rooms, ...rows }),
      });
      const answer = (await response.json()) as { loopMs: number; error?: string };
      if (!response.ok) throw new Error(`the bare server's durable wave failed: ${answer.error}`);
      return answer;
    },
    async acked(gigId: string): Promise<number> {
      const response = await fetch(`${url}/acked?gigId=${encodeURIComponent(gigId)}`);
      return ((await response.json()) as { acked: number }).acked;
    },
    stop: () => {
      if (child.connected) child.disconnect();
    },
  };
}

/** `k` distinct numbers below `n`, drawn with `random` (a partial Fisher–Yates shuffle). */
export function sample(random: () => number, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, k);
}
