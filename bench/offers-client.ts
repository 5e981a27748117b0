// Workers' phones for bench/offers.ts, in a process of their own (several of them for 10k sockets):
// the API's event loop must not also run the clients it is timed on. Each process holds its share
// of socket.io connections, stamps every `offer` event as it arrives, and fires accepts on cue.
// Run through fork(); every command carries an id that its answer repeats.
import { io, type Socket } from 'socket.io-client';
import {
  type AcceptAnswer,
  type ClientCommand,
  type ClientMessage,
  type ClientReply,
  type ClientWorker,
  now,
} from './offers-protocol.js';

type Arrival = { workerId: string; at: number };

const sockets = new Map<string, Socket>();
const tokens = new Map<string, string>();
/** gigId → offerId → when its first `offer` event arrived (a re-sent offer keeps its first time). */
const arrivals = new Map<string, Map<string, Arrival>>();
const duplicates = new Map<string, number>();
let disconnects = 0;
const disconnectReasons: Record<string, number> = {};
let connectedTotal = 0;
let failedTotal = 0;

function onOffer(workerId: string, payload: { offerId?: string; gigId?: string }, ack?: () => void) {
  const at = now();
  if (typeof ack === 'function') ack();
  const { offerId, gigId } = payload ?? {};
  if (typeof offerId !== 'string' || typeof gigId !== 'string') return;
  let ofGig = arrivals.get(gigId);
  if (!ofGig) {
    ofGig = new Map();
    arrivals.set(gigId, ofGig);
  }
  if (ofGig.has(offerId)) duplicates.set(gigId, (duplicates.get(gigId) ?? 0) + 1);
  else ofGig.set(offerId, { workerId, at });
}

function connectOne(url: string, worker: ClientWorker): Promise<void> {
  const socket = io(url, {
    auth: { token: worker.token },
    transports: ['websocket'],
    // A dropped socket stays dropped, and is counted: a reconnect would hide it from the numbers.
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
  socket.on('offer', (payload, ack) => onOffer(worker.id, payload, ack));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      sockets.set(worker.id, socket);
      tokens.set(worker.id, worker.token);
      socket.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return;
        disconnects += 1;
        disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
      });
      resolve();
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

async function connectAll(command: Extract<ClientCommand, { type: 'connect' }>): Promise<ClientReply> {
  const began = now();
  const errors: string[] = [];
  let connected = 0;
  let failed = 0;
  let next = 0;
  const tick = setInterval(() => {
    process.send?.({ progress: { connected: connectedTotal, failed: failedTotal } } satisfies ClientMessage);
  }, 500);
  await Promise.all(
    Array.from({ length: command.concurrency }, async () => {
      for (let i = next++; i < command.workers.length; i = next++) {
        try {
          await connectOne(command.url, command.workers[i] as ClientWorker);
          connected += 1;
          connectedTotal += 1;
        } catch (error) {
          failed += 1;
          failedTotal += 1;
          if (errors.length < 5) errors.push((error as Error).message);
        }
      }
    }),
  );
  clearInterval(tick);
  process.send?.({ progress: { connected: connectedTotal, failed: failedTotal } } satisfies ClientMessage);
  return { type: 'connected', connected, failed, errors, ms: now() - began };
}

const ACCEPT_OFFER = 'mutation ($id: ID!) { acceptOffer(offerId: $id) { id } }';

type GraphQLAnswer = {
  data?: { acceptOffer?: { id: string } | null } | null;
  errors?: { extensions?: { code?: string } }[];
};

async function acceptByGraphQL(url: string, token: string, offerId: string): Promise<string | true> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ACCEPT_OFFER, variables: { id: offerId } }),
  });
  const answer = (await response.json()) as GraphQLAnswer;
  if (answer.data?.acceptOffer?.id) return true;
  return answer.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`;
}

function acceptBySocket(socket: Socket, offerId: string, timeoutMs: number): Promise<string | true> {
  return new Promise((resolve) => {
    socket
      .timeout(timeoutMs)
      .emit(
        'offer:accept',
        { offerId },
        (error: Error | null, reply?: { ok: boolean; error?: { code: string } }) => {
          if (error) resolve('NO_ANSWER');
          else if (reply?.ok) resolve(true);
          else resolve(reply?.error?.code ?? 'MALFORMED_REPLY');
        },
      );
  });
}

/** Every offer of the gig this process holds is accepted at `startAt`, all in one turn of the loop. */
async function acceptAll(command: Extract<ClientCommand, { type: 'accept' }>): Promise<ClientReply> {
  const offers = [...(arrivals.get(command.gigId) ?? new Map<string, Arrival>()).entries()];
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, command.startAt - now())));
  const answers: AcceptAnswer[] = [];
  let unanswered = 0;
  const pending = offers.map(([offerId, { workerId }]) => {
    const sentAt = now();
    const socket = sockets.get(workerId);
    const token = tokens.get(workerId) ?? '';
    const attempt =
      command.via === 'socket' && socket
        ? acceptBySocket(socket, offerId, command.timeoutMs)
        : acceptByGraphQL(command.url, token, offerId);
    return attempt.then(
      (result) => {
        const answeredAt = now();
        if (result === 'NO_ANSWER') unanswered += 1;
        else answers.push({ sentAt, answeredAt, ok: result === true, code: result === true ? 'OK' : result });
      },
      (error: unknown) => {
        answers.push({
          sentAt,
          answeredAt: now(),
          ok: false,
          code: `CLIENT_ERROR ${(error as Error).message}`,
        });
      },
    );
  });
  await Promise.all(pending);
  return { type: 'accepted', answers, unanswered, offers: offers.length };
}

async function handle(command: ClientCommand): Promise<ClientReply> {
  switch (command.type) {
    case 'clock':
      return { type: 'clock', now: now() };
    case 'connect':
      return connectAll(command);
    case 'count':
      return { type: 'count', received: arrivals.get(command.gigId)?.size ?? 0 };
    case 'arrivals':
      return {
        type: 'arrivals',
        at: [...(arrivals.get(command.gigId)?.values() ?? [])].map((a) => a.at),
        duplicates: duplicates.get(command.gigId) ?? 0,
      };
    case 'accept':
      return acceptAll(command);
    case 'status':
      return {
        type: 'status',
        sockets: [...sockets.values()].filter((s) => s.connected).length,
        disconnects,
        disconnectReasons,
      };
  }
}

process.on('message', (message: { id: number; command: ClientCommand }) => {
  handle(message.command).then(
    (reply) => process.send?.({ id: message.id, reply } satisfies ClientMessage),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        reply: { type: 'error', error: (error as Error).stack ?? String(error) },
      } satisfies ClientMessage),
  );
});

// The bench closes the channel when it is done (or dies): no client outlives it.
process.on('disconnect', () => {
  for (const socket of sockets.values()) socket.close();
  process.exit(0);
});
