import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { OfferTier } from '../../db/schema/index.js';
import { outsideTransaction } from '../../db/tx-guard.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { Background } from './background.js';
import type { DispatchRecord, DispatchRepository } from './dispatch.repository.js';
import { hireStart } from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import { type CandidateMatch, type Matcher, TIERS } from './matching.js';
import type { Notices } from './notices.js';
import type { OfferRecord, OffersRepository } from './offers.repository.js';
import {
  createWaveRest,
  FIRST_CHUNK,
  offerRow,
  type Rest,
  type Step,
  type WaveSettings,
} from './wave-rest.js';
import { createWaveTiming, type Mark } from './wave-timing.js';

/** What a refill reads with the dispatch row's lock, in the same round trip (refill). */
type GigRead = {
  now: Date;
  gig: GigRecord;
  skills: string[];
  state: { pending: number; earliestExpiry: Date | null; offered: number };
};

/** At most this many posted gigs' first-wave Meilisearch answers are held (see `ahead`). */
const AHEAD_MAX = 1_000;

/** How soon a gig whose candidates ran out is first matched again. */
export const EXHAUSTED_RECHECK_MS = 60_000;
/** The longest wait between two looks at a gig nobody could be offered, until it starts. */
export const EXHAUSTED_RECHECK_MAX_MS = 15 * 60_000;

/**
 * How long until a gig whose candidates ran out is matched again: a minute after it ran out, then
 * twice as long after each look that found nobody, up to EXHAUSTED_RECHECK_MAX_MS. Each wait is
 * stretched by up to a quarter at random, so gigs that ran out together (a batch of posts) do not
 * all come due in one sweep, a burst that held the API's loop for a second or more each minute.
 * The last wait is read back from the dispatch row (due minus updated). A look that sent offers,
 * or a gig that had offers out or a seat come free (an ACTIVE dispatch), starts from a minute again.
 */
export function exhaustedRecheckMs(
  dispatch: Pick<DispatchRecord, 'state' | 'dueAt' | 'updatedAt'>,
  sentNow: number,
  random: () => number = Math.random,
): number {
  const last =
    dispatch.state === 'EXHAUSTED' && sentNow === 0
      ? dispatch.dueAt.getTime() - dispatch.updatedAt.getTime()
      : 0;
  const wait = Math.min(EXHAUSTED_RECHECK_MAX_MS, Math.max(EXHAUSTED_RECHECK_MS, 2 * last));
  return Math.round(wait * (1 + random() / 4));
}

/**
 * Offer waves of instant gigs, one tier at a time (the employer's roster, then well-rated workers,
 * then everyone who matches), `fanOut` offers per free seat; a decline or an expiry frees a slot
 * for the next candidate of the tier; when a tier has nobody left and its wave is spent, the next
 * tier follows. Each gig's timer is its dispatch row, locked before the gig's row.
 */
export { FIRST_CHUNK, type WaveSettings } from './wave-rest.js';

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
  const firstChunk = Math.max(1, settings.firstChunk ?? FIRST_CHUNK);
  const { sendOffers, waveNews, fillRest } = createWaveRest({
    ...deps,
    offerCutoff: (gig) => offerCutoff(gig),
  });
  const timing = createWaveTiming(settings.waveTiming ?? false, deps.log);
  /**
   * Gigs posted on this node whose first wave's near workers (Meilisearch) are being asked while
   * the posting commits: taken by the gig's first fill. A posting that rolled back leaves its
   * entry behind, so the map is emptied when it reaches AHEAD_MAX (a wave then asks afresh).
   */
  const ahead = new Map<string, { startsAt: number; near: Promise<string[] | null> }>();

  /** The last moment offers of this gig are worth sending: its start, or for a backfill, its end less the minimum. */
  const offerCutoff = (gig: GigRecord) =>
    gig.status === 'IN_PROGRESS'
      ? new Date(gig.endsAt.getTime() - settings.backfillMinMinutes * 60_000)
      : gig.startsAt;

  async function skillsOf(gigId: string, tx: Executor = db) {
    return (await deps.gigs.skillsOf([gigId], tx)).map((s) => s.skillCode);
  }

  /** The gig's row, shared-locked, and whether offers of it may still go out (else its dispatch is done). */
  async function openGig(
    dispatch: DispatchRecord,
    now: Date,
    tx: Executor,
    locked?: GigRecord,
  ): Promise<{ gig: GigRecord; startsAt: Date } | { step: Step }> {
    const gig = locked ?? (await deps.gigs.lockShared(dispatch.gigId, tx));
    if (!gig) throw new Error(`dispatch of a missing gig ${dispatch.gigId}`);
    const seats = gig.headcount - gig.filled;
    if ((gig.status !== 'OPEN' && gig.status !== 'IN_PROGRESS') || seats <= 0) {
      await dispatches.update(gig.id, { state: 'DONE', updatedAt: now }, tx);
      return { step: { tell: () => {}, rest: null } };
    }
    const startsAt = hireStart(gig, now, dispatch.backfill, settings.backfillMinMinutes);
    if (!startsAt) {
      await dispatches.update(gig.id, { state: 'DONE', updatedAt: now }, tx);
      const wasActive = dispatch.state === 'ACTIVE';
      const tell = () =>
        wasActive ? notices.employer(gig, { offers: 'STOPPED', reason: 'STARTED' }) : undefined;
      return { step: { tell, rest: null } };
    }
    return { gig, startsAt };
  }

  /**
   * Tops a gig's pending offers up to `(headcount − filled) × fanOut`, inside the transaction
   * that holds its dispatch row: matches and ranks the candidates, and inserts the best
   * `firstChunk` of them; the rest of the wave, already ranked, is left to a second transaction
   * (fillRest), so the first offers leave after a small insert. Returns what to tell once committed.
   */
  async function fill(dispatch: DispatchRecord, tx: Executor, mark: Mark, read?: GigRead): Promise<Step> {
    const now = read?.now ?? clock.now();
    const opened = await openGig(dispatch, now, tx, read?.gig);
    if ('step' in opened) return opened.step;
    const { gig, startsAt } = opened;
    const seats = gig.headcount - gig.filled;

    // The gig's trades and its offers so far, in one round trip (both queries go down the
    // transaction's connection together), unless read with the dispatch row's lock.
    const [skills, state] = read
      ? [read.skills, read.state]
      : await Promise.all([skillsOf(gig.id, tx), offers.waveState(gig.id, now, tx)]);
    mark('state');
    const asked = ahead.get(gig.id);
    ahead.delete(gig.id);
    // Asked for the gig as posted: a backfill's start is another (matching then asks afresh).
    const near = asked && asked.startsAt === startsAt.getTime() ? asked.near : undefined;
    const { pending } = state;
    const need = seats * dispatch.fanOut - pending;
    let { wave, tier } = dispatch;
    let pick: CandidateMatch[] = [];
    if (need > 0) {
      const candidates = await deps.matcher.candidates(
        { ...gig, startsAt, skills },
        { fresh: true, offered: state.offered, mark, near },
        tx,
      );
      const ofTier = (t: OfferTier | null) => candidates.filter((c) => c.tier === t);
      pick = ofTier(tier);
      // The tier in play has nobody left: once its wave is spent, the next tier with anyone opens.
      if (pick.length === 0 && (pending === 0 || tier === null)) {
        const next = TIERS.find((t) => ofTier(t).length > 0);
        if (next) {
          wave += 1;
          tier = next;
          pick = ofTier(next);
        }
      }
      pick = pick.slice(0, need);
    }
    const expiresAt = new Date(now.getTime() + dispatch.offerTtlSeconds * 1000);
    // When the gig's timer is next due: its first live pending offer's expiry, the new wave's
    // included, known without reading the rows back.
    const nextExpiry =
      pick.length === 0
        ? state.earliestExpiry
        : state.earliestExpiry !== null && state.earliestExpiry < expiresAt
          ? state.earliestExpiry
          : expiresAt;

    if (nextExpiry === null) {
      // Nobody left to ask and nobody still deciding: the gig stays listed for applications, and
      // is looked at again now and then until it starts, for workers who become free or join.
      const wait = exhaustedRecheckMs(dispatch, 0);
      const recheck = new Date(Math.min(now.getTime() + wait, offerCutoff(gig).getTime()));
      await dispatches.update(gig.id, { state: 'EXHAUSTED', wave, tier, dueAt: recheck, updatedAt: now }, tx);
      const wasActive = dispatch.state === 'ACTIVE';
      const tell = () =>
        wasActive ? notices.employer(gig, { offers: 'STOPPED', reason: 'NO_CANDIDATES', wave }) : undefined;
      return { tell, rest: null };
    }
    const first = pick.slice(0, firstChunk);
    const later = pick.slice(firstChunk);
    const cutoff = offerCutoff(gig);
    // With a rest to send, the timer is due at once until the rest's transaction sets it: if this
    // node stops in between, any node's sweep sends the rest (matched afresh).
    const dueAt = later.length > 0 ? now : nextExpiry < cutoff ? nextExpiry : cutoff;
    // The chunk's offers and the timer's new state go down together: one round trip.
    const [sent] = await Promise.all([
      offers.insertWave({ gigId: gig.id, wave, sentAt: now, expiresAt }, first.map(offerRow), tx),
      dispatches.update(gig.id, { state: 'ACTIVE', wave, tier, dueAt, updatedAt: now }, tx),
    ]);
    mark('inserted');
    // The fill that opens a gig's first wave: how long its offers took from the posting is watched.
    const rest: Rest = {
      gigId: gig.id,
      wave,
      tier,
      expiresAt,
      candidates: later,
      sent: sent.length,
      chunk: firstChunk,
      short: false,
      opened: wave !== dispatch.wave,
      opensFirstWave: dispatch.wave === 0 && wave === 1,
    };
    if (later.length > 0)
      return { tell: () => sendOffers(sent, gig, rest.opensFirstWave, mark), rest, sent: sent.length };
    const tell = () => {
      sendOffers(sent, gig, rest.opensFirstWave, mark);
      waveNews(gig, rest, pending + sent.length);
    };
    return { tell, rest: null, sent: sent.length };
  }

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
      if (skills && skills.length > 0) {
        if (ahead.size >= AHEAD_MAX) ahead.clear();
        ahead.set(gig.id, {
          startsAt: gig.startsAt.getTime(),
          // The posting never waits for it (only the first wave does, after the commit): it reads
          // on the pool, outside the posting's transaction.
          near: outsideTransaction(() => deps.matcher.near({ ...gig, skills: [...skills] })),
        });
      }
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
