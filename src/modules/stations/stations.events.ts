/** A gig as a station's kiosk board shows it, seen from that station. */
export type BoardCard = {
  id: string;
  title: string;
  payFen: number;
  payUnit: string;
  hourlyFen: number;
  startsAt: string;
  endsAt: string;
  address: string;
  regionCode: string;
  headcount: number;
  filled: number;
  placesLeft: number;
  olderFriendly: boolean;
  publicWelfare: boolean;
  instant: boolean;
  skills: string[];
  distanceKm: number;
};

/**
 * What a station's board is told over socket.io (room: the station): a gig within its radius that
 * is open and not started is upserted; one that no longer is, removed.
 */
export type StationsEvents = {
  'board:upsert': (payload: { gig: BoardCard }) => void;
  'board:remove': (payload: { gigId: string }) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends StationsEvents {}
}
