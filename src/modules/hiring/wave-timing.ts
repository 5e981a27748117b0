import type { FastifyBaseLogger } from 'fastify';

/** Marks a step of a wave (ms since the wave began); a no-op unless OFFER_WAVE_TIMING is on. */
export type Mark = (step: string) => void;

export const markNothing: Mark = () => {};

/**
 * Timing marks of a wave's steps, for looking at where its time goes (bench:offers --wave-timing):
 * off by default, and then costs one closure per wave. When on, each wave that sent offers writes
 * one log line (`waveTiming`, at info whatever LOG_LEVEL says) with the ms from the wave's start
 * to each step: elapsed time inside the process, so `performance.now()`, not the market's clock.
 */
export function createWaveTiming(on: boolean, log: FastifyBaseLogger) {
  const out = on ? log.child({ part: 'waves' }, { level: 'info' }) : null;
  return {
    start(gigId: string): { mark: Mark; done: (offers: number) => void } {
      if (!out) return { mark: markNothing, done: () => {} };
      const began = performance.now();
      const steps: [string, number][] = [];
      return {
        mark: (step) => {
          steps.push([step, Math.round((performance.now() - began) * 10) / 10]);
        },
        done: (offers) => {
          if (offers > 0) out.info({ waveTiming: { gigId, offers, steps } }, 'wave timing');
        },
      };
    },
  };
}
