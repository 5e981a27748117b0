import { setImmediate } from 'node:timers/promises';
import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import type { OfferTier } from '../../db/schema/index.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { DispatchRepository } from './dispatch.repository.js';
import { hireStart, type OfferSettings, type Tell } from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { CandidateMatch } from './matching.js';
import type { Notices } from './notices.js';
import type { OfferRecord, OffersRepository, WaveRow } from './offers.repository.js';
import { type Mark, markNothing } from './wave-timing.js';

/**
 * How many of a wave's best go out in its first transaction, unless OFFER_FIRST_CHUNK says: a
 * wave of bench:offers's 1,000 in one, which had the lower p99 in paired runs against 100 (see
 * bench/RESULTS.md); the chunks below matter for larger waves, or with a smaller setting.
 */
export const FIRST_CHUNK = 1000;
/**
 * Each later chunk of a wave is this many times the one before (100, 200, 400, 300 of 1,000): a
 * chunk's insert runs in PostgreSQL while the chunk before it is sent, and the larger chunk's
 * insert takes about as long as the smaller one's send loop.
 */
export const CHUNK_GROWTH = 2;

export type WaveSettings = OfferSettings & {
  /** The best this many of a wave are inserted and sent in their own transaction, then the rest. */
  firstChunk?: number;
  /** Timing marks of each wave's steps in the log (OFFER_WAVE_TIMING; for bench:offers). */
  waveTiming?: boolean;
};

/** What a wave's first transaction leaves to the next: the rest of the wave, matched and ranked. */
export type Rest = {
  gigId: string;
  wave: number;
  tier: OfferTier | null;
  /** The wave's expiry: the rest expires with its first chunk. */
  expiresAt: Date;
  candidates: CandidateMatch[];
  /** Offers of this wave sent so far. */
  sent: number;
  /** The size of the chunk before: the next takes up to CHUNK_GROWTH times as many candidates. */
  chunk: number;
  /** An earlier chunk left out someone taken meanwhile: the wave ends short, due at once. */
  short: boolean;
  /** The wave is new (the employer hears of it even if it sent nothing). */
  opened: boolean;
  opensFirstWave: boolean;
};

/** One transaction of a fill: what to tell once it commits, and the rest of its wave, if any. */
export type Step = { tell: Tell; rest: Rest | null; sent?: number };

export const offerRow = (c: CandidateMatch): WaveRow => ({
  workerId: c.workerId,
  tier: c.tier,
  distanceKm: c.ownDistanceKm,
  score: c.rankScore,
  shownDistanceKm: c.distanceKm,
  shownScore: c.score,
});

/**
 * What the two transactions of a wave share (waves.ts): pushing a chunk's offers once it has
 * committed, the employer's news of the wave, and the transaction of the wave's rest.
 */
export function createWaveRest(deps: {
  offers: Pick<OffersRepository, 'waveState' | 'insertRest'>;
  dispatch: Pick<DispatchRepository, 'lock' | 'update'>;
  gigs: Pick<GigsRepository, 'lockShared'>;
  clock: Clock;
  notices: Notices;
  admission: { rememberSent(offer: OfferRecord): void };
  settings: Pick<OfferSettings, 'backfillMinMinutes'>;
  metrics: HiringMetrics;
  offersSent?: (offers: readonly OfferRecord[], gig: GigRecord) => void;
  /** The last moment offers of this gig are worth sending. */
  offerCutoff: (gig: GigRecord) => Date;
}) {
  const { offers, dispatch: dispatches, clock, notices, settings, metrics, offerCutoff } = deps;

  /** A wave's offers, once committed: pushed first, then this node's memory of them and the metrics. */
  function sendOffers(
    sent: readonly OfferRecord[],
    gig: GigRecord,
    opensFirstWave: boolean,
    mark: Mark = markNothing,
  ): void {
    if (sent.length === 0) return;
    // One loop over one payload of the gig; nothing can answer an offer before this turn ends.
    notices.offers(sent, gig);
    mark('pushed');
    for (const offer of sent) deps.admission.rememberSent(offer);
    if (opensFirstWave) {
      const seconds = (clock.now().getTime() - gig.createdAt.getTime()) / 1000;
      for (let i = 0; i < sent.length; i++) metrics.postToOffer(seconds);
    }
    metrics.offers('sent', sent.length);
    deps.offersSent?.(sent, gig);
  }

  /** The employer hears of a wave once, when all of it is out. */
  function waveNews(gig: GigRecord, rest: Omit<Rest, 'candidates' | 'expiresAt'>, pending: number): void {
    if (rest.sent > 0 || rest.opened) {
      notices.employer(gig, { offers: 'SENT', wave: rest.wave, tier: rest.tier, sent: rest.sent, pending });
    }
  }

  /**
   * The next chunk of a wave, in the transaction after the chunk before's: the dispatch row, the
   * gig and its offers read again in one round trip (a decline, a fill or another node's sweep may
   * have come between), then as many of the chunk's ranked candidates as the seats still want,
   * less any worker who was offered the gig or hired into an overlapping one meanwhile. The chunk
   * before is pushed (`before`) once this chunk's insert is on its way, so the database writes
   * while this node sends. Each chunk takes up to CHUNK_GROWTH times the one before; while
   * candidates are left, the timer stays due at once (set so by the first chunk), and the chunk
   * returns the rest, so the same workers go out in the same order as one insert would send them.
   */
  async function fillRest(rest: Rest, tx: Executor, before: Tell, mark: Mark): Promise<Step> {
    const now = clock.now();
    const [dispatch, gig, state] = await Promise.all([
      dispatches.lock(rest.gigId, tx),
      deps.gigs.lockShared(rest.gigId, tx),
      offers.waveState(rest.gigId, now, tx),
    ]);
    mark(`locked+${rest.sent}`);
    const quiet = (): Step => {
      before();
      return { tell: () => (gig ? waveNews(gig, rest, state.pending) : undefined), rest: null };
    };
    // Another fill took the gig on (its own rest is its own), or the dispatch ended: done here.
    if (
      !dispatch ||
      !gig ||
      dispatch.state !== 'ACTIVE' ||
      dispatch.wave !== rest.wave ||
      dispatch.tier !== rest.tier
    ) {
      return quiet();
    }
    const startsAt = hireStart(gig, now, dispatch.backfill, settings.backfillMinMinutes);
    const seats = gig.headcount - gig.filled;
    // Filled, closed or started since the first chunk: the timer, due now, lets the sweep settle it.
    if ((gig.status !== 'OPEN' && gig.status !== 'IN_PROGRESS') || seats <= 0 || !startsAt) return quiet();
    const need = seats * dispatch.fanOut - state.pending;
    if (need <= 0) return quiet();
    const size = rest.chunk * CHUNK_GROWTH;
    const chunk = rest.candidates.length <= size ? rest.candidates : rest.candidates.slice(0, size);
    const inserting = offers.insertRest(
      { gigId: gig.id, wave: rest.wave, sentAt: now, expiresAt: rest.expiresAt },
      chunk.map(offerRow),
      { limit: need, startsAt, endsAt: gig.endsAt },
      tx,
    );
    const cutoff = offerCutoff(gig);
    const earliest =
      state.earliestExpiry !== null && state.earliestExpiry < rest.expiresAt
        ? state.earliestExpiry
        : rest.expiresAt;
    const dueAtExpiry = earliest < cutoff ? earliest : cutoff;
    // The last chunk sets the timer at the first live offer's expiry in the same round trip as
    // its insert (an update behind it on the connection); set again, to now, if the wave ends short.
    const last = chunk === rest.candidates && !rest.short;
    const timed = last
      ? dispatches.update(gig.id, { state: 'ACTIVE', dueAt: dueAtExpiry, updatedAt: now }, tx)
      : null;
    // Once the insert is written to the connection (postgres.js sends it by the next turn), the
    // chunk before goes out while the database works.
    await setImmediate();
    before();
    mark(`sent-before+${rest.sent}`);
    const [sent] = await Promise.all([inserting, timed]);
    mark(`inserted+${rest.sent}`);
    // Someone of this chunk was taken meanwhile (or a first chunk's offer declined, leaving the
    // seats wanting more than is ranked): the wave ends short.
    const short = rest.short || sent.length < Math.min(need, chunk.length);
    const left = chunk === rest.candidates ? [] : rest.candidates.slice(size);
    if (left.length > 0 && sent.length < need) {
      // More of the wave to come: the timer stays due at once (the first chunk set it), so if
      // this node stops before the rest, any node's sweep matches afresh.
      const next: Rest = { ...rest, candidates: left, sent: rest.sent + sent.length, chunk: size, short };
      return { tell: () => sendOffers(sent, gig, rest.opensFirstWave), rest: next, sent: sent.length };
    }
    // Short of what the seats want (workers taken meanwhile, or a first chunk declined): due now,
    // so the sweep matches afresh; else at the first live offer's expiry.
    const dueAt = short || (state.earliestExpiry === null && sent.length === 0) ? now : dueAtExpiry;
    if (!timed || dueAt !== dueAtExpiry) {
      await dispatches.update(gig.id, { state: 'ACTIVE', dueAt, updatedAt: now }, tx);
    }
    const tell = () => {
      sendOffers(sent, gig, rest.opensFirstWave);
      waveNews(gig, { ...rest, sent: rest.sent + sent.length }, state.pending + sent.length);
    };
    return { tell, rest: null, sent: sent.length };
  }

  return { sendOffers, waveNews, fillRest };
}
