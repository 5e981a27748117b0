import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { Background } from './background.js';
import type { DispatchRepository } from './dispatch.repository.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { CandidateMatch, Matcher } from './matching.js';
import type { Notices } from './notices.js';
import type { OfferRecord, OffersRepository } from './offers.repository.js';
import type { Step, WaveSettings } from './wave-rest.js';
import { createWaveTiming, type Mark } from './wave-timing.js';
import { createWaveFill } from './waves-fill.js';

/**
 * Offer waves of instant gigs, one tier at a time (the employer's roster, then well-rated workers,
 * then everyone who matches), `fanOut` offers per free seat; a decline or an expiry frees a slot
 * for the next candidate of the tier; when a tier has nobody left and its wave is spent, the next
 * tier follows. Each gig's timer is its dispatch row, locked before the gig's row.
 */
export { FIRST_CHUNK, type WaveSettings } from './wave-rest.js';
export { EXHAUSTED_RECHECK_MAX_MS, EXHAUSTED_RECHECK_MS, exhaustedRecheckMs } from './waves-recheck.js';

export function createWaves(deps: {
  db: Database;
  offers: OffersRepository;
  dispatch: DispatchRepository;
  gigs: Pick<GigsRepository, 'lockShared' | 'skillsOf' | 'byIds'>;
  matcher: Matcher;
  clock: Clock;
  notices: Notices;
  /** This node's memory of the offers it sent and the gigs it saw fill (admission.ts). */
  admission: { rememberSent(offer: OfferRecord): void; forgetFull(gigId: string): void };
  background: Background;
  log: FastifyBaseLogger;
  settings: WaveSettings;
  metrics: HiringMetrics;
  /** Offers of a wave, after they commit: texted to workers who chose SMS. */
  offersSent?: (offers: readonly OfferRecord[], gig: GigRecord) => void;
}) {
  const { db, offers, dispatch: dispatches, clock, notices, settings, metrics } = deps;
  const { fill, fillRest, askAhead, skillsOf } = createWaveFill(deps);
  const timing = createWaveTiming(settings.waveTiming ?? false, deps.log);
  /**
   * Runs a fill to the end: its first transaction, then, if it left a rest, the rest's. Each
   * chunk's offers are told exactly once, after their own commit, even if a later step fails.
   */
  async function run(
    first: (tx: Executor, mark: Mark) => Promise<Step | null>,
    gigId: string | null,
  ): Promise<boolean> {
    const timer = timing.start(gigId ?? '');
    const firstStep = await db.transaction((tx) => first(tx, timer.mark));
    if (!firstStep) return false;
    timer.mark('committed');
    let step: Step = firstStep;
    let offered = step.sent ?? 0;
    while (step.rest) {
      const rest = step.rest;
      const previous = step.tell;
      let told = false;
      const before = () => {
        if (told) return;
        told = true;
        previous();
      };
      try {
        step = await db.transaction((tx) => fillRest(rest, tx, before, timer.mark));
        timer.mark(`committed+${rest.sent}`);
      } finally {
        before();
      }
      offered += step.sent ?? 0;
    }
    step.tell();
    timer.mark('sent');
    timer.done(offered);
    return true;
  }

  /** Runs a gig's dispatch now (after a post, decline or expiry), waiting for any other holder. */
  async function refill(gigId: string): Promise<void> {
    await run(async (tx, mark) => {
      mark('begun');
      // The dispatch row's lock, then the gig's shared lock, its trades and its offers so far:
      // one round trip. PostgreSQL runs them in the order sent, each reading after the one
      // before, so the lock order (dispatch, then gig) and what fill sees are as if one by one.
      const now = clock.now();
      const [dispatch, gig, skills, state] = await Promise.all([
        dispatches.lock(gigId, tx),
        deps.gigs.lockShared(gigId, tx),
        skillsOf(gigId, tx),
        offers.waveState(gigId, now, tx),
      ]);
      mark('locked');
      if (!dispatch || dispatch.state === 'DONE') return { tell: () => {}, rest: null };
      return fill(dispatch, tx, mark, gig ? { now, gig, skills, state } : undefined);
    }, gigId);
  }

  /** A refill nobody waits on the outcome of: a failure leaves the dispatch row due. */
  function refillQuietly(gigId: string): Promise<void> {
    const run = refill(gigId).catch((error) => {
      // The dispatch row stays due; the sweeper retries it.
      deps.log.error({ err: error, gigId }, 'offer wave failed; the sweeper will retry');
    });
    deps.background.add(run);
    return run;
  }

  return {
    refillQuietly,

    /**
     * Called in the posting transaction of an instant gig: its first wave is due at once. Given
     * the gig's trades, Meilisearch is asked for its near workers now, beside the rest of the
     * posting and its commit, and the first wave on this node uses the answer (`ahead`).
     */
    async schedule(gig: GigRecord, tx: Executor, skills?: readonly string[]): Promise<void> {
      if (skills && skills.length > 0) askAhead(gig, skills);
      await dispatches.insert(
        {
          gigId: gig.id,
          fanOut: settings.fanOut,
          offerTtlSeconds: settings.ttlSeconds,
          dueAt: gig.createdAt,
          updatedAt: gig.createdAt,
        },
        tx,
      );
    },

    /**
     * A seat came free (a no-show or a cancellation): an instant gig's dispatch wakes at once and
     * sends offers for it, a backfill if the gig has started. Listed gigs have no dispatch.
     */
    async seatFreed(gigId: string): Promise<void> {
      deps.admission.forgetFull(gigId);
      await run(async (tx, mark) => {
        const dispatch = await dispatches.lock(gigId, tx);
        if (!dispatch) return null;
        await dispatches.update(gigId, { backfill: true, updatedAt: clock.now() }, tx);
        return fill({ ...dispatch, state: 'ACTIVE', backfill: true }, tx, mark);
      }, gigId);
    },

    /**
     * Sends the first wave of a just-posted instant gig without holding up the employer's answer;
     * resolves (never rejects) once the wave is out, so work the offers need not wait for can follow.
     */
    kick(gigId: string): Promise<void> {
      return refillQuietly(gigId);
    },

    /**
     * One round of the timers: expire pending offers past their time (telling the workers), then
     * run every dispatch that is due. Any number of nodes may sweep at once (SKIP LOCKED).
     */
    async sweep(limit = 200): Promise<{ expired: number; dispatched: number }> {
      const expired = await db.transaction((tx) => offers.expireDue(clock.now(), limit, tx));
      metrics.offers('expired', expired.length);
      for (const offer of expired) notices.closed(offer);
      await Promise.all([...new Set(expired.map((o) => o.gigId))].map((id) => refillQuietly(id)));
      let dispatched = 0;
      for (; dispatched < limit; dispatched++) {
        const claimed = await run(async (tx, mark) => {
          const due = await dispatches.claimDue(clock.now(), tx);
          return due ? fill(due, tx, mark) : null;
        }, null);
        if (!claimed) break;
      }
      return { expired: expired.length, dispatched };
    },

    /** Sends a (re)connecting worker every offer still open to them: the rows are the inbox. */
    async resendPending(workerId: string): Promise<number> {
      const pending = await offers.ofWorker(workerId, 'PENDING', clock.now());
      const gigs = new Map((await deps.gigs.byIds(pending.map((o) => o.gigId))).map((g) => [g.id, g]));
      for (const offer of pending) {
        const gig = gigs.get(offer.gigId);
        if (gig) notices.offer(offer, gig);
      }
      return pending.length;
    },

    /** Once a worker is hired, their pending offers of overlapping gigs are withdrawn (and refilled). */
    async releaseOverlapping(workerId: string, window: { startsAt: Date; endsAt: Date }): Promise<void> {
      const withdrawn = await db.transaction((tx) =>
        offers.withdrawOverlapping(workerId, window, clock.now(), tx),
      );
      for (const offer of withdrawn) notices.closed(offer);
      metrics.offers('withdrawn', withdrawn.length);
      await Promise.all([...new Set(withdrawn.map((o) => o.gigId))].map((id) => refillQuietly(id)));
    },

    /** Who the gig may go to, best first, as the employer may see them (never where they live). */
    async candidates(gig: GigRecord, first: number): Promise<CandidateMatch[]> {
      return deps.matcher.candidates(
        { ...gig, skills: await skillsOf(gig.id) },
        { fresh: false, limit: first },
      );
    },
  };
}

export type Waves = ReturnType<typeof createWaves>;
