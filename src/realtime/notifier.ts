import type { ServerEventName, ServerEventPayload } from './events.js';

/**
 * How the domain tells people things as they happen, without knowing socket.io: a room name
 * (from `rooms`), an event name (`domain:verb`) and its payload. Delivery is best effort; what
 * matters is always in the database and readable by query. With `ack`, `onAck` runs when any
 * client in the room acknowledges the event within `timeoutMs`.
 */
export type Notify = <E extends ServerEventName>(
  room: string,
  event: E,
  payload: ServerEventPayload<E>,
  ack?: { timeoutMs: number; onAck: () => void },
) => void;

export const notifyNobody: Notify = () => {};
