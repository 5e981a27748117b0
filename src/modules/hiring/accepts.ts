import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { pipelined } from '../../db/pipelined.js';
import { notFound } from '../../errors.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { createAcceptAnswers } from './accept-answers.js';
import { createAcceptBatch } from './accept-batch.js';
import type { AcceptArrival, AcceptTiming } from './accept-timing.js';
import type { Background } from './background.js';
import { createDecline } from './decline.js';
import type { EngagementRecord, EngagementsRepository } from './engagements.repository.js';
import { createGigFacts } from './gig-facts.js';
import type { HireStep, Shortfalls } from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { Notices } from './notices.js';
import type { OffersRepository } from './offers.repository.js';
import type { Waves } from './waves.js';

/** An accept waiting for its batch; `sent` when this node sent the offer (admission.ts). */
export type AcceptItem = {
  workerId: string;
  offerId: string;
  actedBy: string | null;
  sent: { gigId: string; workerId: string } | undefined;
  /** When it arrived and passed its session check (socket accepts, for ACCEPT_TIMING). */
  arrival?: AcceptArrival;
  /** When acceptOffer took it (performance.now()): it was on its way since (admission.withdrawnAtFill). */
  since: number;
};

/** What accepts need of admission.ts: the queue, and this node's memory of sent offers and full gigs. */
export type Admission = {
  batched(gigId: string, item: AcceptItem): Promise<EngagementRecord>;
  sentOffer(offerId: string): { gigId: string; workerId: string } | undefined;
  knownFull(gigId: string): GigRecord | undefined;
  markFull(gig: GigRecord, pending?: Iterable<string>, sealedAt?: number): void;
  markWithdrawn(gigId: string, offers: Iterable<string>): void;
  withdrawnAtFill(gigId: string, offerId: string, since?: number): boolean;
  afterCrowd(gigId: string, offers: Iterable<string>, run: () => void): Promise<void>;
  forget(offerId: string): void;
};

/**
 * Answers to offers: accepts, batched per gig (admission.ts) and decided together in one
 * transaction (accept-batch.ts), first accept wins; a repeated accept gets the same hire back,
 * never "full" (accept-answers.ts); and declines, whose slot goes to the next candidate at once
 * (decline.ts). What follows a hire (the employer, boards, withdrawn and overlapping offers) is here.
 */
export function createAccepts(deps: {
  db: Database;
  offers: OffersRepository;
  engagements: EngagementsRepository;
  gigs: Pick<GigsRepository, 'byIds' | 'lock'>;
  workers: Pick<WorkersRepository, 'byIds' | 'goneAmong'>;
  employers: Pick<EmployersRepository, 'ofGig'>;
  reference: Pick<ReferenceRepository, 'regionTree'>;
  hire: HireStep;
  shortfalls: Shortfalls;
  waves: Pick<Waves, 'releaseOverlapping' | 'refillQuietly'>;
  admission: Admission;
  clock: Clock;
  notices: Notices;
  background: Background;
  log: FastifyBaseLogger;
  metrics: HiringMetrics;
  /** Kiosk boards near the gigs are told (after commit): places left change with every hire. */
  boards: (gigIds: readonly string[]) => void;
  /** Timing marks of each batch (ACCEPT_TIMING). */
  timing?: AcceptTiming;
}) {
  const { offers, notices, metrics, admission } = deps;

  /** Work after a hire that its caller need not wait for; logged if it fails, awaited by drain(). */
  function track(work: Promise<unknown>): void {
    deps.background.add(
      work.catch((error: unknown) => {
        deps.log.error({ err: error }, 'follow-up of a hire failed');
      }),
    );
  }

  /**
   * After accepts of one gig commit: the employer's screen, boards, the gig's other offers
   * withdrawn when it filled, overlapping ones. `filled`: the offers pending when the batch filled
   * the gig, and when its writes were done (before its COMMIT went out).
   */
  function accepted(
    hires: { engagement: EngagementRecord; gig: GigRecord }[],
    filled: { pending: string[]; sealedAt: number } | null,
  ) {
    const last = hires.reduce((a, b) => (b.gig.filled > a.gig.filled ? b : a));
    metrics.offers('accepted', hires.length);
    if (filled) {
      const gigId = last.gig.id;
      admission.markFull(last.gig, filled.pending, filled.sealedAt);
      // The gig's other offers are withdrawn after the fill's commit, not in its transaction: the
      // crowd's answers (GIG_FILLED, from memory) need not wait for hundreds of rows written.
      // Meanwhile an accept of one is refused by the gig's row (full), as after the withdrawal
      // (should it fail, they expire). A seat freed before the withdrawal keeps them live for it
      // (withdrawAfterFill withdraws only from a gig still full).
      // Their `offer:closed` pushes wait until the crowd has been answered (admission.afterCrowd):
      // each such offer's accept answered here, or no accept arriving for a while. They are mostly
      // of workers whose own accepts are queued here or still on their way, who get their
      // GIG_FILLED answers first.
      if (filled.pending.length > 0) {
        // The gig's row lock first, as every transaction locking several offers of a gig takes
        // it (lock order: gig, then offers): a batch of another node locking its offers meanwhile
        // waits on the gig, or this on it, and neither holds offers the other wants.
        const withdrawing = deps.db
          .transaction(async (tx) => {
            const [, withdrawn] = await pipelined([
              deps.gigs.lock(gigId, tx),
              offers.withdrawAfterFill(gigId, filled.pending, deps.clock.now(), tx),
            ] as const);
            return withdrawn;
          })
          .then((withdrawn) => {
            admission.markWithdrawn(
              gigId,
              withdrawn.map((offer) => offer.id),
            );
            metrics.offers('withdrawn', withdrawn.length);
            return withdrawn;
          });
        const answered = admission.afterCrowd(gigId, filled.pending, () => {});
        track(Promise.all([withdrawing, answered]).then(([withdrawn]) => withdrawn.forEach(notices.closed)));
      }
    }
    for (const { engagement, gig } of [...hires].sort((a, b) => a.gig.filled - b.gig.filled)) {
      if (engagement.offerId) admission.forget(engagement.offerId);
      notices.employer(gig, { hired: engagement.workerId });
      track(deps.waves.releaseOverlapping(engagement.workerId, gig));
    }
    deps.boards([last.gig.id]);
  }

  const facts = createGigFacts({
    gigs: deps.gigs,
    reference: deps.reference,
    hire: deps.hire,
    clock: deps.clock,
  });
  const answers = createAcceptAnswers({ ...deps, offers, admission });
  const acceptBatch = createAcceptBatch({ ...deps, answers, facts, accepted });

  return {
    acceptBatch,
    /** Forgets a gig's facts kept for its crowd of accepts (gig-facts.ts): the gig was cancelled. */
    forgetGig: facts.drop,
    /**
     * Reads a gig's facts ahead of its crowd (after its first wave is out), so the first batch of
     * accepts opens its transaction at once; never rejects (the batch reads them again if need be).
     */
    warm(gigId: string): Promise<void> {
      return facts.of(gigId).then(
        () => undefined,
        (error: unknown) => deps.log.warn({ err: error, gigId }, 'could not read a gig ahead of its accepts'),
      );
    },

    /**
     * First accept wins. Exactly `headcount` hires however many race: accepts queue on this node
     * in arrival order and go to the gig's row lock in batches; a second call for an accepted
     * offer returns the same hire.
     */
    async acceptOffer(
      workerId: string,
      offerId: string,
      actedBy: string | null = null,
      arrival?: AcceptArrival,
    ): Promise<EngagementRecord> {
      const since = performance.now();
      const sent = admission.sentOffer(offerId);
      const gigId = sent?.gigId ?? (await offers.byId(offerId))?.gigId;
      if (!gigId) throw notFound('offerOfYours', offerId);
      // Even on a gig this node saw fill, the accept queues: its batch answers from memory, but
      // checks the refusals against the hires made, so the winner's repeat gets its hire back.
      return admission.batched(gigId, { workerId, offerId, actedBy, sent, arrival, since });
    },

    declineOffer: createDecline(deps),
  };
}

export type Accepts = ReturnType<typeof createAccepts>;
