/**
 * Work hiring starts without a caller waiting for it (a refill after a post or a decline, the
 * follow-up of a hire, a delivery record): held until it settles, so shutdown and tests can wait
 * for it with drain(). What is added must not reject: its owner catches and logs first.
 */
export function createBackground() {
  const inFlight = new Set<Promise<unknown>>();
  return {
    add(work: Promise<unknown>): void {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
