import type { WarningLevel } from '../../db/schema/index.js';

/** A county's reading as the admins' room is told it: the level, the one before, and the indicators behind it. */
export type WarningChange = {
  regionCode: string;
  regionName: string;
  day: string;
  level: WarningLevel;
  previousLevel: WarningLevel;
  reasons: string[];
  indicators: {
    seekers: number;
    openSeats: number;
    seekersPerSeat: number;
    postings: number;
    postingsBefore: number;
    hires: number;
    hiresBefore: number;
    unmatched7d: number;
    massCancellations: number;
    massCancelEmployerId: string | null;
  };
  /** When it was computed, +08:00. */
  computedAt: string;
};

/** What the early warning tells the admins' room over socket.io: a county's level changed. */
export type WarningsEvents = {
  'warning:changed': (payload: WarningChange) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends WarningsEvents {}
}
