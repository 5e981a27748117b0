import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import type { OfferTier } from '../../db/schema/index.js';
import { outsideTransaction } from '../../db/tx-guard.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
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
import type { Mark } from './wave-timing.js';
import { exhaustedRecheckMs } from './waves-recheck.js';

/** What a refill reads with the dispatch row's lock, in the same round trip (refill). */
export type GigRead = {
  now: Date;
  gig: GigRecord;
  skills: string[];
  state: { pending: number; earliestExpiry: Date | null; offered: number };
};

/** At most this many posted gigs' first-wave Meilisearch answers are held (see `ahead`). */
const AHEAD_MAX = 1_000;

/**
 * The fill of one transaction of a wave (waves.ts runs it): matches and ranks a gig's candidates
 * with its dispatch row held, inserts the first chunk and sets the timer; the rest of the wave is
 * wave-rest.ts's. Also holds the first waves' Meilisearch answers asked ahead of their posting's commit.
 */
export function createWaveFill(deps: {
  db: Database;
  offers: OffersRepository;
  dispatch: DispatchRepository;
  gigs: Pick<GigsRepository, 'lockShared' | 'skillsOf'>;
  matcher: Matcher;
  clock: Clock;
  notices: Notices;
  admission: { rememberSent(offer: OfferRecord): void };
  settings: WaveSettings;
  metrics: HiringMetrics;
  offersSent?: (offers: readonly OfferRecord[], gig: GigRecord) => void;
}) {
  const { db, offers, dispatch: dispatches, clock, notices, settings } = deps;
  const firstChunk = Math.max(1, settings.firstChunk ?? FIRST_CHUNK);
  const { sendOffers, waveNews, fillRest } = createWaveRest({
    ...deps,
    offerCutoff: (gig) => offerCutoff(gig),
  });
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
   * Asks Meilisearch for a just-posted gig's near workers now, beside the rest of its posting and
   * its commit; the gig's first fill on this node uses the answer. The posting never waits for it
   * (only the first wave does, after the commit): it reads on the pool, outside the posting's transaction.
   */
  function askAhead(gig: GigRecord, skills: readonly string[]): void {
    if (ahead.size >= AHEAD_MAX) ahead.clear();
    ahead.set(gig.id, {
      startsAt: gig.startsAt.getTime(),
      near: outsideTransaction(() => deps.matcher.near({ ...gig, skills: [...skills] })),
    });
  }

  return { fill, fillRest, askAhead, skillsOf };
}
