/**
 * The employer's ordered training (订单培训) is over: its course is COMPLETED and `graduates`
 * learners who passed are on the employer's roster, offered its instant gigs first until
 * `priorityUntil` (+08:00).
 */
export type TrainingOrderFulfilled = {
  orderId: string;
  skillCode: string;
  graduates: number;
  priorityUntil: string;
  message: string;
};

/** What ordered training tells people over socket.io (room: the employer). */
export type TrainingOrderEvents = {
  'trainingOrder:fulfilled': (payload: TrainingOrderFulfilled) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends TrainingOrderEvents {}
}
