/**
 * Acks of `offer` events, written in batches: a wave's acks come back within a few milliseconds
 * of each other, and one UPDATE for every ack that arrived in a turn of the event loop costs the
 * API and the database far less than one UPDATE per ack. Only the first ack of an offer counts.
 */
export function createDeliveryLog(deps: {
  /** Sets deliveredAt where it is still unset; returns how many offers it set. */
  markDelivered: (offerIds: string[], at: Date) => Promise<number>;
  now: () => Date;
  onMarked: (count: number) => void;
  onError: (error: unknown, offerIds: string[]) => void;
  /** Each batch's write, so that shutdown (and tests) can wait for it. */
  track: (write: Promise<unknown>) => void;
}) {
  let waiting: string[] = [];

  function flush(): void {
    const offerIds = waiting;
    waiting = [];
    deps.track(
      deps.markDelivered(offerIds, deps.now()).then(deps.onMarked, (error: unknown) => {
        deps.onError(error, offerIds);
      }),
    );
  }

  return {
    delivered(offerId: string): void {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push(offerId);
    },
  };
}
