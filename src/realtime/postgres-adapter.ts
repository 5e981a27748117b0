import { PostgresAdapter, type PostgresAdapterOptions } from '@socket.io/postgres-adapter';
import { hasBinary, PubSubClient } from '@socket.io/postgres-adapter/dist/util.js';
import type pg from 'pg';
import {
  Adapter,
  type BroadcastOptions,
  type ClusterAdapterOptions,
  type ClusterMessage,
  type ClusterResponse,
  MessageType,
} from 'socket.io-adapter';

/** Our own message type, beside socket.io-adapter's (1–13): several messages in one NOTIFY. */
const BATCH = 100;

type Published = ClusterMessage | ClusterResponse;
type AckWaiter = { clientCountCallback: (clientCount: number) => void; ack: (...args: unknown[]) => void };
type Batch = { uid: string; nsp: string; type: typeof BATCH; data: { messages: Published[] } };

const TAIL = ']}}';

const isBatch = (message: unknown): message is Batch => (message as { type?: unknown }).type === BATCH;

/** How often waiters for acks from other nodes are swept (a waiter lives its timeout, at most this more). */
const SWEEP_MS = 1_000;

/**
 * When the waiters of emits with acks are forgotten: by generations of SWEEP_MS, one timer for
 * all (unref'd, stopped while nothing waits) instead of one `setTimeout` per emit, which cost
 * a wave of 1,000 offers 1,000 timers to set and 1,000 to fire. No clock is read: a waiter added
 * now goes in the bucket swept `ceil(timeout / SWEEP_MS) + 1` ticks later, which is at least
 * its timeout away, whatever the phase of the current tick.
 */
class AckExpiry {
  private tick = 0;
  private readonly due = new Map<number, string[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly expire: (requestId: string) => void) {}

  add(requestId: string, timeoutMs: number): void {
    const at = this.tick + Math.ceil(Math.max(timeoutMs, 0) / SWEEP_MS) + 1;
    const bucket = this.due.get(at);
    if (bucket) bucket.push(requestId);
    else this.due.set(at, [requestId]);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), SWEEP_MS);
      this.timer.unref();
    }
  }

  /** Forgets every waiter now (the adapter closes). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const bucket of this.due.values()) for (const requestId of bucket) this.expire(requestId);
    this.due.clear();
  }

  private sweep(): void {
    this.tick++;
    const bucket = this.due.get(this.tick);
    if (bucket) {
      this.due.delete(this.tick);
      for (const requestId of bucket) this.expire(requestId);
    }
    if (this.due.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

/**
 * `@socket.io/postgres-adapter` publishing in batches. The stock adapter sends one `NOTIFY` per
 * emit (and its own node hears each back), so a wave of 1,000 offers queued 1,000 queries on the
 * adapter's two connections and cost more CPU than the wave's SQL; and an emit without an ack was
 * delivered even to this node's own sockets only after its NOTIFY had gone round.
 *
 * Here an emit reaches this node's sockets at once, and what the other nodes must hear is
 * collected for one turn of the event loop and published in as few NOTIFYs as fit PostgreSQL's
 * 8000 bytes each (only a single message over that goes through the attachments table, as before:
 * an INSERT, and a SELECT by every other node, measured by bench:adapter as its stalls). Receiving nodes unpack it and handle each
 * message as the stock adapter would, acks included; their answers are batched the same way.
 * A node running the stock adapter ignores a batch (an unknown type), so every node of a
 * deployment runs this one.
 */
class BatchingPostgresAdapter extends PostgresAdapter {
  private outbox: Published[] = [];
  /** Statements sent and not yet answered: while any is, what comes waits and goes with the next. */
  private inFlight = 0;
  private readonly ackWaiters = new Map<string, AckWaiter>();
  private readonly expiry = new AckExpiry((requestId) => this.ackWaiters.delete(requestId));
  private ackRequestsSent = 0;
  private batchHead: string | undefined;

  get ownUid(): string {
    return this.uid;
  }

  /** How every batch this node sends begins: its uid first, so that its own echo is known unread. */
  get head(): string {
    this.batchHead ??= `{"uid":${JSON.stringify(this.uid)},"nsp":${JSON.stringify(this.nsp.name)},"type":${BATCH},"data":{"messages":[`;
    return this.batchHead;
  }

  constructor(
    nsp: unknown,
    opts: ClusterAdapterOptions,
    private readonly pubsub: PubSubClient,
    private readonly sizes: {
      pool: pg.Pool;
      channelPrefix: string;
      payloadThreshold: number;
      errorHandler: (error: Error) => void;
    },
  ) {
    super(nsp, opts, pubsub);
  }

  protected override doPublish(message: ClusterMessage): Promise<string> {
    this.enqueue(message);
    // Nothing uses the offset (no connection state recovery), so nobody need wait for the flush.
    return Promise.resolve('');
  }

  protected override doPublishResponse(_requesterUid: string, response: ClusterResponse): Promise<void> {
    this.enqueue(response);
    return Promise.resolve();
  }

  /**
   * The stock cluster adapter's emit with acks, but with a request id from a counter under this
   * node's uid (the stock one draws 8 random bytes per emit, an eighth of the CPU of a wave) and
   * no timer of its own (the waiters expire together, `AckExpiry`).
   */
  override broadcastWithAck(
    packet: unknown,
    opts: BroadcastOptions,
    clientCountCallback: (clientCount: number) => void,
    ack: (...args: unknown[]) => void,
  ): void {
    if (!opts.flags?.local) {
      const requestId = `${this.uid}.${++this.ackRequestsSent}`;
      this.ackWaiters.set(requestId, { clientCountCallback, ack });
      this.publish({
        type: MessageType.BROADCAST,
        data: {
          // A copy: the local send below numbers the packet, and the batch is written out after
          // the loop that emits (JSON written here, in the loop, would hold back the next offer).
          packet: { ...(packet as object) },
          requestId,
          opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags ?? {} },
        },
      });
      // As the stock adapter: no way to know when every node's clients have answered, so the
      // waiter goes after the emit's timeout (a late answer finds socket.io's own timer expired).
      this.expiry.add(requestId, opts.flags?.timeout ?? 0);
    }
    // This node's own sockets, as the in-memory adapter sends them (the stock class's parent).
    Adapter.prototype.broadcastWithAck.call(this, packet, opts, clientCountCallback, ack);
  }

  override onResponse(response: ClusterResponse): void {
    const waiter =
      response.type === MessageType.BROADCAST_CLIENT_COUNT || response.type === MessageType.BROADCAST_ACK
        ? this.ackWaiters.get(response.data.requestId)
        : undefined;
    if (!waiter) super.onResponse(response);
    else if (response.type === MessageType.BROADCAST_CLIENT_COUNT)
      waiter.clientCountCallback(response.data.clientCount);
    else if (response.type === MessageType.BROADCAST_ACK) waiter.ack(response.data.packet);
  }

  /** The goodbye to the other nodes goes now: the pool may end right after. */
  override close(): void {
    super.close();
    this.expiry.stop();
    this.flush(true);
  }

  override onMessage(message: ClusterMessage, offset?: string): void {
    const received: unknown = message;
    if (!isBatch(received)) {
      super.onMessage(message, offset);
      return;
    }
    for (const inner of received.data.messages) super.onMessage(inner as ClusterMessage, offset);
  }

  private enqueue(message: Published): void {
    if (this.outbox.length === 0) setImmediate(() => this.flush());
    this.outbox.push(message);
  }

  /** Bytes of messages a NOTIFY's batch holds, under PostgreSQL's 8000 with its head and tail. */
  private room(): number {
    return this.sizes.payloadThreshold - this.head.length - TAIL.length;
  }

  /**
   * Sends what waits, unless statements are still on their way (`now` for the goodbye): all go
   * through one connection, one round trip each, so sending a NOTIFY per turn of the loop capped
   * a node at one batch per round trip however long the queue behind it grew (bench:adapter saw
   * seconds of delay at 1,000 events/s on a busy machine). Held back while one is answered, the
   * next batch takes everything that came meanwhile: the batch grows with the load instead.
   */
  private flush(now = false): void {
    if (this.inFlight > 0 && !now) return;
    const messages = this.outbox;
    this.outbox = [];
    // Each message is looked at once: a binary payload goes alone (the attachment path keeps it
    // binary only for the stock types), as does one too big for a NOTIFY of its own (the stock
    // path, through the attachments table); the rest in NOTIFYs each under PostgreSQL's 8000
    // bytes: a wave's hundreds of offers in a few of them, rather than one row in the
    // attachments table that every node must read back. Each is a statement of its own, all
    // sent at once (they queue on the connection, in order).
    const room = this.room();
    let chunk: string[] = [];
    let bytes = 0;
    for (const m of messages) {
      if (hasBinary(m)) {
        this.track(this.pubsub.publish(m));
        continue;
      }
      const json = JSON.stringify(m);
      const size = Buffer.byteLength(json) + 1;
      if (size > room) {
        this.track(this.pubsub.publish(m));
        continue;
      }
      if (bytes + size > room) {
        this.notify(`${this.head}${chunk.join(',')}${TAIL}`);
        chunk = [];
        bytes = 0;
      }
      chunk.push(json);
      bytes += size;
    }
    if (chunk.length > 0) this.notify(`${this.head}${chunk.join(',')}${TAIL}`);
  }

  /** One NOTIFY on the namespace's channel, as the stock client sends it. */
  private notify(payload: string): void {
    this.track(
      this.sizes.pool
        .query('SELECT pg_notify($1, $2)', [`${this.sizes.channelPrefix}#${this.nsp.name}`, payload])
        .then(
          () => {},
          (error: Error) => this.sizes.errorHandler(error),
        ),
    );
  }

  /** Counts a statement until it is answered (it never rejects); then what waited goes. */
  private track(sent: Promise<unknown>): void {
    this.inFlight++;
    void sent.finally(() => {
      this.inFlight--;
      if (this.inFlight === 0 && this.outbox.length > 0) this.flush();
    });
  }
}

/**
 * The stock `createAdapter`, building the batching adapter: one pub/sub client (one LISTEN
 * connection) for every namespace, as the stock factory does.
 */
export function createBatchingAdapter(pool: pg.Pool, opts: PostgresAdapterOptions & ClusterAdapterOptions) {
  const options: Required<PostgresAdapterOptions> = {
    channelPrefix: 'socket.io',
    tableName: 'socket_io_attachments',
    payloadThreshold: 8000,
    cleanupInterval: 30_000,
    errorHandler: () => {},
    ...opts,
  };
  const namespaces = new Map<string, BatchingPostgresAdapter>();
  // Before the pub/sub client checks its LISTEN connection out.
  dropOwnBatchesUnread(pool, () => namespaces.values());
  const client = new PubSubClient(
    pool,
    options,
    // By uid alone: the header of a message sent through the attachments table names no
    // namespace, and the stock check fetched and decoded each of this node's own big messages.
    (msg) => [...namespaces.values()].some((adapter) => adapter.ownUid === msg.uid),
    (msg) => namespaces.get(msg.nsp)?.onMessage(msg),
  );
  // socket.io calls it with `new`, so a function, not an arrow.
  return function adapterOf(nsp: { name: string }) {
    const adapter = new BatchingPostgresAdapter(nsp, opts, client, { pool, ...options });
    namespaces.set(nsp.name, adapter);
    client.addNamespace(nsp.name);
    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      namespaces.delete(nsp.name);
      if (namespaces.size === 0) client.close();
      return close();
    };
    return adapter;
  };
}

/**
 * Every node hears its own NOTIFYs back, and the stock client parsed each whole (a wave's
 * batches of offers, all of it) only to drop it by uid. A batch of this node's begins with its
 * uid (`head`), so its echo is known by its first bytes: the payload is swapped for the head's
 * uid alone before the stock listener parses it, and dropped there as this node's, as before.
 * Added once to each of the pool's connections (the LISTEN one is one of them).
 */
function dropOwnBatchesUnread(pool: pg.Pool, adapters: () => Iterable<BatchingPostgresAdapter>): void {
  const seen = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (seen.has(client)) return;
    seen.add(client);
    client.prependListener('notification', (msg) => {
      const payload = msg.payload;
      if (payload === undefined) return;
      for (const adapter of adapters()) {
        if (payload.startsWith(adapter.head)) {
          msg.payload = JSON.stringify({ uid: adapter.ownUid });
          return;
        }
      }
    });
  });
}
