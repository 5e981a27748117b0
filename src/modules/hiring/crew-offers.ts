import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { AppError, badInput, createProblems, ErrorCode, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { distanceKm, roundKm } from '../gigs/distance.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import { notQualified } from '../workers/certificates.service.js';
import { shownDistanceKm } from '../workers/coarse-location.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { CrewsService } from './crews.service.js';
import type { EngagementRecord, EngagementsRepository } from './engagements.repository.js';
import {
  gigStatusWord,
  type HireStep,
  hireRefused,
  isBackfill,
  type OfferSettings,
  type Shortfalls,
} from './hire.js';
import type { HiringMetrics } from './hiring.metrics.js';
import type { Notices } from './notices.js';
import type { ClosedOffer, OfferRecord, OffersRepository } from './offers.repository.js';
import type { Waves } from './waves.js';

/**
 * Offers to a crew (劳务班组): one offer, to its leader, who accepts it for the members who will
 * go; each member gets a hire of their own, all in one transaction or none.
 */
export function createCrewOffers(deps: {
  db: Database;
  offers: OffersRepository;
  engagements: EngagementsRepository;
  gigs: Pick<GigsRepository, 'lock'>;
  workers: Pick<WorkersRepository, 'byIds' | 'suspended' | 'availabilityOf' | 'erased'>;
  crews: Pick<CrewsService, 'crew' | 'membersOf'>;
  hire: HireStep;
  shortfalls: Shortfalls;
  waves: Pick<Waves, 'releaseOverlapping'>;
  clock: Clock;
  notify: Notify;
  notices: Notices;
  metrics: HiringMetrics;
  settings: Pick<OfferSettings, 'ttlSeconds'>;
  boards: (gigIds: readonly string[]) => void;
  /** The side of the grid cells a worker's home is known by to others (LOCATION_CELL_KM). */
  cellKm: number;
}) {
  const { db, offers, clock, notices, metrics, hire, settings } = deps;

  return {
    /** The employer offers its gig to a whole crew: one offer, to the leader. */
    async offerToCrew(employerId: string, gigId: string, crewId: string): Promise<OfferRecord> {
      const gig = await hire.ownGig(employerId, gigId);
      const now = clock.now();
      if (gig.status !== 'OPEN' || gig.startsAt <= now) {
        throw badInput('gigId', text('hiring:crewOfferGigClosed', { status: gigStatusWord(gig.status) }));
      }
      const crew = await deps.crews.crew(crewId);
      const [leader] = await deps.workers.byIds([crew.leaderWorkerId]);
      if (!leader) throw notFound('worker', crew.leaderWorkerId);
      // A gig in a special-operation trade (or asking for a level) goes only to a crew with
      // someone who may take it; who goes is checked again when the leader accepts.
      const [members = []] = await deps.crews.membersOf([crewId], 'MEMBER');
      const shortfalls = await deps.shortfalls(gig.id, members);
      const [first] = members;
      const short = first === undefined ? undefined : shortfalls.get(first);
      if (first && short && members.every((id) => shortfalls.has(id))) throw notQualified(first, short);
      try {
        const [offer] = await db.transaction(async (tx) => {
          // Under the leader's hiring key, which their erasure holds from its start: the crew of an
          // erased leader has ended (erasure.repository), and nobody is sent an offer after their
          // erasure, nor during it.
          await deps.engagements.holdWorkers([leader.id], tx);
          if (await deps.workers.erased(leader.id, tx)) throw notFound('crew', crewId);
          return offers.insert(
            [
              {
                gigId,
                workerId: leader.id,
                crewId,
                wave: 1,
                tier: 'CREW',
                // The leader sees their own distance; the employer, the one from the leader's cell.
                distanceKm: roundKm(distanceKm(gig, leader)),
                shownDistanceKm: shownDistanceKm(leader, gig, deps.cellKm),
                sentAt: now,
                expiresAt: new Date(now.getTime() + settings.ttlSeconds * 1000),
              },
            ],
            tx,
          );
        });
        if (!offer) throw new Error('insert into offers returned nothing');
        notices.offer(offer, gig);
        metrics.offers('sent');
        return offer;
      } catch (error) {
        if (uniqueViolation(error) === 'offers_one_per_crew') {
          throw badInput('crewId', text('hiring:crewAlreadyOffered'));
        }
        throw error;
      }
    },

    /**
     * The leader takes a crew offer for the members named: each gets a hire of their own, all in
     * one transaction, or none if a seat is missing or a member is booked at that time.
     */
    async acceptCrewOffer(
      leaderWorkerId: string,
      offerId: string,
      memberIds: string[],
    ): Promise<EngagementRecord[]> {
      const offer = await offers.byId(offerId);
      if (!offer || offer.workerId !== leaderWorkerId || !offer.crewId)
        throw notFound('crewOfferOfYours', offerId);
      const crewId = offer.crewId;
      // A repeat of a crew accept that went through answers its hires without queueing on the gig.
      if (offer.status === 'ACCEPTED') {
        const already = await deps.engagements.ofCrewOnGig(crewId, offer.gigId);
        if (already.length > 0) return already;
      }
      const going = [...new Set(memberIds)];
      if (going.length === 0) throw badInput('memberIds', text('hiring:crewNameSomeone'));
      const parties = await hire.partiesOf(offer.gigId, going);
      let outcome: {
        engagements: EngagementRecord[];
        gig: GigRecord;
        withdrawn: ClosedOffer[];
        fresh: boolean;
      };
      try {
        outcome = await db.transaction(async (tx) => {
          const now = clock.now();
          // The hiring keys of the leader and the members named before any row: an erasure of one
          // of them holds theirs from its start (the offer withdrawn, a member gone from the crew).
          await deps.engagements.holdWorkers([leaderWorkerId, ...going], tx);
          let gig = await deps.gigs.lock(offer.gigId, tx);
          const current = await offers.lock(offerId, tx);
          if (!gig || !current) throw notFound('crewOfferOfYours', offerId);
          if (current.status === 'ACCEPTED') {
            const already = await deps.engagements.ofCrewOnGig(crewId, gig.id, tx);
            return { engagements: already, gig, withdrawn: [], fresh: false };
          }
          hire.assertAcceptable(current, gig, now);
          // On this transaction's connection: one waiting for a second connection while holding
          // the gig's lock starved the pool when a leader's repeats queued on that lock.
          const [members = []] = await deps.crews.membersOf([crewId], 'MEMBER', tx);
          // Every member named who is not in the crew, in one answer.
          const problems = createProblems();
          for (const outsider of going.filter((id) => !members.includes(id)))
            problems.add('memberIds', text('hiring:crewOutsider', { workerId: outsider }));
          // A member the bureau suspended takes no gig, and the leader takes none for them.
          const suspended = await deps.workers.suspended(going, tx);
          for (const workerId of suspended)
            problems.add(
              'memberIds',
              text('hiring:crewMemberSuspended', { name: parties.workers.get(workerId)?.name ?? workerId }),
            );
          problems.throwIfAny();
          const shortfalls = await deps.shortfalls(gig.id, going, tx);
          for (const [workerId, shortfall] of shortfalls) throw notQualified(workerId, shortfall);
          const seatsLeft = gig.headcount - gig.filled;
          if (going.length > seatsLeft) {
            throw new AppError(ErrorCode.GIG_FILLED, text('hiring:crewTooMany', { seatsLeft }), {
              seatsLeft,
            });
          }
          // Free means what the member said of their own time (setAvailability) as well as not
          // booked: a whole window of theirs covers the hire, as matching asks of an instant offer.
          // A leader cannot sign someone up for a day they never said they would work.
          const from = hire.hireStart(gig, now, isBackfill(current, gig)) ?? gig.startsAt;
          const to = gig.endsAt;
          const windows = await deps.workers.availabilityOf(going, tx);
          for (const workerId of going) {
            const free = windows.some((w) => w.workerId === workerId && w.startsAt <= from && w.endsAt >= to);
            if (!free) {
              throw new AppError(
                ErrorCode.SCHEDULE_CONFLICT,
                text('hiring:crewMemberNotFree', { name: parties.workers.get(workerId)?.name ?? workerId }),
                { workerId },
              );
            }
          }
          const engagements: EngagementRecord[] = [];
          for (const workerId of going) {
            if (await deps.engagements.hasOverlap(workerId, gig, tx)) {
              throw new AppError(
                ErrorCode.SCHEDULE_CONFLICT,
                text('hiring:crewMemberBooked', { name: parties.workers.get(workerId)?.name ?? workerId }),
                { workerId },
              );
            }
            const hired = await hire.hire(
              gig,
              workerId,
              { ...parties, shortfalls, suspended },
              {
                crewId,
                backfill: isBackfill(current, gig),
              },
              tx,
            );
            engagements.push(hired.engagement);
            gig = hired.gig;
          }
          await offers.respond(offerId, 'ACCEPTED', now, null, tx);
          return { engagements, gig, withdrawn: await hire.withdrawIfFilled(gig, offerId, tx), fresh: true };
        });
      } catch (error) {
        hireRefused(error);
      }
      if (outcome.fresh) {
        metrics.offers('accepted');
        metrics.offers('withdrawn', outcome.withdrawn.length);
        for (const closed of outcome.withdrawn) notices.closed(closed);
        notices.employer(outcome.gig, { hiredCrew: crewId, hires: outcome.engagements.length });
        deps.boards([outcome.gig.id]);
        for (const engagement of outcome.engagements) {
          deps.notify(rooms.worker(engagement.workerId), 'engagement:new', {
            engagementId: engagement.id,
            gigId: outcome.gig.id,
          });
          await deps.waves.releaseOverlapping(engagement.workerId, outcome.gig);
        }
      }
      return outcome.engagements;
    },
  };
}
