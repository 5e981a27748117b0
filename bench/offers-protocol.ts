// What bench/offers.ts and its forked socket clients (bench/offers-client.ts) say to each other,
// and the clock they share.

/** One clock for every process of the benchmark: wall time, at sub-millisecond resolution. */
export const now = () => performance.timeOrigin + performance.now();

export type Via = 'socket' | 'graphql';

export type ClientWorker = { id: string; token: string };

export type ClientCommand =
  | { type: 'clock' }
  | { type: 'connect'; url: string; workers: ClientWorker[]; concurrency: number }
  | { type: 'count'; gigId: string }
  | { type: 'arrivals'; gigId: string }
  | { type: 'accept'; gigId: string; url: string; via: Via; startAt: number; timeoutMs: number }
  | { type: 'status' };

/** One answer to `offer:accept` or `acceptOffer`, as this phone saw it. */
export type AcceptAnswer = { sentAt: number; answeredAt: number; ok: boolean; code: string };

export type ClientReply =
  | { type: 'clock'; now: number }
  | { type: 'connected'; connected: number; failed: number; errors: string[]; ms: number }
  | { type: 'count'; received: number }
  | { type: 'arrivals'; at: number[]; duplicates: number }
  | { type: 'accepted'; answers: AcceptAnswer[]; unanswered: number; offers: number }
  | { type: 'status'; sockets: number; disconnects: number; disconnectReasons: Record<string, number> }
  | { type: 'error'; error: string };

export type ClientMessage =
  | { id: number; reply: ClientReply }
  | { progress: { connected: number; failed: number } };
