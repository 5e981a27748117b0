/**
 * A course the worker is enrolled on was called off by its provider (cancelCourse): `reason` is the
 * provider's, `startsOn` the market day it would have started; `message` says it in the worker's
 * language. The worker is also told by SMS.
 */
export type CourseCancelled = {
  courseId: string;
  title: string;
  startsOn: string;
  reason: string;
  message: string;
};

/** What training tells people over socket.io (room: the worker). */
export type TrainingEvents = {
  'course:cancelled': (payload: CourseCancelled) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends TrainingEvents {}
}
