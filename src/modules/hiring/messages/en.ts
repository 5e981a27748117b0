import type { zhCN } from './zh-CN.js';

/** The `hiring` namespace in English; the same keys as Chinese (a missing one does not compile). */
export const en: Record<keyof typeof zhCN, string> = {
  'gigStatus.OPEN': 'open but already started',
  'gigStatus.FILLED': 'filled',
  'gigStatus.IN_PROGRESS': 'in progress',
  'gigStatus.COMPLETED': 'completed',
  'gigStatus.CANCELLED': 'cancelled',
  'gigStatus.EXPIRED': 'expired',
  'offerStatus.PENDING': 'pending',
  'offerStatus.ACCEPTED': 'accepted',
  'offerStatus.DECLINED': 'declined',
  'offerStatus.EXPIRED': 'expired',
  'offerStatus.WITHDRAWN': 'withdrawn',
  'applicationStatus.APPLIED': 'waiting for an answer',
  'applicationStatus.ACCEPTED': 'accepted',
  'applicationStatus.REJECTED': 'rejected',
  'applicationStatus.WITHDRAWN': 'withdrawn',

  declineExpired: 'This offer has already run out of time.',
  declineNotPending: 'This offer is {status}; there is nothing to decline.',
  offerRanOut:
    'This offer ran out of time at {expiresAt}, before you accepted it. Watch for new offers, or apply to listed gigs.',
  acceptGigClosed: 'This gig is {status} and takes no more hires.',
  acceptOfferDone: 'This offer is {status} and can no longer be accepted.',
  crewOfferNeedsMembers: 'This is an offer to your crew: accept it with acceptCrewOffer, naming who goes.',
  gigFilled: 'Every seat of this gig is taken ({headcount} of {headcount}). Look for another gig nearby.',
  identityLost:
    'This worker’s ID number was verified for another person, so they cannot be hired until verified at a job station with their own ID card.',
  overlapsHire: 'You are already hired for work at that time; you cannot take two gigs that overlap.',
  alreadyHiredHere: 'You are already hired for this gig.',
  sendOfferId: 'Send the id of the offer as offerId.',

  applyClosed: 'This gig is {status} and takes no applications.',
  applyOverlaps: 'You are already hired for work at that time; this gig overlaps it.',
  alreadyApplied: 'You have already applied to this gig; the employer will answer.',
  applicationDecided: 'This application is already decided ({status}).',
  decideGigClosed: 'This gig is {status}; nobody more can be hired.',

  crewName: 'Give the crew a name of {min} to {max} characters, e.g. 韩垓镇焊工班.',
  alreadyInCrew: '{name} is already in this crew.',
  joinNeedsInvite: 'You can join a crew only when its leader has invited you; ask the leader.',
  leaderCannotLeave: 'The leader cannot leave the crew they lead.',
  crewOfferGigClosed: 'This gig is {status}; it takes no more hires.',
  crewAlreadyOffered: 'This crew already has an offer of this gig.',
  crewNameSomeone: 'Name at least one member of the crew who will go.',
  crewOutsider: 'Worker {workerId} is not a member of this crew; only members who joined can go.',
  crewInvitedLeaderOnly:
    'Only the leader sees the workers invited who have not joined: they have not agreed to be in this crew.',
  workerSuspended:
    "This worker's account is suspended by the bureau: while it is, they take no gig, and nobody takes one for them.",
  crewMemberSuspended:
    "{name}'s account is suspended by the bureau: they take no gig, and the leader cannot take one for them.",
  crewTooMany:
    'Only {seatsLeft, plural, one {# seat is} other {# seats are}} left on this gig; name at most {seatsLeft, plural, one {# member} other {# members}}.',
  crewMemberBooked: '{name} is already hired for work at that time; leave them out.',
  crewMemberNotFree:
    '{name} has not said they are free at that time, so the leader cannot take this gig for them; they set their own free time first, or leave them out.',

  nameWalkIn: 'Name the walk-in worker you are helping (workerId).',
  notYourStation: 'You can act only for workers registered at your own station.',

  candidatesFirst: 'Ask for 1 to {max} candidates.',
  rosterOnlyWorked: 'Only a worker who has worked for you can be added to your roster.',

  searchName: 'Name the search in {min} to {max} characters, e.g. 附近焊工.',
  tooManySearches: 'You have {max} saved searches already; delete one first.',
};
