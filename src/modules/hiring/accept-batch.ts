import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { pipelined } from '../../db/pipelined.js';
import { notFound } from '../../errors.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import { notQualified } from '../workers/certificates.service.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { AcceptAnswers, Answer } from './accept-answers.js';
import type { AcceptTiming, BatchTiming } from './accept-timing.js';
import type { AcceptItem, Admission } from './accepts.js';
import type { Settled } from './admission.js';
import type { EngagementRecord, EngagementsRepository } from './engagements.repository.js';
import type { GigFactsCache } from './gig-facts.js';
import {
  crewOffer,
  type HireStep,
  hireRefused,
  isBackfill,
  type Parties,
  type Shortfalls,
  workerSuspended,
} from './hire.js';
import type { OfferRecord, OffersRepository } from './offers.repository.js';

/** What a decided batch hands back: each open accept's answer (or its twin's), the hires, the fill. */
type Outcome = {
  decided: Map<number, Settled<EngagementRecord> | { twinOf: number }>;
  hires: { engagement: EngagementRecord; gig: GigRecord }[];
  /** When the batch filled the gig: its offers still pending, and when its writes were done. */
  filled: { pending: string[]; sealedAt: number } | null;
};

/**
 * The batch decision: accepts of one gig that queued together (admission.ts), in arrival order,
 * decided in one transaction, first accept wins.
 */
export function createAcceptBatch(deps: {
  db: Database;
  offers: Pick<OffersRepository, 'lockMany' | 'respond' | 'pendingIdsOfGig'>;
  engagements: Pick<EngagementsRepository, 'byOffer' | 'holdWorkers'>;
  gigs: Pick<GigsRepository, 'lock'>;
  workers: Pick<WorkersRepository, 'byIds' | 'goneAmong'>;
  employers: Pick<EmployersRepository, 'ofGig'>;
  hire: Pick<HireStep, 'hireAll'>;
  shortfalls: Shortfalls;
  admission: Pick<Admission, 'knownFull'>;
  answers: AcceptAnswers;
  facts: Pick<GigFactsCache, 'of'>;
  clock: Clock;
  /** After a batch's hires commit: the employer, the boards, the gig's other offers (accepts.ts). */
  accepted: (hires: Outcome['hires'], filled: Outcome['filled']) => void;
  /** Timing marks of each batch (ACCEPT_TIMING). */
  timing?: AcceptTiming;
}) {
  const { db, offers, engagements, clock, hire, admission } = deps;
  const { assertAcceptable, prechecked, answerWinners } = deps.answers;

  /**
   * Accepts of one gig that queued together (admission.ts), in arrival order, decided in one
   * transaction: the gig and the offers locked once, the seats left given to the first
   * acceptable ones, their hires sent together. Should the database refuse a hire (a worker
   * booked elsewhere meanwhile), nothing of the batch is kept and each accept runs again in a
   * batch of its own, so each gets its own answer.
   */
  async function acceptBatch(gigId: string, take: () => AcceptItem[]): Promise<Settled<EngagementRecord>[]> {
    let items: AcceptItem[] = [];
    const timing = deps.timing?.start();
    try {
      const answers = await acceptTogether(
        gigId,
        () => {
          items = take();
          return items;
        },
        timing,
      );
      timing?.mark('returned');
      // Admission resolves the answers in this turn and the sockets' acks are written from the
      // promise callbacks it runs: by the next turn of the event loop they are out.
      if (timing)
        setImmediate(() => {
          timing.mark('answered');
          timing.done(
            items.map((item) => item.arrival),
            gigId,
          );
        });
      return answers;
    } catch (error) {
      // Nothing taken (the transaction did not open): admission answers the waiting with this.
      if (items.length === 0) throw error;
      if (items.length === 1) {
        try {
          hireRefused(error);
        } catch (refused) {
          return [{ ok: false, error: refused }];
        }
      }
      // Nothing of the batch was kept (a refused hire, or anything else): one by one, in order.
      const answers: Settled<EngagementRecord>[] = [];
      for (const item of items) answers.push(...(await acceptBatch(gigId, () => [item])));
      return answers;
    }
  }

  async function acceptTogether(
    gigId: string,
    take: () => AcceptItem[],
    timing?: BatchTiming,
  ): Promise<Settled<EngagementRecord>[]> {
    let items: AcceptItem[] | undefined;
    let answers: Answer[] = [];
    // A gig this node saw fill: its accepts are answered from memory, with no transaction to open.
    if (admission.knownFull(gigId)) {
      items = take();
      timing?.mark('taken');
      answers = await prechecked(gigId, items);
      if (answers.every((answer) => answer !== undefined)) return answerWinners(gigId, items, answers);
    }
    // Read before the transaction, so nothing waits for it while holding the gig's lock; kept per
    // gig for the crowd (gig-facts.ts), so a crowd's batches after the first read nothing here.
    const { tree, minimumHourlyFen, accidentCover } = await deps.facts.of(gigId);
    timing?.mark('facts');
    // When the event loop next reaches its check phase: how long the turn reading the crowd is.
    if (timing) setImmediate(() => timing.mark('turn'));
    let open: { item: AcceptItem; i: number }[] = [];
    const outcome = await db.transaction(async (tx): Promise<Outcome> => {
      timing?.mark('begun');
      if (!items) {
        // Taken once the transaction is open: on a crowded node the accepts that arrived while
        // it opened go in this batch, rather than the first of a crowd deciding on its own.
        items = take();
        timing?.mark('taken');
        answers = await prechecked(gigId, items, tx);
      }
      const taken = items;
      open = taken.flatMap((item, i) => (answers[i] ? [] : [{ item, i }]));
      if (open.length === 0) return { decided: new Map(), hires: [], filled: null };
      const now = clock.now();
      // The locks (the workers' hiring keys, the gig, then offers) and the parties a hire binds,
      // in one round trip. The keys before any row, as the erasure takes them (privacy.service.ts):
      // an accept racing a worker's erasure is decided wholly before it (its hire called off) or
      // after it (the offer withdrawn), never waiting on the erasure while holding what it needs.
      const workerIds = [...new Set(open.map(({ item }) => item.workerId))];
      const [, gig, locked, workers, gone, employer, shortfalls] = await pipelined([
        engagements.holdWorkers(workerIds, tx),
        deps.gigs.lock(gigId, tx),
        offers.lockMany([...new Set(open.map(({ item }) => item.offerId))], tx),
        deps.workers.byIds(workerIds, tx),
        // A wave that read a worker as a candidate before their erasure committed may have written
        // their offer after it (docs/security.md, "Erasure"): nobody is hired once erased. Nor
        // while suspended: an offer pending when the admin suspended them is refused, not taken.
        deps.workers.goneAmong(workerIds, tx),
        deps.employers.ofGig(gigId, tx),
        deps.shortfalls(gigId, workerIds, tx),
      ] as const);
      timing?.mark('locked');
      if (!gig || !employer) throw notFound('gig', gigId);
      const parties: Parties = {
        gig,
        workers: new Map(workers.map((w) => [w.id, w])),
        employer,
        tree,
        minimumHourlyFen,
        accidentCover,
        shortfalls,
        suspended: gone.suspended,
      };
      const offersById = new Map(locked.map((offer) => [offer.id, offer]));
      const decided: Outcome['decided'] = new Map();
      const winners: { i: number; item: AcceptItem; offer: OfferRecord }[] = [];
      const winnerOf = new Map<string, number>();
      for (const { item, i } of open) {
        const offer = offersById.get(item.offerId);
        const twin = winnerOf.get(item.offerId);
        try {
          if (!offer || offer.workerId !== item.workerId || gone.erased.has(item.workerId))
            throw notFound('offerOfYours', item.offerId);
          if (offer.crewId) throw crewOffer();
          if (twin !== undefined) {
            decided.set(i, { twinOf: twin }); // the same accept sent twice: the same hire
            continue;
          }
          if (offer.status === 'ACCEPTED') {
            const existing = await engagements.byOffer(offer.id, tx);
            if (existing) {
              decided.set(i, { ok: true, value: existing });
              continue;
            }
          }
          // A hire made before the suspension stands (above); none is made while it lasts.
          if (gone.suspended.has(item.workerId)) throw workerSuspended({ offerId: item.offerId });
          await assertAcceptable(offer, { ...gig, filled: gig.filled + winners.length }, now, tx);
          // One worker's expired certificate refuses that worker, not the batch.
          const shortfall = shortfalls.get(item.workerId);
          if (shortfall) throw notQualified(item.workerId, shortfall);
          winnerOf.set(offer.id, i);
          winners.push({ i, item, offer });
        } catch (error) {
          decided.set(i, { ok: false, error });
        }
      }
      const hiring = hire.hireAll(
        gig,
        parties,
        winners.map(({ item, offer }) => ({
          workerId: item.workerId,
          source: { offerId: offer.id, actedBy: item.actedBy, backfill: isBackfill(offer, gig) },
        })),
        tx,
      );
      const answering = Promise.all(
        winners.map(({ item, offer }) => offers.respond(offer.id, 'ACCEPTED', now, item.actedBy, tx)),
      );
      // When the winners fill the gig, its offers still pending are read in the same round trip
      // (the winners' offers are answered by then): none holds a hire, and they are withdrawn
      // after the commit (accepts.ts), so the crowd's answers do not wait for those writes.
      const fills = winners.length > 0 && gig.filled + winners.length >= gig.headcount;
      const pending = fills ? offers.pendingIdsOfGig(gig.id, tx) : Promise.resolve(null);
      if (timing) {
        timing.mark('sent');
        hiring.then(() => timing.mark('hired')).catch(() => {});
      }
      const [hires, , pendingIds] = await pipelined([hiring, answering, pending] as const);
      timing?.mark('seats');
      hires.forEach(({ engagement }, k) => {
        const winner = winners[k];
        if (winner) decided.set(winner.i, { ok: true, value: engagement });
      });
      // Before the callback returns, so before its COMMIT is sent: accepts under way by now were
      // so before the commit (admission.withdrawnAtFill).
      const filled = pendingIds ? { pending: pendingIds, sealedAt: performance.now() } : null;
      return { decided, hires, filled };
    });
    timing?.mark('committed');
    if (outcome.hires.length > 0) deps.accepted(outcome.hires, outcome.filled);
    timing?.mark('followed');
    for (const { i } of open) {
      const answer = outcome.decided.get(i);
      answers[i] =
        answer && 'twinOf' in answer
          ? (outcome.decided.get(answer.twinOf) as Settled<EngagementRecord>)
          : answer;
    }
    return answerWinners(gigId, items ?? [], answers);
  }

  return acceptBatch;
}
