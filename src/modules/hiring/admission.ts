import type { GigRecord } from '../gigs/gigs.repository.js';

/** How long this node answers "full" from memory for a gig it saw fill. */
const FULL_FOR_MS = 5 * 60_000;
/** Accepts of one gig decided in one transaction, at most. */
const MAX_BATCH = 64;
/** Offers this node sent that it remembers (gig and worker), at most. */
const MAX_REMEMBERED = 200_000;
/**
 * Work after a crowd (afterCrowd) waits until every offer it names has had its accept answered
 * here, or for this long without an accept of the gig (the crowd's phones that do not answer)…
 */
const CROWD_QUIET_MS = 20;
/**
 * …but never longer than this. A crowd of a thousand racing phones on a busy node takes a second
 * or two to arrive; the withdrawn offers' pushes sent before it has been answered compete with its
 * answers, and a worker whose offer is still shown open meanwhile is answered GIG_FILLED at once.
 */
const CROWD_MAX_MS = 3_000;

/** One accept's answer: its hire, or why not. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

type Waiting<I, T> = { item: I; resolve: (value: T) => void; reject: (error: unknown) => void };
/**
 * Decides a batch: `take` hands over the accepts waiting (once; later calls give the same ones),
 * and the answers are theirs, in order. Taking late lets the accepts that arrive while the batch
 * gets ready (its transaction opening) join it.
 */
type Decide<I, T> = (gigId: string, take: () => I[]) => Promise<Settled<T>[]>;

/**
 * Admission of accepts on one API node. The database decides every hire (the seat update and
 * the exclusion constraint); this only keeps a crowd from queueing there for nothing. One batch
 * of a gig's accepts is in the database at a time from this node (they would wait on the gig's
 * row lock anyway); the accepts that arrive meanwhile wait here, in arrival order, and go
 * together in the next batch, whose one transaction gives the seats left to the first of them.
 * A batch takes its accepts when it is ready to decide them (see Decide), so the first accepts of
 * a crowd do not leave on their own while the rest are still arriving.
 * Once this node has seen the gig fill, the rest are answered at once from memory, all that wait
 * in one batch. Offers this
 * node sent are remembered, so an accept need not read the offer to find its gig.
 */
export function createAdmission<I, T>(
  now: () => number,
  decide: Decide<I, T>,
  /** The offer an accept answers (afterCrowd waits for the offers it names to be answered). */
  offerOf: (item: I) => string = String,
) {
  const queues = new Map<string, Waiting<I, T>[]>();
  /**
   * Gigs seen full: `withdrawn`, offers withdrawn after the fill (never hired since); `pending`,
   * offers pending at the fill, holding no hire when it committed (`sealedAt`, before its COMMIT
   * was sent): sound for accepts that were on their way by then.
   */
  const full = new Map<
    string,
    { gig: GigRecord; until: number; withdrawn: Set<string>; pending: ReadonlySet<string>; sealedAt: number }
  >();
  const sent = new Map<string, { gigId: string; workerId: string }>();
  /** Work waiting for a gig's crowd of accepts to be answered (afterCrowd). */
  const afterCrowds = new Map<string, AfterCrowd>();
  type AfterCrowd = {
    runs: (() => void)[];
    lastAccept: number;
    deadline: number;
    /** The offers named whose accept has not been answered here yet. */
    unanswered: Set<string>;
    next: ReturnType<typeof setTimeout> | undefined;
  };

  /**
   * Checks whether a gig's crowd is over, and runs its work if so; else checks again later. A
   * quiet spell is confirmed after the event loop's next poll: timers run before it, so after a
   * long batch the accepts already on the wire have not been read yet when the timer fires.
   */
  function runWhenQuiet(gigId: string, confirmed = false): void {
    const waiting = afterCrowds.get(gigId);
    if (!waiting) return;
    waiting.next = undefined;
    const at = performance.now();
    const quietFor = at - waiting.lastAccept;
    const answered = waiting.unanswered.size === 0;
    if (at < waiting.deadline && (queues.has(gigId) || (!answered && quietFor < CROWD_QUIET_MS))) {
      waiting.next = setTimeout(() => runWhenQuiet(gigId), Math.max(1, CROWD_QUIET_MS - quietFor));
      return;
    }
    if (at < waiting.deadline && !answered && !confirmed) {
      setImmediate(() => runWhenQuiet(gigId, true));
      return;
    }
    afterCrowds.delete(gigId);
    for (const run of waiting.runs) run();
  }

  /** An accept of `offerId` was answered: the gig's work after its crowd may be due. */
  function answered(gigId: string, offerId: string): void {
    const waiting = afterCrowds.get(gigId);
    if (!waiting?.unanswered.delete(offerId) || waiting.unanswered.size > 0) return;
    // After this turn, so the answers go out first; the check waits for any accepts still queued.
    clearTimeout(waiting.next);
    waiting.next = setTimeout(() => runWhenQuiet(gigId), 0);
  }

  function knownFull(gigId: string): GigRecord | undefined {
    const entry = full.get(gigId);
    if (!entry) return undefined;
    if (entry.until > now()) return entry.gig;
    full.delete(gigId);
    return undefined;
  }

  /** Decides the gig's waiting accepts batch after batch until none wait; the queue lives as long. */
  async function drain(gigId: string, queue: Waiting<I, T>[]): Promise<void> {
    while (queue.length > 0) {
      let taken: Waiting<I, T>[] | undefined;
      // A gig seen full is answered from memory (and one read of the hires of the refused
      // offers), with no transaction: everything waiting goes in one batch, one read for all.
      const batchOf = () => {
        taken ??= queue.splice(0, knownFull(gigId) ? queue.length : MAX_BATCH);
        return taken;
      };
      let answers: Settled<T>[];
      try {
        answers = await decide(gigId, () => batchOf().map((waiting) => waiting.item));
      } catch (error) {
        answers = batchOf().map(() => ({ ok: false, error }));
      }
      // A batch decided without taking anything answers what waited first with "no answer".
      const batch = batchOf();
      batch.forEach((waiting, i) => {
        const answer = answers[i];
        if (answer?.ok) waiting.resolve(answer.value);
        else waiting.reject(answer ? answer.error : new Error('an accept of the batch got no answer'));
      });
      for (const waiting of batch) answered(gigId, offerOf(waiting.item));
    }
    queues.delete(gigId);
  }

  return {
    /**
     * Queues an accept of `gigId`; `decide` answers a batch of them, one answer per item, in
     * order. An idle gig's first batch starts after this turn of the event loop and takes the
     * accepts waiting when it is ready.
     */
    batched(gigId: string, item: I): Promise<T> {
      const crowd = afterCrowds.get(gigId);
      if (crowd) crowd.lastAccept = performance.now();
      return new Promise<T>((resolve, reject) => {
        const waiting: Waiting<I, T> = { item, resolve, reject };
        const queue = queues.get(gigId);
        if (queue) {
          queue.push(waiting);
          return;
        }
        const started = [waiting];
        queues.set(gigId, started);
        setImmediate(() => void drain(gigId, started));
      });
    },

    /**
     * The gig filled here; `withdrawn` are the offers its filling transaction withdrew (pending
     * then, so never hired: an accept of one is refused without looking for its hire).
     */
    /**
     * Runs `run` once the gig's crowd has been answered: no accept of it waiting, and each of
     * `offers` (the withdrawn ones, whose phones race) answered here or no accept of the gig
     * arriving for CROWD_QUIET_MS; at most CROWD_MAX_MS from now. For what the crowd need not wait
     * on (the withdrawn offers' `offer:closed`, hundreds of pushes when a gig fills): each accept
     * still coming is answered first. Resolves when it has run.
     */
    afterCrowd(gigId: string, offers: Iterable<string>, run: () => void): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          run();
          resolve();
        };
        const waiting = afterCrowds.get(gigId);
        if (waiting) {
          waiting.runs.push(done);
          for (const offerId of offers) waiting.unanswered.add(offerId);
          return;
        }
        const at = performance.now();
        afterCrowds.set(gigId, {
          runs: [done],
          lastAccept: at,
          deadline: at + CROWD_MAX_MS,
          unanswered: new Set(offers),
          next: setTimeout(() => runWhenQuiet(gigId), CROWD_QUIET_MS),
        });
      });
    },

    /**
     * The gig filled here. `pending`: the offers still pending when its filling transaction
     * decided, under the gig's lock (so holding no hire when it committed), `sealedAt` when its
     * writes were done, before its COMMIT went out (performance.now()).
     */
    markFull(gig: GigRecord, pending: Iterable<string> = [], sealedAt = Number.NEGATIVE_INFINITY): void {
      full.set(gig.id, {
        gig,
        until: now() + FULL_FOR_MS,
        withdrawn: new Set(),
        pending: new Set(pending),
        sealedAt,
      });
    },

    /** Offers of a gig seen full withdrawn since (pending then, so never hired). */
    markWithdrawn(gigId: string, offers: Iterable<string>): void {
      const entry = full.get(gigId);
      if (entry) for (const offerId of offers) entry.withdrawn.add(offerId);
    },

    /**
     * Whether an accept of `offerId`, on its way since `since` (performance.now()), may be refused
     * without looking for its hire: its offer was withdrawn after the gig filled here (never
     * hired), or it was pending at the fill and the accept was under way before the fill
     * committed (answered as of that commit, when the offer held no hire; a seat freed later
     * could hire it, so later accepts of it need the withdrawal or a read).
     */
    withdrawnAtFill(gigId: string, offerId: string, since?: number): boolean {
      const entry = full.get(gigId);
      if (!entry) return false;
      if (entry.withdrawn.has(offerId)) return true;
      return since !== undefined && since <= entry.sealedAt && entry.pending.has(offerId);
    },

    forgetFull(gigId: string): void {
      full.delete(gigId);
    },

    knownFull,

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
