// The two ways bench/mix-client.ts sends a phase's requests, and the tally both keep.
//  - closed loop: each connection sends its next request when its last one is answered. It finds
//    the most the API answers (saturation); its latencies are mostly time in the queue.
//  - open loop (as wrk2): requests are due at a constant rate whatever the answers do, and each
//    one's latency is counted from when it was due, not from when it could be sent, so a stall
//    shows in every request it held up (no coordinated omission).
import { type Stats, stats } from './report.js';

export type OpKind = 'hello' | 'kiosk' | 'search' | 'post' | 'accept' | 'profile';
export type Sent = { kind: OpKind; ok: boolean; outcome?: string; error?: string };
export type OpStats = Stats & { errors: number; outcomes: Record<string, number> };

/** How long an open-loop phase waits, after its end, for the answers still due. */
const DRAIN_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latencies, errors and outcomes of the requests sent from `measureFrom` for `seconds`. */
export function createTally(measureFrom: number, seconds: number) {
  const stopAt = measureFrom + seconds * 1000;
  const latencies = new Map<OpKind, number[]>();
  const errorsBy = new Map<OpKind, number>();
  const outcomes = new Map<OpKind, Record<string, number>>();
  const errorSamples: string[] = [];
  const series: number[] = [];

  return {
    stopAt,
    /** One request, sent (or due, in an open loop) at `sentAt` and answered at `doneAt`. */
    record(result: Sent, sentAt: number, doneAt: number) {
      const list = latencies.get(result.kind) ?? [];
      list.push(doneAt - sentAt);
      latencies.set(result.kind, list);
      const second = Math.floor((doneAt - measureFrom) / 1000);
      series[second] = (series[second] ?? 0) + 1;
      if (result.outcome) {
        const counted = outcomes.get(result.kind) ?? {};
        counted[result.outcome] = (counted[result.outcome] ?? 0) + 1;
        outcomes.set(result.kind, counted);
      }
      if (!result.ok) {
        errorsBy.set(result.kind, (errorsBy.get(result.kind) ?? 0) + 1);
        if (errorSamples.length < 20) errorSamples.push(`${result.kind}: ${result.error}`);
      }
    },
    result() {
      const all = [...latencies.values()].flat();
      const byKind: Partial<Record<OpKind, OpStats>> = {};
      for (const [kind, list] of latencies) {
        byKind[kind] = {
          ...stats(list),
          errors: errorsBy.get(kind) ?? 0,
          outcomes: outcomes.get(kind) ?? {},
        };
      }
      return {
        requests: all.length,
        perSecond: all.length / seconds,
        // Answers in each whole second of the window (an open loop's late answers fall after it).
        perSecondSeries: Array.from({ length: seconds }, (_, i) => series[i] ?? 0),
        latency: stats(all),
        byKind,
        errors: [...errorsBy.values()].reduce((sum, n) => sum + n, 0),
        errorSamples,
      };
    },
  };
}
export type Tally = ReturnType<typeof createTally>;

async function attempt(kind: OpKind, send: (kind: OpKind) => Promise<Sent>): Promise<Sent> {
  try {
    return await send(kind);
  } catch (error) {
    return { kind, ok: false, error: (error as Error).message };
  }
}

/** `connections` loops, each sending its next request when the last is answered, until the tally's end. */
export async function closedLoop(options: {
  connections: number;
  measureFrom: number;
  tally: Tally;
  draw: () => OpKind;
  send: (kind: OpKind) => Promise<Sent>;
}) {
  const { connections, measureFrom, tally, draw, send } = options;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < tally.stopAt) {
        const sentAt = performance.now();
        const result = await attempt(draw(), send);
        const doneAt = performance.now();
        // Only requests wholly in the window: the loop's own rate is what is measured.
        if (sentAt >= measureFrom && doneAt <= tally.stopAt) tally.record(result, sentAt, doneAt);
      }
    }),
  );
}

/**
 * Requests due every 1/`rate` s from `began` to the tally's end, each sent when due however many
 * are still unanswered (the connection pool queues them). Every request due in the window is
 * counted, however late its answer, up to DRAIN_MS after the end (later: an error). Says how late
 * the sender itself ever was, which is part of every latency it delayed.
 */
export async function openLoop(options: {
  rate: number;
  began: number;
  measureFrom: number;
  tally: Tally;
  draw: () => OpKind;
  send: (kind: OpKind) => Promise<Sent>;
}): Promise<{ senderLagMs: number; unanswered: number }> {
  const { rate, began, measureFrom, tally, draw, send } = options;
  const interval = 1000 / rate;
  /** Requests sent and not yet answered: their kind and when they were due, if in the window. */
  const pending = new Map<Promise<void>, { kind: OpKind; dueAt: number } | null>();
  let senderLagMs = 0;
  let closed = false;
  for (let i = 0; ; i++) {
    const dueAt = began + i * interval;
    if (dueAt >= tally.stopAt) break;
    const wait = dueAt - performance.now();
    if (wait > 0) await sleep(wait);
    senderLagMs = Math.max(senderLagMs, performance.now() - dueAt);
    const kind = draw();
    const counted = dueAt >= measureFrom;
    const request: Promise<void> = attempt(kind, send).then((result) => {
      pending.delete(request);
      if (counted && !closed) tally.record(result, dueAt, performance.now());
    });
    pending.set(request, counted ? { kind, dueAt } : null);
  }
  const drained = await Promise.race([
    Promise.all(pending.keys()).then(() => true),
    sleep(DRAIN_MS).then(() => false),
  ]);
  closed = true;
  // Still unanswered: errors, each with the time it has waited so far (less than its latency).
  const now = performance.now();
  const unanswered = drained ? [] : [...pending.values()].filter((due) => due !== null);
  for (const due of unanswered) {
    tally.record(
      { kind: due.kind, ok: false, error: `no answer ${DRAIN_MS / 1000} s after the end` },
      due.dueAt,
      now,
    );
  }
  return { senderLagMs, unanswered: unanswered.length };
}
