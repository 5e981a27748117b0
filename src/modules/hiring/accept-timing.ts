import type { FastifyBaseLogger } from 'fastify';

/** When an accept reached this node, and when its session check let it through (performance.now()). */
export type AcceptArrival = { receivedAt: number; checkedAt: number };

/** Marks the steps of one batch of accepts; a no-op unless ACCEPT_TIMING is on. */
export type BatchTiming = {
  mark(step: string): void;
  /** Writes the batch's line: ms from its first accept's arrival to each step. */
  done(arrivals: readonly (AcceptArrival | undefined)[], gigId: string): void;
};

const timeNothing: BatchTiming = { mark: () => {}, done: () => {} };

/**
 * Timing marks of each batch of accepts (bench:offers --accept-timing): off by default. When on,
 * each batch writes one log line (`acceptTiming`, at info whatever LOG_LEVEL says): the ms from
 * the batch's first accept received (before its session check) to its last accept let through
 * by the session check ("checked"), and to each step the batch marks (taken, begun, seats,
 * committed, answered). Elapsed time inside the process: `performance.now()`, not the clock.
 */
export function createAcceptTiming(on: boolean, log: FastifyBaseLogger) {
  const out = on ? log.child({ part: 'accepts' }, { level: 'info' }) : null;
  return {
    start(): BatchTiming {
      if (!out) return timeNothing;
      const steps: [string, number][] = [];
      return {
        mark: (step) => {
          steps.push([step, performance.now()]);
        },
        done: (arrivals, gigId) => {
          const known = arrivals.filter((a): a is AcceptArrival => a !== undefined);
          if (known.length === 0) return;
          const first = Math.min(...known.map((a) => a.receivedAt));
          const checked = Math.max(...known.map((a) => a.checkedAt));
          const ms = (at: number) => Math.round((at - first) * 10) / 10;
          out.info(
            {
              acceptTiming: {
                gigId,
                accepts: arrivals.length,
                steps: [['checked', ms(checked)], ...steps.map(([s, at]) => [s, ms(at)])],
              },
            },
            'accept timing',
          );
        },
      };
    },
  };
}

export type AcceptTiming = ReturnType<typeof createAcceptTiming>;
