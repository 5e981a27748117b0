/**
 * A worker took a seat on one of the provider's courses (room: the provider's account). `enrolled`
 * and `seats` are the course's counts after the seat was taken; `enrolledAt` is +08:00.
 */
export type CourseEnrolled = {
  courseId: string;
  enrolmentId: string;
  workerId: string;
  enrolled: number;
  seats: number;
  enrolledAt: string;
};

/**
 * The provider recorded the worker's result on a course (room: the worker). A pass on a course that
 * issues a certificate carries its number and, for a 职业技能等级证书, the level it certifies (1–5);
 * a 特种作业操作证 carries its last valid day. `recordedAt` is +08:00; `message` is in the worker's
 * language, as the SMS says it.
 */
export type CourseResult = {
  enrolmentId: string;
  courseId: string;
  courseTitle: string;
  passed: boolean;
  score: number;
  certificateNumber: string | null;
  level: number | null;
  expiresOn: string | null;
  recordedAt: string;
  message: string;
};

/** What enrolments and results tell people over socket.io. */
export type EnrolmentsEvents = {
  'course:enrolled': (payload: CourseEnrolled) => void;
  'course:result': (payload: CourseResult) => void;
};

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

/** What courses tell people over socket.io (room: the worker). */
export type CoursesEvents = {
  'course:cancelled': (payload: CourseCancelled) => void;
};

declare module '../../realtime/events.js' {
  interface ServerToClientEvents extends EnrolmentsEvents, TrainingOrderEvents, CoursesEvents {}
}
