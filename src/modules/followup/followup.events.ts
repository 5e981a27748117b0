/** One worker a notice names: who, since when on the list, and when the next contact is due. */
export type FollowUpNoticeEntry = {
  workerId: string;
  name: string;
  /** The day they joined the list, +08:00. */
  onListSince: string;
  /** YYYY-MM-DD (Asia/Shanghai); null when the latest contact set no next day. */
  dueOn: string | null;
};

/** What a station's operators are told by one sweep: who joined its list, who turned overdue. */
export type FollowUpNotice = {
  stationId: string;
  stationName: string;
  joined: FollowUpNoticeEntry[];
  overdue: FollowUpNoticeEntry[];
};

/**
 * What the follow-up ledger tells a station's operators over socket.io (their account rooms, not
 * the station's room: a kiosk's public screen is in that one, and these are names of vulnerable
 * people). Each worker at most once per spell without work for each of joining and turning overdue.
 */
export type FollowUpEvents = {
  'followup:notice': (payload: FollowUpNotice) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends FollowUpEvents {}
}
