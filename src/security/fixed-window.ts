import type { Clock } from '../clock.js';

export type WindowCount = { allowed: boolean; retryAfterSeconds: number };

/**
 * Counts events per key in fixed windows of `windowMs` read from the injected clock: at most `max`
 * in one window. Kept in this node's memory; keys whose window is over are dropped as they are met
 * and in a sweep every few thousand counts, so the map holds only the callers of the last window.
 */
export function createFixedWindow(options: { max: number; windowMs: number; clock: Clock }) {
  const { max, windowMs, clock } = options;
  const windows = new Map<string, { count: number; endsAt: number }>();
  let countsSinceSweep = 0;

  function sweep(now: number) {
    for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key);
  }

  return {
    /** Counts `n` events of `key` (all of them, even past the limit) and says whether all fit. */
    count(key: string, n = 1): WindowCount {
      const now = clock.now().getTime();
      if (++countsSinceSweep >= 4096) {
        countsSinceSweep = 0;
        sweep(now);
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        window = { count: 0, endsAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += n;
      return {
        allowed: window.count <= max,
        retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
      };
    },
  };
}
