import type { GigRecord } from '../gigs/gigs.repository.js';

/** How long this node answers "full" from memory for a gig it saw fill. */
const FULL_FOR_MS = 5 * 60_000;
/**
 * Accepts of one gig in the database at once from this node: enough that one hire's reads and
 * after-commit work overlap another's turn at the gig's row lock, few enough that a crowd waits
 * here, where the gig filling answers it at once, rather than in the connection pool.
 */
const PER_GIG = 4;
/** Offers this node sent that it remembers (gig and worker), at most. */
const MAX_REMEMBERED = 200_000;

/**
 * Admission of accepts on one API node. The database decides every hire (the seat update and
 * the exclusion constraint); this only keeps a crowd from queueing there for nothing. Accepts of
 * one gig go to the database one at a time (they would wait on the gig's row lock anyway), and
 * once this node has seen the gig fill, the rest are answered at once from memory. Offers this
 * node sent are remembered, so an accept need not read the offer to find its gig.
 */
export function createAdmission(now: () => number) {
  const gates = new Map<string, { running: number; queue: (() => void)[] }>();
  const full = new Map<string, { gig: GigRecord; until: number }>();
  const sent = new Map<string, { gigId: string; workerId: string }>();

  return {
    /** Runs `task` once fewer than PER_GIG accepts of the same gig are running on this node. */
    async through<T>(gigId: string, task: () => Promise<T>): Promise<T> {
      let gate = gates.get(gigId);
      if (!gate) {
        gate = { running: 0, queue: [] };
        gates.set(gigId, gate);
      }
      const own = gate;
      if (own.running >= PER_GIG) await new Promise<void>((resolve) => own.queue.push(resolve));
      else own.running++;
      try {
        return await task();
      } finally {
        const next = own.queue.shift();
        if (next)
          next(); // the slot passes straight to the next in line
        else if (--own.running === 0) gates.delete(gigId);
      }
    },

    markFull(gig: GigRecord): void {
      full.set(gig.id, { gig, until: now() + FULL_FOR_MS });
    },

    forgetFull(gigId: string): void {
      full.delete(gigId);
    },

    knownFull(gigId: string): GigRecord | undefined {
      const entry = full.get(gigId);
      if (!entry) return undefined;
      if (entry.until > now()) return entry.gig;
      full.delete(gigId);
      return undefined;
    },

    rememberSent(offer: { id: string; gigId: string; workerId: string }): void {
      if (sent.size >= MAX_REMEMBERED) sent.clear();
      sent.set(offer.id, { gigId: offer.gigId, workerId: offer.workerId });
    },

    sentOffer: (offerId: string) => sent.get(offerId),

    forget(offerId: string): void {
      sent.delete(offerId);
    },
  };
}

export type Admission = ReturnType<typeof createAdmission>;
