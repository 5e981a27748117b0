import { badInput, createProblems, notFound, type Problems, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { AccountViewer } from '../accounts/viewer.js';
import { distanceKm } from '../gigs/distance.js';
import type { EngagementRecord } from '../hiring/hiring.repository.js';
import { MINUTE, type WorkContext, type WorkDeps } from './work.context.js';

/** Check-in opens this long before the start, for workers who arrive early. */
const CHECK_IN_EARLY_MS = 60 * MINUTE;

/**
 * Checking in: by the worker's GPS (inside the geofence on-site; outside it recorded all the same,
 * off-site, for the employer to confirm) or with the worker's code by someone standing with them.
 */
export function createCheckInService(deps: WorkDeps, work: WorkContext) {
  const { repository, settings } = deps;
  const { read, requireSide, change, tellBoth, wrongStatus } = work;

  function checkPoint(problems: Problems, at: { lat: number; lng: number }) {
    if (!Number.isFinite(at.lat) || at.lat < -90 || at.lat > 90)
      problems.add('at.lat', text('work:latRange'));
    if (!Number.isFinite(at.lng) || at.lng < -180 || at.lng > 180)
      problems.add('at.lng', text('work:lngRange'));
  }

  function checkInWindow(engagement: EngagementRecord, now: Date) {
    if (now.getTime() < engagement.startsAt.getTime() - CHECK_IN_EARLY_MS) {
      const opensAt = new Date(engagement.startsAt.getTime() - CHECK_IN_EARLY_MS);
      throw badInput('engagementId', text('work:checkInTooEarly', { opensAt }), { opensAt });
    }
    if (now >= engagement.endsAt) {
      throw badInput('engagementId', text('work:checkInEnded'));
    }
  }

  /**
   * What a check-in that replaces another keeps of the first one (its time, distance and that it
   * was off site), for whoever hears a dispute about the hours; written once, never overwritten.
   */
  function keptFirst(current: EngagementRecord) {
    if (current.firstCheckedInAt || !current.checkedInAt) return {};
    return {
      firstCheckedInAt: current.checkedInAt,
      firstCheckInDistanceM: current.checkInDistanceM,
      firstCheckInOffSite: current.checkInOffSite ?? false,
    };
  }

  return {
    /**
     * The worker checks in with where they are. Inside the geofence it is on-site; outside, it is
     * still recorded, flagged off-site for the employer to confirm: bad GPS never blocks a worker.
     */
    async checkIn(actor: AccountViewer, givenId: string, at: { lat: number; lng: number }) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      checkPoint(problems, at);
      problems.throwIfAny();
      const { gig } = await requireSide(actor, engagementId, 'WORKER');
      return change(engagementId, async (current, now, tx) => {
        const distanceM = Math.round(distanceKm(at, gig) * 1000);
        const offSite = distanceM > settings.geofenceM;
        // Repeating a check-in answers the one recorded, unless it is off site and this one is on
        // site: then the worker has arrived, and the on-site check-in (and its time) replaces it.
        if (current.status === 'CHECKED_IN' && !(current.checkInOffSite && !offSite))
          return { result: current };
        if (current.status !== 'CONFIRMED' && current.status !== 'CHECKED_IN')
          throw wrongStatus(current, 'checkedIn');
        checkInWindow(current, now);
        await deps.requireCover(current, tx);
        const checkedIn = await repository.updateEngagement(
          current.id,
          {
            status: 'CHECKED_IN',
            checkedInAt: now,
            checkInLat: at.lat,
            checkInLng: at.lng,
            checkInDistanceM: distanceM,
            checkInOffSite: offSite,
            checkedInByAccountId: actor.accountId,
            ...keptFirst(current),
          },
          tx,
        );
        return {
          result: checkedIn,
          tell: () => tellBoth(checkedIn, gig.employerId, 'CHECKED_IN', { offSite, distanceM }),
        };
      });
    },

    /** The employer, or an operator of a station near the gig, checks a worker in with their code. */
    async checkInWithCode(actor: AccountViewer, givenId: string, code: string) {
      const problems = createProblems();
      const engagementId = uuidAmong(problems, 'engagementId', givenId);
      if (!/^\d{6}$/.test(code.trim())) problems.add('code', text('work:codeFormat'));
      problems.throwIfAny();
      const { engagement, gig } = await read(engagementId);
      const allowed =
        actor.employerId === gig.employerId ||
        (actor.role === 'STATION_OPERATOR' &&
          ((await deps.operatesNear(actor.accountId, gig)) ||
            (await deps.mayActFor(actor.accountId, engagement.workerId))));
      if (!allowed) throw notFound('hireYouCanCheckIn', engagementId);
      return change(engagementId, async (current, now, tx) => {
        // Someone standing with the worker vouches by code for an off-site GPS check-in, from now.
        if (current.status === 'CHECKED_IN' && !current.checkInOffSite) return { result: current };
        if (current.status !== 'CONFIRMED' && current.status !== 'CHECKED_IN')
          throw wrongStatus(current, 'checkedIn');
        if (!current.checkInCode || current.checkInCode !== code.trim()) {
          throw badInput('code', text('work:codeMismatch'));
        }
        checkInWindow(current, now);
        await deps.requireCover(current, tx);
        const checkedIn = await repository.updateEngagement(
          current.id,
          {
            status: 'CHECKED_IN',
            checkedInAt: now,
            checkInLat: null,
            checkInLng: null,
            checkInDistanceM: null,
            checkInOffSite: false,
            checkedInByAccountId: actor.accountId,
            ...keptFirst(current),
          },
          tx,
        );
        return {
          result: checkedIn,
          tell: () => tellBoth(checkedIn, gig.employerId, 'CHECKED_IN', { byCode: true }),
        };
      });
    },

    /** The employer accepts an off-site check-in (the worker was there; the phone was not). */
    async confirmOffSite(actor: AccountViewer, engagementId: string) {
      const { gig } = await requireSide(actor, engagementId, 'EMPLOYER');
      return change(engagementId, async (current, now, tx) => {
        if (current.status === 'COMPLETED' || current.status === 'NO_SHOW') {
          throw badInput('engagementId', text('work:workOver'), { attendance: current.attendanceStatus });
        }
        if (!current.checkInOffSite) {
          throw badInput('engagementId', text('work:noOffSite'));
        }
        if (current.offSiteConfirmedAt) return { result: current };
        const confirmed = await repository.updateEngagement(current.id, { offSiteConfirmedAt: now }, tx);
        return { result: confirmed, tell: () => tellBoth(confirmed, gig.employerId, 'OFF_SITE_CONFIRMED') };
      });
    },
  };
}
